import { beforeAll, describe, expect, test } from 'vitest';
import { createScriptedTeamChat, fastScript, scriptedModel } from '../testing/scripted-chat';
import { MemoryBatchStore } from '../storage/batch-store';
import type { BatchConfig, BatchItemRecord, BatchRecord } from '../storage/batch-records';
import { presetSide } from '../team/presets';
import { gold, testBatch } from '../testing/batch-fixtures';
import { escalationBaselines } from './escalation-baselines';
import { batchToCsv, batchToJson, CSV_COLUMNS } from './export';
import { parseResultsFile } from './results-schema';
import { runBatch } from './runner';
import { outcomeOf, summarize } from './summary';

const SMALL = scriptedModel('scripted-small');
const LARGE = scriptedModel('scripted-large');

/** Small first, escalate on the format check, small on SMALL and large on LARGE. */
function escalationSide() {
  const side = presetSide('escalation', { default: SMALL, large: LARGE });
  side.protocol = { type: 'escalation', check: { kind: 'format', format: 'auto' } };
  return side;
}

/**
 * The small model answers Q1 right and Q3 wrong, and gives no `Answer:` line on Q2 and Q4 (they
 * escalate); the large model answers Q2 right and Q4 wrong.
 */
const SCRIPTS = {
  'scripted-small': fastScript([
    { match: 'Question: Q1:', reply: `It is clear.\nAnswer: ${gold(1)}` },
    { match: 'Question: Q3:', reply: 'Answer: Wrongton' },
    { reply: 'I am not sure where.' },
  ]),
  'scripted-large': fastScript([
    { match: 'Question: Q2:', reply: `Born there, as the paragraph says.\nAnswer: ${gold(2)}` },
    { reply: 'Answer: Nowhere' },
  ]),
};

let batch: BatchRecord;
let rows: BatchItemRecord[];

beforeAll(async () => {
  const { chat } = await createScriptedTeamChat(SCRIPTS);
  const escalation: BatchConfig = { id: 'esc', label: 'Escalation', side: escalationSide() };
  const [small, large] = escalationBaselines(escalation.side, [escalation]);
  batch = testBatch([
    escalation,
    { id: 'always-small', label: 'Always small', side: small! },
    { id: 'always-large', label: 'Always large', side: large! },
  ]);
  const store = new MemoryBatchStore();
  await runBatch(batch, [], { chat, store, signal: new AbortController().signal });
  rows = await store.itemsOf(batch.id);
});

