import { describe, expect, test } from 'vitest';
import { expectedCalls, sideTotals } from '../budget';
import { fastScript } from '../../testing/scripted-chat';
import { runScripted, testRole, testSide } from '../../testing/fixtures';
import type { SideResult } from './types';

const scripts = {
  'scripted-a': fastScript([
    { match: 'Other assistants answered', reply: 'A2: born in Szeged.\nAnswer: Szeged' },
    { reply: 'A1: she settled in Eastbrook.\nAnswer: Eastbrook' },
  ]),
  'scripted-b': fastScript([
    { match: 'Other assistants answered', reply: 'B2: agreed, Szeged.\nAnswer: Szeged' },
    { reply: 'B1: born in Szeged.\nAnswer: Szeged' },
  ]),
  'scripted-judge': fastScript([{ reply: 'Candidate 2 cites her birth.\nAnswer: Szeged' }]),
};

const side = (generators: number, layers: number) =>
  testSide({ type: 'generators-judge', generators, layers }, [
    testRole('generator', 'scripted-a', { id: 'gen-a' }),
    testRole('generator', 'scripted-b', { id: 'gen-b' }),
    testRole('judge', 'scripted-judge'),
  ]);

const userMessage = (result: SideResult, index: number) =>
  result.turns[index]?.messages.find((m) => m.role === 'user')?.content ?? '';

describe('generators + judge', () => {
  test('K generators take the roles in turn; the judge sees all K answers', async () => {
    const { result, calls } = await runScripted(side(3, 1), scripts);
    expect(result.status).toBe('done');
    expect(result.turns.map((t) => [t.roleId, t.step, t.round])).toEqual([
      ['gen-a', 'generate', 1],
      ['gen-b', 'generate', 1],
      ['gen-a', 'generate', 1],
      ['judge', 'judge', undefined],
    ]);
    expect(calls.map((c) => c.request.sampling.seed)).toEqual([10, 11, 12, 10]);
    const judge = userMessage(result, 3);
    expect(judge).toContain(
      'Candidate answers:\n\nAnswer 1:\nA1: she settled in Eastbrook.\nAnswer: Eastbrook\n\n' +
        'Answer 2:\nB1: born in Szeged.\nAnswer: Szeged\n\nAnswer 3:\nA1:',
    );
    expect(judge).toContain('[Helena Varga]');
    expect(result.finalAnswer).toBe('Szeged');
    const protocol = { type: 'generators-judge', generators: 3, layers: 1 } as const;
    expect(sideTotals(result.turns).calls).toBe(expectedCalls(protocol));
  });

  test('mixture of agents: each layer sees the previous one; the judge the last', async () => {
    const { result } = await runScripted(side(2, 3), scripts);
    expect(result.status).toBe('done');
    expect(result.turns.map((t) => `${t.roleId}@${t.round ?? '-'}`)).toEqual([
      'gen-a@1',
      'gen-b@1',
      'gen-a@2',
      'gen-b@2',
      'gen-a@3',
      'gen-b@3',
      'judge@-',
    ]);
    expect(userMessage(result, 0)).not.toContain('Other assistants');
    for (const i of [2, 3]) {
      expect(userMessage(result, i)).toContain('Answer 1:\nA1: she settled in Eastbrook.');
      expect(userMessage(result, i)).toContain('Answer 2:\nB1: born in Szeged.');
    }
    expect(userMessage(result, 4)).toContain('Answer 1:\nA2: born in Szeged.');
    expect(userMessage(result, 6)).toContain('Answer 2:\nB2: agreed, Szeged.');
    expect(userMessage(result, 6)).not.toContain('A1:');
    const protocol = { type: 'generators-judge', generators: 2, layers: 3 } as const;
    expect(sideTotals(result.turns).calls).toBe(expectedCalls(protocol));
  });

  test('a failing generator fails the side with the turns so far', async () => {
    const { result } = await runScripted(side(2, 1), {
      ...scripts,
      'scripted-b': fastScript([{ reply: 'x y z' }], { failAfterTokens: 1 }),
    });
    expect(result.status).toBe('failed');
    expect(result.error?.name).toBe('GenerationError');
    expect(result.turns.map((t) => t.status)).toEqual(['done', 'failed']);
    expect(result.turns[1]?.output).toBe('x');
  });
});
