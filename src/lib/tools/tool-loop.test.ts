import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../engine/types';
import { inProcessSandbox } from '../testing/in-process-sandbox';
import { formatToolCall } from './parse-tool-calls';
import { CUT_MESSAGE, runToolLoop, toolSystemPrompt, type ToolLoopDeps } from './tool-loop';
import { ToolRunner } from './tool-runner';
import { BUILT_IN_TOOLS } from './built-in-tools';

const sandbox = inProcessSandbox();
// mathjs loads once (seconds on a busy machine), not inside a test's time.
beforeAll(
  () => sandbox.run({ language: 'math', code: '1', outputCap: 100, timeoutMs: 60_000 }),
  120_000,
);
afterAll(() => sandbox.dispose());

/** A scripted model: answers each call with the next reply, and records what it was sent. */
function scripted(replies: string[]) {
  const seen: { messages: ChatMessage[]; grammar: string | undefined }[] = [];
  const call: ToolLoopDeps['call'] = (messages, _step, grammar) => {
    seen.push({ messages, grammar });
    const reply = replies.shift();
    if (reply === undefined) throw new Error('The script ran out of replies.');
    return Promise.resolve(reply);
  };
  return { call, seen };
}

const question: ChatMessage[] = [
  { role: 'system', content: toolSystemPrompt('Solve it.', [BUILT_IN_TOOLS.calculator]) },
  { role: 'user', content: 'What is 48 / 2 + 48?' },
];
const calc = (expression: string) =>
  formatToolCall({ name: 'calculator', arguments: { expression } });

describe('runToolLoop', () => {
  it('runs the call, gives the model its result, and ends on a reply without a call', async () => {
    const model = scripted([`Let me compute.\n${calc('48 / 2 + 48')}`, 'Answer: 72']);
    const observed: string[] = [];
    const result = await runToolLoop(
      question,
      {
        call: model.call,
        tools: new ToolRunner(sandbox, ['calculator']),
        onObservation: (step, call, o) => observed.push(`${step} ${call.name} ${o.content}`),
      },
      { maxSteps: 4, constrain: 'none' },
    );
    expect(result.answer).toBe('Answer: 72');
    expect(result.cut).toBe(false);
    expect(result.steps.map((s) => s.calls.length)).toEqual([1, 0]);
    expect(observed).toEqual(['1 calculator 72']);
    // The second call sees the first reply and the tool's answer, in the Hermes form.
    expect(model.seen[1]!.messages.slice(-2)).toEqual([
      { role: 'assistant', content: `Let me compute.\n${calc('48 / 2 + 48')}` },
      {
        role: 'user',
        content: '<tool_response>\n{"name":"calculator","content":"72"}\n</tool_response>',
      },
    ]);
  });

  it('tells the model about a wrong tool name, bad arguments and an unreadable call, and goes on', async () => {
    const model = scripted([
      [
        formatToolCall({ name: 'web_search', arguments: { q: 'x' } }),
        formatToolCall({ name: 'calculator', arguments: { expr: '1' } }),
        '<tool_call>{"name": "calculator", "arguments": {</tool_call>',
      ].join('\n'),
      'Answer: 72',
    ]);
    const result = await runToolLoop(
      question,
      { call: model.call, tools: new ToolRunner(sandbox, ['calculator']) },
      { maxSteps: 4, constrain: 'none' },
    );
    const [first] = result.steps;
    expect(first!.observations.map((o) => o.error?.kind)).toEqual([
      'unknown-tool',
      'bad-arguments',
    ]);
    expect(first!.unreadable).toHaveLength(1);
    const feedback = model.seen[1]!.messages.at(-1)!.content;
    expect(feedback).toContain('There is no tool named \\"web_search\\"');
    expect(feedback).toContain('The arguments do not fit calculator');
    expect(feedback).toContain('Your tool call could not be read: The tool call is not valid JSON');
    expect(result.answer).toBe('Answer: 72');
  });

  it('cuts a model that keeps calling at N steps and asks once more for the answer, without tools', async () => {
    const model = scripted([calc('1'), calc('2'), calc('3'), 'Answer: 3']);
    const result = await runToolLoop(
      question,
      { call: model.call, tools: new ToolRunner(sandbox, ['calculator']) },
      { maxSteps: 3, constrain: 'grammar' },
    );
    expect(result.cut).toBe(true);
    expect(result.steps).toHaveLength(4);
    expect(result.answer).toBe('Answer: 3');
    // Tool steps run under the tool grammar; the answer after the cut does not.
    expect(model.seen.map((s) => s.grammar === undefined)).toEqual([false, false, false, true]);
    expect(model.seen[3]!.messages.at(-1)).toEqual({ role: 'user', content: CUT_MESSAGE });
  });

  it('runs parallel calls in the order written, each with its own id', async () => {
    const model = scripted([`${calc('2 * 3')}\n${calc('10 - 4')}`, 'Answer: equal']);
    const result = await runToolLoop(
      question,
      { call: model.call, tools: new ToolRunner(sandbox, ['calculator']) },
      { maxSteps: 2, constrain: 'none' },
    );
    expect(result.steps[0]!.calls.map((c) => c.id)).toEqual(['call_1', 'call_2']);
    expect(result.steps[0]!.observations.map((o) => o.content)).toEqual(['6', '6']);
  });

  it('declares the tools in the system prompt, Hermes-style', () => {
    const prompt = toolSystemPrompt('Be exact.', [BUILT_IN_TOOLS.calculator]);
    expect(prompt.startsWith('Be exact.\n\n# Tools')).toBe(true);
    expect(prompt).toContain('<tools>\n{"type":"function","function":{"name":"calculator"');
    expect(prompt).toContain('<tool_call>\n{"name": <function-name>');
  });
});
