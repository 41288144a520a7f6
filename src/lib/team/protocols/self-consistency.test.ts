import { describe, expect, test } from 'vitest';
import { expectedCalls, sideTotals } from '../budget';
import { createScriptedChat, fastScript } from '../../testing/scripted-chat';
import { runScripted, testRole, testSide } from '../../testing/fixtures';
import type { TeamChat } from './types';

const BASE_SEED = 10;

/** A chat whose reply depends on the seed (the scripted engine itself ignores seeds). */
async function chatBySeed(replies: string[]): Promise<TeamChat> {
  const fns = await Promise.all(
    replies.map((reply) => createScriptedChat(fastScript([{ reply }]))),
  );
  return (_role, request, hooks) => {
    const fn = fns[(request.sampling.seed ?? 0) - BASE_SEED];
    if (!fn) throw new Error(`No reply for seed ${request.sampling.seed}`);
    return fn(request, hooks);
  };
}

const run = async (replies: string[]) => {
  const side = testSide({ type: 'self-consistency', samples: replies.length }, [
    testRole('sampler', 'scripted-main', { seed: BASE_SEED }),
  ]);
  return runScripted(side, {}, { chat: await chatBySeed(replies) });
};

describe('self-consistency', () => {
  test('the majority of normalised answers wins, with its vote counts', async () => {
    const { result } = await run([
      'She lived there.\nAnswer: Eastbrook',
      'Born there.\nAnswer: Szeged.',
      'Answer: szeged',
      'I think\nthe Szeged',
      'Answer: Leeds',
    ]);
    expect(result.status).toBe('done');
    expect(result.finalAnswer).toBe('Szeged.');
    expect(result.votes).toEqual([
      { normalised: 'szeged', answer: 'Szeged.', count: 3, samples: [1, 2, 3] },
      { normalised: 'eastbrook', answer: 'Eastbrook', count: 1, samples: [0] },
      { normalised: 'leeds', answer: 'Leeds', count: 1, samples: [4] },
    ]);
    expect(result.turns.map((t) => [t.step, t.round])).toEqual(
      [1, 2, 3, 4, 5].map((i) => ['sample', i]),
    );
    expect(result.warnings).toEqual([]);
    const protocol = { type: 'self-consistency', samples: 5 } as const;
    expect(sideTotals(result.turns).calls).toBe(expectedCalls(protocol));
  });

  test('seeds are seed + i', async () => {
    const side = testSide({ type: 'self-consistency', samples: 3 }, [
      testRole('sampler', 'scripted-main', { seed: 7 }),
    ]);
    const { calls } = await runScripted(side, {
      'scripted-main': fastScript([{ reply: 'Answer: x' }]),
    });
    expect(calls.map((c) => c.request.sampling.seed)).toEqual([7, 8, 9]);
  });

  test('a tie goes to the earliest answer, with a warning', async () => {
    const { result } = await run([
      'Answer: Leeds',
      'Answer: Szeged',
      'Answer: Szeged',
      'Answer: leeds',
    ]);
    expect(result.finalAnswer).toBe('Leeds');
    expect(result.votes?.map((v) => [v.answer, v.count])).toEqual([
      ['Leeds', 2],
      ['Szeged', 2],
    ]);
    expect(result.warnings).toEqual(['The vote is tied at 2; the earliest answer wins.']);
  });

  test('no answers at all', async () => {
    const { result } = await run(['...', '!']);
    expect(result.finalAnswer).toBe('');
    expect(result.votes).toEqual([]);
    expect(result.warnings).toEqual(['No sample gave an answer.']);
  });
});
