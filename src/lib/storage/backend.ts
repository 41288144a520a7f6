/**
 * The record-level operations a RunStore needs from where it keeps data, and the in-memory
 * implementation (used when IndexedDB is unavailable, and for records IndexedDB refused).
 * Backends may throw; the RunStore turns failures into StorageErrors.
 */
import type { RunRecord, RunStatus, SavedConfigRecord, SideName, TraceRecord } from './records';

export interface RunQuery {
  /** Case-insensitive substring of the question. */
  search?: string;
  /** Most runs to return. */
  limit?: number;
  /** Only runs created strictly before this time (ms), for paging: pass the last createdAt. */
  before?: number;
}

export interface StorageBackend {
  /**
   * `commitNow`: the page is going away; commit at once rather than when the event loop next
   * turns (a backend without transactions ignores it).
   */
  putRun(run: RunRecord, commitNow?: boolean): Promise<void>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /** Deletes the run and every trace of it. */
  deleteRun(id: string): Promise<void>;
  /** Newest first. */
  listRuns(query: RunQuery): Promise<RunRecord[]>;
  runsWithStatus(status: RunStatus): Promise<RunRecord[]>;
  putConfig(config: SavedConfigRecord): Promise<void>;
  /** Newest first. */
  listConfigs(): Promise<SavedConfigRecord[]>;
  deleteConfig(id: string): Promise<void>;
  putTrace(trace: TraceRecord): Promise<void>;
  /** In call order: solo first, then team, each by turn index. */
  tracesForRun(runId: string): Promise<TraceRecord[]>;
  /** By start time. */
  allTraces(): Promise<TraceRecord[]>;
  /** Deletes every trace of a benchmark batch's calls (their runIds start with `<batchId>:`). */
  deleteBatchTraces(batchId: string): Promise<void>;
}

/** The first and last runId a benchmark batch's traces can have (see batchItemKey). */
export function batchTraceRange(batchId: string): { lower: string; upper: string } {
  return { lower: `${batchId}:`, upper: `${batchId}:\uffff` };
}

/** The search term as matched against questionLower ('' matches everything). */
export function searchTerm(search: string | undefined): string {
  return (search ?? '').trim().toLowerCase();
}

export function matchesQuery(run: RunRecord, query: RunQuery): boolean {
  if (query.before !== undefined && !(run.createdAt < query.before)) return false;
  const term = searchTerm(query.search);
  return term === '' || run.questionLower.includes(term);
}

export const newestFirst = (a: { createdAt: number }, b: { createdAt: number }) =>
  b.createdAt - a.createdAt;

const SIDE_ORDER: Record<SideName, number> = { solo: 0, team: 1 };

/** Solo before team, then by turn index. */
export function compareTracesInRun(a: TraceRecord, b: TraceRecord): number {
  return SIDE_ORDER[a.side] - SIDE_ORDER[b.side] || a.turnIndex - b.turnIndex;
}

/** By start time, then by run and call order. */
export function compareTraces(a: TraceRecord, b: TraceRecord): number {
  return a.startedAt - b.startedAt || a.runId.localeCompare(b.runId) || compareTracesInRun(a, b);
}

/** Keeps everything in Maps; copies in and out, so callers never share objects with it. */
export class MemoryBackend implements StorageBackend {
  readonly #runs = new Map<string, RunRecord>();
  readonly #configs = new Map<string, SavedConfigRecord>();
  readonly #traces = new Map<string, TraceRecord>();

  async putRun(run: RunRecord): Promise<void> {
    this.#runs.set(run.id, structuredClone(run));
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const run = this.#runs.get(id);
    return run && structuredClone(run);
  }

  /** Drops the run but keeps its traces (a copy IndexedDB has since taken). */
  forgetRun(id: string): void {
    this.#runs.delete(id);
  }

  async deleteRun(id: string): Promise<void> {
    this.#runs.delete(id);
    for (const [key, trace] of this.#traces) if (trace.runId === id) this.#traces.delete(key);
  }

  async listRuns(query: RunQuery): Promise<RunRecord[]> {
    const runs = [...this.#runs.values()].filter((r) => matchesQuery(r, query)).sort(newestFirst);
    return structuredClone(runs.slice(0, query.limit ?? runs.length));
  }

  async runsWithStatus(status: RunStatus): Promise<RunRecord[]> {
    return structuredClone([...this.#runs.values()].filter((r) => r.status === status));
  }

  async putConfig(config: SavedConfigRecord): Promise<void> {
    this.#configs.set(config.id, structuredClone(config));
  }

  async listConfigs(): Promise<SavedConfigRecord[]> {
    return structuredClone([...this.#configs.values()].sort(newestFirst));
  }

  async deleteConfig(id: string): Promise<void> {
    this.#configs.delete(id);
  }

  async putTrace(trace: TraceRecord): Promise<void> {
    this.#traces.set(trace.id, structuredClone(trace));
  }

  async tracesForRun(runId: string): Promise<TraceRecord[]> {
    const traces = [...this.#traces.values()].filter((t) => t.runId === runId);
    return structuredClone(traces.sort(compareTracesInRun));
  }

  async allTraces(): Promise<TraceRecord[]> {
    return structuredClone([...this.#traces.values()].sort(compareTraces));
  }

  async deleteBatchTraces(batchId: string): Promise<void> {
    const { lower, upper } = batchTraceRange(batchId);
    for (const [key, trace] of this.#traces)
      if (trace.runId >= lower && trace.runId <= upper) this.#traces.delete(key);
  }
}
