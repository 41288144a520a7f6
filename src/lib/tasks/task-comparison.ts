/**
 * A task found in the calls, compared with a specialist: which roles made its calls (and how many
 * of each the export holds out), and the comparison of one task × role, with the runs and batches
 * its calls came from read first (each once).
 */
import type { CallRow } from '../explorer/call-rows';
import type { ExplorerState } from '../explorer/explorer-state.svelte';
import type { BatchRecord } from '../storage/batch-records';
import type { TaskClusterEntry } from '../storage/curation-records';
import type { RunRecord } from '../storage/records';
import type { ModelRef } from '../team/config';
import { specialistComparison, type SpecialistComparison } from './specialist-comparison';

export interface TaskRole {
  roleName: string;
  calls: number;
  /** Calls the export holds out (its validation part) with the current choices. */
  heldOut: number;
  /** The model that made most of the role's calls. */
  modelId: string;
}

/** The value seen most often (the first seen on a tie). */
function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? '';
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

/** Where the runs and batches are read from (the run store and the batch store). */
export interface RecordLookup {
  run(id: string): Promise<RunRecord | undefined>;
  batch(id: string): Promise<BatchRecord | undefined>;
}

function rowsOf(explorer: ExplorerState, task: TaskClusterEntry, roleName?: string): CallRow[] {
  const ids = new Set(task.traceIds);
  return explorer.rows.filter(
    (r) => ids.has(r.id) && (roleName === undefined || r.roleName === roleName),
  );
}

/** The roles of a task's calls, most calls first (then by name). */
export function taskRoles(explorer: ExplorerState, task: TaskClusterEntry): TaskRole[] {
  const byRole = new Map<string, CallRow[]>();
  for (const row of rowsOf(explorer, task)) {
    const rows = byRole.get(row.roleName);
    if (rows) rows.push(row);
    else byRole.set(row.roleName, [row]);
  }
  return [...byRole]
    .map(([roleName, rows]) => ({
      roleName,
      calls: rows.length,
      heldOut: explorer.splitRows(rows).validation.length,
      modelId: mostFrequent(rows.map((r) => r.modelId)),
    }))
    .sort((a, b) => b.calls - a.calls || a.roleName.localeCompare(b.roleName));
}

export async function compareTask(
  explorer: ExplorerState,
  task: TaskClusterEntry,
  taskName: string,
  roleName: string,
  specialist: ModelRef,
  lookup: RecordLookup,
  now: number,
): Promise<SpecialistComparison> {
  const split = explorer.splitRows(rowsOf(explorer, task, roleName));
  const runIds = new Set<string>();
  const batchIds = new Set<string>();
  for (const call of [...split.train, ...split.validation]) {
    const trace = explorer.trace(call.id);
    if (trace?.batch) batchIds.add(trace.batch.batchId);
    else if (trace) runIds.add(trace.runId);
  }
  const read = async <T>(ids: Set<string>, get: (id: string) => Promise<T | undefined>) => {
    const found = new Map<string, T>();
    await Promise.all(
      [...ids].map(async (id) => {
        const record = await get(id);
        if (record !== undefined) found.set(id, record);
      }),
    );
    return found;
  };
  const [runs, batches] = await Promise.all([
    read(runIds, (id) => lookup.run(id)),
    read(batchIds, (id) => lookup.batch(id)),
  ]);
  const options = explorer.exportOptions;
  return specialistComparison(
    {
      taskKey: task.key,
      taskName,
      roleName,
      specialist,
      split,
      seed: options.seed,
      validationShare: options.validationShare,
      now,
    },
    {
      trace: (id) => explorer.trace(id),
      run: (id) => runs.get(id),
      batch: (id) => batches.get(id),
    },
  );
}
