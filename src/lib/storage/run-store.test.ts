import { expect, test, vi } from 'vitest';
import type { StorageError } from './errors';
import type { NewTrace } from './records';
import { openPlaygroundDb } from './database';
import { RunStore } from './run-store';
import {
  faultyDb,
  freshFactory,
  ManualClock,
  sampleConfig,
  sampleTurn,
  settle,
} from '../testing/storage-fixtures';

async function openStore(factory = freshFactory(), clock = new ManualClock()) {
  const db = await openPlaygroundDb({ factory });
  const faulty = faultyDb(db);
  const store = new RunStore(Promise.resolve(faulty.db), { clock, locks: null });
  return { store, db, faulty, clock, factory };
}

function trace(runId: string, side: 'solo' | 'team', turnIndex: number): NewTrace {
  const turn = sampleTurn(turnIndex, `output ${side} ${turnIndex}`);
  return {
    runId,
    side,
    turnIndex,
    role: turn.roleId,
    roleName: turn.roleName,
    kind: turn.kind,
    step: turn.step,
    modelId: 'scripted-solo',
    messages: turn.messages,
    output: turn.output,
    usage: turn.usage,
    startedAt: turn.startedAtMs,
    endedAt: turn.endedAtMs,
    status: 'done',
  };
}

test('create, list (newest first), get and delete runs', async () => {
  const { store, clock } = await openStore();
  const first = await store.createRun(sampleConfig('How many apples does Ann have?'));
  clock.advance(1_000);
  const second = await store.createRun(sampleConfig('In which city was Helena Varga born?'));
  await store.finishRun(second.id, 'done');

  expect(first.status).toBe('running');
  expect(first.questionLower).toBe('how many apples does ann have?');
  const list = await store.list();
  expect(list.map((r) => r.id)).toEqual([second.id, first.id]);
  expect(list[0]).toMatchObject({
    status: 'done',
    question: 'In which city was Helena Varga born?',
  });
  expect(list[0]?.sides.team).toMatchObject({ protocol: 'critic-loop', turnCount: 0 });

  expect((await store.get(first.id))?.config.question).toBe('How many apples does Ann have?');
  await store.addTrace(trace(first.id, 'solo', 0));
  await store.delete(first.id);
  expect(await store.get(first.id)).toBeUndefined();
  expect(await store.tracesForRun(first.id)).toEqual([]);
  expect((await store.list()).map((r) => r.id)).toEqual([second.id]);
});

test('search is a case-insensitive substring of the question; limit and before page', async () => {
  const { store, clock } = await openStore();
  const ids: string[] = [];
  for (const q of [
    'Apples and PEARS',
    'How far is the Moon?',
    'pearson correlation',
    'Pear tree',
  ]) {
    ids.push((await store.createRun(sampleConfig(q))).id);
    clock.advance(10);
  }
  await store.flush();
  const pears = await store.list({ search: '  PEAR ' });
  expect(pears.map((r) => r.question)).toEqual([
    'Pear tree',
    'pearson correlation',
    'Apples and PEARS',
  ]);
  const page1 = await store.list({ search: 'pear', limit: 2 });
  expect(page1.map((r) => r.question)).toEqual(['Pear tree', 'pearson correlation']);
  const page2 = await store.list({ search: 'pear', limit: 2, before: page1[1]?.createdAt });
  expect(page2.map((r) => r.question)).toEqual(['Apples and PEARS']);
  expect(await store.list({ search: 'zebra' })).toEqual([]);
  expect(ids).toHaveLength(4);
});

test('token updates are coalesced: one write per 250 ms, the last state kept', async () => {
  const { store, clock, faulty, db } = await openStore();
  const run = await store.createRun(sampleConfig());
  expect(faulty.puts.runs).toBe(1);

  let text = '';
  for (let i = 0; i < 100; i++) {
    text += `t${i} `;
    await store.updateTurn(run.id, 'solo', sampleTurn(0, text, { status: 'stopped' }), true);
    clock.advance(10); // 100 tokens over one second
    await settle();
  }
  // The create at 0 ms, then writes at 250, 500, 750 and 1000 ms: 5 puts, not 101.
  expect(faulty.puts.runs).toBe(5);

  // One more token: due at 1250 ms, not written yet; readers see it at once, flush writes it.
  text += 'last';
  await store.updateTurn(run.id, 'solo', sampleTurn(0, text, { status: 'stopped' }), true);
  await settle();
  expect((await db.get('runs', run.id))?.sides.solo.turns[0]?.output).not.toBe(text);
  expect((await store.get(run.id))?.sides.solo.turns[0]?.output).toBe(text);
  await store.flush();
  expect(faulty.puts.runs).toBe(6);
  const saved = await db.get('runs', run.id);
  expect(saved?.sides.solo.turns[0]).toMatchObject({ output: text, partial: true });
});

