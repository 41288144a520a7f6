import { describe, expect, test } from 'vitest';
import type { BatchItemRecord, SideOutcome } from '../storage/batch-records';
import { testBatch } from '../testing/batch-fixtures';
import {
  answerDiff,
  filterCounts,
  gridRows,
  isFailure,
  isFlip,
  shortAnswer,
  type GridFilter,
} from './grid';

const side = (
  configId: string,
  finalAnswer: string,
  correct: number,
  status: SideOutcome['status'] = 'done',
): SideOutcome => ({
  configId,
  status,
  finalAnswer,
  scores: { correct },
  promptTokens: 0,
  completionTokens: 0,
  totalTokens: 0,
  calls: 1,
  wallMs: 0,
  turns: [],
  warnings: [],
});

const row = (index: number, solo: SideOutcome, team: SideOutcome): BatchItemRecord => ({
  kind: 'item',
  id: `batch-1:${index}`,
  batchId: 'batch-1',
  index,
  itemId: `q${index + 1}`,
  finishedAt: 0,
  wallMs: 0,
  sides: [solo, team],
});

const batch = testBatch();
// Items 1–4 (golds Alderton … Dogwoodton): both right; Solo only; neither; Team failed.
const results = [
  row(3, side('solo', 'Dogwoodton', 1), side('team', '', 0, 'failed')),
  row(0, side('solo', 'Alderton', 1), side('team', 'alderton', 1)),
  row(1, side('solo', 'Birchton', 1), side('team', 'Eastbrook town', 0)),
  row(2, side('solo', 'Nowhere', 0), side('team', 'Nowhere at all', 0)),
];
const indices = (filter: GridFilter, query = '') =>
  gridRows(batch, results, filter, query).map((r) => r.index);

describe('results grid', () => {
  test('failures: any config not right (a failed side counts); flips: right and not right', () => {
    expect(results.map(isFailure)).toEqual([true, false, true, true]);
    expect(results.map(isFlip)).toEqual([true, false, true, false]);
    expect(indices('all')).toEqual([0, 1, 2, 3]);
    expect(indices('failures')).toEqual([1, 2, 3]);
    expect(indices('flips')).toEqual([1, 3]);
    expect(filterCounts(results)).toEqual({ all: 4, failures: 3, flips: 2 });
  });

  test('the search looks in the question, the gold and the answers, every word, any case', () => {
    expect(indices('all', 'Q2')).toEqual([1]);
    expect(indices('all', 'cedarton')).toEqual([2]);
    expect(indices('all', 'nowhere AT')).toEqual([2]);
    expect(indices('all', 'eastbrook')).toEqual([1]);
    expect(indices('failures', 'alder')).toEqual([]);
    expect(indices('flips', '  mill  ')).toEqual([1, 3]);
  });

  test('a single row with one config is never a flip', () => {
    const one = { ...results[1]!, sides: [side('solo', 'x', 0)] };
    expect(isFlip(one)).toBe(false);
    expect(isFailure(one)).toBe(true);
  });

  test('the word diff marks removed and added words, and keeps the text whole', () => {
    const parts = answerDiff('Nowhere', 'Nowhere at all');
    expect(parts).toEqual([
      { text: 'Nowhere ', change: 'same' },
      { text: 'at all', change: 'added' },
    ]);
    const swap = answerDiff('born in Halvik', 'born in Merrow');
    expect(swap.filter((p) => p.change === 'removed').map((p) => p.text)).toEqual(['Halvik']);
    expect(swap.filter((p) => p.change === 'added').map((p) => p.text)).toEqual(['Merrow']);
    const markup = '<img src=x onerror=alert(1)>';
    expect(
      answerDiff('a', markup)
        .filter((p) => p.change !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(markup);
  });

  test('answers are cut short for a cell, on one line', () => {
    expect(shortAnswer('a\n b', 10)).toBe('a b');
    expect(shortAnswer('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
