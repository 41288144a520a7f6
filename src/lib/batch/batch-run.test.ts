import { describe, expect, test } from 'vitest';
import type { CatalogModel } from '../catalog/types';
import { createScriptedTeamChat } from '../team/testing/scripted-chat';
import { MemoryBatchStore } from '../storage/batch-store';
import { BatchRun, type BatchPool } from './batch-run.svelte';
import { gold, scripts, testConfigs, TEST_SET } from './test-helpers';

/** A catalog that knows the two scripted test models. */
const catalog: CatalogModel[] = ['scripted-solo', 'scripted-team'].map((id) => ({
  id,
  label: id,
  engine: 'scripted',
  paramsB: null,
  variants: [
    {
      modelId: id,
      quantization: 'other',
      needsF16: false,
      vramMB: 0,
      downloadMB: 1,
      contextWindow: 4096,
      modelUrl: '',
    },
  ],
}));

async function fakePool(onLoad: () => void = () => undefined): Promise<BatchPool> {
  const { chat } = await createScriptedTeamChat(scripts({ 1: gold(1) }));
  return { loadAll: async () => onLoad(), chat, dispose: () => undefined };
}

/** A clock that only moves when a model is called: each call on `pool` takes `msPerCall`. */
function testClock() {
  let time = 0;
  return {
    now: () => time,
    timed: (pool: BatchPool, msPerCall: number): BatchPool => ({
      ...pool,
      chat: (role, request, hooks) => {
        time += msPerCall;
        return pool.chat(role, request, hooks);
      },
    }),
  };
}

function runner(
  store: MemoryBatchStore,
  pool: BatchPool,
  live = new Set<string>(),
  now?: () => number,
) {
  return new BatchRun({
    makePool: () => pool,
    openStore: async () => ({ store }),
    locks: { hold: () => () => undefined, live: async () => live },
    tickMs: 5,
    ...(now ? { now } : {}),
  });
}

describe('BatchRun', () => {
  test('pause keeps the finished items; after a reload the batch resumes where it stopped', async () => {
    const store = new MemoryBatchStore();
    let loads = 0;
    // Every item makes 4 calls (Solo; reasoner, critic, answerer): 1 s an item on this page,
    // 2 s an item on the reloaded one.
    const clock = testClock();
    const pool = await fakePool(() => loads++);
    const page = runner(store, clock.timed(pool, 250), new Set(), clock.now);
    // Pause as soon as two items are done.
    const original = store.putItem.bind(store);
    store.putItem = async (item) => {
      await original(item);
      if (item.index === 1) page.pause();
    };
    await page.start(TEST_SET, { mode: 'first', count: 4 }, testConfigs(), catalog);
    expect(page.batch?.status).toBe('paused');
    expect(page.done).toBe(2);
    expect(page.total).toBe(4);
    expect(page.busy).toBe(false);
    expect(page.resumable).toBe(true);
    expect(loads).toBe(1);
    store.putItem = original;

    // A new page (a reload) finds the paused batch and resumes it from item 3.
    const reloaded = runner(store, clock.timed(pool, 500), new Set(), clock.now);
    await reloaded.init();
    expect(reloaded.batch?.id).toBe(page.batch?.id);
    expect(reloaded.done).toBe(2);
    expect(reloaded.resumable).toBe(true);
    await reloaded.resume(catalog);
    expect(reloaded.batch?.status).toBe('done');
    expect(reloaded.results.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect((await store.itemsOf(reloaded.batch!.id)).map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(reloaded.resumable).toBe(false);
    expect((await store.itemsOf(reloaded.batch!.id)).map((r) => r.wallMs)).toEqual([
      1000, 1000, 2000, 2000,
    ]);
    // The mean counts the items done before the reload too.
    expect(reloaded.meanItemMs).toBe(1500);
    expect(reloaded.remainingMs).toBe(0);
  });

  test('a batch left running by a page that went away is resumable, unless another tab runs it', async () => {
    const store = new MemoryBatchStore();
    const first = runner(store, await fakePool());
    const original = store.putItem.bind(store);
    store.putItem = async (item) => {
      await original(item);
      if (item.index === 0) first.pause();
    };
    await first.start(TEST_SET, { mode: 'random', count: 3, seed: 3 }, testConfigs(), catalog);
    const batch = first.batch!;
    // The page died while running: the stored status is still 'running'.
    await store.putBatch({ ...batch, status: 'running' });
    const after = runner(store, await fakePool());
    await after.init();
    expect(after.batch?.status).toBe('running');
    expect(after.resumable).toBe(true);
    expect(after.batch?.items).toHaveLength(3);

    const elsewhere = runner(store, await fakePool(), new Set([batch.id]));
    await elsewhere.init();
    expect(elsewhere.resumable).toBe(false);
  });

  test('stop ends the batch for good; unknown models pause it with a message', async () => {
    const store = new MemoryBatchStore();
    const page = runner(store, await fakePool());
    const original = store.putItem.bind(store);
    store.putItem = async (item) => {
      await original(item);
      page.stop();
    };
    await page.start(TEST_SET, { mode: 'first', count: 4 }, testConfigs(), catalog);
    expect(page.batch?.status).toBe('stopped');
    expect(page.done).toBe(1);
    expect(page.resumable).toBe(false);

    store.putItem = original;
    await page.start(TEST_SET, { mode: 'first', count: 2 }, testConfigs(), []);
    expect(page.batch?.status).toBe('paused');
    expect(page.loadError?.message).toMatch(/Unknown model: scripted-solo, scripted-team/);
    expect(page.batches).toHaveLength(2);
    await page.remove(page.batch!.id);
    expect(page.batches).toHaveLength(1);
    expect(page.batch).toBeNull();
  });
});
