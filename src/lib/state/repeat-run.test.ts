import { expect, test } from 'vitest';
import type { ScriptedScript } from '../engine/types';
import { defaultExperiment } from '../team/presets';
import { hostWithAgents, scriptedCatalogModel } from '../testing/host-fixtures';
import { callRows } from '../explorer/call-rows';
import { createMemoryRunStore } from '../storage/run-store';
import { settle } from '../testing/storage-fixtures';
import { RepeatRun, reseeded, SEED_STEP } from './repeat-run.svelte';

const script = (over: Partial<ScriptedScript> = {}): ScriptedScript => ({
  // Seed 101 (the second run's, for a role on seed 1) answers otherwise.
  rules: [{ seeds: [1 + SEED_STEP], reply: 'Answer: Vienna' }, { reply: 'Answer: Szeged' }],
  tokensPerSecond: 0,
  loadMs: 0,
  ...over,
});
const catalog = [
  scriptedCatalogModel('scripted-a', script()),
  scriptedCatalogModel('scripted-slow', script({ tokensPerSecond: 20 })),
];
const config = (id = 'scripted-a') =>
  defaultExperiment({ engine: 'scripted', modelId: id }, { engine: 'scripted', modelId: id });

test('repeats run with other seeds each time and count the distinct answers', async () => {
  const { host } = hostWithAgents();
  const repeat = new RepeatRun(host);
  const base = config();
  expect(base.solo.roles[0]!.seed).toBe(1);
  expect(reseeded(base.solo, 2).roles[0]!.seed).toBe(1 + 2 * SEED_STEP);
  await repeat.run(base, 'solo', 4, catalog);
  expect(repeat.phase).toBe('finished');
  expect(repeat.outcomes.map((o) => [o.status, o.answer])).toEqual([
    ['done', 'Szeged'],
    ['done', 'Vienna'],
    ['done', 'Szeged'],
    ['done', 'Szeged'],
  ]);
  expect(repeat.groups.map((g) => [g.answer, g.count])).toEqual([
    ['Szeged', 3],
    ['Vienna', 1],
  ]);
  expect(repeat.outcomes.every((o) => o.tokens > 0)).toBe(true);
});

test('Stop ends the repeats with the runs so far, the one in progress marked stopped', async () => {
  const { host } = hostWithAgents();
  const repeat = new RepeatRun(host);
  const done = repeat.run(config('scripted-slow'), 'solo', 5, catalog);
  while (repeat.outcomes.length < 1) await new Promise((r) => setTimeout(r, 10));
  repeat.stop();
  await done;
  expect(repeat.phase).toBe('finished');
  expect(repeat.outcomes.length).toBeLessThan(5);
  expect(repeat.outcomes.at(-1)!.status).toBe('stopped');
});

test('each repeat’s calls are the run’s traces, marked with the repeat and scored by its own answer', async () => {
  const { host } = hostWithAgents();
  const store = createMemoryRunStore();
  const base = { ...config(), expectedAnswer: 'Szeged' };
  const run = await store.createRun(base);
  const repeat = new RepeatRun(host);
  await repeat.run(base, 'solo', 3, catalog, { runId: run.id, store });
  await settle();
  const traces = await store.tracesForRun(run.id);
  // Solo makes one call per run.
  expect(traces.map((t) => [t.side, t.repeat])).toEqual([
    ['solo', { index: 0, finalAnswer: 'Szeged' }],
    ['solo', { index: 1, finalAnswer: 'Vienna' }],
    ['solo', { index: 2, finalAnswer: 'Szeged' }],
  ]);
  expect(traces.every((t) => t.modelId === 'scripted-a' && t.output.length > 0)).toBe(true);
  const stored = await store.get(run.id);
  const rows = callRows(traces, new Map([[run.id, stored!]]));
  expect(rows.map((r) => [r.protocol, r.outcome])).toEqual([
    ['solo', 'right'],
    ['solo', 'wrong'],
    ['solo', 'right'],
  ]);
});

test('without a recorded run, nothing is logged and the repeats still run', async () => {
  const { host } = hostWithAgents();
  const repeat = new RepeatRun(host);
  await repeat.run(config(), 'solo', 2, catalog, null);
  expect(repeat.outcomes).toHaveLength(2);
});
