/**
 * What the UI uses to keep runs, configs and traces: RunStoreApi, implemented by RunStore over
 * IndexedDB or over memory. Its methods never reject because of storage faults: a failed write
 * keeps the data in memory and is reported through `onError`; a failed read answers from memory.
 */
import type { ExperimentConfig } from '../team/config';
import type { SideResult, Turn } from '../team/protocols/types';
import type { RunQuery } from './backend';
import type { StorageError } from './errors';
import type {
  ForkOf,
  NewTrace,
  RunRecord,
  RunStatus,
  RunSummary,
  SavedConfigRecord,
  SideName,
  TraceRecord,
} from './records';
import type { LockApi } from './run-locks';
import type { Clock } from './throttle';

export type StorageMode = 'indexeddb' | 'memory';

export type ListOptions = RunQuery;

/** How a run ended (finishRun), or 'interrupted' (markInterrupted). */
export type FinalRunStatus = Exclude<RunStatus, 'running'>;

export interface RunStoreOptions {
  /**
   * Storage faults (StorageQuotaError, StorageUnavailableError, ...). Each kind is reported once
   * until a write succeeds again, not on every throttled write. Default: console.warn.
   */
  onError?: (error: StorageError) => void;
  /** Least time between two writes of one run while tokens stream (default 250 ms). */
  throttleMs?: number;
  /** Time and timers (default: Date.now and setTimeout). */
  clock?: Clock;
  /** Web Locks for telling runs live in other tabs (default navigator.locks; null: none). */
  locks?: LockApi | null;
}

export interface RunStoreApi {
  /** Where data goes now: 'memory' once IndexedDB could not be opened or was lost. */
  readonly mode: StorageMode;

  /** Starts a run ('running', both sides empty) and writes it at once. */
  /** A new run being recorded; `forkOf` marks a fork of an earlier run. */
  createRun(config: ExperimentConfig, forkOf?: ForkOf): Promise<RunRecord>;
  /**
   * Adds a turn to a side (or replaces the one with the same index). `partial`: the turn still
   * streams; such writes are coalesced (at most one per run per throttle interval), and the
   * promise resolves at once. A complete turn is written at once; the promise resolves then.
   */
  appendTurn(runId: string, side: SideName, turn: Turn, partial: boolean): Promise<void>;
  /** Replaces the turn with the same index (or adds it); same writing rules as appendTurn. */
  updateTurn(runId: string, side: SideName, turn: Turn, partial: boolean): Promise<void>;
  /** Records one side's result while the run goes on (the other side may still stream). */
  finishSide(runId: string, side: SideName, result: SideResult): Promise<void>;
  /**
   * Ends a run: sets its status and the given sides' results, and writes at once. Sides not
   * given that are still 'running' take the run's status.
   */
  finishRun(
    runId: string,
    status: FinalRunStatus,
    sides?: Partial<Record<SideName, SideResult>>,
  ): Promise<void>;
  /**
   * For app start: runs left 'running' by a page that went away become 'interrupted' (sides
   * too), keeping their turns, partial ones included. Skips runs this store or another tab
   * (Web Locks) is recording. Resolves to the ids changed.
   */
  markInterrupted(): Promise<string[]>;
  /** Writes every coalesced update now; resolves when all writes so far are done. */
  flush(): Promise<void>;
  /**
   * For a page going away (pagehide): starts a write of every run being recorded, its newest
   * state, before it returns (the IndexedDB transactions are open when it does, so they
   * complete even as the page unloads). Faults go to onError as usual.
   */
  flushNow(): void;

  /** Summaries, newest first. */
  list(options?: ListOptions): Promise<RunSummary[]>;
  get(id: string): Promise<RunRecord | undefined>;
  /** Deletes the run and its traces. */
  delete(id: string): Promise<void>;

  saveConfig(name: string, config: ExperimentConfig): Promise<SavedConfigRecord>;
  /** Newest first. */
  listConfigs(): Promise<SavedConfigRecord[]>;
  deleteConfig(id: string): Promise<void>;

  addTrace(trace: NewTrace): Promise<TraceRecord>;
  /** Solo first, then team, each in call order. */
  tracesForRun(runId: string): Promise<TraceRecord[]>;
  /** Every trace, by start time. */
  allTraces(): Promise<TraceRecord[]>;
  /** Deletes the traces of a benchmark batch's calls (for when the batch is deleted). */
  deleteTracesOfBatch(batchId: string): Promise<void>;

  /** Flushes, then closes the database connection (if any). */
  close(): Promise<void>;
}
