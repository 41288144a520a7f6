import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createScriptedTeamChat, fastScript } from '../../testing/scripted-chat';
import { runScripted, testRole, testSide } from '../../testing/fixtures';
import { inProcessSandbox } from '../../testing/in-process-sandbox';
import { formatToolCall } from '../../tools/parse-tool-calls';

const sandbox = inProcessSandbox();
// mathjs loads once (seconds on a busy machine), not inside a test's time.
beforeAll(
  () => sandbox.run({ language: 'math', code: '1', outputCap: 100, timeoutMs: 60_000 }),
  120_000,
);
afterAll(() => sandbox.dispose());

const calc = (expression: string) =>
  formatToolCall({ name: 'calculator', arguments: { expression } });
const withCalculator = (maxSteps = 3) =>
  testRole('solo', 'scripted-main', {
    tools: { builtIn: ['calculator'], custom: [], maxSteps },
  });

describe('a role with tools', () => {
  test(
    'calls the calculator, reads its result and answers; each model call is a turn',
    { timeout: 60_000 },
    async () => {
      const side = testSide({ type: 'solo' }, [withCalculator()]);
      const { result, events, calls } = await runScripted(
        side,
        {
          'scripted-main': fastScript([
            { match: 'tool_response', reply: 'Answer: 72' },
            { reply: calc('48 / 2 + 48') },
          ]),
        },
        { toolSandbox: sandbox },
      );
      expect(result.status).toBe('done');
      expect(result.finalAnswer).toBe('72');
      expect(result.turns.map((t) => [t.step, t.toolStep, t.toolCalls?.length ?? 0])).toEqual([
        ['answer', 1, 1],
        ['answer', 2, 0],
      ]);
      expect(result.turns[0]!.toolCalls![0]!.observation).toMatchObject({
        ok: true,
        content: '72',
      });
      const toolEvents = events.filter((e) => e.type === 'tool-result');
      expect(toolEvents).toHaveLength(1);
      // The system prompt declares the tool; the in-tab model writes under the tool grammar.
      expect(calls[0]!.request.messages[0]!.content).toContain('"name":"calculator"');
      expect(calls[0]!.request.grammar).toMatch(/^root ::= calls \| /);
      // The second call carries the first reply and the tool's answer.
      expect(calls[1]!.request.messages.at(-1)!.content).toBe(
        '<tool_response>\n{"name":"calculator","content":"72"}\n</tool_response>',
      );
    },
  );

  test('a model that calls without end is cut at its steps and answers without tools', async () => {
    const side = testSide({ type: 'solo' }, [withCalculator(2)]);
    const { result, calls } = await runScripted(
      side,
      {
        'scripted-main': fastScript([
          { match: 'used all your tool calls', reply: 'Answer: 2' },
          { match: 'tool_response', reply: calc('2') },
          { reply: calc('1') },
        ]),
      },
      { toolSandbox: sandbox },
    );
    expect(result.finalAnswer).toBe('2');
    expect(result.turns.map((t) => t.toolStep)).toEqual([1, 2, 3]);
    expect(calls[2]!.request.grammar).toBeUndefined();
  });

  test('without a sandbox the role answers in one call, its tools not offered', async () => {
    const side = testSide({ type: 'solo' }, [withCalculator()]);
    const { result, calls } = await runScripted(side, {
      'scripted-main': fastScript([{ reply: 'Answer: 72' }]),
    });
    expect(result.turns).toHaveLength(1);
    expect(calls[0]!.request.messages[0]!.content).not.toContain('calculator');
  });

  test('a stop during the loop stops the side, keeping the turns so far', async () => {
    const side = testSide({ type: 'solo' }, [withCalculator()]);
    const { result } = await runScripted(
      side,
      {
        'scripted-main': fastScript([
          { match: 'tool_response', reply: 'Answer: 2' },
          { reply: calc('1 + 1') },
        ]),
      },
      {
        toolSandbox: sandbox,
        onEvent: (event, controller) => {
          if (event.type === 'tool-result') controller.abort();
        },
      },
    );
    expect(result.status).toBe('stopped');
    expect(result.turns[0]!.toolCalls).toHaveLength(1);
  });

  test('tools that cannot be used are refused before anything runs', async () => {
    const bad = testRole('solo', 'scripted-main', {
      tools: {
        builtIn: ['calculator'],
        custom: [
          {
            name: 'calculator',
            description: 'Mine.',
            parameters: { type: 'object', properties: {} },
            reply: { kind: 'fixed', text: '1' },
          },
        ],
        maxSteps: 0,
      },
    });
    const { result, calls } = await runScripted(
      testSide({ type: 'solo' }, [bad]),
      { 'scripted-main': fastScript([{ reply: 'Answer: 1' }]) },
      { toolSandbox: sandbox },
    );
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('tool steps must be a whole number from 1 to 10');
    expect(result.error?.message).toContain('two tools are named "calculator"');
    expect(calls).toHaveLength(0);
  });
});

describe("a server's model with tools", () => {
  test('gets OpenAI tools, no tool block in its prompt and no grammar; after the cut, no tools', async () => {
    const role = testRole('solo', 'scripted-main', {
      model: { engine: 'remote', modelId: 'scripted-main' },
      tools: { builtIn: ['calculator'], custom: [], maxSteps: 1 },
    });
    // The scripted model stands in for the server's: the role's model says "remote".
    const team = await createScriptedTeamChat({
      'scripted-main': fastScript([
        { match: 'used all your tool calls', reply: 'Answer: 72' },
        { reply: calc('48 + 24') },
      ]),
    });
    const { result } = await runScripted(
      testSide({ type: 'solo' }, [role]),
      {},
      {
        toolSandbox: sandbox,
        chat: (r, request, hooks) =>
          team.chat(
            { ...r, model: { engine: 'scripted', modelId: r.model.modelId } },
            request,
            hooks,
          ),
      },
    );
    const { calls } = team;
    expect(result.error?.message ?? '').toBe('');
    expect(result.finalAnswer).toBe('72');
    expect(calls[0]!.request.tools?.map((t) => t.name)).toEqual(['calculator']);
    expect(calls[0]!.request.messages[0]!.content).not.toContain('# Tools');
    expect(calls[0]!.request.grammar).toBeUndefined();
    expect(calls[1]!.request.tools).toBeUndefined();
  });
});
