/**
 * Where benchmark batches are kept: the `batches` store of the playground database (see
 * batch-records.ts), with memory behind it. A write IndexedDB refuses (quota, lost connection)
 * is kept in memory, reported once through `onError`, and merged into every read, so a batch
 * never stops for want of storage; it just may not survive a reload.
 */
import type { StorageMode } from './api';
import type { BatchItemRecord, BatchRecord } from './batch-records';
import type { PlaygroundDb } from './database';
import type { StorageError } from './errors';
import {
  openGuardedStore,
  StoreGuard,
  type GuardedStoreHandle,
  type OpenGuardedStoreOptions,
} from './store-guard';

export interface BatchStoreApi {
  /** 'memory': IndexedDB could not be opened or was lost; batches go when the page does. */
  readonly mode: StorageMode;
  putBatch(batch: BatchRecord): Promise<void>;
  getBatch(id: string): Promise<BatchRecord | undefined>;
  /** Newest first. */
  listBatches(): Promise<BatchRecord[]>;
  putItem(item: BatchItemRecord): Promise<void>;
  /** The batch's finished items, by index. */
  itemsOf(batchId: string): Promise<BatchItemRecord[]>;
  /** Deletes the batch and its items. */
  deleteBatch(id: string): Promise<void>;
  close(): Promise<void>;
}

const byIndex = (a: BatchItemRecord, b: BatchItemRecord) => a.index - b.index;
const newestFirst = (a: BatchRecord, b: BatchRecord) => b.createdAt - a.createdAt;

/** Batches in Maps; copies in and out. */
export class MemoryBatchStore implements BatchStoreApi {
  readonly mode: StorageMode = 'memory';
  readonly #batches = new Map<string, BatchRecord>();
  readonly #items = new Map<string, BatchItemRecord>();

  async putBatch(batch: BatchRecord): Promise<void> {
    this.#batches.set(batch.id, structuredClone(batch));
  }

  async getBatch(id: string): Promise<BatchRecord | undefined> {
    const batch = this.#batches.get(id);
    return batch && structuredClone(batch);
  }

