import { expect, test } from 'vitest';
import { presetSide } from '../team/presets';
import { runScripted } from '../testing/fixtures';
import { fastScript, scriptedModel } from '../testing/scripted-chat';
import { openPlaygroundDb } from './database';
import { recordSide } from './run-recorder';
import { startedTurn } from './records';
import { RunStore } from './run-store';
import { freshFactory, ManualClock, sampleConfig } from '../testing/storage-fixtures';

const script = fastScript([
  { match: 'You are the Reasoner', reply: 'Helena Varga was born in Szeged.\nConclusion: Szeged' },
  { match: 'You are the Answerer', reply: 'Szeged' },
]);

test('a side recorded from its events: partial turns while streaming, then complete', async () => {
  const factory = freshFactory();
  const clock = new ManualClock();
  const store = new RunStore(openPlaygroundDb({ factory }), { clock, locks: null });
  const config = {
    ...sampleConfig(),
    team: presetSide('reasoner-answerer', scriptedModel('scripted-main')),
  };
  const run = await store.createRun(config);
  const record = recordSide(store, run, 'team');

  const partials: { output: string; partial: boolean }[] = [];
  const { result } = await runScripted(
    config.team,
    { 'scripted-main': script },
    {
      onEvent: (event) => {
        record(event);
        if (event.type === 'token' && event.turnIndex === 0) {
          void store.get(run.id).then((r) => {
            const turn = r?.sides.team.turns[0];
            if (turn) partials.push({ output: turn.output, partial: turn.partial });
          });
        }
      },
    },
  );
  await store.finishRun(run.id, result.status === 'done' ? 'done' : 'failed');

  // While streaming, readers saw the text grow, on a partial turn.
  expect(partials.length).toBeGreaterThan(2);
  expect(partials.every((p) => p.partial)).toBe(true);
  expect(partials.at(-1)!.output.length).toBeGreaterThan(partials[0]!.output.length);

  const saved = await store.get(run.id);
  expect(saved?.status).toBe('done');
  expect(saved?.sides.team).toMatchObject({ status: 'done', finalAnswer: 'Szeged' });
  expect(saved?.sides.team.turns.map((t) => [t.kind, t.partial, t.output])).toEqual(
    result.turns.map((t) => [t.kind, false, t.output]),
  );
  const traces = await store.tracesForRun(run.id);
  expect(traces.map((t) => [t.kind, t.modelId, t.output])).toEqual(
    result.turns.map((t) => [t.kind, 'scripted-main', t.output]),
  );
  // Another page sees the same run in the database.
  const reader = new RunStore(openPlaygroundDb({ factory }), { locks: null });
  expect((await reader.get(run.id))?.sides.team.turns).toHaveLength(2);
});

test("a tool step's partial turn says which step it is, as the live one does", () => {
  const turn = startedTurn(
    {
      type: 'turn-start',
      turnIndex: 2,
      roleId: 'reasoner',
      roleName: 'Reasoner',
      kind: 'reasoner',
      step: 'reason',
      toolStep: 2,
    },
    1000,
  );
  expect(turn).toMatchObject({ index: 2, toolStep: 2, partial: true, status: 'stopped' });
});

test('a fork is recorded with its parent; its reused and edited turns are kept but are no traces', async () => {
  const store = new RunStore(openPlaygroundDb({ factory: freshFactory() }), {
    clock: new ManualClock(),
    locks: null,
  });
  const config = {
    ...sampleConfig(),
    team: presetSide('reasoner-answerer', scriptedModel('scripted-main')),
  };
  const parent = await runScripted(config.team, { 'scripted-main': script });
  const fork = await store.createRun(config, { runId: 'parent-1', side: 'team', turnIndex: 0 });
  const record = recordSide(store, fork, 'team');
  const { result } = await runScripted(
    config.team,
    { 'scripted-main': script },
    {
      onEvent: (event) => record(event),
      replay: { turns: parent.result.turns, editedIndex: 0, editedOutput: 'Conclusion: Szeged' },
    },
  );
  await store.finishRun(fork.id, 'done');
  const saved = await store.get(fork.id);
  expect(saved?.forkOf).toEqual({ runId: 'parent-1', side: 'team', turnIndex: 0 });
  expect(saved?.sides.team.turns.map((t) => t.reused)).toEqual(['edited', undefined]);
  expect((await store.list({ limit: 5 }))[0]?.forkOf?.runId).toBe('parent-1');
  const traces = await store.tracesForRun(fork.id);
  expect(traces.map((t) => t.kind)).toEqual(['answerer']);
  expect(result.finalAnswer).toBe('Szeged');
});