test('turn ends and run ends are written at once', async () => {
  const { store, db } = await openStore();
  const run = await store.createRun(sampleConfig());
  await store.appendTurn(run.id, 'team', sampleTurn(0, 'Draft', { roleId: 'reasoner' }), true);
  await store.updateTurn(
    run.id,
    'team',
    sampleTurn(0, 'Draft done', { roleId: 'reasoner' }),
    false,
  );
  // No timers advanced: the complete turn is already in the database.
  expect((await db.get('runs', run.id))?.sides.team.turns).toMatchObject([
    { index: 0, output: 'Draft done', partial: false, status: 'done' },
  ]);

  await store.appendTurn(run.id, 'team', sampleTurn(1, 'Crit', { roleId: 'critic' }), true);
  await store.finishRun(run.id, 'stopped', {
    solo: {
      finalAnswer: 'Szeged',
      turns: [sampleTurn(0, 'Final answer: Szeged')],
      warnings: [],
      status: 'done',
    },
  });
  const saved = await db.get('runs', run.id);
  expect(saved?.status).toBe('stopped');
  expect(saved?.sides.solo).toMatchObject({ status: 'done', finalAnswer: 'Szeged' });
  expect(saved?.sides.team.status).toBe('stopped');
  expect(saved?.sides.team.turns.map((t) => [t.index, t.partial])).toEqual([
    [0, false],
    [1, true],
  ]);
});

test('a run left running is interrupted after reopening, its partial text kept', async () => {
  const factory = freshFactory();
  const before = await openStore(factory);
  const run = await before.store.createRun(sampleConfig());
  await before.store.updateTurn(run.id, 'solo', sampleTurn(0, 'Helena Varga was bo'), true);
  before.clock.advance(300);
  await settle();
  // The page goes away without finishing the run.
  before.db.close();

  const after = await openStore(factory);
  expect(await after.store.markInterrupted()).toEqual([run.id]);
  const saved = await after.store.get(run.id);
  expect(saved?.status).toBe('interrupted');
  expect(saved?.sides.solo.status).toBe('interrupted');
  expect(saved?.sides.solo.turns[0]).toMatchObject({
    output: 'Helena Varga was bo',
    partial: true,
  });
  expect((await after.store.list())[0]?.status).toBe('interrupted');
  // Runs this store is recording are left alone.
  const live = await after.store.createRun(sampleConfig());
  expect(await after.store.markInterrupted()).toEqual([]);
  expect((await after.store.get(live.id))?.status).toBe('running');
});

test('runs another tab holds a Web Lock for are not interrupted', async () => {
  const factory = freshFactory();
  const first = await openStore(factory);
  const run = await first.store.createRun(sampleConfig());
  const locks = {
    request: () => Promise.resolve(),
    query: async () => ({ held: [{ name: `slm-playground-run:${run.id}`, mode: 'exclusive' }] }),
  } as unknown as LockManager;
  const other = new RunStore(openPlaygroundDb({ factory }), { locks });
  expect(await other.markInterrupted()).toEqual([]);
  expect((await other.get(run.id))?.status).toBe('running');
});

test('configs: save, list newest first, delete', async () => {
  const { store, clock } = await openStore();
  const a = await store.saveConfig('Baseline', sampleConfig());
  clock.advance(5);
  const b = await store.saveConfig('Two hops', sampleConfig('Other'));
  expect((await store.listConfigs()).map((c) => c.name)).toEqual(['Two hops', 'Baseline']);
  expect((await store.listConfigs())[0]?.config.question).toBe('Other');
  await store.deleteConfig(b.id);
  expect((await store.listConfigs()).map((c) => c.id)).toEqual([a.id]);
});

test('traces: by run in call order, and all of them', async () => {
  const { store } = await openStore();
  const run = await store.createRun(sampleConfig());
  const other = await store.createRun(sampleConfig('Other'));
  await store.addTrace(trace(run.id, 'team', 1));
  await store.addTrace(trace(run.id, 'solo', 0));
  await store.addTrace(trace(run.id, 'team', 0));
  const added = await store.addTrace(trace(other.id, 'solo', 0));
  // The record returned is the one stored, under an id of its own.
  expect(added).toMatchObject(trace(other.id, 'solo', 0));
  expect(await store.tracesForRun(other.id)).toEqual([added]);
  const forRun = await store.tracesForRun(run.id);
  expect(forRun.map((t) => `${t.side}${t.turnIndex}`)).toEqual(['solo0', 'team0', 'team1']);
  expect(await store.allTraces()).toHaveLength(4);
});

test('inputs are copied: later changes by the caller do not reach the store', async () => {
  const { store } = await openStore();
  const config = sampleConfig();
  const run = await store.createRun(config);
  config.question = 'changed';
  const turn = sampleTurn(0, 'one');
  await store.updateTurn(run.id, 'solo', turn, false);
  turn.output = 'changed';
  const saved = await store.get(run.id);
  expect(saved?.question).not.toBe('changed');
  expect(saved?.sides.solo.turns[0]?.output).toBe('one');
});

test('late updates of an ended run are dropped quietly; unknown runs are reported', async () => {
  const onError = vi.fn<(error: StorageError) => void>();
  const db = await openPlaygroundDb({ factory: freshFactory() });
  const store = new RunStore(Promise.resolve(db), { onError, locks: null });
  const run = await store.createRun(sampleConfig());
  await store.finishRun(run.id, 'done');
  await store.updateTurn(run.id, 'solo', sampleTurn(0, 'late'), true);
  expect(onError).not.toHaveBeenCalled();
  expect((await store.get(run.id))?.sides.solo.turns).toEqual([]);
  await store.updateTurn('no-such-run', 'solo', sampleTurn(0, 'lost'), false);
  expect(onError.mock.calls[0]?.[0].message).toMatch(/not being recorded/);
});
