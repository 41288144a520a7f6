import { afterEach, expect, test, vi } from 'vitest';
import { vote } from '../arena/fixtures';
import { openPlaygroundDb } from './database';
import { isStorageError } from './errors';
import { IdbVoteStore, MemoryVoteStore, openVoteStore, type VoteStoreApi } from './vote-store';
import { freshFactory } from '../testing/storage-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

for (const [name, make] of [
  ['memory', async () => new MemoryVoteStore()],
  ['IndexedDB', async () => new IdbVoteStore(await openPlaygroundDb({ factory: freshFactory() }))],
] as const) {
  test(`${name}: votes oldest first; put replaces by id; delete and clear`, async () => {
    const store: VoteStoreApi = await make();
    const late = vote('A', 'B', 'left', { createdAt: 30 });
    const early = vote('B', 'C', 'tie', { createdAt: 10 });
    await store.put(late);
    await store.put(early);
    expect((await store.all()).map((v) => v.id)).toEqual([early.id, late.id]);

    await store.put({ ...late, outcome: 'right' });
    const middle = vote('C', 'A', 'both-bad', { createdAt: 20 });
    await store.putMany([middle, { ...early, question: 'Changed?' }]);
    const all = await store.all();
    expect(all.map((v) => v.id)).toEqual([early.id, middle.id, late.id]);
    expect(all[0]?.question).toBe('Changed?');
    expect(all[2]?.outcome).toBe('right');

    await store.delete(middle.id);
    expect(await store.all()).toHaveLength(2);
    await store.clear();
    expect(await store.all()).toEqual([]);
    await store.close();
  });
}

test('memory store hands out copies: changing a read vote changes nothing kept', async () => {
  const store = new MemoryVoteStore();
  const original = vote('A', 'B', 'left');
  await store.put(original);
  const [read] = await store.all();
  read!.left.label = 'Changed';
  original.right.label = 'Changed too';
  expect((await store.all())[0]?.left.label).toBe('A');
  expect((await store.all())[0]?.right.label).toBe('B');
});

test('openVoteStore keeps votes across connections', async () => {
  const factory = freshFactory();
  const first = await openVoteStore({ factory });
  expect(first.store.mode).toBe('indexeddb');
  expect(first.reason).toBeUndefined();
  const kept = vote('A', 'B', 'left');
  await first.store.put(kept);
  await first.store.close();
  const second = await openVoteStore({ factory });
  expect(await second.store.all()).toEqual([kept]);
  await second.store.close();
});

test('without IndexedDB the votes are kept in memory and the handle says why', async () => {
  vi.stubGlobal('indexedDB', undefined);
  const handle = await openVoteStore();
  expect(handle.store.mode).toBe('memory');
  expect(isStorageError(handle.reason, 'StorageUnavailableError')).toBe(true);
  await handle.store.put(vote('A', 'B', 'tie'));
  expect(await handle.store.all()).toHaveLength(1);
});

test('a write IndexedDB refuses rejects with a StorageError', async () => {
  const db = await openPlaygroundDb({ factory: freshFactory() });
  const store = new IdbVoteStore(db);
  db.close();
  const error: unknown = await store.put(vote('A', 'B', 'left')).catch((e: unknown) => e);
  expect(isStorageError(error)).toBe(true);
});
