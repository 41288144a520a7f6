import { afterEach, expect, test, vi } from 'vitest';
import { DB_VERSION, openPlaygroundDb } from './database';
import { isStorageError } from './errors';
import { newRunRecord, type TraceRecord } from './records';
import { freshFactory, sampleConfig, sampleTurn, settle } from '../testing/storage-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A request-like object that fails (or never answers) the way broken browsers do. */
function brokenFactory(behaviour: 'error' | 'silent'): IDBFactory {
  const open = () => {
    const request = new EventTarget() as EventTarget & { error: DOMException | null };
    request.error = new DOMException('A mutation operation was attempted', 'InvalidStateError');
    if (behaviour === 'error') setTimeout(() => request.dispatchEvent(new Event('error')), 1);
    return request;
  };
  return { open } as unknown as IDBFactory;
}

function traceOf(runId: string, id: string, modelId: string): TraceRecord {
  const turn = sampleTurn(0, 'Szeged');
  return {
    id,
    runId,
    side: 'solo',
    turnIndex: 0,
    role: 'solo',
    roleName: 'Solo',
    kind: 'solo',
    step: 'answer',
    modelId,
    messages: turn.messages,
    output: turn.output,
    usage: turn.usage,
    startedAt: 1,
    endedAt: 2,
    status: 'done',
  };
}

test('a new database gets the latest schema', async () => {
  const db = await openPlaygroundDb({ factory: freshFactory() });
  expect(db.version).toBe(DB_VERSION);
  expect([...db.objectStoreNames].sort()).toEqual([
    'batches',
    'configs',
    'curation',
    'runs',
    'traces',
    'votes',
  ]);
  const tx = db.transaction(['runs', 'traces', 'configs']);
  expect([...tx.objectStore('runs').indexNames].sort()).toEqual([
    'by-createdAt',
    'by-questionLower',
    'by-status',
  ]);
  expect([...tx.objectStore('traces').indexNames].sort()).toEqual(['by-model', 'by-runId']);
  expect([...tx.objectStore('configs').indexNames]).toEqual(['by-createdAt']);
  db.close();
});

test('a version 1 database with data upgrades to version 2 and keeps the data', async () => {
  const factory = freshFactory();
  const v1 = await openPlaygroundDb({ factory, version: 1 });
  expect(v1.version).toBe(1);
  expect([...v1.transaction('runs').store.indexNames]).not.toContain('by-status');
  const run = newRunRecord(sampleConfig(), 'run-1', 1_000);
  await v1.put('runs', run);
  await v1.put('runs', { ...newRunRecord(sampleConfig('Q2'), 'run-2', 2_000), status: 'done' });
  await v1.put('traces', traceOf('run-1', 't-1', 'scripted-solo'));
  await v1.put('configs', { id: 'c-1', name: 'Mine', createdAt: 5, config: sampleConfig() });
  v1.close();

  const v2 = await openPlaygroundDb({ factory, version: 2 });
  expect(v2.version).toBe(2);
  expect(await v2.get('runs', 'run-1')).toEqual(run);
  expect(await v2.count('runs')).toBe(2);
  expect((await v2.get('configs', 'c-1'))?.name).toBe('Mine');
  // The new indexes cover the records that were there before the upgrade.
  expect((await v2.getAllFromIndex('runs', 'by-status', 'running')).map((r) => r.id)).toEqual([
    'run-1',
  ]);
  expect(
    (await v2.getAllFromIndex('traces', 'by-model', 'scripted-solo')).map((t) => t.id),
  ).toEqual(['t-1']);
  v2.close();
});

test('an old tab that keeps its connection blocks the upgrade: StorageBlockedError', async () => {
  const factory = freshFactory();
  (await openPlaygroundDb({ factory, version: 1 })).close();
  // Old code in another tab: a connection with no versionchange handler.
  const oldTab = factory.open('slm-playground', 1);
  await new Promise((resolve) => oldTab.addEventListener('success', resolve));

  const error = await openPlaygroundDb({ factory }).catch((e: unknown) => e);
  expect(isStorageError(error, 'StorageBlockedError')).toBe(true);
  expect((error as Error).message).toMatch(/close the other tabs/i);

  // Once the old tab lets go, the late connection is closed, so later opens are not blocked.
  oldTab.result.close();
  await settle();
  const db = await openPlaygroundDb({ factory });
  expect(db.version).toBe(DB_VERSION);
  db.close();
});

test('this tab lets go of its connection when another tab upgrades (blocking)', async () => {
  const factory = freshFactory();
  const onBlocking = vi.fn();
  const old = await openPlaygroundDb({ factory, version: 1, onBlocking });
  const upgraded = await openPlaygroundDb({ factory });
  expect(upgraded.version).toBe(DB_VERSION);
  expect(onBlocking).toHaveBeenCalledOnce();
  expect(() => old.transaction('runs')).toThrow();
  upgraded.close();
});

test('a database from a newer version of the site is unavailable, with a clear message', async () => {
  const factory = freshFactory();
  (await openPlaygroundDb({ factory })).close();
  const error = await openPlaygroundDb({ factory, version: 1 }).catch((e: unknown) => e);
  expect(isStorageError(error, 'StorageUnavailableError')).toBe(true);
  expect((error as Error).message).toMatch(/newer version/);
});

test('no IndexedDB, open() throwing, or open() failing: StorageUnavailableError', async () => {
  vi.stubGlobal('indexedDB', undefined);
  const missing = await openPlaygroundDb().catch((e: unknown) => e);
  expect(isStorageError(missing, 'StorageUnavailableError')).toBe(true);

  const throwing = {
    open: () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  } as unknown as IDBFactory;
  const insecure = await openPlaygroundDb({ factory: throwing }).catch((e: unknown) => e);
  expect(isStorageError(insecure, 'StorageUnavailableError')).toBe(true);

  // Firefox private windows (before version 115) fail the request with InvalidStateError.
  const failing = await openPlaygroundDb({ factory: brokenFactory('error') }).catch((e) => e);
  expect(isStorageError(failing, 'StorageUnavailableError')).toBe(true);
  expect((failing as Error).message).toMatch(/memory only/);
});

test('a browser that never answers times out as unavailable', async () => {
  const error = await openPlaygroundDb({
    factory: brokenFactory('silent'),
    timeoutMs: 10,
  }).catch((e: unknown) => e);
  expect(isStorageError(error, 'StorageUnavailableError')).toBe(true);
});

test('a version 3 database upgrades to version 4 with votes and curation stores, keeping its batches', async () => {
  const factory = freshFactory();
  const v3 = await openPlaygroundDb({ factory, version: 3 });
  await v3.put('batches', { kind: 'item', id: 'b:000000', batchId: 'b' } as never);
  v3.close();
  const v4 = await openPlaygroundDb({ factory });
  expect(v4.version).toBe(4);
  expect([...v4.transaction('votes').store.indexNames]).toEqual(['by-createdAt']);
  expect([...v4.transaction('curation').store.indexNames]).toEqual(['by-kind']);
  await v4.put('curation', {
    kind: 'mark',
    id: 'mark:t1',
    traceId: 't1',
    keep: false,
    updatedAt: 1,
  });
  expect(await v4.getAllFromIndex('curation', 'by-kind', 'mark')).toHaveLength(1);
  expect((await v4.get('batches', 'b:000000'))?.id).toBe('b:000000');
  v4.close();
});
