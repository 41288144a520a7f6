import { afterEach, expect, test, vi } from 'vitest';
import {
  FallbackCurationStore,
  IdbCurationStore,
  MemoryCurationStore,
  openCurationStore,
  type CurationStoreApi,
} from './curation-store';
import { TASK_MAP_ID, type TaskMapRecord } from './curation-records';
import { openPlaygroundDb } from './database';
import { isStorageError, type StorageError } from './errors';
import { freshFactory } from '../testing/storage-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

function taskMap(updatedAt: number): TaskMapRecord {
  return {
    kind: 'task-map',
    id: TASK_MAP_ID,
    modelName: 'tiny',
    modelUrl: '/tiny.gguf',
    dimensions: 2,
    chosenBy: 'silhouette',
    silhouette: 0.5,
    seed: 1,
    traceIds: ['t1', 't2'],
    points: [
      [0, 0],
      [1, 1],
    ],
    vectors: [Float32Array.from([1, 0]), Float32Array.from([0, 1])],
    clusters: [{ key: 'a', words: ['sum'], traceIds: ['t1', 't2'] }],
    updatedAt,
  };
}

const byTrace = (a: { traceId: string }, b: { traceId: string }) =>
  a.traceId.localeCompare(b.traceId);

for (const [name, make] of [
  ['memory', async () => new MemoryCurationStore()],
  [
    'IndexedDB',
    async () => new IdbCurationStore(await openPlaygroundDb({ factory: freshFactory() })),
  ],
] as const) {
  test(`${name}: marks are written together, replaced, and kept apart from cluster names`, async () => {
    const store: CurationStoreApi = await make();
    expect(await store.getMark('t1')).toBeUndefined();
    await store.putMarks(
      [
        { traceId: 't1', keep: true },
        { traceId: 't2', keep: false },
      ],
      10,
    );
    await store.putMarks([{ traceId: 't1', keep: false }], 20);
    await store.putMarks([], 30);
    await store.putClusterName('3', 'Arithmetic', 40);
    expect(await store.getMark('t1')).toEqual({
      kind: 'mark',
      id: 'mark:t1',
      traceId: 't1',
      keep: false,
      updatedAt: 20,
    });
    expect((await store.allMarks()).sort(byTrace).map((m) => [m.traceId, m.keep])).toEqual([
      ['t1', false],
      ['t2', false],
    ]);
    expect(await store.allClusterNames()).toEqual([
      { kind: 'cluster-name', id: 'cluster:3', key: '3', name: 'Arithmetic', updatedAt: 40 },
    ]);
    await store.putClusterName('3', 'Sums', 50);
    expect((await store.allClusterNames()).map((c) => c.name)).toEqual(['Sums']);
    expect(await store.getTaskMap()).toBeUndefined();
    await store.putTaskMap(taskMap(60));
    await store.putTaskMap({ ...taskMap(70), id: 'ignored' });
    const kept = await store.getTaskMap();
    expect(kept?.id).toBe(TASK_MAP_ID);
    expect(kept?.updatedAt).toBe(70);
    expect(kept?.clusters[0]?.traceIds).toEqual(['t1', 't2']);
    expect(Array.from(kept?.vectors[1] ?? [])).toEqual([0, 1]);
    expect(kept?.vectors[1]).toBeInstanceOf(Float32Array);
    // The task map is neither a mark nor a name.
    expect(await store.allMarks()).toHaveLength(2);
    expect(await store.allClusterNames()).toHaveLength(1);
    await store.close();
  });
}

test('marks IndexedDB refuses are kept in memory, reported once, and merged into reads', async () => {
  const idb = new IdbCurationStore(await openPlaygroundDb({ factory: freshFactory() }));
  let full = false;
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  const primary: CurationStoreApi = {
    mode: 'indexeddb',
    getMark: (id) => idb.getMark(id),
    putMarks: (marks, now) => (full ? Promise.reject(quota()) : idb.putMarks(marks, now)),
    allMarks: () => idb.allMarks(),
    putClusterName: (k, n, now) => (full ? Promise.reject(quota()) : idb.putClusterName(k, n, now)),
    allClusterNames: () => idb.allClusterNames(),
    putTaskMap: (r) => (full ? Promise.reject(quota()) : idb.putTaskMap(r)),
    getTaskMap: () => idb.getTaskMap(),
    close: () => idb.close(),
  };
  const errors: StorageError[] = [];
  const store = new FallbackCurationStore(primary, (e) => errors.push(e));
  await store.putMarks([{ traceId: 'a', keep: true }], 1);
  full = true;
  await store.putMarks([{ traceId: 'a', keep: false }], 2);
  await store.putMarks([{ traceId: 'b', keep: false }], 3);
  await store.putClusterName('k', 'Name', 4);
  expect(errors.map((e) => e.name)).toEqual(['StorageQuotaError']);
  expect((await store.getMark('a'))?.keep).toBe(false);
  expect((await idb.getMark('a'))?.keep).toBe(true);
  expect((await store.allMarks()).sort(byTrace).map((m) => [m.traceId, m.keep])).toEqual([
    ['a', false],
    ['b', false],
  ]);
  expect((await store.allClusterNames()).map((c) => c.name)).toEqual(['Name']);
  await store.putTaskMap(taskMap(9));
  expect((await store.getTaskMap())?.updatedAt).toBe(9);
  expect(await idb.getTaskMap()).toBeUndefined();
  full = false;
  await store.putMarks([{ traceId: 'a', keep: true }], 5);
  expect((await idb.getMark('a'))?.keep).toBe(true);
  expect((await store.getMark('a'))?.keep).toBe(true);
});

test('without IndexedDB the store is in memory and says why', async () => {
  vi.stubGlobal('indexedDB', undefined);
  const handle = await openCurationStore();
  expect(handle.store.mode).toBe('memory');
  expect(isStorageError(handle.reason, 'StorageUnavailableError')).toBe(true);
  await handle.store.putMarks([{ traceId: 'm', keep: false }], 1);
  expect((await handle.store.allMarks()).map((m) => m.traceId)).toEqual(['m']);
});

test('openCurationStore over a real database keeps marks across connections', async () => {
  const factory = freshFactory();
  const first = await openCurationStore({ factory });
  expect(first.store.mode).toBe('indexeddb');
  await first.store.putMarks([{ traceId: 'kept', keep: false }], 1);
  await first.store.close();
  const second = await openCurationStore({ factory });
  expect(await second.store.getMark('kept')).toMatchObject({ keep: false });
  await second.store.close();
});