describe('escalation summary', () => {
  test('the share escalated and the accuracy, overall, kept and escalated', () => {
    const [summary] = summarize(batch, rows).escalation;
    expect(summary).toMatchObject({
      configId: 'esc',
      items: 4,
      decided: 4,
      escalated: 2,
      escalatedShare: 0.5,
      accuracy: 0.5,
      keptAccuracy: 0.5,
      escalatedAccuracy: 0.5,
      alwaysSmallId: 'always-small',
      alwaysLargeId: 'always-large',
    });
    expect(rows.map((row) => outcomeOf(row, 'esc')?.escalation?.escalated)).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect(rows.map((row) => outcomeOf(row, 'esc')?.escalation?.reason)).toEqual([
      'the answer reads as the required form',
      'the reply has no "Answer:" line',
      'the answer reads as the required form',
      'the reply has no "Answer:" line',
    ]);
  });

  test("each model's tokens and time are the sums of its own turns", () => {
    const [summary] = summarize(batch, rows).escalation;
    const sides = rows.map((row) => outcomeOf(row, 'esc')!);
    const turnsOf = (kind: string) => sides.flatMap((s) => s.turns.filter((t) => t.kind === kind));
    expect(summary?.models.map((m) => [m.model.modelId, m.kinds])).toEqual([
      ['scripted-small', ['small']],
      ['scripted-large', ['large']],
    ]);
    for (const [i, kind] of (['small', 'large'] as const).entries()) {
      const turns = turnsOf(kind);
      const spend = summary!.models[i]!;
      expect(spend.calls).toBe(kind === 'small' ? 4 : 2);
      expect(spend.calls).toBe(turns.length);
      expect(spend.promptTokens).toBe(turns.reduce((n, t) => n + t.promptTokens, 0));
      expect(spend.completionTokens).toBe(turns.reduce((n, t) => n + t.completionTokens, 0));
      expect(spend.wallMs).toBe(turns.reduce((n, t) => n + t.wallMs, 0));
      expect(spend.totalTokens).toBeGreaterThan(0);
    }
    // Every token of the config is some model's.
    const total = sides.reduce((n, s) => n + s.totalTokens, 0);
    expect(summary!.models.reduce((n, m) => n + m.totalTokens, 0)).toBe(total);
  });

  test('always small and always large are scored on the same items', () => {
    const accuracy = Object.fromEntries(
      summarize(batch, rows).configs.map((c) => [c.configId, c.accuracy.mean]),
    );
    // Small alone: Q1 right only; large alone: Q2 right only (the scripts above).
    expect(accuracy).toEqual({ esc: 0.5, 'always-small': 0.25, 'always-large': 0.25 });
  });

  test('a results file (Export JSON, the headless runner) keeps the decisions and the steps', () => {
    const read = parseResultsFile(batchToJson({ ...batch, status: 'done' }, rows));
    if (!read.ok) throw new Error(`${read.message} ${read.problems.join('; ')}`);
    expect(read.file.results).toEqual(rows);
    expect(summarize(read.file.batch, read.file.results).escalation).toEqual(
      summarize(batch, rows).escalation,
    );
  });

  test('the CSV says, per item, whether the escalation config escalated and why', () => {
    const lines = batchToCsv(batch, rows).trim().split('\r\n');
    const at = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const cells = lines.slice(1).map((line) => line.split(','));
    const esc = cells.filter((c) => c[at('config')] === 'Escalation');
    expect(esc.map((c) => [c[at('escalated')], c[at('escalation_reason')]])).toEqual([
      ['0', 'the answer reads as the required form'],
      ['1', '"the reply has no ""Answer:"" line"'],
      ['0', 'the answer reads as the required form'],
      ['1', '"the reply has no ""Answer:"" line"'],
    ]);
    const solo = cells.filter((c) => c[at('config')] === 'Always small');
    expect(solo.map((c) => [c[at('escalated')], c[at('escalation_reason')]])).toEqual(
      Array.from({ length: 4 }, () => ['', '']),
    );
  });

  test('a batch without escalation configs has no escalation summary', () => {
    const plain = testBatch([batch.configs[1]!]);
    expect(summarize(plain, []).escalation).toEqual([]);
  });
});

describe('escalation baselines', () => {
  const side = escalationSide();

  test('Solo sides on the small and large roles, as configured', () => {
    const [small, large] = escalationBaselines(side, []);
    expect(small?.label).toBe('Always small');
    expect(small?.protocol).toEqual({ type: 'solo' });
    expect(small?.roles).toEqual([{ ...side.roles[0], id: 'solo', name: 'Solo', kind: 'solo' }]);
    expect(large?.label).toBe('Always large');
    expect(large?.roles[0]?.model).toEqual(LARGE);
    expect(large?.roles[0]?.temperature).toBe(side.roles[1]?.temperature);
  });

  test('a model that already has a Solo config is not added again', () => {
    const solo: BatchConfig = { id: 'solo', label: 'Solo', side: presetSide('solo', SMALL) };
    expect(escalationBaselines(side, [solo]).map((s) => s.label)).toEqual(['Always large']);
    const same = presetSide('escalation', SMALL);
    expect(escalationBaselines(same, []).map((s) => s.label)).toEqual(['Always small']);
  });

  test('other protocols have none', () => {
    expect(escalationBaselines(presetSide('critic-loop', SMALL), [])).toEqual([]);
  });
});
