/**
 * The results grid of a batch (items × configs, as promptfoo shows it): which rows a filter and
 * a search keep, and a word-level diff of two configs' answers. Pure functions over the stored
 * records, so a running batch's grid is the same computation over fewer rows.
 */
import { diffWords } from 'diff';
import type { BatchItemRecord, BatchRecord, SideOutcome } from '../storage/batch-records';

/** All rows; rows where any config is not right; rows where the configs differ in correctness. */
export type GridFilter = 'all' | 'failures' | 'flips';

export const GRID_FILTERS: readonly { id: GridFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'failures', label: 'Failures' },
  { id: 'flips', label: 'Flips' },
];

/** A side is right when it finished and scored at least 0.5 (as the item marks read it). */
export const isRight = (side: SideOutcome): boolean =>
  side.status === 'done' && side.scores.correct >= 0.5;

/** Any config's side on the row is wrong, failed or stopped. */
export const isFailure = (row: BatchItemRecord): boolean => row.sides.some((s) => !isRight(s));

/** At least one config is right and another is not. */
export function isFlip(row: BatchItemRecord): boolean {
  const right = row.sides.filter(isRight).length;
  return right > 0 && right < row.sides.length;
}

const KEEP: Record<GridFilter, (row: BatchItemRecord) => boolean> = {
  all: () => true,
  failures: isFailure,
  flips: isFlip,
};

/** How many rows each filter keeps (before the search). */
export function filterCounts(results: readonly BatchItemRecord[]): Record<GridFilter, number> {
  return {
    all: results.length,
    failures: results.filter(isFailure).length,
    flips: results.filter(isFlip).length,
  };
}

/** The words of a search, lower-cased; every one must appear in the row. */
const terms = (query: string) => query.toLowerCase().split(/\s+/).filter(Boolean);

/** The text a search looks in: the question, the gold answer and every config's answer. */
function searchText(batch: BatchRecord, row: BatchItemRecord): string {
  const item = batch.items[row.index];
  return [item?.question ?? row.itemId, item?.answer ?? '', ...row.sides.map((s) => s.finalAnswer)]
    .join('\n')
    .toLowerCase();
}

/** The rows a filter and a search keep, by item order. */
export function gridRows(
  batch: BatchRecord,
  results: readonly BatchItemRecord[],
  filter: GridFilter,
  query: string,
): BatchItemRecord[] {
  const words = terms(query);
  return results
    .filter(KEEP[filter])
    .filter((row) => {
      if (!words.length) return true;
      const text = searchText(batch, row);
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => a.index - b.index);
}

/** One run of words in a diff: in both answers, only in the second (added), only in the first. */
export interface DiffPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

/** A word-level diff from answer `a` to answer `b` (jsdiff's diffWords). */
export function answerDiff(a: string, b: string): DiffPart[] {
  return diffWords(a, b).map((part) => ({
    text: part.value,
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }));
}

/** An answer cut to `max` characters for a grid cell (the item's details show it whole). */
export function shortAnswer(answer: string, max = 160): string {
  const flat = answer.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}
