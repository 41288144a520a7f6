/**
 * StorageBackend over the playground's IndexedDB database (see database.ts). Raw IndexedDB
 * errors pass through; the RunStore turns them into StorageErrors.
 */
import {
  batchTraceRange,
  compareTraces,
  compareTracesInRun,
  matchesQuery,
  searchTerm,
  type RunQuery,
  type StorageBackend,
} from './backend';
import type { PlaygroundDb } from './database';
import type { RunRecord, RunStatus, SavedConfigRecord, TraceRecord } from './records';

export class IdbBackend implements StorageBackend {
  readonly #db: Promise<PlaygroundDb>;
  /** The database once opened, so a write can start without waiting a turn (see putRun). */
  #opened: PlaygroundDb | undefined;

  constructor(db: Promise<PlaygroundDb>) {
    this.#db = db;
    db.then(
      (opened) => (this.#opened = opened),
      () => undefined, // failures surface through the operations
    );
  }

  /**
   * Once the database is open, the transaction starts before this returns (no await comes
   * first): a write asked for while the page goes away (pagehide) still reaches IndexedDB.
   */
  async putRun(run: RunRecord, commitNow = false): Promise<void> {
    const db = this.#opened ?? (await this.#db);
    if (!commitNow) {
      await db.put('runs', run);
      return;
    }
    // Committed explicitly: Chromium may drop a transaction still waiting to auto-commit when
    // the page is torn down.
    const tx = db.transaction('runs', 'readwrite');
    const put = tx.store.put(run);
    tx.commit();
    await Promise.all([put, tx.done]);
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    return (await this.#db).get('runs', id);
  }

  /** One transaction: the run and its traces go together or not at all. */
  async deleteRun(id: string): Promise<void> {
    const tx = (await this.#db).transaction(['runs', 'traces'], 'readwrite');
    const traces = tx.objectStore('traces');
    await Promise.all([
      tx.objectStore('runs').delete(id),
      traces
        .index('by-runId')
        .getAllKeys(id)
        .then((keys) => Promise.all(keys.map((key) => traces.delete(key)))),
      tx.done,
    ]);
  }

  /** Walks the createdAt index backwards, filtering by the search term, until `limit` match. */
  async listRuns(query: RunQuery): Promise<RunRecord[]> {
    const db = await this.#db;
    const range = query.before === undefined ? null : IDBKeyRange.upperBound(query.before, true);
    const limit = query.limit ?? Number.POSITIVE_INFINITY;
    const runs: RunRecord[] = [];
    if (limit <= 0) return runs;
    const term = searchTerm(query.search);
    const tx = db.transaction('runs', 'readonly');
    let cursor = await tx.store.index('by-createdAt').openCursor(range, 'prev');
    while (cursor) {
      if (matchesQuery(cursor.value, { search: term })) runs.push(cursor.value);
      if (runs.length >= limit) break;
      cursor = await cursor.continue();
    }
    await tx.done;
    return runs;
  }

  async runsWithStatus(status: RunStatus): Promise<RunRecord[]> {
    const db = await this.#db;
    const tx = db.transaction('runs', 'readonly');
    // The index exists from version 2 on; scan when an older connection is in use.
    const runs = tx.store.indexNames.contains('by-status')
      ? await tx.store.index('by-status').getAll(status)
      : (await tx.store.getAll()).filter((r) => r.status === status);
    await tx.done;
    return runs;
  }

  async putConfig(config: SavedConfigRecord): Promise<void> {
    await (await this.#db).put('configs', config);
  }

  async listConfigs(): Promise<SavedConfigRecord[]> {
    return (await (await this.#db).getAllFromIndex('configs', 'by-createdAt')).reverse();
  }

  async deleteConfig(id: string): Promise<void> {
    await (await this.#db).delete('configs', id);
  }

  async putTrace(trace: TraceRecord): Promise<void> {
    await (await this.#db).put('traces', trace);
  }

  async tracesForRun(runId: string): Promise<TraceRecord[]> {
    const traces = await (await this.#db).getAllFromIndex('traces', 'by-runId', runId);
    return traces.sort(compareTracesInRun);
  }

  async allTraces(): Promise<TraceRecord[]> {
    return (await (await this.#db).getAll('traces')).sort(compareTraces);
  }

  /** One transaction over the runId index's range of the batch's item keys (no schema change). */
  async deleteBatchTraces(batchId: string): Promise<void> {
    const { lower, upper } = batchTraceRange(batchId);
    const tx = (await this.#db).transaction('traces', 'readwrite');
    const keys = await tx.store.index('by-runId').getAllKeys(IDBKeyRange.bound(lower, upper));
    await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
  }
}
