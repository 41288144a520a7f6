import { describe, expect, test } from 'vitest';
import type { CatalogModel } from '../catalog/types';
import type { AgentHost } from '../agents/agent-host.svelte';
import { MemoryBatchStore } from '../storage/batch-store';
import { hostWithAgents, scriptedCatalogModel } from '../testing/host-fixtures';
import type { InProcessAgent } from '../testing/in-process-agent';
import { BatchRun } from './batch-run.svelte';
import { batchToJson } from './export';
import { gold, scripts, testBatch, testConfigs, TEST_SET } from '../testing/batch-fixtures';
import { batchItemKey, type BatchItemRecord } from '../storage/batch-records';
import type { RunStoreApi } from '../storage/api';
import { createMemoryRunStore } from '../storage/run-store';
import { traceFromTurn, type TraceRecord } from '../storage/records';
import { sampleConfig, sampleTurn } from '../testing/storage-fixtures';

const SCRIPTS = scripts({ 1: gold(1) });

/** A catalog that knows the two scripted test models, with their scripts. */
const catalog: CatalogModel[] = ['scripted-solo', 'scripted-team'].map((id) =>
  scriptedCatalogModel(id, SCRIPTS[id]!),
);

interface Pool {
  host: AgentHost;
  agents: InProcessAgent[];
  /** A clock that only moves when a model is called: each call takes `msPerCall`. */
  clock: { time: number; msPerCall: number; now: () => number };
}

/** The real agent host over in-process agents whose calls move the test clock. */
async function fakePool(): Promise<Pool> {
  const clock = { time: 0, msPerCall: 0, now: () => clock.time };
  const { host, agents } = hostWithAgents((agent) => {
    const chat = agent.chat.bind(agent);
    agent.chat = (request, hooks) => {
      clock.time += clock.msPerCall;
      return chat(request, hooks);
    };
  });
  return { host, agents, clock };
}

function runner(
  store: MemoryBatchStore,
  pool: Pick<Pool, 'host'>,
  live = new Set<string>(),
  now?: () => number,
  runStore?: RunStoreApi,
) {
  return new BatchRun({
    host: pool.host,
    openStore: async () => ({ store }),
    locks: { hold: () => () => undefined, live: async () => live },
    tickMs: 5,
    ...(now ? { now } : {}),
    ...(runStore ? { runStore: () => runStore } : {}),
  });
}

