import { describe, expect, test } from 'vitest';
import { sideRecordFromResult, type SideRecord } from '../storage/records';
import { sampleTurn } from '../testing/storage-fixtures';
import type { SideResult } from '../team/protocols/types';
import { SideState } from './side-state.svelte';

const start = (turnIndex: number, round?: number) =>
  ({
    type: 'turn-start',
    turnIndex,
    roleId: 'solo',
    roleName: 'Solo',
    kind: 'solo',
    step: 'answer',
    ...(round !== undefined ? { round } : {}),
  }) as const;

describe('SideState', () => {
  test('turn-start adds a waiting turn; streamed text makes it streaming; turn-end settles it', () => {
    const side = new SideState();
    side.reset(123);
    expect(side.phase).toBe('running');
    expect(side.startedAt).toBe(123);
    side.apply(start(0, 2));
    expect(side.turns).toEqual([
      expect.objectContaining({ index: 0, round: 2, output: '', tokens: 0, status: 'waiting' }),
    ]);
    side.appendText(0, 'Par', 1);
    side.appendText(0, 'is', 1);
    expect(side.turns[0]).toMatchObject({ output: 'Paris', tokens: 2, status: 'streaming' });
    const turn = sampleTurn(0, 'Paris, France', {
      usage: { ...sampleTurn(0, '').usage, completionTokens: 7 },
    });
    side.apply({ type: 'turn-end', turn });
    expect(side.turns[0]).toMatchObject({ output: 'Paris, France', tokens: 7, status: 'done' });
    expect(side.turns[0]!.turn).toEqual(turn);
  });

  test('text that arrives after its turn ended is ignored', () => {
    const side = new SideState();
    side.reset(0);
    side.apply(start(0));
    side.appendText(0, 'abc', 3);
    side.apply({ type: 'turn-end', turn: sampleTurn(0, 'final', { status: 'stopped' }) });
    side.appendText(0, ' late', 1);
    expect(side.turns[0]).toMatchObject({ output: 'final', status: 'stopped' });
    // The turn's count is never below what was seen streaming.
    expect(side.turns[0]!.tokens).toBe(Math.max(3, sampleTurn(0, '').usage.completionTokens));
    // Text for a turn that never started is dropped too.
    side.appendText(5, 'ghost', 1);
    expect(side.turns).toHaveLength(1);
  });

  test('warnings collect; side-end sets the result and the phase; reset clears all', () => {
    const side = new SideState();
    side.reset(0);
    side.apply({ type: 'warning', message: 'first' });
    side.apply({ type: 'warning', message: 'second' });
    expect(side.warnings).toEqual(['first', 'second']);
    const result: SideResult = {
      finalAnswer: 'Paris',
      turns: [],
      warnings: ['first', 'second'],
      status: 'failed',
      error: { name: 'DeviceLostError', message: 'gone' },
    };
    side.apply({ type: 'side-end', result });
    expect(side.phase).toBe('failed');
    expect(side.result).toEqual(result);
    side.reset(5);
    expect(side).toMatchObject({ phase: 'running', turns: [], warnings: [], result: null });
  });

  test('a stored interrupted run shows its partial turns as stopped and has no result', () => {
    const record: SideRecord = {
      status: 'running',
      finalAnswer: '',
      turns: [
        { ...sampleTurn(0, 'done turn'), partial: false },
        { ...sampleTurn(1, 'half a tu', { status: 'done' }), partial: true },
      ],
      warnings: ['w'],
    };
    const side = SideState.fromRecord(record);
    expect(side.phase).toBe('interrupted');
    expect(side.result).toBeNull();
    expect(side.warnings).toEqual(['w']);
    expect(side.turns.map((t) => [t.output, t.status, t.turn !== undefined])).toEqual([
      ['done turn', 'done', true],
      ['half a tu', 'stopped', false],
    ]);
  });

  test('a stored stopped run keeps only whole turns in its result', () => {
    const record: SideRecord = {
      status: 'stopped',
      finalAnswer: '',
      turns: [
        { ...sampleTurn(0, 'whole'), partial: false },
        { ...sampleTurn(1, 'part'), partial: true },
      ],
      warnings: [],
    };
    const side = SideState.fromRecord(record);
    expect(side.phase).toBe('stopped');
    expect(side.result?.status).toBe('stopped');
    expect(side.result?.turns.map((t) => t.output)).toEqual(['whole']);
    expect(side.turns.map((t) => t.status)).toEqual(['done', 'stopped']);
  });

  test('an escalation decision is stored with the side and read back from the history', () => {
    const result: SideResult = {
      finalAnswer: 'Szeged',
      turns: [sampleTurn(0, 'Answer: Eastbrook'), sampleTurn(1, 'Answer: Szeged')],
      warnings: [],
      status: 'done',
      escalation: {
        check: 'agreement',
        escalated: true,
        reason: 'agreement 2/5 below 3/5',
        smallAnswer: 'Eastbrook',
        agreement: { votes: 2, samples: 5, threshold: 3 },
      },
    };
    const record = sideRecordFromResult(result);
    expect(record.escalation).toEqual(result.escalation);
    expect(record.escalation).not.toBe(result.escalation);
    expect(SideState.fromRecord(record).result?.escalation).toEqual(result.escalation);
  });
});
