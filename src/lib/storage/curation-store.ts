/**
 * Where the trace explorer keeps its keep/drop marks and cluster names: the `curation` store of
 * the playground database (curation-records.ts), with memory behind it. As in batch-store.ts, a
 * write IndexedDB refuses is kept in memory, reported once through `onError`, and merged into
 * every read; marks then may not survive a reload, but the explorer keeps working.
 */
import type { StorageMode } from './api';
import {
  clusterNameKey,
  markKey,
  TASK_MAP_ID,
  type CallMarkRecord,
  type TaskMapRecord,
  type ClusterNameRecord,
  type CurationRecord,
} from './curation-records';
import type { PlaygroundDb } from './database';
import type { StorageError } from './errors';
import {
  openGuardedStore,
  StoreGuard,
  type GuardedStoreHandle,
  type OpenGuardedStoreOptions,
} from './store-guard';

/** A mark to write: keep (true) or drop (false) the trace's call. */
export interface MarkInput {
  traceId: string;
  keep: boolean;
}

export interface CurationStoreApi {
  readonly mode: StorageMode;
  getMark(traceId: string): Promise<CallMarkRecord | undefined>;
  /** Writes the marks together (one transaction), all with the time `now`. */
  putMarks(marks: readonly MarkInput[], now: number): Promise<void>;
  allMarks(): Promise<CallMarkRecord[]>;
  putClusterName(key: string, name: string, now: number): Promise<void>;
  allClusterNames(): Promise<ClusterNameRecord[]>;
  /** Replaces the last task discovery (`record.id` is set to TASK_MAP_ID). */
  putTaskMap(record: TaskMapRecord): Promise<void>;
  getTaskMap(): Promise<TaskMapRecord | undefined>;
  close(): Promise<void>;
}

export function markRecord(mark: MarkInput, now: number): CallMarkRecord {
  return {
    kind: 'mark',
    id: markKey(mark.traceId),
    traceId: mark.traceId,
    keep: mark.keep,
    updatedAt: now,
  };
}

function clusterNameRecord(key: string, name: string, now: number): ClusterNameRecord {
  return { kind: 'cluster-name', id: clusterNameKey(key), key, name, updatedAt: now };
}

const isMark = (r: CurationRecord): r is CallMarkRecord => r.kind === 'mark';
const isName = (r: CurationRecord): r is ClusterNameRecord => r.kind === 'cluster-name';
const isTaskMap = (r: CurationRecord | undefined): r is TaskMapRecord => r?.kind === 'task-map';
const taskMapRecord = (record: TaskMapRecord): TaskMapRecord => ({ ...record, id: TASK_MAP_ID });

/** Records in a Map; copies in and out. */
export class MemoryCurationStore implements CurationStoreApi {
  readonly mode: StorageMode = 'memory';
  readonly #records = new Map<string, CurationRecord>();

  async getMark(traceId: string): Promise<CallMarkRecord | undefined> {
    const record = this.#records.get(markKey(traceId));
    return record && isMark(record) ? { ...record } : undefined;
  }

  async putMarks(marks: readonly MarkInput[], now: number): Promise<void> {
    for (const mark of marks) this.put(markRecord(mark, now));
  }

