/**
 * Reading what the explorer shows: every trace, the runs and benchmark batches they belong to
 * (for protocol and outcome), and the keep/drop marks; and marking calls, as new immutable maps.
 */
import type { BatchStoreApi } from '../storage/batch-store';
import type { CurationStoreApi } from '../storage/curation-store';
import type { RunRecord, TraceRecord } from '../storage/records';
import { callRows, type BatchOfCalls, type CallRow } from './call-rows';

/** What the explorer reads traces and runs from (RunStoreApi has both). */
export interface TraceSource {
  allTraces(): Promise<TraceRecord[]>;
  get(runId: string): Promise<RunRecord | undefined>;
}

/** Where benchmark calls' batches and item records are read from (BatchStoreApi has both). */
export type BatchSource = Pick<BatchStoreApi, 'getBatch' | 'itemsOf'>;

/** Each batch that `traces` name, read once with its item records; gone batches are left out. */
export async function batchesOf(
  traces: readonly TraceRecord[],
  source: BatchSource,
): Promise<Map<string, BatchOfCalls>> {
  const ids = new Set<string>();
  for (const trace of traces) if (trace.batch) ids.add(trace.batch.batchId);
  const batches = new Map<string, BatchOfCalls>();
  await Promise.all(
    [...ids].map(async (id) => {
      const [batch, items] = await Promise.all([source.getBatch(id), source.itemsOf(id)]);
      if (batch) batches.set(id, { batch, items: new Map(items.map((i) => [i.index, i])) });
    }),
  );
  return batches;
}

export interface LoadedCalls {
  rows: CallRow[];
  traces: ReadonlyMap<string, TraceRecord>;
  /** Trace id → keep (true) or drop (false). */
  marks: ReadonlyMap<string, boolean>;
}

/**
 * Every logged call as a row. Benchmark calls take their protocol and outcome from `batches`
 * (none given: as if their batches were gone); the others from their runs.
 */
export async function loadCalls(
  source: TraceSource,
  curation: CurationStoreApi,
  batchSource?: BatchSource | null,
): Promise<LoadedCalls> {
  const [traces, marks] = await Promise.all([source.allTraces(), curation.allMarks()]);
  const runs = new Map<string, RunRecord>();
  const runIds = new Set<string>();
  for (const trace of traces) if (!trace.batch) runIds.add(trace.runId);
  const [batches] = await Promise.all([
    batchSource ? batchesOf(traces, batchSource) : new Map<string, BatchOfCalls>(),
    ...[...runIds].map(async (id) => {
      const run = await source.get(id);
      if (run) runs.set(id, run);
    }),
  ]);
  return {
    rows: callRows(traces, runs, batches),
    traces: new Map(traces.map((t) => [t.id, t])),
    marks: new Map(marks.map((m) => [m.traceId, m.keep])),
  };
}

/** The marks with `ids` set to `keep`, as a new map. */
export function withMarks(
  marks: ReadonlyMap<string, boolean>,
  ids: readonly string[],
  keep: boolean,
): ReadonlyMap<string, boolean> {
  const next = new Map(marks);
  for (const id of ids) next.set(id, keep);
  return next;
}
