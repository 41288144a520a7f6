/**
 * The explorer's dataset export: the calls shown, after the export's own choices (only kept,
 * only right), split into train and validation with a seed, written in one of the five dataset
 * formats, with a dataset card. `exportCounts` gives the figures before anything is written.
 */
import { curatedFromTrace, type CuratedCall } from '../specialist/curated-call';
import { datasetCard } from '../specialist/dataset-card';
import { writeDataset, type DatasetFormat } from '../specialist/dataset-formats';
import { splitDataset, validationCount, type Split } from '../specialist/split';
import type { TraceRecord } from '../storage/records';
import type { CallRow } from './call-rows';

export interface ExportOptions {
  format: DatasetFormat;
  onlyKept: boolean;
  onlyRight: boolean;
  mask: boolean;
  /** Strictly between 0 and 1. */
  validationShare: number;
  seed: number;
}

export interface ExportCounts {
  /** Calls the export takes. */
  total: number;
  train: number;
  validation: number;
  /** Shown calls whose run is gone (no protocol): never exported. */
  withoutRun: number;
}

export interface ExportFiles {
  train: string;
  validation: string;
  card: string;
  counts: ExportCounts;
}

/** Whether a call is kept: unmarked calls are. */
export const isKept = (marks: ReadonlyMap<string, boolean>, id: string): boolean =>
  marks.get(id) ?? true;

interface Candidate {
  row: CallRow;
  keep: boolean;
  outcome: CallRow['outcome'];
}

function candidates(rows: readonly CallRow[], marks: ReadonlyMap<string, boolean>): Candidate[] {
  return rows
    .filter((row) => row.protocol !== null)
    .map((row) => ({ row, keep: isKept(marks, row.id), outcome: row.outcome }));
}

export function exportCounts(
  rows: readonly CallRow[],
  marks: ReadonlyMap<string, boolean>,
  options: Pick<ExportOptions, 'onlyKept' | 'onlyRight' | 'validationShare'>,
): ExportCounts {
  // One pass, no allocation: this runs whenever the shown calls change.
  let total = 0;
  let withoutRun = 0;
  for (const row of rows) {
    if (row.protocol === null) withoutRun++;
    else if (
      (!options.onlyKept || isKept(marks, row.id)) &&
      (!options.onlyRight || row.outcome === 'right')
    )
      total++;
  }
  const validation = validationCount(total, options.validationShare);
  return { total, train: total - validation, validation, withoutRun };
}

/**
 * The calls an export takes, split into train and validation as it writes them: the one split,
 * so that what a comparison holds out is exactly the export's validation part.
 */
export function exportSplit(
  rows: readonly CallRow[],
  traces: ReadonlyMap<string, TraceRecord>,
  marks: ReadonlyMap<string, boolean>,
  options: Pick<ExportOptions, 'onlyKept' | 'onlyRight' | 'validationShare' | 'seed'>,
): Split<CuratedCall> {
  const calls: CuratedCall[] = [];
  for (const { row, keep } of candidates(rows, marks)) {
    const trace = traces.get(row.id);
    if (trace && row.protocol) calls.push(curatedFromTrace(trace, row.protocol, row.outcome, keep));
  }
  return splitDataset(calls, options);
}

export function buildExport(
  rows: readonly CallRow[],
  traces: ReadonlyMap<string, TraceRecord>,
  marks: ReadonlyMap<string, boolean>,
  options: ExportOptions,
  now: Date = new Date(),
): ExportFiles {
  const split = exportSplit(rows, traces, marks, options);
  const written = { mask: options.mask };
  return {
    train: writeDataset(split.train, options.format, written),
    validation: writeDataset(split.validation, options.format, written),
    card: datasetCard({
      format: options.format,
      train: split.train,
      validation: split.validation,
      sources: [],
      masked: options.mask,
      createdAt: now,
    }),
    counts: exportCounts(rows, marks, options),
  };
}
