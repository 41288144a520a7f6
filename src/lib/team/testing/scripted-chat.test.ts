import { expect, test } from 'vitest';
import type { TokenEvent } from '../../engine/types';
import { testRole } from './fixtures';
import { createScriptedChat, createScriptedTeamChat, fastScript } from './scripted-chat';

const request = { messages: [{ role: 'user' as const, content: 'hello there' }], sampling: {} };

test('the scripted chat streams tokens and measures usage', async () => {
  const chat = await createScriptedChat(fastScript([{ reply: 'one two three' }]));
  const tokens: TokenEvent[] = [];
  const result = await chat(request, { onToken: (e) => tokens.push(e) });
  expect(result.text).toBe('one two three');
  expect(result.finishReason).toBe('stop');
  expect(tokens.map((t) => [t.delta, t.index])).toEqual([
    ['one', 0],
    [' two', 1],
    [' three', 2],
  ]);
  expect(result.usage).toMatchObject({ promptTokens: 2 + 4, completionTokens: 3 });
  expect(result.usage.ttftMs).not.toBeNull();
  expect(result.usage.wallMs).toBeGreaterThanOrEqual(0);
});

test('calls to one model wait for each other and report the wait', async () => {
  const team = await createScriptedTeamChat({
    'scripted-main': { rules: [{ reply: 'a b c d e' }], tokensPerSecond: 200, loadMs: 0 },
  });
  const role = testRole('generator');
  const [first, second] = await Promise.all([
    team.chat(role, request, {}),
    team.chat(role, request, {}),
  ]);
  expect(first.queuedMs).toBeLessThan(5);
  expect(second.queuedMs).toBeGreaterThanOrEqual(first.usage.wallMs - 1);
  expect(team.calls).toHaveLength(2);
});