  async listBatches(): Promise<BatchRecord[]> {
    return structuredClone([...this.#batches.values()].sort(newestFirst));
  }

  async putItem(item: BatchItemRecord): Promise<void> {
    this.#items.set(item.id, structuredClone(item));
  }

  async itemsOf(batchId: string): Promise<BatchItemRecord[]> {
    const items = [...this.#items.values()].filter((i) => i.batchId === batchId);
    return structuredClone(items.sort(byIndex));
  }

  async deleteBatch(id: string): Promise<void> {
    this.#batches.delete(id);
    for (const [key, item] of this.#items) if (item.batchId === id) this.#items.delete(key);
  }

  /** Whether a record with this key is kept here (for the fallback's merge). */
  hasBatch(id: string): boolean {
    return this.#batches.has(id);
  }

  forgetBatch(id: string): void {
    this.#batches.delete(id);
  }

  forgetItem(key: string): void {
    this.#items.delete(key);
  }

  async close(): Promise<void> {}
}

/** The `batches` store over an open database; raw IndexedDB errors pass through. */
export class IdbBatchStore implements BatchStoreApi {
  readonly mode: StorageMode = 'indexeddb';
  readonly #db: PlaygroundDb;

  constructor(db: PlaygroundDb) {
    this.#db = db;
  }

  async putBatch(batch: BatchRecord): Promise<void> {
    await this.#db.put('batches', batch);
  }

  async getBatch(id: string): Promise<BatchRecord | undefined> {
    const record = await this.#db.get('batches', id);
    return record?.kind === 'batch' ? record : undefined;
  }

  async listBatches(): Promise<BatchRecord[]> {
    const records = await this.#db.getAllFromIndex('batches', 'by-createdAt');
    return records.filter((r): r is BatchRecord => r.kind === 'batch').reverse();
  }

  async putItem(item: BatchItemRecord): Promise<void> {
    await this.#db.put('batches', item);
  }

  async itemsOf(batchId: string): Promise<BatchItemRecord[]> {
    const records = await this.#db.getAllFromIndex('batches', 'by-batchId', batchId);
    return records.filter((r): r is BatchItemRecord => r.kind === 'item').sort(byIndex);
  }

  /** One transaction: the batch and its items go together or not at all. */
  async deleteBatch(id: string): Promise<void> {
    const tx = this.#db.transaction('batches', 'readwrite');
    const keys = await tx.store.index('by-batchId').getAllKeys(id);
    await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.store.delete(id), tx.done]);
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

/**
 * IndexedDB first, memory behind it. Reads merge both (memory wins: it holds the newest copy of
 * whatever IndexedDB refused). After `StorageUnavailableError` or `StorageBlockedError`, every
 * operation goes to memory only.
 */
export class FallbackBatchStore implements BatchStoreApi {
  readonly #guard: StoreGuard<BatchStoreApi>;
  readonly #memory = new MemoryBatchStore();

  constructor(primary: BatchStoreApi | null, onError: (error: StorageError) => void) {
    this.#guard = new StoreGuard(primary, onError);
  }

  get mode(): StorageMode {
    return this.#guard.mode;
  }

  /** Goes on in memory only from now on, reporting why. */
  useMemory(reason: StorageError): void {
    this.#guard.useMemory(reason, 'keep the batch');
  }

  async putBatch(batch: BatchRecord): Promise<void> {
    if (await this.#guard.write((db) => db.putBatch(batch), 'save the batch'))
      this.#memory.forgetBatch(batch.id);
    else await this.#memory.putBatch(batch);
  }

  async getBatch(id: string): Promise<BatchRecord | undefined> {
    return (
      (await this.#memory.getBatch(id)) ??
      (await this.#guard.read((db) => db.getBatch(id), 'read the batch'))
    );
  }

  async listBatches(): Promise<BatchRecord[]> {
    const kept = (await this.#guard.read((db) => db.listBatches(), 'list the batches')) ?? [];
    const memory = await this.#memory.listBatches();
    const ids = new Set(memory.map((b) => b.id));
    return [...memory, ...kept.filter((b) => !ids.has(b.id))].sort(newestFirst);
  }

  async putItem(item: BatchItemRecord): Promise<void> {
    if (await this.#guard.write((db) => db.putItem(item), 'save the item'))
      this.#memory.forgetItem(item.id);
    else await this.#memory.putItem(item);
  }

  async itemsOf(batchId: string): Promise<BatchItemRecord[]> {
    const kept = (await this.#guard.read((db) => db.itemsOf(batchId), 'read the items')) ?? [];
    const memory = await this.#memory.itemsOf(batchId);
    const keys = new Set(memory.map((i) => i.id));
    return [...memory, ...kept.filter((i) => !keys.has(i.id))].sort(byIndex);
  }

  async deleteBatch(id: string): Promise<void> {
    await this.#memory.deleteBatch(id);
    await this.#guard.write((db) => db.deleteBatch(id), 'delete the batch');
  }

  async close(): Promise<void> {
    await this.#guard.close();
  }
}

export type OpenBatchStoreOptions = OpenGuardedStoreOptions;

export type BatchStoreHandle = GuardedStoreHandle<BatchStoreApi>;

/**
 * Opens the batch store. Never rejects: without IndexedDB the store is in memory and `reason`
 * says why. Another tab upgrading the database, or the browser closing it, turns it to memory.
 */
export function openBatchStore(options: OpenBatchStoreOptions = {}): Promise<BatchStoreHandle> {
  return openGuardedStore(
    options,
    (db, onError) => new FallbackBatchStore(db && new IdbBatchStore(db), onError),
    {
      lost:
        'The browser closed the saved batches (another tab upgraded the playground, or site ' +
        'data was cleared); batch results are kept in memory only until you reload.',
      open: 'open the saved batches',
    },
  );
}
