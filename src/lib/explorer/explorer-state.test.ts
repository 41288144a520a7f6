import { expect, test } from 'vitest';
import { MemoryCurationStore } from '../storage/curation-store';
import type { RunRecord, TraceRecord } from '../storage/records';
import { ExplorerState, type TraceSource } from './explorer-state.svelte';
import { syntheticRuns, syntheticTraces } from '../testing/explorer-fixtures';

function source(traces: TraceRecord[], runs: RunRecord[]): TraceSource {
  const byId = new Map(runs.map((r) => [r.id, r]));
  return { allTraces: async () => traces, get: async (id) => byId.get(id) };
}

async function loaded(curation = new MemoryCurationStore(), count = 40) {
  const explorer = new ExplorerState({
    openCuration: async () => ({ store: curation }),
    now: () => 123,
  });
  await explorer.load(source(syntheticTraces(count, 4), syntheticRuns(4)));
  return { explorer, curation };
}

test('loads every call with its marks; filters show the matching rows', async () => {
  const curation = new MemoryCurationStore();
  await curation.putMarks([{ traceId: 'trace-3', keep: false }], 1);
  const { explorer } = await loaded(curation);
  expect(explorer.status).toBe('ready');
  expect(explorer.rows).toHaveLength(40);
  expect(explorer.kept('trace-3')).toBe(false);
  expect(explorer.kept('trace-4')).toBe(true);
  expect(explorer.keptCount).toBe(39);
  explorer.filter.role = 'Solo';
  expect(explorer.shown.map((r) => r.roleName)).toEqual(Array(10).fill('Solo'));
  explorer.clearFilter();
  expect(explorer.shown).toHaveLength(40);
});

test('marks of one call and of all shown calls are kept in the curation store', async () => {
  const { explorer, curation } = await loaded();
  await explorer.setMark('trace-0', false);
  explorer.filter.model = 'model-b';
  await explorer.markShown(false);
  expect((await curation.allMarks()).filter((m) => !m.keep)).toHaveLength(1 + 13);
  expect(await curation.getMark('trace-1')).toMatchObject({ keep: false, updatedAt: 123 });
  await explorer.markShown(true);
  expect(explorer.kept('trace-1')).toBe(true);
  expect(explorer.kept('trace-0')).toBe(false);
  // A fresh explorer over the same store sees the marks.
  const again = await loaded(curation);
  expect(again.explorer.kept('trace-0')).toBe(false);
  expect(again.explorer.kept('trace-1')).toBe(true);
});

test('export counts follow the choices, and the files hold what they count', async () => {
  const { explorer } = await loaded();
  await explorer.setMark('trace-2', false);
  // Run 0 has no expected answer; run 1 and 3 answered wrong; run 2 right (10 calls).
  const options = explorer.exportOptions;
  options.validationShare = 0.2;
  expect(explorer.counts).toEqual({ total: 39, train: 31, validation: 8, withoutRun: 0 });
  options.onlyKept = false;
  expect(explorer.counts.total).toBe(40);
  options.onlyRight = true;
  expect(explorer.counts).toEqual({ total: 10, train: 8, validation: 2, withoutRun: 0 });
  options.onlyKept = true;
  options.onlyRight = false;
  const files = explorer.exportFiles(new Date('2025-01-02T00:00:00Z'));
  const lines = (text: string) => text.split('\n').filter(Boolean);
  expect(lines(files.train)).toHaveLength(31);
  expect(lines(files.validation)).toHaveLength(8);
  const record = JSON.parse(lines(files.train)[0] ?? '{}') as { messages: { content: string }[] };
  expect(record.messages.map((m) => m.content).join(' ')).toContain('[EMAIL]');
  expect(files.train + files.validation).not.toContain('"Question 2 about'); // dropped
  expect(files.card).toContain('Examples: 39 (train 31, validation 8)');
  // The same seed gives the same split; another seed another one.
  expect(explorer.exportFiles().validation).toBe(files.validation);
  options.seed = 2;
  expect(explorer.exportFiles().validation).not.toBe(files.validation);
  options.mask = false;
  options.format = 'alpaca';
  const alpaca = JSON.parse(lines(explorer.exportFiles().train)[0] ?? '{}') as { input: string };
  expect(alpaca.input).toMatch(/@example\.com/);
});

test('calls whose run is gone are listed but not exported', async () => {
  const explorer = new ExplorerState({
    openCuration: async () => ({ store: new MemoryCurationStore() }),
  });
  await explorer.load(source(syntheticTraces(3, 1), []));
  expect(explorer.rows).toHaveLength(3);
  expect(explorer.counts).toEqual({ total: 0, train: 0, validation: 0, withoutRun: 3 });
  expect(explorer.exportFiles().train).toBe('');
});

test('the selected call is the whole trace', async () => {
  const { explorer } = await loaded();
  explorer.selectedId = 'trace-5';
  expect(explorer.selected?.messages[1]?.content).toContain('Question 5');
  expect(explorer.selectedRow?.roleName).toBe('Critic');
});
