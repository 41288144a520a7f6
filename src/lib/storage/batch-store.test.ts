import { afterEach, expect, test, vi } from 'vitest';
import type { BatchItemRecord, BatchRecord } from './batch-records';
import { batchItemKey } from './batch-records';
import {
  FallbackBatchStore,
  IdbBatchStore,
  MemoryBatchStore,
  openBatchStore,
  type BatchStoreApi,
} from './batch-store';
import { DB_NAME, DB_VERSION, openPlaygroundDb } from './database';
import { isStorageError, type StorageError } from './errors';
import { newRunRecord } from './records';
import { freshFactory, sampleConfig } from '../testing/storage-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

function batchOf(id: string, createdAt: number): BatchRecord {
  const config = sampleConfig();
  return {
    kind: 'batch',
    id,
    createdAt,
    updatedAt: createdAt,
    status: 'running',
    set: { id: 'set', name: 'Set', source: 'here', licence: 'MIT', size: 3 },
    selection: { mode: 'first', count: 2 },
    items: [
      { id: 'a', kind: 'yesno', question: 'A?', answer: 'yes' },
      { id: 'b', kind: 'yesno', question: 'B?', answer: 'no' },
    ],
    configs: [
      { id: 'solo', label: 'Solo', side: config.solo },
      { id: 'team', label: 'Team', side: config.team },
    ],
  };
}

function itemOf(batchId: string, index: number): BatchItemRecord {
  return {
    kind: 'item',
    id: batchItemKey(batchId, index),
    batchId,
    index,
    itemId: `item-${index}`,
    finishedAt: 10 + index,
    wallMs: 100,
    sides: [],
  };
}

test('a version 2 database upgrades to version 3 with a batches store and keeps its runs', async () => {
  const factory = freshFactory();
  const v2 = await openPlaygroundDb({ factory, version: 2 });
  const run = newRunRecord(sampleConfig(), 'run-1', 1_000);
  await v2.put('runs', run);
  await v2.put('configs', { id: 'c-1', name: 'Mine', createdAt: 5, config: sampleConfig() });
  v2.close();

  const v3 = await openPlaygroundDb({ factory, version: 3 });
  expect(v3.version).toBe(3);
  expect([...v3.objectStoreNames]).toContain('batches');
  expect([...v3.transaction('batches').store.indexNames].sort()).toEqual([
    'by-batchId',
    'by-createdAt',
  ]);
  expect(await v3.get('runs', 'run-1')).toEqual(run);
  expect((await v3.get('configs', 'c-1'))?.name).toBe('Mine');
  v3.close();
});

for (const [name, make] of [
  ['memory', async () => new MemoryBatchStore()],
  ['IndexedDB', async () => new IdbBatchStore(await openPlaygroundDb({ factory: freshFactory() }))],
] as const) {
  test(`${name}: batches newest first, items by index per batch, delete takes the items too`, async () => {
    const store: BatchStoreApi = await make();
    await store.putBatch(batchOf('old', 1));
    await store.putBatch(batchOf('new', 2));
    for (const index of [1, 0]) await store.putItem(itemOf('old', index));
    await store.putItem(itemOf('new', 0));
    expect((await store.listBatches()).map((b) => b.id)).toEqual(['new', 'old']);
    expect((await store.getBatch('old'))?.items).toHaveLength(2);
    expect(await store.getBatch(batchItemKey('old', 0))).toBeUndefined();
    expect((await store.itemsOf('old')).map((i) => i.index)).toEqual([0, 1]);
    // Writing an item again replaces it.
    await store.putItem({ ...itemOf('old', 1), wallMs: 5 });
    expect((await store.itemsOf('old')).map((i) => i.wallMs)).toEqual([100, 5]);
    await store.deleteBatch('old');
    expect((await store.listBatches()).map((b) => b.id)).toEqual(['new']);
    expect(await store.itemsOf('old')).toEqual([]);
    expect(await store.itemsOf('new')).toHaveLength(1);
    await store.close();
  });
}

test('writes IndexedDB refuses are kept in memory, reported once, and merged into reads', async () => {
  const idb = new IdbBatchStore(await openPlaygroundDb({ factory: freshFactory() }));
  let full = false;
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  const primary: BatchStoreApi = {
    mode: 'indexeddb',
    putBatch: (b) => (full ? Promise.reject(quota()) : idb.putBatch(b)),
    putItem: (i) => (full ? Promise.reject(quota()) : idb.putItem(i)),
    getBatch: (id) => idb.getBatch(id),
    listBatches: () => idb.listBatches(),
    itemsOf: (id) => idb.itemsOf(id),
    deleteBatch: (id) => idb.deleteBatch(id),
    close: () => idb.close(),
  };
  const errors: StorageError[] = [];
  const store = new FallbackBatchStore(primary, (e) => errors.push(e));
  await store.putBatch(batchOf('b', 1));
  await store.putItem(itemOf('b', 0));
  full = true;
  await store.putItem(itemOf('b', 1));
  await store.putItem(itemOf('b', 2));
  expect(errors.map((e) => e.name)).toEqual(['StorageQuotaError']);
  expect(store.mode).toBe('indexeddb');
  expect((await store.itemsOf('b')).map((i) => i.index)).toEqual([0, 1, 2]);
  expect((await idb.itemsOf('b')).map((i) => i.index)).toEqual([0]);
  full = false;
  await store.putItem(itemOf('b', 1));
  expect((await idb.itemsOf('b')).map((i) => i.index)).toEqual([0, 1]);
  expect((await store.itemsOf('b')).map((i) => i.index)).toEqual([0, 1, 2]);
});

test('without IndexedDB the store is in memory and says why', async () => {
  vi.stubGlobal('indexedDB', undefined);
  const handle = await openBatchStore();
  expect(handle.store.mode).toBe('memory');
  expect(isStorageError(handle.reason, 'StorageUnavailableError')).toBe(true);
  await handle.store.putBatch(batchOf('m', 1));
  expect((await handle.store.listBatches()).map((b) => b.id)).toEqual(['m']);
});

test('openBatchStore over a real database keeps batches across connections', async () => {
  const factory = freshFactory();
  const first = await openBatchStore({ factory });
  expect(first.store.mode).toBe('indexeddb');
  await first.store.putBatch(batchOf('kept', 1));
  await first.store.putItem(itemOf('kept', 0));
  await first.store.close();
  const second = await openBatchStore({ factory });
  expect((await second.store.listBatches()).map((b) => b.id)).toEqual(['kept']);
  expect(await second.store.itemsOf('kept')).toHaveLength(1);
  await second.store.close();
});

test('another tab upgrading the database turns the batch store to memory, saying why once', async () => {
  const factory = freshFactory();
  const faults: StorageError[] = [];
  const handle = await openBatchStore({ factory, onError: (e) => faults.push(e) });
  expect(handle.store.mode).toBe('indexeddb');
  // A newer version of the playground opens the database in another tab.
  const upgrade = factory.open(DB_NAME, DB_VERSION + 1);
  await new Promise<void>((resolve, reject) => {
    upgrade.onsuccess = () => {
      upgrade.result.close();
      resolve();
    };
    upgrade.onerror = () => reject(upgrade.error);
  });
  expect(handle.store.mode).toBe('memory');
  expect(faults.map((e) => e.name)).toEqual(['StorageUnavailableError']);
  expect(faults[0]?.message).toMatch(/^The browser closed the saved batches/);
  await handle.store.putBatch(batchOf('after', 2));
  expect((await handle.store.listBatches()).map((b) => b.id)).toEqual(['after']);
});
