import { describe, expect, test } from 'vitest';
import {
  callRange,
  expectedCalls,
  fairSampleCount,
  sideTotals,
  totalsRatio,
  type SideTotals,
} from './budget';
import type { Turn } from './protocols/types';

const turn = (over: Partial<Turn>): Turn => ({
  index: 0,
  roleId: 'r',
  roleName: 'R',
  kind: 'solo',
  step: 'answer',
  messages: [],
  output: '',
  usage: {
    promptTokens: 0,
    completionTokens: 0,
    ttftMs: null,
    decodeTokensPerSec: null,
    wallMs: 0,
  },
  queuedMs: 0,
  startedAtMs: 0,
  endedAtMs: 0,
  status: 'done',
  ...over,
});

const usage = (promptTokens: number, completionTokens: number, wallMs: number) => ({
  promptTokens,
  completionTokens,
  ttftMs: 1,
  decodeTokensPerSec: null,
  wallMs,
});

describe('sideTotals', () => {
  test('sums tokens and times; wall time spans first start to last end', () => {
    const totals = sideTotals([
      turn({ usage: usage(100, 20, 50), startedAtMs: 1000, endedAtMs: 1070, queuedMs: 20 }),
      turn({ usage: usage(150, 10, 30), startedAtMs: 1100, endedAtMs: 1130 }),
    ]);
    expect(totals).toEqual({
      calls: 2,
      promptTokens: 250,
      completionTokens: 30,
      totalTokens: 280,
      wallMs: 130,
      callMs: 80,
      queuedMs: 20,
    });
  });

  test('no turns, all zero', () => {
    expect(sideTotals([])).toMatchObject({ calls: 0, totalTokens: 0, wallMs: 0 });
  });
});

test('totalsRatio divides team by solo, null on a zero solo figure', () => {
  const solo: SideTotals = {
    calls: 1,
    promptTokens: 100,
    completionTokens: 50,
    totalTokens: 150,
    wallMs: 200,
    callMs: 200,
    queuedMs: 0,
  };
  const team: SideTotals = { ...solo, calls: 4, totalTokens: 600, queuedMs: 30 };
  expect(totalsRatio(team, solo)).toMatchObject({
    calls: 4,
    totalTokens: 4,
    wallMs: 1,
    queuedMs: null,
  });
});

describe('expectedCalls', () => {
  test('fixed protocols', () => {
    expect(expectedCalls({ type: 'solo' })).toBe(1);
    expect(expectedCalls({ type: 'reasoner-answerer' })).toBe(2);
    expect(expectedCalls({ type: 'generators-judge', generators: 3, layers: 1 })).toBe(4);
    expect(expectedCalls({ type: 'generators-judge', generators: 3, layers: 2 })).toBe(7);
    expect(expectedCalls({ type: 'self-consistency', samples: 5 })).toBe(5);
  });

  test('critic loop: 1 + r + m + (r or r − 1) + 1', () => {
    const p = { type: 'critic-loop', maxRounds: 3 } as const;
    expect(expectedCalls(p, { rounds: 1, retries: 0, endedOn: 'accept' })).toBe(3);
    expect(expectedCalls(p, { rounds: 2, retries: 1, endedOn: 'accept' })).toBe(6);
    expect(expectedCalls(p, { rounds: 3, retries: 0, endedOn: 'revise' })).toBe(8);
    expect(callRange(p)).toEqual({ min: 3, max: 11 });
    expect(callRange({ type: 'solo' })).toEqual({ min: 1, max: 1 });
  });
});

test('fairSampleCount: solo calls that fit in the team budget', () => {
  const base = { promptTokens: 0, completionTokens: 0, wallMs: 0, callMs: 0, queuedMs: 0 };
  const solo = { ...base, calls: 1, totalTokens: 300 };
  expect(fairSampleCount({ ...base, calls: 3, totalTokens: 1000 }, solo)).toBe(3);
  expect(fairSampleCount({ ...base, calls: 3, totalTokens: 200 }, solo)).toBe(0);
  expect(fairSampleCount(solo, { ...base, calls: 0, totalTokens: 0 })).toBeNull();
});