describe('BatchRun', () => {
  test('pause keeps the finished items; after a reload the batch resumes where it stopped', async () => {
    const store = new MemoryBatchStore();
    // Every item makes 4 calls (Solo; reasoner, critic, answerer): 1 s an item on this page,
    // 2 s an item on the reloaded one.
    const pool = await fakePool();
    pool.clock.msPerCall = 250;
    const page = runner(store, pool, new Set(), pool.clock.now);
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
    expect(pool.agents.map((a) => a.loads)).toEqual([1, 1]);
    store.putItem = original;

    // A new page (a reload) finds the paused batch and resumes it from item 3.
    pool.clock.msPerCall = 500;
    const reloaded = runner(store, pool, new Set(), pool.clock.now);
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

  test('unloading the models from another view pauses the batch with a message, no hang', async () => {
    const store = new MemoryBatchStore();
    const pool = await fakePool();
    const page = runner(store, pool);
    const original = store.putItem.bind(store);
    store.putItem = async (item) => {
      await original(item);
      // Solo vs Team's "Unload models" while the next item runs.
      if (item.index === 0) setTimeout(() => void pool.host.unloadAll('Solo vs Team'), 0);
    };
    await page.start(TEST_SET, { mode: 'first', count: 4 }, testConfigs(), catalog);
    expect(page.busy).toBe(false);
    expect(page.batch?.status).toBe('paused');
    expect(page.loadError).toMatchObject({
      name: 'ModelUnloadedError',
      message: 'Paused: Solo vs Team unloaded the models. Resume loads them again and goes on.',
    });
    expect(page.resumable).toBe(true);
    store.putItem = original;
    await page.resume(catalog);
    expect(page.batch?.status).toBe('done');
    expect(page.done).toBe(4);
  });

  test('a results file opens as a past batch, shown like one run here; a bad one changes nothing', async () => {
    const store = new MemoryBatchStore();
    const pool = await fakePool();
    const first = runner(store, pool);
    await first.start(TEST_SET, { mode: 'first', count: 3 }, testConfigs(), catalog);
    const ran = first.batch!;
    const file = batchToJson(ran, first.results);
    await first.remove(ran.id);

    const page = runner(store, pool);
    await page.init();
    expect(await page.openFile('{"format": "slm-playground-batch", "version": 1')).toBe(false);
    expect(page.fileProblem?.message).toMatch(/^The file is not valid JSON/);
    expect(page.batches).toEqual([]);
    expect(page.batch).toBeNull();

    expect(await page.openFile(file)).toBe(true);
    expect(page.fileProblem).toBeNull();
    expect(page.batches.map((b) => b.id)).toEqual([ran.id]);
    expect(page.batch).toMatchObject({ id: ran.id, status: 'done' });
    expect(page.results.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(page.resumable).toBe(false);

    // Kept: a reloaded page lists and shows it.
    const reloaded = runner(store, pool);
    await reloaded.init();
    expect(reloaded.batch?.id).toBe(ran.id);
    expect(reloaded.results).toEqual(page.results);
  });
});

describe('BatchRun, items at once', () => {
  const towns = ['Alder', 'Birch', 'Cedar', 'Dogwood'];
  /** Every item answered by both sides; the team's reasoning names the item's own town. */
  const allItems = scripts(
    { 1: gold(1), 2: gold(2), 3: gold(3), 4: gold(4) },
    { 1: { draft: gold(1) }, 2: { draft: gold(2) }, 3: { draft: gold(3) }, 4: { draft: gold(4) } },
  );
  /** The two scripted models, as models on a server (parallel calls) or in the tab. */
  const catalogOf = (parallelCalls: boolean): CatalogModel[] =>
    ['scripted-solo', 'scripted-team'].map((id) =>
      scriptedCatalogModel(id, { ...allItems[id]!, tokensPerSecond: 400, parallelCalls }),
    );

  /** A pool whose calls note the most items the watched page had in progress at once. */
  function watchedPool() {
    const seen: { peak: number; page?: BatchRun } = { peak: 0 };
    const { host, agents } = hostWithAgents((agent) => {
      const chat = agent.chat.bind(agent);
      agent.chat = (request, hooks) => {
        seen.peak = Math.max(seen.peak, seen.page?.running.length ?? 0);
        return chat(request, hooks);
      };
    });
    return { host, agents, seen, watch: (page: BatchRun) => (seen.page = page) };
  }

  /** Runs the four test items, `itemsAtOnce` at once, on models on a server or in the tab. */
  async function runAll(parallelCalls: boolean, itemsAtOnce: number) {
    const store = new MemoryBatchStore();
    const pool = watchedPool();
    const page = runner(store, pool);
    pool.watch(page);
    const configs = testConfigs();
    const set = { mode: 'first', count: 4 } as const;
    await page.start(TEST_SET, set, configs, catalogOf(parallelCalls), undefined, itemsAtOnce);
    const items = (await store.itemsOf(page.batch!.id)).sort((a, b) => a.index - b.index);
    return { page, store, peak: pool.seen.peak, items };
  }

  test('models on a server: items run several at once, each turn counted on its own item', async () => {
    const { page, store, peak, items } = await runAll(true, 3);
    expect(page.batch?.status).toBe('done');
    expect(page.batch?.itemsAtOnce).toBe(3);
    expect((await store.getBatch(page.batch!.id))?.itemsAtOnce).toBe(3);
    expect(page.itemsAtOnce).toBe(3);
    expect(peak).toBe(3);
    expect(page.running).toEqual([]);
    expect(items.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    for (const record of items) {
      const [solo, team] = record.sides;
      expect(solo?.scores.correct).toBe(1);
      expect(team?.scores.correct).toBe(1);
      // The team's reasoner spoke of this item's town.
      expect(team?.turns[0]?.output).toContain(`${towns[record.index]} Mill`);
    }
    // The items overlapped: elapsed time is less than the sum of their times.
    expect(page.elapsedMs).toBeLessThan(items.reduce((n, r) => n + r.wallMs, 0));

    // One at a time, every item has the same turns, outputs and tokens: nothing ran into
    // another item's record.
    const alone = await runAll(false, 3);
    expect(alone.page.itemsAtOnce).toBe(1);
    expect(alone.peak).toBe(1);
    const figures = (records: typeof items) =>
      records.map((r) =>
        r.sides.map((s) => ({
          tokens: [s.promptTokens, s.completionTokens],
          turns: s.turns.map((t) => [t.roleName, t.promptTokens, t.completionTokens, t.output]),
        })),
      );
    expect(figures(items)).toEqual(figures(alone.items));
  });

  test('items that finished out of order: Resume goes on from the first unfinished one', async () => {
    const store = new MemoryBatchStore();
    const batch = { ...testBatch(), status: 'paused' as const, itemsAtOnce: 4 };
    await store.putBatch(batch);
    // Items 1, 2 and 4 finished; item 3 was in flight when the page paused.
    for (const index of [0, 1, 3])
      await store.putItem({
        kind: 'item',
        id: batchItemKey(batch.id, index),
        batchId: batch.id,
        index,
        itemId: batch.items[index]!.id,
        finishedAt: 1_000 + index,
        wallMs: 1,
        sides: [],
      });
    const page = runner(store, watchedPool());
    await page.init();
    expect(page.done).toBe(3);
    expect(page.resumable).toBe(true);
    expect(page.resumeFrom).toBe(3);
    // The batch's own setting is shown with it.
    expect(page.itemsAtOnce).toBe(4);
  });

  test('pause with items in flight drops them all; resume runs exactly the unfinished ones', async () => {
    const store = new MemoryBatchStore();
    const pool = watchedPool();
    const page = runner(store, pool);
    pool.watch(page);
    const original = store.putItem.bind(store);
    store.putItem = async (item) => {
      await original(item);
      // Pause when the first item is stored: the others are still in flight.
      if (page.running.length > 1) page.pause();
    };
    const catalog = catalogOf(true);
    await page.start(TEST_SET, { mode: 'first', count: 4 }, testConfigs(), catalog, undefined, 4);
    expect(page.batch?.status).toBe('paused');
    expect(page.done).toBe(1);
    expect(page.running).toEqual([]);
    // Every call in flight was stopped: nothing still runs on the models.
    expect(pool.host.models.map((m) => m.running)).toEqual([0, 0]);
    store.putItem = original;
    await page.resume(catalog);
    expect(page.batch?.status).toBe('done');
    const indexes = (await store.itemsOf(page.batch!.id)).map((r) => r.index);
    expect(indexes.sort()).toEqual([0, 1, 2, 3]);
  });
});

describe('BatchRun, calls logged as traces', () => {
  /** Every item's calls, as its record counts them: config id → calls, by item index. */
  const callsOf = (items: BatchItemRecord[]) =>
    items.map((r) => Object.fromEntries(r.sides.map((s) => [s.configId, s.calls])));
  /** The traces' count per item and config, in the same shape. */
  function tracedCalls(traces: TraceRecord[], count: number) {
    const calls: Record<string, number>[] = Array.from({ length: count }, () => ({}));
    for (const t of traces) {
      const of = calls[t.batch!.index]!;
      of[t.batch!.configId] = (of[t.batch!.configId] ?? 0) + 1;
    }
    return calls;
  }

  test('every call of every item is a trace of its item and config; deleting the batch deletes them', async () => {
    const store = new MemoryBatchStore();
    const runStore = createMemoryRunStore({ locks: null });
    const run = await runStore.createRun(sampleConfig());
    await runStore.addTrace(traceFromTurn(run, 'solo', sampleTurn(0, 'x')));
    // Item 3: the critic sends the team's draft back once (5 team calls instead of 3).
    const scripted = scripts({ 1: gold(1) }, { 3: { draft: 'Nowhere', revised: gold(3) } });
    const models = ['scripted-solo', 'scripted-team'].map((id) =>
      scriptedCatalogModel(id, scripted[id]!),
    );
    const page = runner(store, await fakePool(), new Set(), undefined, runStore);
    await page.start(TEST_SET, { mode: 'first', count: 4 }, testConfigs(), models);
    expect(page.batch?.status).toBe('done');
    const batchId = page.batch!.id;
    const items = (await store.itemsOf(batchId)).sort((a, b) => a.index - b.index);
    const traces = (await runStore.allTraces()).filter((t) => t.batch);
    expect(callsOf(items)).toEqual([
      { solo: 1, team: 3 },
      { solo: 1, team: 3 },
      { solo: 1, team: 5 },
      { solo: 1, team: 3 },
    ]);
    expect(traces).toHaveLength(18);
    expect(tracedCalls(traces, 4)).toEqual(callsOf(items));
    for (const t of traces) {
      const { index, configId, itemId } = t.batch!;
      expect(t.runId).toBe(batchItemKey(batchId, index));
      expect(t.batch?.batchId).toBe(batchId);
      expect(itemId).toBe(TEST_SET.items[index]!.id);
      expect(t.side).toBe(configId === 'solo' ? 'solo' : 'team');
      expect(t.modelId).toBe(configId === 'solo' ? 'scripted-solo' : 'scripted-team');
      // The prompt is the item's own question, the output its call's reply.
      expect(t.messages.map((m) => m.content).join('\n')).toContain(`Q${index + 1}:`);
      expect(t.output.length).toBeGreaterThan(0);
    }
    // The item's turns, in order, are its traces' outputs.
    const teamOf3 = traces
      .filter((t) => t.batch!.index === 2 && t.batch!.configId === 'team')
      .sort((a, b) => a.turnIndex - b.turnIndex);
    expect(teamOf3.map((t) => t.output)).toEqual(items[2]!.sides[1]!.turns.map((t) => t.output));
    expect(teamOf3.map((t) => t.roleName)).toEqual([
      'Reasoner',
      'Critic',
      'Reasoner',
      'Critic',
      'Answerer',
    ]);

    await page.remove(batchId);
    const left = await runStore.allTraces();
    expect(left).toHaveLength(1);
    expect(left[0]?.runId).toBe(run.id);
  });

  test('items run at once: each call is logged on its own item; a failing store never stops the batch', async () => {
    const allItems = scripts({ 1: gold(1), 2: gold(2), 3: gold(3), 4: gold(4) });
    const models = ['scripted-solo', 'scripted-team'].map((id) =>
      scriptedCatalogModel(id, { ...allItems[id]!, tokensPerSecond: 400, parallelCalls: true }),
    );
    const runStore = createMemoryRunStore({ locks: null });
    const store = new MemoryBatchStore();
    const page = runner(store, await fakePool(), new Set(), undefined, runStore);
    await page.start(TEST_SET, { mode: 'first', count: 4 }, testConfigs(), models, undefined, 4);
    expect(page.batch?.status).toBe('done');
    expect(page.itemsAtOnce).toBe(4);
    const items = await store.itemsOf(page.batch!.id);
    const traces = await runStore.allTraces();
    expect(traces).toHaveLength(16);
    expect(tracedCalls(traces, 4)).toEqual(callsOf(items.sort((a, b) => a.index - b.index)));
    for (const t of traces)
      expect(t.messages.map((m) => m.content).join('\n')).toContain(`Q${t.batch!.index + 1}:`);

    // A store that throws, or rejects, on every trace: the batch still finishes.
    const broken: RunStoreApi = Object.assign(createMemoryRunStore({ locks: null }), {
      addTrace: () => {
        throw new Error('no');
      },
      deleteTracesOfBatch: () => Promise.reject(new Error('no')),
    });
    const rejecting: RunStoreApi = Object.assign(createMemoryRunStore({ locks: null }), {
      addTrace: () => Promise.reject(new Error('no')),
    });
    for (const failing of [broken, rejecting]) {
      const other = runner(new MemoryBatchStore(), await fakePool(), new Set(), undefined, failing);
      await other.start(TEST_SET, { mode: 'first', count: 2 }, testConfigs(), models);
      expect(other.batch?.status).toBe('done');
      expect(other.done).toBe(2);
      await other.remove(other.batch!.id);
      expect(other.batches).toEqual([]);
    }
  });

  test('without a run store (not open yet) nothing is logged and nothing breaks', async () => {
    const store = new MemoryBatchStore();
    const page = runner(store, await fakePool());
    await page.start(TEST_SET, { mode: 'first', count: 1 }, testConfigs(), catalog);
    expect(page.batch?.status).toBe('done');
    await page.remove(page.batch!.id);
    expect(page.batches).toEqual([]);
  });
});
