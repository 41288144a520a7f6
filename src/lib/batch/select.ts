/**
 * Choosing the N items a batch runs: the set's first N, or a seeded random sample of N (the
 * same seed gives the same items), kept in the set's order.
 */
import { mulberry32 } from '../eval/stats';
import type { EvalItem, EvalSet } from '../eval/types';
import type {
  BatchConfig,
  BatchRecord,
  BatchSelection,
  BatchSetInfo,
} from '../storage/batch-records';
import { newId, toPlain } from '../storage/records';

/** N clamped to 1..size (a whole number). */
export function clampCount(count: number, size: number): number {
  if (!Number.isFinite(count)) return Math.min(1, size);
  return Math.max(Math.min(1, size), Math.min(size, Math.round(count)));
}

/** The positions (in the set) of the chosen items, ascending. */
export function selectIndices(size: number, selection: BatchSelection): number[] {
  const count = clampCount(selection.count, size);
  if (selection.mode === 'first') return Array.from({ length: count }, (_, i) => i);
  // A partial Fisher–Yates shuffle: the first `count` places get a uniform sample.
  const random = mulberry32(selection.seed ?? 1);
  const pool = Array.from({ length: size }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (size - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count).sort((a, b) => a - b);
}

/** The chosen items, copied. */
export function selectItems(items: readonly EvalItem[], selection: BatchSelection): EvalItem[] {
  return selectIndices(items.length, selection).map((i) => structuredClone(items[i]!));
}

/** What a batch keeps about its question set (everything but the items). */
export function setInfo(set: EvalSet): BatchSetInfo {
  return {
    id: set.id,
    name: set.name,
    source: set.source,
    licence: set.licence,
    ...(set.format ? { format: set.format } : {}),
    size: set.items.length,
  };
}

/**
 * A new batch, running, over the selected items of `set` for `configs`: the one place the tab and
 * the headless runner make one. `itemsAtOnce` is recorded only above 1.
 */
export function newBatchRecord(
  set: EvalSet,
  selection: BatchSelection,
  configs: BatchConfig[],
  options: { now?: number; itemsAtOnce?: number } = {},
): BatchRecord {
  const now = options.now ?? Date.now();
  const itemsAtOnce = options.itemsAtOnce ?? 1;
  return toPlain({
    kind: 'batch',
    id: newId(),
    createdAt: now,
    updatedAt: now,
    status: 'running',
    set: setInfo(set),
    selection,
    items: selectItems(set.items, selection),
    configs,
    ...(itemsAtOnce > 1 ? { itemsAtOnce } : {}),
  });
}