  async allMarks(): Promise<CallMarkRecord[]> {
    return [...this.#records.values()].filter(isMark).map((r) => ({ ...r }));
  }

  async putClusterName(key: string, name: string, now: number): Promise<void> {
    this.put(clusterNameRecord(key, name, now));
  }

  async allClusterNames(): Promise<ClusterNameRecord[]> {
    return [...this.#records.values()].filter(isName).map((r) => ({ ...r }));
  }

  async putTaskMap(record: TaskMapRecord): Promise<void> {
    this.put(structuredClone(taskMapRecord(record)));
  }

  async getTaskMap(): Promise<TaskMapRecord | undefined> {
    const record = this.#records.get(TASK_MAP_ID);
    return isTaskMap(record) ? structuredClone(record) : undefined;
  }

  put(record: CurationRecord): void {
    this.#records.set(record.id, { ...record });
  }

  forget(id: string): void {
    this.#records.delete(id);
  }

  async close(): Promise<void> {}
}

/** The `curation` store over an open database; raw IndexedDB errors pass through. */
export class IdbCurationStore implements CurationStoreApi {
  readonly mode: StorageMode = 'indexeddb';
  readonly #db: PlaygroundDb;

  constructor(db: PlaygroundDb) {
    this.#db = db;
  }

  async getMark(traceId: string): Promise<CallMarkRecord | undefined> {
    const record = await this.#db.get('curation', markKey(traceId));
    return record && isMark(record) ? record : undefined;
  }

  async putMarks(marks: readonly MarkInput[], now: number): Promise<void> {
    if (marks.length === 0) return;
    const tx = this.#db.transaction('curation', 'readwrite');
    await Promise.all([...marks.map((m) => tx.store.put(markRecord(m, now))), tx.done]);
  }

  async allMarks(): Promise<CallMarkRecord[]> {
    return (await this.#db.getAllFromIndex('curation', 'by-kind', 'mark')).filter(isMark);
  }

  async putClusterName(key: string, name: string, now: number): Promise<void> {
    await this.#db.put('curation', clusterNameRecord(key, name, now));
  }

  async allClusterNames(): Promise<ClusterNameRecord[]> {
    return (await this.#db.getAllFromIndex('curation', 'by-kind', 'cluster-name')).filter(isName);
  }

  async putTaskMap(record: TaskMapRecord): Promise<void> {
    await this.#db.put('curation', taskMapRecord(record));
  }

  async getTaskMap(): Promise<TaskMapRecord | undefined> {
    const record = await this.#db.get('curation', TASK_MAP_ID);
    return isTaskMap(record) ? record : undefined;
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

/** Merges records by id; the second list (memory, the newest copies) wins. */
function merged<T extends CurationRecord>(kept: readonly T[], memory: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const r of kept) byId.set(r.id, r);
  for (const r of memory) byId.set(r.id, r);
  return [...byId.values()];
}

/**
 * IndexedDB first, memory behind it. Reads merge both (memory wins). After
 * `StorageUnavailableError` or `StorageBlockedError`, everything goes to memory only.
 */
export class FallbackCurationStore implements CurationStoreApi {
  readonly #guard: StoreGuard<CurationStoreApi>;
  readonly #memory = new MemoryCurationStore();

  constructor(primary: CurationStoreApi | null, onError: (error: StorageError) => void) {
    this.#guard = new StoreGuard(primary, onError);
  }

  get mode(): StorageMode {
    return this.#guard.mode;
  }

  /** Goes on in memory only from now on, reporting why. */
  useMemory(reason: StorageError): void {
    this.#guard.useMemory(reason, 'keep the marks');
  }

  async getMark(traceId: string): Promise<CallMarkRecord | undefined> {
    return (
      (await this.#memory.getMark(traceId)) ??
      (await this.#guard.read((db) => db.getMark(traceId), 'read the mark'))
    );
  }

  async putMarks(marks: readonly MarkInput[], now: number): Promise<void> {
    if (await this.#guard.write((db) => db.putMarks(marks, now), 'save the marks'))
      for (const m of marks) this.#memory.forget(markKey(m.traceId));
    else await this.#memory.putMarks(marks, now);
  }

  async allMarks(): Promise<CallMarkRecord[]> {
    const kept = (await this.#guard.read((db) => db.allMarks(), 'read the marks')) ?? [];
    return merged(kept, await this.#memory.allMarks());
  }

  async putClusterName(key: string, name: string, now: number): Promise<void> {
    if (await this.#guard.write((db) => db.putClusterName(key, name, now), 'save the cluster name'))
      this.#memory.forget(clusterNameKey(key));
    else await this.#memory.putClusterName(key, name, now);
  }

  async allClusterNames(): Promise<ClusterNameRecord[]> {
    const kept =
      (await this.#guard.read((db) => db.allClusterNames(), 'read the cluster names')) ?? [];
    return merged(kept, await this.#memory.allClusterNames());
  }

  async putTaskMap(record: TaskMapRecord): Promise<void> {
    if (await this.#guard.write((db) => db.putTaskMap(record), 'save the tasks found'))
      this.#memory.forget(TASK_MAP_ID);
    else await this.#memory.putTaskMap(record);
  }

  async getTaskMap(): Promise<TaskMapRecord | undefined> {
    return (
      (await this.#memory.getTaskMap()) ??
      (await this.#guard.read((db) => db.getTaskMap(), 'read the tasks found'))
    );
  }

  async close(): Promise<void> {
    await this.#guard.close();
  }
}

export type OpenCurationStoreOptions = OpenGuardedStoreOptions;

export type CurationStoreHandle = GuardedStoreHandle<CurationStoreApi>;

/** Opens the curation store. Never rejects: without IndexedDB it is in memory and says why. */
export function openCurationStore(
  options: OpenCurationStoreOptions = {},
): Promise<CurationStoreHandle> {
  return openGuardedStore(
    options,
    (db, onError) => new FallbackCurationStore(db && new IdbCurationStore(db), onError),
    {
      lost:
        'The browser closed the saved marks (another tab upgraded the playground, or site ' +
        'data was cleared); marks are kept in memory only until you reload.',
      open: 'open the saved marks',
    },
  );
}
