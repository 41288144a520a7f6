import { beforeAll, describe, expect, test } from 'vitest';
import { bootstrapMean } from '../eval/stats';
import { createScriptedTeamChat } from '../testing/scripted-chat';
import { MemoryBatchStore } from '../storage/batch-store';
import type { BatchItemRecord, BatchRecord } from '../storage/batch-records';
import { runBatch } from './runner';
import { outcomeOf, summarize } from './summary';
import { gold, scripts, testBatch, testConfigs } from '../testing/batch-fixtures';

/**
 * Four items: Solo right on 1 and 2; the critic-loop team right on 1 and 3.
 * Item 1: the team's draft is right and accepted. Item 2: the draft is right, the critic asks for
 * a revision that concludes wrongly (right → wrong). Item 3: the draft is wrong, the revision
 * right (wrong → right). Item 4: wrong draft, accepted.
 */
let batch: BatchRecord;
let rows: BatchItemRecord[];

beforeAll(async () => {
  const { chat } = await createScriptedTeamChat(
    scripts(
      { 1: gold(1), 2: gold(2) },
      {
        1: { draft: gold(1) },
        2: { draft: gold(2), revised: 'Wrongton' },
        3: { draft: 'Wrongton', revised: gold(3) },
        4: { draft: 'Wrongton' },
      },
    ),
  );
  batch = testBatch(testConfigs('critic-loop'));
  const store = new MemoryBatchStore();
  await runBatch(batch, [], { chat, store, signal: new AbortController().signal });
  rows = await store.itemsOf(batch.id);
});

const column = (configId: string, pick: (s: NonNullable<ReturnType<typeof outcomeOf>>) => number) =>
  rows.map((row) => pick(outcomeOf(row, configId)!));
const avg = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('summarize', () => {
  test('every figure equals the aggregate of the per-item rows', () => {
    const summary = summarize(batch, rows);
    expect(summary.items).toBe(4);
    expect(summary.total).toBe(4);
    expect(summary.kinds).toEqual({ multihop: 4 });
    for (const config of summary.configs) {
      const id = config.configId;
      const correct = column(id, (s) => s.scores.correct);
      const tokens = column(id, (s) => s.totalTokens);
      expect(config.items).toBe(4);
      expect(config.accuracy).toEqual(bootstrapMean(correct));
      expect(config.accuracy.mean).toBe(avg(correct));
      expect(config.accuracy.low).toBeLessThanOrEqual(config.accuracy.mean);
      expect(config.accuracy.high).toBeGreaterThanOrEqual(config.accuracy.mean);
      expect(config.tokensPerItem).toBeCloseTo(avg(tokens), 10);
      expect(config.promptTokensPerItem).toBeCloseTo(avg(column(id, (s) => s.promptTokens)), 10);
      expect(config.callsPerItem).toBeCloseTo(avg(column(id, (s) => s.calls)), 10);
      expect(config.msPerItem).toBeCloseTo(avg(column(id, (s) => s.wallMs)), 10);
      expect(config.accuracyPer1kTokens).toBeCloseTo(
        (1000 * correct.reduce((a, b) => a + b, 0)) / tokens.reduce((a, b) => a + b, 0),
        10,
      );
      expect(config.em).toBeCloseTo(avg(column(id, (s) => s.scores.em!)), 10);
      expect(config.f1).toBeCloseTo(avg(column(id, (s) => s.scores.f1!)), 10);
      expect(config.failed).toBe(0);
    }
    const [solo, team] = summary.configs;
    expect(solo!.accuracy.mean).toBe(0.5);
    expect(team!.accuracy.mean).toBe(0.5);
    expect(solo!.facts).toBeUndefined();
    expect(team!.facts!.f1).toBeCloseTo(avg(column('team', (s) => s.scores.facts!.f1)), 10);
    expect(team!.joint!.em).toBeCloseTo(avg(column('team', (s) => s.scores.joint!.em)), 10);
    // Every reasoning cites the two gold sentences: facts are perfect; joint EM follows answers.
    expect(team!.facts!.em).toBe(1);
    expect(team!.joint!.em).toBe(0.5);
  });

  test('flips: Solo right and Team wrong, and the reverse, by item index', () => {
    const [flips] = summarize(batch, rows).flips;
    expect(flips).toEqual({
      baseId: 'solo',
      otherId: 'team',
      baseOnly: [1],
      otherOnly: [2],
      bothRight: 1,
      bothWrong: 1,
    });
  });

  test('critic rounds: right → wrong and wrong → right, from the draft conclusion', () => {
    const [critic] = summarize(batch, rows).critic;
    expect(critic).toEqual({
      configId: 'team',
      label: 'Team',
      items: 4,
      acceptedAtOnce: 2,
      revised: 2,
      noConclusion: 0,
      rightToWrong: [1],
      wrongToRight: [2],
      stayedRight: 0,
      stayedWrong: 0,
    });
  });

  test('only finished items count, and an empty batch gives NaN means, not errors', () => {
    const partial = summarize(batch, rows.slice(0, 2));
    expect(partial.items).toBe(2);
    expect(partial.total).toBe(4);
    expect(partial.configs[0]!.accuracy.mean).toBe(1);
    const empty = summarize(batch, []);
    expect(empty.items).toBe(0);
    expect(Number.isNaN(empty.configs[0]!.accuracy.mean)).toBe(true);
    expect(empty.flips[0]!.baseOnly).toEqual([]);
  });

  test('rows in any order give the same summary', () => {
    expect(summarize(batch, [...rows].reverse())).toEqual(summarize(batch, rows));
  });
});

describe('summarize: tool use', () => {
  test("a config's tool steps, calls, valid and ran shares and tool time come from its items", () => {
    const [solo] = batch.configs;
    const withTools = rows.map((row, i) => ({
      ...row,
      sides: row.sides.map((s) =>
        s.configId === solo!.id
          ? { ...s, tools: { steps: 2, calls: i + 1, valid: i, ran: i, toolMs: 10 * (i + 1) } }
          : s,
      ),
    }));
    const summary = summarize(batch, withTools);
    const soloSummary = summary.configs.find((c) => c.configId === solo!.id)!;
    // Calls 1+2+3+4 = 10; valid and ran 0+1+2+3 = 6.
    expect(soloSummary.tools).toEqual({
      stepsPerItem: 2,
      callsPerItem: 2.5,
      validRate: 0.6,
      ranRate: 0.6,
      toolMsPerItem: 25,
    });
    expect(summary.configs.filter((c) => c.tools)).toHaveLength(1);
    expect(summarize(batch, rows).configs.every((c) => c.tools === undefined)).toBe(true);
  });
});
