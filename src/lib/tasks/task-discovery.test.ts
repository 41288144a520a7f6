/**
 * Task discovery's state over a loaded explorer and a memory curation store. The embedding
 * worker is replaced by a test embedder (labelled as such: vectors by the call's position, three
 * groups far apart); the clustering is the clustering worker's own code, called directly.
 */
import { expect, test } from 'vitest';
import { discover, labelGroups, split } from '../../../workers/cluster-worker-api';
import { AgentError } from '../engine/errors';
import { ExplorerState, type TraceSource } from '../explorer/explorer-state.svelte';
import { MemoryCurationStore } from '../storage/curation-store';
import type { RunRecord, TraceRecord } from '../storage/records';
import { syntheticRuns, syntheticTraces } from '../testing/explorer-fixtures';
import { TaskDiscovery } from './task-discovery.svelte';
import type { ClusterBridge, EmbedBridge } from './task-workers';

function source(traces: TraceRecord[], runs: RunRecord[]): TraceSource {
  const byId = new Map(runs.map((r) => [r.id, r]));
  return { allTraces: async () => traces, get: async (id) => byId.get(id) };
}

/** A test embedder: the i-th text gets a unit vector near axis i mod 3. */
class TestEmbedder {
  loads = 0;
  terminated = 0;
  hold: Promise<void> | null = null;
  #stop: (() => void) | null = null;
  /** URLs loaded once: kept, as wllama's cache keeps them. */
  readonly kept = new Set<string>();
  async isCached(url: string) {
    return this.kept.has(url);
  }
  async load(url: string) {
    this.loads++;
    this.kept.add(url);
    if (this.hold) await this.hold;
    return {
      dimensions: 4,
      pooling: 'mean',
      poolingFromModel: true,
      contextSize: 512,
      fromCache: false,
      loadMs: 1,
    };
  }
  async embed(
    texts: string[],
    _batch: number,
    onProgress: (p: { done: number; total: number }) => void,
  ) {
    if (this.hold)
      await new Promise<void>((_resolve, reject) => {
        this.#stop = () => reject(new AgentError('AbortError', 'Embedding stopped.'));
      });
    onProgress({ done: texts.length, total: texts.length });
    return texts.map((_t, i) => {
      const v = [0, 0, 0, 0.01 * (i % 5)];
      v[i % 3] = 1;
      const n = Math.hypot(...v);
      return Float32Array.from(v.map((x) => x / n));
    });
  }
  async stop() {
    this.#stop?.();
  }
  terminate() {
    this.terminated++;
  }
}

const clusterer = {
  discover: async (input: Parameters<typeof discover>[0]) => discover(input),
  split: async (v: Float32Array[], t: string[], s: number) => split(v, t, s),
  labelGroups: async (g: string[][]) => labelGroups(g),
  terminate: () => {},
} as unknown as ClusterBridge;

async function setUp(curation = new MemoryCurationStore(), embedder = new TestEmbedder()) {
  const explorer = new ExplorerState({ openCuration: async () => ({ store: curation }) });
  await explorer.load(source(syntheticTraces(30, 3), syntheticRuns(3)));
  let n = 0;
  const discovery = new TaskDiscovery({
    explorer,
    embedder: () => embedder as unknown as EmbedBridge,
    clusterer: () => clusterer,
    newKey: () => `key-${++n}`,
    now: () => 5,
    fetchFn: async () => new Response(null, { headers: { 'content-length': '1234' } }),
    mode: 'test',
  });
  discovery.modelId = 'tiny-embed-GGUF';
  return { explorer, discovery, curation, embedder };
}

test('fewer than three calls shown: it says so and asks nothing', async () => {
  const { explorer, discovery } = await setUp();
  explorer.filter.text = 'no call says this';
  await discovery.prepare();
  expect(discovery.status).toBe('idle');
  expect(discovery.message).toBe('Finding tasks needs at least 3 calls; 0 are shown.');
});

test('found tasks, their names and a task filter; kept over a new session', async () => {
  const { explorer, discovery, curation } = await setUp();
  await discovery.prepare();
  expect(discovery.status).toBe('confirm');
  expect(discovery.measuredBytes).toBe(1234);
  expect(discovery.cached).toBe(false);
  await discovery.run();
  expect(discovery.status).toBe('idle');
  expect(discovery.message).toBeNull();
  expect(discovery.tasks.map((t) => t.count)).toEqual([10, 10, 10]);
  expect(discovery.tasks[0]?.cost?.callShare).toBeCloseTo(1 / 3);
  const key = discovery.tasks[1]!.key;
  await discovery.rename(key, '  Critiques ');
  discovery.showOnly(key);
  expect(explorer.shown).toHaveLength(10);
  expect(explorer.taskFilter?.name).toBe('Critiques');
  discovery.showOnly(null);
  expect(explorer.shown).toHaveLength(30);
  // The model is kept now: the confirm says so (no download).
  await discovery.prepare();
  expect(discovery.cached).toBe(true);
  discovery.cancel();

  const again = await setUp(curation);
  await again.discovery.restore();
  expect(again.discovery.tasks.map((t) => t.name)).toContain('Critiques');
  // A new search over the same calls keeps the keys, so the name.
  await again.discovery.prepare();
  expect(again.discovery.cached).toBe(false);
  await again.discovery.run();
  expect(again.discovery.tasks.find((t) => t.key === key)?.name).toBe('Critiques');

  await again.discovery.merge(key, again.discovery.tasks[0]!.key);
  expect(again.discovery.tasks.map((t) => t.count).sort()).toEqual([10, 20]);
  await again.discovery.split(key);
  expect(again.discovery.tasks.map((t) => t.count)).toEqual([10, 10, 10]);
  expect((await curation.getTaskMap())?.clusters).toHaveLength(3);
});

test('Stop during the embedding stops it between batches; during the download it ends the worker', async () => {
  const embedder = new TestEmbedder();
  let release = () => {};
  embedder.hold = new Promise<void>((resolve) => (release = resolve));
  const { discovery, curation } = await setUp(undefined, embedder);
  await discovery.prepare();
  const running = discovery.run();
  await Promise.resolve();
  expect(discovery.status).toBe('loading');
  release();
  await new Promise((r) => setTimeout(r, 0));
  expect(discovery.status).toBe('embedding');
  discovery.stop();
  await running;
  expect(discovery.status).toBe('idle');
  expect(discovery.message).toMatch(/^Stopped/);
  expect(discovery.map).toBeNull();
  expect(await curation.getTaskMap()).toBeUndefined();

  embedder.hold = new Promise<void>(() => {});
  await discovery.prepare();
  void discovery.run();
  await Promise.resolve();
  expect(discovery.status).toBe('loading');
  discovery.stop();
  expect(embedder.terminated).toBe(1);
});
