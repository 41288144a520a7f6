import { describe, expect, test } from 'vitest';
import { scriptedPromptTokens, scriptedTokens } from '../../../../workers/engines/scripted-engine';
import { expectedCalls, sideTotals } from '../budget';
import { fastScript } from '../../testing/scripted-chat';
import { runScripted, streamedText, testRole, testSide } from '../../testing/fixtures';

const REPLY = 'She was born in Szeged.\nAnswer: Szeged';
const side = testSide({ type: 'solo' }, [testRole('solo')]);

describe('solo', () => {
  test('one call, events in order, the answer line extracted', async () => {
    const { result, events, calls } = await runScripted(side, {
      'scripted-main': fastScript([{ reply: REPLY }]),
    });
    expect(result.status).toBe('done');
    expect(result.finalAnswer).toBe('Szeged');
    expect(result.turns).toHaveLength(1);
    const [turn] = result.turns;
    expect(turn).toMatchObject({
      index: 0,
      roleId: 'solo',
      step: 'answer',
      status: 'done',
      output: REPLY,
    });
    expect(turn?.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(calls[0]?.request.sampling).toEqual({
      temperature: 0.5,
      top_p: 1,
      max_tokens: 200,
      seed: 10,
    });

    const types = events.map((e) => e.type);
    expect(types[0]).toBe('turn-start');
    expect(types.filter((t) => t === 'token')).toHaveLength(scriptedTokens(REPLY).length);
    expect(types.slice(-2)).toEqual(['turn-end', 'side-end']);
    expect(streamedText(events, 0)).toBe(REPLY);

    const totals = sideTotals(result.turns);
    expect(totals.calls).toBe(expectedCalls({ type: 'solo' }));
    const prompt = scriptedPromptTokens({ messages: turn?.messages ?? [], sampling: {} });
    expect(totals).toMatchObject({
      promptTokens: prompt,
      completionTokens: scriptedTokens(REPLY).length,
      totalTokens: prompt + scriptedTokens(REPLY).length,
    });
  });

  test('a failing model ends the side as failed, keeping the partial turn', async () => {
    const { result, events } = await runScripted(side, {
      'scripted-main': fastScript([{ reply: REPLY }], {
        failAfterTokens: 2,
        failWith: 'DeviceLostError',
      }),
    });
    expect(result.status).toBe('failed');
    expect(result.error).toEqual({
      name: 'DeviceLostError',
      message: 'Scripted DeviceLostError after 2 tokens.',
    });
    expect(result.turns).toHaveLength(1);
    expect(result.turns[0]).toMatchObject({ status: 'failed', output: 'She was' });
    expect(result.turns[0]?.usage.completionTokens).toBe(2);
    expect(events.at(-1)).toEqual({ type: 'side-end', result });
  });

  test('an invalid side fails without calling a model', async () => {
    const { result, calls } = await runScripted(testSide({ type: 'solo' }, []), {});
    expect(result).toMatchObject({
      status: 'failed',
      turns: [],
      error: { name: 'InvalidRequestError' },
    });
    expect(calls).toEqual([]);
  });

  test('a role on an unknown model fails with the adapter error', async () => {
    const { result } = await runScripted(
      testSide({ type: 'solo' }, [testRole('solo', 'scripted-x')]),
      {},
    );
    expect(result.error?.name).toBe('ModelNotLoadedError');
    expect(result.turns[0]?.status).toBe('failed');
  });

  test('a reply cut at max tokens gives a warning', async () => {
    const short = testSide({ type: 'solo' }, [testRole('solo', 'scripted-main', { maxTokens: 3 })]);
    const { result } = await runScripted(short, {
      'scripted-main': fastScript([{ reply: REPLY }]),
    });
    expect(result.status).toBe('done');
    expect(result.turns[0]?.finishReason).toBe('length');
    expect(result.warnings).toEqual([
      'Solo reached its limit of 3 tokens; its reply is cut short.',
    ]);
  });
});
