/**
 * RunStore: runs written as they happen (token updates coalesced, turn and run ends at once),
 * saved configs and traces, over IndexedDB, with memory as the fallback for every fault.
 *
 * Where data lives: runs being recorded are held here (the newest state; reads see it), and
 * written to IndexedDB. A write IndexedDB refuses (quota) keeps the record in a memory overlay
 * that reads merge in, and is reported once through `onError`; the next write tries IndexedDB
 * again. When IndexedDB is lost (unavailable, blocked, closed for another tab's upgrade), the
 * store goes on in memory only (`mode` becomes 'memory').
 */
import type { ExperimentConfig } from '../team/config';
import type { SideResult, Turn } from '../team/protocols/types';
import type { FinalRunStatus, ListOptions, RunStoreApi, RunStoreOptions, StorageMode } from './api';
import {
  compareTraces,
  compareTracesInRun,
  matchesQuery,
  MemoryBackend,
  newestFirst,
  type StorageBackend,
} from './backend';
import type { PlaygroundDb } from './database';
import { StorageError } from './errors';
import { FallbackStorage } from './fallback';
import { IdbBackend } from './idb-backend';
import {
  newId,
  newRunRecord,
  SIDE_NAMES,
  sideRecordFromResult,
  summarizeRun,
  toPlain,
  turnRecord,
  type ForkOf,
  type NewTrace,
  type RunRecord,
  type RunSummary,
  type SavedConfigRecord,
  type SideName,
  type TraceRecord,
} from './records';
import { RunLocks } from './run-locks';
import { systemClock, WriteThrottle, type Clock } from './throttle';

export const DEFAULT_THROTTLE_MS = 250;

export class RunStore implements RunStoreApi {
  readonly #db: Promise<PlaygroundDb> | undefined;
  /** Runs being recorded, by id: the newest state. */
  readonly #active = new Map<string, RunRecord>();
  /** Runs this store recorded that have since ended or been deleted. */
  readonly #ended = new Set<string>();
  readonly #throttle: WriteThrottle;
  readonly #clock: Clock;
  readonly #locks: RunLocks;
  readonly #storage: FallbackStorage;
  #lastCreatedAt = 0;

