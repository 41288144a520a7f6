/**
 * Reasoning models' `<think>` blocks: never read as the answer, never passed to another role,
 * counted apart in the turn's figures, and a reply cut off mid-think is a warning.
 */
import { describe, expect, test } from 'vitest';
import { scriptedTokens } from '../../../../workers/engines/scripted-engine';
import { fastScript } from '../../testing/scripted-chat';
import { runScripted, testRole, testSide } from '../../testing/fixtures';
import type { SideResult } from './types';

const SECRET = 'SECRETTHOUGHT maybe Eastbrook, no: she was born there';
const think = (reply: string) => `<think>\n${SECRET}\n</think>\n\n${reply}`;
/** The same, with the opening tag left to the chat template (Qwen3, DeepSeek-R1 distills). */
const thinkNoOpen = (reply: string) => `${SECRET}\n</think>\n\n${reply}`;

const REASONING = 'Steps: born in Szeged [Helena Varga, sentence 2].\nConclusion: Szeged';

/** Every prompt the side sent, as one text. */
const prompts = (result: SideResult) =>
  result.turns.flatMap((t) => t.messages.map((m) => m.content)).join('\n');

describe('thinking', () => {
  test('reasoner → answerer: the answerer never sees the thinking; the answer is read', async () => {
    const side = testSide({ type: 'reasoner-answerer' }, [
      testRole('reasoner'),
      testRole('answerer'),
    ]);
    const { result } = await runScripted(side, {
      'scripted-main': fastScript([
        { match: 'ROLE:reasoner', reply: think(REASONING) },
        { match: 'ROLE:answerer', reply: thinkNoOpen('Answer: Szeged') },
      ]),
    });
    expect(result.status).toBe('done');
    expect(result.finalAnswer).toBe('Szeged');
    expect(result.turns[0]?.output).toContain(SECRET);
    expect(result.turns[1]?.messages[1]?.content).toContain(REASONING);
    expect(prompts(result)).not.toContain('SECRETTHOUGHT');
    expect(prompts(result)).not.toContain('think>');
    expect(result.references).toEqual(['[Helena Varga, sentence 2]']);
    expect(result.warnings).toEqual([]);
  });

  test('critic loop: verdicts are read past the thinking; reviews and revisions see none', async () => {
    const side = testSide({ type: 'critic-loop', maxRounds: 2 }, [
      testRole('reasoner'),
      testRole('critic'),
      testRole('answerer'),
    ]);
    const { result } = await runScripted(side, {
      'scripted-main': fastScript([
        {
          match: 'ROLE:critic[\\s\\S]*REVISED',
          reply: think('{"verdict":"accept","feedback":""}'),
        },
        {
          match: 'ROLE:critic',
          reply: think('{"verdict":"revise","feedback":"Check her birthplace."}'),
        },
        { match: 'ROLE:reasoner\\nA reviewer', reply: think(`REVISED ${REASONING}`) },
        { match: 'ROLE:reasoner', reply: think('Steps: Conclusion: Eastbrook') },
        { match: 'ROLE:answerer[\\s\\S]*REVISED', reply: think('Answer: Szeged') },
        { match: 'ROLE:answerer', reply: 'Answer: Eastbrook' },
      ]),
    });
    expect(result.status).toBe('done');
    expect(result.turns.map((t) => t.verdict?.verdict)).toEqual([
      undefined,
      'revise',
      undefined,
      'accept',
      undefined,
    ]);
    expect(result.finalAnswer).toBe('Szeged');
    expect(prompts(result)).not.toContain('SECRETTHOUGHT');
  });

  test('generators + judge: the judge sees the candidates without their thinking', async () => {
    const side = testSide({ type: 'generators-judge', generators: 2, layers: 2 }, [
      testRole('generator'),
      testRole('judge'),
    ]);
    const { result } = await runScripted(side, {
      'scripted-main': fastScript([
        { match: 'ROLE:judge', reply: think('Answer: Szeged') },
        { match: 'ROLE:generator', reply: think('Born in Szeged.\nAnswer: Szeged') },
      ]),
    });
    expect(result.status).toBe('done');
    expect(result.finalAnswer).toBe('Szeged');
    expect(result.turns.at(-1)?.messages[1]?.content).toContain('Born in Szeged.');
    expect(prompts(result)).not.toContain('SECRETTHOUGHT');
    expect(result.warnings).toEqual([]);
  });

  test('self-consistency: a sample votes with its answer, not with words from its thinking', async () => {
    const side = testSide({ type: 'self-consistency', samples: 3 }, [testRole('sampler')]);
    const { result } = await runScripted(side, {
      'scripted-main': fastScript([{ reply: 'Answer: Eastbrook? No.\n</think>\n\nSzeged' }]),
    });
    expect(result.finalAnswer).toBe('Szeged');
    expect(result.votes?.map((v) => [v.answer, v.count])).toEqual([['Szeged', 3]]);
  });

  test('a reply cut off mid-think: an empty answer and a warning about thinking', async () => {
    const side = testSide({ type: 'reasoner-answerer' }, [
      testRole('reasoner'),
      testRole('answerer', 'scripted-main', { maxTokens: 5 }),
    ]);
    const { result } = await runScripted(side, {
      'scripted-main': fastScript([
        { match: 'ROLE:reasoner', reply: REASONING },
        { match: 'ROLE:answerer', reply: think('Answer: Szeged') },
      ]),
    });
    expect(result.status).toBe('done');
    expect(result.finalAnswer).toBe('');
    expect(result.turns[1]?.finishReason).toBe('length');
    expect(result.turns[1]?.thinkingTokens).toBe(result.turns[1]?.usage.completionTokens);
    expect(result.warnings).toContain(
      'Answerer ran out of tokens while thinking (limit 5); its reply has no answer.',
    );
    expect(result.warnings).toContain('Answerer gave no answer.');
  });

  test("a turn's tokens are split into thinking and answer", async () => {
    const side = testSide({ type: 'solo' }, [testRole('solo')]);
    const reply = think('Answer: Szeged');
    const { result } = await runScripted(side, {
      'scripted-main': fastScript([{ reply }]),
    });
    const turn = result.turns[0];
    const thinking = scriptedTokens(reply.slice(0, reply.indexOf('</think>') + 8)).length;
    const answer = scriptedTokens(reply).length - thinking;
    expect(thinking).toBeGreaterThan(0);
    expect(answer).toBeGreaterThan(0);
    expect(turn?.thinkingTokens).toBe(thinking);
    expect(turn?.usage.completionTokens).toBe(thinking + answer);
    expect(result.finalAnswer).toBe('Szeged');
  });

  test('a reply without thinking has no thinking tokens', async () => {
    const side = testSide({ type: 'solo' }, [testRole('solo')]);
    const { result } = await runScripted(side, {
      'scripted-main': fastScript([{ reply: 'Answer: Szeged' }]),
    });
    expect(result.turns[0]?.thinkingTokens).toBeUndefined();
  });
});

