import { expect, test } from 'vitest';
import { curatedFromTrace, type CuratedCall } from '../specialist/curated-call';
import type { Split } from '../specialist/split';
import type { BatchRecord } from '../storage/batch-records';
import { newRunRecord, type RunRecord, type TraceRecord } from '../storage/records';
import { testBatch } from '../testing/batch-fixtures';
import { syntheticTrace } from '../testing/explorer-fixtures';
import { sampleConfig } from '../testing/storage-fixtures';
import type { ModelRef } from '../team/config';
import {
  ComparisonError,
  questionKey,
  specialistComparison,
  type ComparisonSources,
} from './specialist-comparison';

const SPECIALIST: ModelRef = { engine: 'wllama', modelId: 'custom:my-specialist' };

function run(id: string, question: string, expected?: string): RunRecord {
  const config = sampleConfig();
  config.question = question;
  delete config.context;
  if (expected === undefined) delete config.expectedAnswer;
  else config.expectedAnswer = expected;
  return newRunRecord(config, id, 1);
}

/** A team call (role Reasoner) of a run. */
function runTrace(id: string, runId: string): TraceRecord {
  return { ...syntheticTrace(0, 1), id, runId, side: 'team', roleName: 'Reasoner' };
}

function sourcesOf(
  traces: TraceRecord[],
  runs: RunRecord[],
  batches: BatchRecord[] = [],
): ComparisonSources {
  const t = new Map(traces.map((x) => [x.id, x]));
  const r = new Map(runs.map((x) => [x.id, x]));
  const b = new Map(batches.map((x) => [x.id, x]));
  return { trace: (id) => t.get(id), run: (id) => r.get(id), batch: (id) => b.get(id) };
}

const call = (trace: TraceRecord): CuratedCall => curatedFromTrace(trace, 'critic-loop');

function request(split: Split<CuratedCall>) {
  return {
    taskKey: 'task-1',
    taskName: 'Arithmetic',
    roleName: 'Reasoner',
    specialist: SPECIALIST,
    split,
    seed: 7,
    validationShare: 0.2,
    now: 42,
  };
}

test('held-out questions become items scored by their expected answers; configs put the specialist alone and in its role', () => {
  const runs = [
    run('r1', 'What is 6 × 7?', '42'),
    run('r2', 'Is Szeged in Hungary?', 'yes'),
    run('r3', 'Who designed the library?', 'Helena Varga'),
    run('r4', 'No answer known here'),
  ];
  const traces = [runTrace('t1', 'r1'), runTrace('t2', 'r2'), runTrace('t3', 'r3')];
  traces.push(runTrace('t4', 'r4'), runTrace('t5', 'gone'));
  const split = { train: [call(traces[0]!)], validation: traces.slice(1).map(call) };
  const comparison = specialistComparison(request(split), sourcesOf(traces, runs));

  expect(comparison.set.items.map((i) => [i.kind, i.question, i.answer])).toEqual([
    ['yesno', 'Is Szeged in Hungary?', 'yes'],
    ['multihop', 'Who designed the library?', 'Helena Varga'],
  ]);
  expect(comparison.set.name).toBe('Held-out items of "Arithmetic" × Reasoner');
  expect(comparison.set.source).toContain('validation part (20%, seed 7)');
  expect(comparison.notes).toEqual([
    '1 held-out call came from runs with no expected answer, so it cannot be scored.',
    '1 held-out call belonged to runs or batches since deleted.',
  ]);

  const [solo, team, withSpecialist] = comparison.configs;
  expect(comparison.configs.map((c) => [c.id, c.label])).toEqual([
    ['solo', 'Specialist Solo'],
    ['team', 'Original team'],
    ['extra-1', 'Team with the specialist as Reasoner'],
  ]);
  expect(solo!.side.roles.every((r) => r.model.modelId === SPECIALIST.modelId)).toBe(true);
  expect(solo!.side.protocol).toEqual(runs[0]!.config.solo.protocol);
  expect(team!.side).toEqual(runs[0]!.config.team);
  const models = withSpecialist!.side.roles.map((r) => [r.name, r.model.modelId]);
  const original = runs[0]!.config.team.roles.map((r) => [
    r.name,
    r.name === 'Reasoner' ? SPECIALIST.modelId : r.model.modelId,
  ]);
  expect(models).toEqual(original);
  expect(original.some(([name]) => name !== 'Reasoner')).toBe(true);
  // The records it read are untouched.
  expect(runs[0]!.config.solo.roles[0]!.model.modelId).not.toBe(SPECIALIST.modelId);
});

test('a question also in the training part is left out, and the same question is one item', () => {
  const runs = [
    run('r1', 'What is 6 × 7?', '42'),
    run('r2', '  what is 6 ×  7? ', '42'),
    run('r3', 'What is 2 + 2?', '4'),
    run('r4', 'What is 2 + 2?', '4'),
  ];
  const traces = runs.map((r, i) => runTrace(`t${i + 1}`, r.id));
  const split = { train: [call(traces[0]!)], validation: traces.slice(1).map(call) };
  const comparison = specialistComparison(request(split), sourcesOf(traces, runs));
  expect(comparison.set.items.map((i) => i.question)).toEqual(['What is 2 + 2?']);
  expect(comparison.notes).toEqual([
    '1 held-out call asked a question that is also in the training part, so it was left out.',
  ]);
  expect(questionKey(' A  b ')).toBe('a b');
});

test('benchmark calls give the batch items as they are, with the batch team and its licence', () => {
  const batch = testBatch();
  const traces: TraceRecord[] = batch.items.slice(0, 3).map((item, index) => ({
    ...runTrace(`b${index}`, `batch-1:${index}`),
    batch: { batchId: batch.id, index, itemId: item.id, configId: 'team' },
  }));
  const split = { train: [call(traces[0]!)], validation: traces.slice(1).map(call) };
  const comparison = specialistComparison(request(split), sourcesOf(traces, [], [batch]));
  expect(comparison.set.items).toEqual(batch.items.slice(1, 3));
  expect(comparison.set.licence).toBe(`${batch.set.name}: ${batch.set.licence}`);
  expect(comparison.configs[1]!.side).toEqual(batch.configs[1]!.side);
  expect(comparison.configs[0]!.side.protocol).toEqual(batch.configs[0]!.side.protocol);
});

test('clear errors: no held-out call, or none that can be scored', () => {
  const runs = [run('r1', 'Q?')];
  const traces = [runTrace('t1', 'r1')];
  expect(() =>
    specialistComparison(
      request({ train: [call(traces[0]!)], validation: [] }),
      sourcesOf(traces, runs),
    ),
  ).toThrow(
    /"Arithmetic" × Reasoner has no held-out calls: the export keeps 1 call, all for training/,
  );
  expect(() =>
    specialistComparison(
      request({ train: [], validation: [call(traces[0]!)] }),
      sourcesOf(traces, runs),
    ),
  ).toThrow(ComparisonError);
});

test('a task of Solo calls compares with the run team, and no team-with-specialist config', () => {
  const runs = [run('r1', 'What is 6 × 7?', '42'), run('r2', 'What is 2 + 2?', '4')];
  const traces = runs.map((r, i) => ({
    ...runTrace(`t${i}`, r.id),
    side: 'solo' as const,
    roleName: 'Solo',
  }));
  const comparison = specialistComparison(
    { ...request({ train: [call(traces[0]!)], validation: [call(traces[1]!)] }), roleName: 'Solo' },
    sourcesOf(traces, runs),
  );
  expect(comparison.configs.map((c) => c.label)).toEqual(['Specialist Solo', 'Original team']);
});
