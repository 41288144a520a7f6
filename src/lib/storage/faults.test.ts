import { afterEach, expect, test, vi } from 'vitest';
import { openBatchStore } from './batch-store';
import { createRunStore } from './create-run-store';
import { DB_VERSION, openPlaygroundDb } from './database';
import { isStorageError, type StorageError } from './errors';
import { traceFromTurn } from './records';
import { RunStore } from './run-store';
import {
  faultyDb,
  freshFactory,
  ManualClock,
  sampleConfig,
  sampleTurn,
  settle,
} from '../testing/storage-fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

test('a full disk: onError once with StorageQuotaError, the data still readable', async () => {
  const factory = freshFactory();
  const faulty = faultyDb(await openPlaygroundDb({ factory }));
  const onError = vi.fn<(error: StorageError) => void>();
  const clock = new ManualClock();
  const store = new RunStore(Promise.resolve(faulty.db), { onError, clock, locks: null });
  faulty.full = true;

  // Nothing throws into the streaming path.
  const run = await store.createRun(sampleConfig('A question about quotas'));
  for (let i = 1; i <= 20; i++) {
    await store.updateTurn(run.id, 'solo', sampleTurn(0, 'x'.repeat(i)), true);
    clock.advance(100);
    await settle();
  }
  await store.updateTurn(run.id, 'solo', sampleTurn(0, 'Final answer: Szeged'), false);
  const saved = await store.addTrace(traceFromTurn(run, 'solo', sampleTurn(0, 'Szeged')));
  await store.finishRun(run.id, 'done');
  await store.saveConfig('Kept', sampleConfig());

  expect(onError).toHaveBeenCalledOnce();
  const error = onError.mock.calls[0]?.[0];
  expect(isStorageError(error, 'StorageQuotaError')).toBe(true);
  expect(error?.message).toMatch(/^Browser storage is full: .*delete old runs/i);
  expect(store.mode).toBe('indexeddb');

  // Kept in memory: readable through the store, though not in IndexedDB.
  expect(await faulty.db.get('runs', run.id)).toBeUndefined();
  const got = await store.get(run.id);
  expect(got?.status).toBe('done');
  expect(got?.sides.solo.turns[0]?.output).toBe('Final answer: Szeged');
  expect((await store.list({ search: 'quotas' })).map((r) => r.id)).toEqual([run.id]);
  expect((await store.tracesForRun(run.id)).map((t) => t.id)).toEqual([saved.id]);
  expect((await store.listConfigs()).map((c) => c.name)).toEqual(['Kept']);

  // Space freed: the next write goes to IndexedDB again, and a new fault is reported again.
  faulty.full = false;
  const next = await store.createRun(sampleConfig('After cleanup'));
  expect((await faulty.db.get('runs', next.id))?.question).toBe('After cleanup');
  faulty.full = true;
  await store.finishRun(next.id, 'done');
  expect(onError).toHaveBeenCalledTimes(2);
  // The copy in memory wins over the older one in IndexedDB.
  expect((await store.get(next.id))?.status).toBe('done');
});

test('no IndexedDB: createRunStore falls back to memory and everything works', async () => {
  vi.stubGlobal('indexedDB', undefined);
  const onError = vi.fn();
  const handle = await createRunStore({ onError });
  expect(handle.mode).toBe('memory');
  expect(handle.store.mode).toBe('memory');
  expect(handle.reason?.name).toBe('StorageUnavailableError');
  expect(handle.reason?.message).toMatch(/memory only/);

  const { store } = handle;
  const run = await store.createRun(sampleConfig('Memory only'));
  await store.updateTurn(run.id, 'solo', sampleTurn(0, 'Szeged'), false);
  await store.addTrace(traceFromTurn(run, 'solo', sampleTurn(0, 'Szeged')));
  await store.finishRun(run.id, 'done');
  expect((await store.list({ search: 'memory' }))[0]?.status).toBe('done');
  expect(await store.tracesForRun(run.id)).toHaveLength(1);
  await store.delete(run.id);
  expect(await store.list()).toEqual([]);
  expect(await store.allTraces()).toEqual([]);
  expect(onError).not.toHaveBeenCalled();
});

test('open() failing (Firefox private mode) gives memory mode with the reason', async () => {
  const factory = {
    open: () => {
      throw new DOMException('A mutation operation was attempted', 'InvalidStateError');
    },
  } as unknown as IDBFactory;
  const handle = await createRunStore({ factory });
  expect(handle.mode).toBe('memory');
  expect(handle.reason?.name).toBe('StorageUnavailableError');
  const run = await handle.store.createRun(sampleConfig());
  expect((await handle.store.get(run.id))?.status).toBe('running');
});