describe("a role's thinking switch", () => {
  const rules = [{ reply: think('Answer: Szeged') }];

  test('off reaches the engine of a model that can switch, and the reply has no thinking', async () => {
    const side = testSide({ type: 'solo' }, [
      testRole('solo', 'scripted-thinker', { thinking: 'off' }),
    ]);
    const { result, calls } = await runScripted(side, { 'scripted-thinker': fastScript(rules) });
    expect(calls.map((c) => c.request.thinking)).toEqual(['off']);
    expect(result.finalAnswer).toBe('Szeged');
    expect(result.turns[0]?.output).not.toContain(SECRET);
    expect(result.turns[0]?.thinkingTokens).toBeUndefined();
  });

  test('on, or no setting, leaves the thinking in', async () => {
    for (const thinking of ['on', undefined] as const) {
      const side = testSide({ type: 'solo' }, [
        testRole('solo', 'scripted-thinker', thinking ? { thinking } : {}),
      ]);
      const { result, calls } = await runScripted(side, {
        'scripted-thinker': fastScript(rules),
      });
      expect(calls.map((c) => c.request.thinking)).toEqual([thinking]);
      expect(result.turns[0]?.output).toContain(SECRET);
      expect(result.turns[0]?.thinkingTokens).toBeGreaterThan(0);
    }
  });

  test('a model that cannot switch is sent no switch', async () => {
    const side = testSide({ type: 'solo' }, [
      testRole('solo', 'scripted-main', { thinking: 'off' }),
    ]);
    const { result, calls } = await runScripted(side, { 'scripted-main': fastScript(rules) });
    expect(calls[0]?.request).not.toHaveProperty('thinking');
    expect(result.turns[0]?.output).toContain(SECRET);
  });
});
