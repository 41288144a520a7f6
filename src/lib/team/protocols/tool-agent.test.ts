import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fastScript, scriptedModel } from '../../testing/scripted-chat';
import { runScripted } from '../../testing/fixtures';
import { inProcessSandbox } from '../../testing/in-process-sandbox';
import { formatToolCall } from '../../tools/parse-tool-calls';
import { validateSide } from '../config';
import { presetSide } from '../presets';

const sandbox = inProcessSandbox();
beforeAll(
  () => sandbox.run({ language: 'math', code: '1', outputCap: 100, timeoutMs: 60_000 }),
  120_000,
);
afterAll(() => sandbox.dispose());

const agentSide = () => presetSide('tool-agent', scriptedModel('scripted-main'));
const question = { question: 'A shop sells 48 clips in April and half as many in May. How many?' };

describe('the tool agent', () => {
  test('the preset is a valid side: one agent with the calculator and look-up, 6 steps', () => {
    const side = agentSide();
    expect(validateSide(side)).toEqual([]);
    expect(side.roles.map((r) => [r.kind, r.tools?.builtIn, r.tools?.maxSteps])).toEqual([
      ['agent', ['calculator', 'lookup'], 6],
    ]);
  });

  test('calls the calculator, reads the result, calls again, then answers', async () => {
    const { result, calls } = await runScripted(
      agentSide(),
      {
        'scripted-main': fastScript([
          { match: '"content":"72"', reply: 'April and May together: 72.\nAnswer: 72' },
          {
            match: '"content":"24"',
            reply: formatToolCall({ name: 'calculator', arguments: { expression: '48 + 24' } }),
          },
          { reply: formatToolCall({ name: 'calculator', arguments: { expression: '48 / 2' } }) },
        ]),
      },
      { toolSandbox: sandbox, input: question },
    );
    expect(result.status).toBe('done');
    expect(result.finalAnswer).toBe('72');
    expect(result.turns.map((t) => [t.toolStep, t.toolCalls?.[0]?.observation.content])).toEqual([
      [1, '24'],
      [2, '72'],
      [3, undefined],
    ]);
    expect(calls[0]!.request.messages[0]!.content).toContain('reply with the tool call only');
  });

  test('without sandboxes it fails with the reason instead of answering untooled', async () => {
    const { result, calls } = await runScripted(
      agentSide(),
      { 'scripted-main': fastScript([{ reply: 'Answer: 72' }]) },
      { input: question },
    );
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain("needs the browser's tool sandboxes");
    expect(calls).toHaveLength(0);
  });

  test('an agent without tools is refused by name', () => {
    const side = agentSide();
    side.roles[0]!.tools = { builtIn: [], custom: [], maxSteps: 4 };
    expect(validateSide(side)).toEqual([
      'The tool agent "Agent" has no tools: give it at least one (Roles → Tools).',
    ]);
  });
});
