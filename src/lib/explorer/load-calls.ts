/**
 * Reading what the explorer shows: every trace, the runs they belong to (for protocol and
 * outcome), and the keep/drop marks; and marking calls, as new immutable maps.
 */
import type { CurationStoreApi } from '../storage/curation-store';
import type { RunRecord, TraceRecord } from '../storage/records';
import { callRows, type CallRow } from './call-rows';

/** What the explorer reads traces and runs from (RunStoreApi has both). */
export interface TraceSource {
  allTraces(): Promise<TraceRecord[]>;
  get(runId: string): Promise<RunRecord | undefined>;
}

export interface LoadedCalls {
  rows: CallRow[];
  traces: ReadonlyMap<string, TraceRecord>;
  /** Trace id → keep (true) or drop (false). */
  marks: ReadonlyMap<string, boolean>;
}

export async function loadCalls(
  source: TraceSource,
  curation: CurationStoreApi,
): Promise<LoadedCalls> {
  const [traces, marks] = await Promise.all([source.allTraces(), curation.allMarks()]);
  const runs = new Map<string, RunRecord>();
  await Promise.all(
    [...new Set(traces.map((t) => t.runId))].map(async (id) => {
      const run = await source.get(id);
      if (run) runs.set(id, run);
    }),
  );
  return {
    rows: callRows(traces, runs),
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
