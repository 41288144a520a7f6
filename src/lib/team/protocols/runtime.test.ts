import { describe, expect, test } from 'vitest';
import { AgentError } from '../../engine/errors';
import { fastScript } from '../../testing/scripted-chat';
import { runScripted, testRole, testSide } from '../../testing/fixtures';
import { samplingOf } from './runtime';
import type { TeamChat } from './types';

const solo = testSide({ type: 'solo' }, [testRole('solo')]);

describe('abort and failure handling', () => {
  test('an abort before the start makes no call', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result, calls, events } = await runScripted(
      solo,
      { 'scripted-main': fastScript([{ reply: 'Answer: x' }]) },
      { controller },
    );
    expect(result).toMatchObject({ status: 'stopped', turns: [], finalAnswer: '' });
    expect(calls).toEqual([]);
    expect(events).toEqual([{ type: 'side-end', result }]);
  });

  test('an abort stops at once even when the chat ignores the signal', async () => {
    const hanging: TeamChat = (_role, _request, hooks) => {
      hooks.onToken?.({ delta: 'Partial', index: 0, atMs: 1 });
      hooks.onToken?.({ delta: ' text', index: 1, atMs: 2 });
      return new Promise(() => {});
    };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const { result } = await runScripted(solo, {}, { chat: hanging, controller });
    expect(result.status).toBe('stopped');
    expect(result.turns[0]).toMatchObject({ status: 'stopped', output: 'Partial text' });
    expect(result.turns[0]?.usage).toMatchObject({ promptTokens: 0, completionTokens: 2 });
  });

  test('an AbortError from the chat counts as stopped, not failed', async () => {
    const chat: TeamChat = () => Promise.reject(new AgentError('AbortError', 'Cancelled.'));
    const { result } = await runScripted(solo, {}, { chat });
    expect(result.status).toBe('stopped');
    expect(result.error).toBeUndefined();
  });

  test('a non-agent error becomes a GenerationError', async () => {
    const chat: TeamChat = () => Promise.reject(new Error('boom'));
    const { result } = await runScripted(solo, {}, { chat });
    expect(result.error).toEqual({ name: 'GenerationError', message: 'boom' });
  });

  test('queue time reported by the chat lands on the turn', async () => {
    const chat: TeamChat = async () => ({
      text: 'Answer: x',
      finishReason: 'stop',
      usage: {
        promptTokens: 5,
        completionTokens: 2,
        ttftMs: 1,
        decodeTokensPerSec: null,
        wallMs: 3,
      },
      queuedMs: 40,
    });
    const { result } = await runScripted(solo, {}, { chat });
    expect(result.turns[0]).toMatchObject({
      queuedMs: 40,
      finishReason: 'stop',
      output: 'Answer: x',
    });
  });
});

test('sampling comes from the role', () => {
  expect(samplingOf(testRole('sampler', 'm', { seed: 3 }), 2)).toEqual({
    temperature: 0.5,
    top_p: 1,
    max_tokens: 200,
    seed: 5,
  });
});
