import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { TokenEvent } from '../engine/types';
import { testRole } from './fixtures';
import { createScriptedChat, createScriptedTeamChat, fastScript } from './scripted-chat';

const request = { messages: [{ role: 'user' as const, content: 'hello there' }], sampling: {} };

// A fake clock: the scripted engine paces its tokens with setTimeout against performance.now(),
// so every figure below follows from the script's rate alone.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

test('the scripted chat streams tokens and measures usage', async () => {
  // 100 tokens/s: one token every 10 ms, the first at once.
  const chat = await createScriptedChat(
    fastScript([{ reply: 'one two three' }], { tokensPerSecond: 100 }),
  );
  const tokens: TokenEvent[] = [];
  const pending = chat(request, { onToken: (e) => tokens.push(e) });
  await vi.runAllTimersAsync();
  const result = await pending;
  expect(result.text).toBe('one two three');
  expect(result.finishReason).toBe('stop');
  expect(tokens.map((t) => [t.delta, t.index, t.atMs])).toEqual([
    ['one', 0, 0],
    [' two', 1, 10],
    [' three', 2, 20],
  ]);
  // Decode rate: the two tokens after the first, over the 20 ms after it.
  expect(result.usage).toEqual({
    promptTokens: 2 + 4,
    completionTokens: 3,
    ttftMs: 0,
    decodeTokensPerSec: 100,
    wallMs: 20,
  });
});

test('calls to one model wait for each other and report the wait', async () => {
  // 200 tokens/s and five tokens: each call takes 20 ms.
  const team = await createScriptedTeamChat({
    'scripted-main': { rules: [{ reply: 'a b c d e' }], tokensPerSecond: 200, loadMs: 0 },
  });
  const role = testRole('generator');
  const pending = Promise.all([team.chat(role, request, {}), team.chat(role, request, {})]);
  await vi.runAllTimersAsync();
  const [first, second] = await pending;
  expect([first.queuedMs, first.usage.wallMs]).toEqual([0, 20]);
  // The second call waits exactly as long as the first one runs.
  expect([second.queuedMs, second.usage.wallMs]).toEqual([20, 20]);
  expect(team.calls).toHaveLength(2);
});

test('a scripted model refuses a prompt longer than its context window, as real engines do', async () => {
  vi.useRealTimers();
  const chat = await createScriptedChat(fastScript([{ reply: 'ok' }]), { contextWindow: 10 });
  // 'hello there' is 2 scripted tokens + 4 for the message: fits 10.
  expect((await chat(request)).text).toBe('ok');
  const long = { ...request, messages: [{ role: 'user' as const, content: 'a b c d e f g' }] };
  await expect(chat(long)).rejects.toMatchObject({
    name: 'InvalidRequestError',
    message:
      "The conversation (11 tokens) is too long for scripted-test's context window of 10 tokens.",
  });
});