test('a blocked upgrade gives memory mode with StorageBlockedError', async () => {
  const factory = freshFactory();
  (await openPlaygroundDb({ factory, version: 1 })).close();
  const oldTab = factory.open('slm-playground', 1);
  await new Promise((resolve) => oldTab.addEventListener('success', resolve));
  const handle = await createRunStore({ factory });
  expect(handle.mode).toBe('memory');
  expect(handle.reason?.name).toBe('StorageBlockedError');
  oldTab.result.close();
});

/** An old tab holding version 1 of the database open, so an upgrade is blocked. */
async function oldTabHoldingVersion1(factory: IDBFactory): Promise<IDBDatabase> {
  (await openPlaygroundDb({ factory, version: 1 })).close();
  const oldTab = factory.open('slm-playground', 1);
  await new Promise((resolve) => oldTab.addEventListener('success', resolve));
  return oldTab.result;
}

test('a blocked upgrade: the batch store opened alongside says blocked at once, not timed out', async () => {
  const factory = freshFactory();
  const oldTab = await oldTabHoldingVersion1(factory);
  const onError = vi.fn<(error: StorageError) => void>();
  const started = Date.now();
  // The page opens both, the run store first (History), then the batch store (Benchmark).
  const [runs, batches] = await Promise.all([
    createRunStore({ factory, timeoutMs: 3_000 }),
    openBatchStore({ factory, onError, timeoutMs: 3_000 }),
  ]);
  expect(runs.reason?.name).toBe('StorageBlockedError');
  expect(batches.reason?.name).toBe('StorageBlockedError');
  expect(batches.reason?.message).toMatch(/another tab/i);
  expect(batches.store.mode).toBe('memory');
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(onError).not.toHaveBeenCalled();
  oldTab.close();
});

test('a blocked upgrade: a batch store opened later, while the upgrade still waits, says blocked', async () => {
  const factory = freshFactory();
  const oldTab = await oldTabHoldingVersion1(factory);
  const runs = await createRunStore({ factory, timeoutMs: 3_000 });
  expect(runs.reason?.name).toBe('StorageBlockedError');

  const started = Date.now();
  const batches = await openBatchStore({ factory, timeoutMs: 3_000 });
  expect(batches.reason?.name).toBe('StorageBlockedError');
  expect(Date.now() - started).toBeLessThan(1_000);

  // Once the old tab lets go, a later open is not blocked any more.
  oldTab.close();
  await vi.waitFor(async () => {
    const again = await openBatchStore({ factory, timeoutMs: 3_000 });
    expect(again.reason).toBeUndefined();
    await again.store.close();
  });
});

test('another tab upgrading: this store lets go and goes on in memory', async () => {
  const factory = freshFactory();
  const onError = vi.fn<(error: StorageError) => void>();
  const handle = await createRunStore({ factory, onError, locks: null });
  expect(handle.mode).toBe('indexeddb');
  const before = await handle.store.createRun(sampleConfig('Before'));

  // A newer version of the site opens in another tab (its upgrade itself is not our concern).
  await openPlaygroundDb({ factory, version: DB_VERSION + 1 }).catch(() => undefined);
  expect(handle.store.mode).toBe('memory');
  expect(onError.mock.calls[0]?.[0].message).toMatch(/another tab/i);
  const after = await handle.store.createRun(sampleConfig('After'));
  await handle.store.finishRun(after.id, 'done');
  expect((await handle.store.get(after.id))?.status).toBe('done');
  expect(before.id).not.toBe(after.id);
});

test('runs left running are marked interrupted on the way in', async () => {
  const factory = freshFactory();
  const first = await createRunStore({ factory, locks: null });
  const run = await first.store.createRun(sampleConfig());
  await first.store.updateTurn(run.id, 'team', sampleTurn(0, 'Half a tho'), true);
  await first.store.flush();

  const second = await createRunStore({ factory, locks: null });
  expect(second.interrupted).toEqual([run.id]);
  expect((await second.store.get(run.id))?.sides.team.turns[0]?.output).toBe('Half a tho');
});

test('an onError handler that throws does not break recording', async () => {
  const faulty = faultyDb(await openPlaygroundDb({ factory: freshFactory() }));
  faulty.full = true;
  const store = new RunStore(Promise.resolve(faulty.db), {
    locks: null,
    onError: () => {
      throw new Error('handler bug');
    },
  });
  const run = await store.createRun(sampleConfig());
  expect((await store.get(run.id))?.id).toBe(run.id);
});

test('a database promise that rejects makes a store that works in memory', async () => {
  const onError = vi.fn<(error: StorageError) => void>();
  vi.stubGlobal('indexedDB', undefined);
  const store = new RunStore(openPlaygroundDb(), { onError, locks: null });
  expect(store.mode).toBe('indexeddb');
  const run = await store.createRun(sampleConfig());
  expect(store.mode).toBe('memory');
  expect(onError.mock.calls[0]?.[0].name).toBe('StorageUnavailableError');
  expect((await store.list()).map((r) => r.id)).toEqual([run.id]);
});
