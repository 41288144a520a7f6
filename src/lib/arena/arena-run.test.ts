import { expect, test } from 'vitest';
import { TEAM_RULES } from '../catalog/scripted-models';
import type { ScriptedScript } from '../engine/types';
import { mulberry32 } from '../eval/stats';
import { defaultExperiment } from '../team/presets';
import { hostWithAgents, scriptedCatalogModel } from '../testing/host-fixtures';
import { ArenaRun } from './arena-run.svelte';
import { entryKey } from './votes';

const fast = (extra: Partial<ScriptedScript> = {}): ScriptedScript => ({
  rules: TEAM_RULES,
  tokensPerSecond: 0,
  loadMs: 0,
  ...extra,
});

const catalog = [
  scriptedCatalogModel('scripted-team', fast()),
  scriptedCatalogModel('scripted-broken', fast({ failAfterTokens: 2 })),
];

const config = (soloModel = 'scripted-team') => {
  const base = defaultExperiment(
    { engine: 'scripted', modelId: soloModel },
    { engine: 'scripted', modelId: 'scripted-team' },
  );
  return { solo: base.solo, team: base.team };
};

function arena(seed = 1) {
  const { host } = hostWithAgents();
  let id = 0;
  return new ArenaRun({
    host,
    random: mulberry32(seed),
    now: () => 1_000,
    newId: () => `vote-${++id}`,
    toolSandbox: null,
    schedule: (fn) => queueMicrotask(fn),
  });
}

const question = { input: { question: 'Where was Helena Varga born?' }, category: 'multihop' };

test('both sides answer blind; a vote names the seated configs and then reveals them', async () => {
  const run = arena();
  const experiment = config();
  await run.start(experiment, question, catalog);
  expect(run.phase).toBe('ready');
  expect(run.sideIn('left')).toBeNull();
  expect(run.left.result?.status).toBe('done');
  expect(run.right.result?.status).toBe('done');
  const answers = [run.left.result?.finalAnswer, run.right.result?.finalAnswer].sort();
  expect(answers).toEqual(['Eastbrook', 'Szeged']);

  const vote = run.cast('left');
  expect(run.phase).toBe('voted');
  const left = run.sideIn('left');
  expect(left).not.toBeNull();
  expect(vote).toMatchObject({
    id: 'vote-1',
    createdAt: 1_000,
    question: question.input.question,
    category: 'multihop',
    outcome: 'left',
    judge: 'human',
    left: { key: entryKey(left!) },
  });
  // One vote a round.
  expect(run.cast('right')).toBeNull();
  run.reset();
  expect(run.phase).toBe('idle');
  expect(run.seats).toBeNull();
});

test('rounds seat the sides both ways over a seeded source', async () => {
  const run = arena(3);
  const lefts = new Set<string>();
  for (let i = 0; i < 8; i++) {
    await run.start(config(), question, catalog);
    lefts.add(run.seats!.left);
    run.reset();
  }
  expect([...lefts].sort()).toEqual(['solo', 'team']);
});

test('a failed side means no vote, and the page is told which side and why', async () => {
  const run = arena();
  await run.start(config('scripted-broken'), question, catalog);
  expect(run.phase).toBe('unvotable');
  const seat = run.seats!.left === 'solo' ? 'Left' : 'Right';
  expect(run.problem).toMatch(new RegExp(`^No vote can be cast on this question: ${seat} failed`));
  expect(run.cast('tie')).toBeNull();
  expect(run.sideIn('left')).not.toBeNull();
});

test('an unknown model is named before anything loads', async () => {
  const run = arena();
  await run.start(config('scripted-missing'), question, catalog);
  expect(run.phase).toBe('idle');
  expect(run.loadError?.message).toMatch(/Unknown model: scripted-missing/);
});

const judges = [
  // Picks the answer that says Szeged, wherever it sits.
  scriptedCatalogModel(
    'scripted-fair-judge',
    fast({
      rules: [
        { match: 'Answer A:\\n<answer_a>\\nSzeged', reply: 'A says Szeged.\nVerdict: A' },
        { reply: 'B says Szeged.\nVerdict: B' },
      ],
    }),
  ),
  // Always the first answer: position, not content.
  scriptedCatalogModel('scripted-first-judge', fast({ rules: [{ reply: 'Verdict: A' }] })),
  scriptedCatalogModel('scripted-mumble-judge', fast({ rules: [{ reply: 'Hard to say.' }] })),
];
const judgeRef = (id: string) => ({ engine: 'scripted' as const, modelId: id });

test('a model judge asked in both orders votes for the same answer; its vote is marked as its own', async () => {
  const run = arena(5);
  await run.start(config(), question, [...catalog, ...judges]);
  expect(run.phase).toBe('ready');
  const vote = await run.judgeWith(judgeRef('scripted-fair-judge'), [...catalog, ...judges]);
  const szeged = run.left.result?.finalAnswer === 'Szeged' ? 'left' : 'right';
  expect(vote).toMatchObject({ outcome: szeged, judge: { model: 'scripted-fair-judge' } });
  expect(run.judgement).toMatchObject({
    status: 'voted',
    picks: [szeged, szeged === 'left' ? 'right' : 'left'],
  });
  // The round is still the person's to vote on: the model's vote reveals nothing.
  expect(run.phase).toBe('ready');
  expect(run.sideIn('left')).toBeNull();
});

test('a judge that keeps to one position, or ends without a verdict, casts no vote and says why', async () => {
  const run = arena(5);
  const models = [...catalog, ...judges];
  await run.start(config(), question, models);
  expect(await run.judgeWith(judgeRef('scripted-first-judge'), models)).toBeNull();
  expect(run.judgement).toMatchObject({
    status: 'no-vote',
    picks: ['left', 'left'],
    message: expect.stringContaining('the two orders disagree'),
  });
  expect(await run.judgeWith(judgeRef('scripted-mumble-judge'), models)).toBeNull();
  expect(run.judgement).toMatchObject({
    status: 'no-vote',
    picks: [null, null],
    message: expect.stringContaining('verdict line'),
  });
  expect(await run.judgeWith(judgeRef('scripted-nobody'), models)).toBeNull();
  expect(run.judgement).toMatchObject({
    status: 'failed',
    message: 'Unknown model: scripted-nobody.',
  });
});