  /**
   * `db`: the database (openPlaygroundDb's promise; if it rejects, the store runs in memory), or
   * any StorageBackend (a MemoryBackend for memory mode).
   */
  constructor(db: Promise<PlaygroundDb> | StorageBackend, options: RunStoreOptions = {}) {
    if (db instanceof Promise) {
      db.catch(() => undefined); // failures surface through the operations
      this.#db = db;
    }
    this.#storage = new FallbackStorage(
      db instanceof Promise ? new IdbBackend(db) : db,
      options.onError ?? ((error) => console.warn(error)),
    );
    this.#clock = options.clock ?? systemClock;
    this.#locks = new RunLocks(options.locks);
    this.#throttle = new WriteThrottle(
      (runId) => this.#writeActive(runId),
      options.throttleMs ?? DEFAULT_THROTTLE_MS,
      this.#clock,
    );
  }

  get mode(): StorageMode {
    return this.#storage.mode;
  }

  /** Goes on in memory only from now on (e.g. another tab upgraded the database). */
  useMemory(reason: StorageError): void {
    this.#storage.useMemory(reason);
  }

  #saveRun(run: RunRecord, commitNow = false): Promise<void> {
    return this.#storage.write(
      'save the run',
      (b) => b.putRun(run, commitNow),
      () => this.#storage.memory.forgetRun(run.id),
    );
  }

  async #writeActive(runId: string): Promise<void> {
    const run = this.#active.get(runId);
    if (run) await this.#saveRun(run);
  }

  async createRun(config: ExperimentConfig, forkOf?: ForkOf): Promise<RunRecord> {
    const createdAt = Math.max(this.#clock.now(), this.#lastCreatedAt + 1);
    this.#lastCreatedAt = createdAt;
    const run = newRunRecord(config, newId(), createdAt, forkOf);
    this.#active.set(run.id, run);
    this.#locks.hold(run.id);
    await this.#throttle.now(run.id);
    return structuredClone(run);
  }

  appendTurn(runId: string, side: SideName, turn: Turn, partial: boolean): Promise<void> {
    return this.updateTurn(runId, side, turn, partial);
  }

  async updateTurn(runId: string, side: SideName, turn: Turn, partial: boolean): Promise<void> {
    const run = this.#active.get(runId);
    if (!run) {
      // Late events of a run that ended or was deleted are dropped; unknown runs are a bug.
      if (!this.#ended.has(runId))
        this.#storage.fault(
          new StorageError('StorageError', `Run ${runId} is not being recorded.`),
        );
      return;
    }
    const turns = run.sides[side].turns;
    const record = turnRecord(turn, partial);
    const at = turns.findIndex((t) => t.index === record.index);
    if (at >= 0) turns[at] = record;
    else {
      turns.push(record);
      if (turns.length > 1 && turns[turns.length - 2]!.index > record.index)
        turns.sort((a, b) => a.index - b.index);
    }
    run.updatedAt = this.#clock.now();
    if (partial) this.#throttle.soon(runId);
    else await this.#throttle.now(runId);
  }

  async finishSide(runId: string, side: SideName, result: SideResult): Promise<void> {
    await this.#change(runId, (run) => {
      run.sides[side] = sideRecordFromResult(result);
    });
  }

  async finishRun(
    runId: string,
    status: FinalRunStatus,
    sides: Partial<Record<SideName, SideResult>> = {},
  ): Promise<void> {
    await this.#change(runId, (run) => {
      run.status = status;
      for (const name of SIDE_NAMES) {
        const result = sides[name];
        if (result) run.sides[name] = sideRecordFromResult(result);
        else if (run.sides[name].status === 'running') run.sides[name].status = status;
      }
    });
    await this.#throttle.forget(runId);
    this.#active.delete(runId);
    this.#ended.add(runId);
    this.#locks.release(runId);
  }

  /** Changes a run (being recorded or not) and writes it at once. */
  async #change(runId: string, change: (run: RunRecord) => void): Promise<void> {
    const active = this.#active.get(runId);
    const run = active ?? (await this.get(runId));
    if (!run) return;
    change(run);
    run.updatedAt = this.#clock.now();
    if (active) await this.#throttle.now(runId);
    else await this.#saveRun(run);
  }

  async markInterrupted(): Promise<string[]> {
    const live = await this.#locks.live();
    const running = await this.#storage.merge(
      'find unfinished runs',
      (b) => b.runsWithStatus('running'),
      (r) => r.id,
    );
    const changed: string[] = [];
    for (const run of running.values()) {
      if (this.#active.has(run.id) || live.has(run.id)) continue;
      run.status = 'interrupted';
      for (const name of SIDE_NAMES) {
        if (run.sides[name].status === 'running') run.sides[name].status = 'interrupted';
      }
      await this.#saveRun(run);
      changed.push(run.id);
    }
    return changed;
  }

  flush(): Promise<void> {
    return this.#throttle.flush();
  }

  flushNow(): void {
    // No await comes before the put: each transaction is open when this returns.
    for (const run of this.#active.values()) void this.#saveRun(run, true);
  }

  async list(options: ListOptions = {}): Promise<RunSummary[]> {
    const runs = await this.#storage.merge(
      'list the saved runs',
      (b) => b.listRuns(options),
      (r) => r.id,
    );
    for (const run of this.#active.values()) {
      if (matchesQuery(run, options)) runs.set(run.id, run);
    }
    const sorted = [...runs.values()].sort(newestFirst);
    return sorted.slice(0, options.limit ?? sorted.length).map(summarizeRun);
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const active = this.#active.get(id);
    if (active) return structuredClone(active);
    const inMemory = await this.#storage.memory.getRun(id);
    if (inMemory) return inMemory;
    const stored = await this.#storage.attempt('read the run', (b) => b.getRun(id));
    return stored.ok ? stored.value : undefined;
  }

  async delete(id: string): Promise<void> {
    await this.#throttle.forget(id);
    if (this.#active.delete(id)) this.#ended.add(id);
    this.#locks.release(id);
    await this.#storage.memory.deleteRun(id);
    if ((await this.#storage.attempt('delete the run', (b) => b.deleteRun(id))).ok)
      this.#storage.succeeded();
  }

  async saveConfig(name: string, config: ExperimentConfig): Promise<SavedConfigRecord> {
    const record = { id: newId(), name, createdAt: this.#clock.now(), config: toPlain(config) };
    await this.#storage.write('save the config', (b) => b.putConfig(record));
    return structuredClone(record);
  }

  async listConfigs(): Promise<SavedConfigRecord[]> {
    const configs = await this.#storage.merge(
      'list the configs',
      (b) => b.listConfigs(),
      (c) => c.id,
    );
    return [...configs.values()].sort(newestFirst);
  }

  async deleteConfig(id: string): Promise<void> {
    await this.#storage.memory.deleteConfig(id);
    await this.#storage.attempt('delete the config', (b) => b.deleteConfig(id));
  }

  async addTrace(trace: NewTrace): Promise<TraceRecord> {
    const record: TraceRecord = { ...toPlain(trace), id: trace.id ?? newId() };
    await this.#storage.write('save a trace', (b) => b.putTrace(record));
    return structuredClone(record);
  }

  async tracesForRun(runId: string): Promise<TraceRecord[]> {
    const traces = await this.#storage.merge(
      'read traces',
      (b) => b.tracesForRun(runId),
      (t) => t.id,
    );
    return [...traces.values()].sort(compareTracesInRun);
  }

  async allTraces(): Promise<TraceRecord[]> {
    const traces = await this.#storage.merge(
      'read traces',
      (b) => b.allTraces(),
      (t) => t.id,
    );
    return [...traces.values()].sort(compareTraces);
  }

  async deleteTracesOfBatch(batchId: string): Promise<void> {
    await this.#storage.memory.deleteBatchTraces(batchId);
    if (
      (
        await this.#storage.attempt('delete the benchmark calls', (b) =>
          b.deleteBatchTraces(batchId),
        )
      ).ok
    )
      this.#storage.succeeded();
  }

  async close(): Promise<void> {
    await this.flush();
    if (!this.#db) return;
    try {
      (await this.#db).close();
    } catch {
      // Never opened: nothing to close.
    }
  }
}

/** A RunStore that keeps everything in memory (mode 'memory'). */
export function createMemoryRunStore(options: RunStoreOptions = {}): RunStore {
  return new RunStore(new MemoryBackend(), options);
}
