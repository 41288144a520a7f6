/**
 * The tool-using agent's loop: think → call → observe, up to a number of steps. Each step is
 * one model call; the calls in its reply run (in the order written) and their observations go
 * back to the model in the Hermes / Qwen form (`<tool_response>` blocks in a user message). A
 * reply with no call is the answer. A model that keeps calling is stopped at the last step and
 * asked once more, without tools, for its answer.
 *
 * The loop is independent of how a model is called: a protocol passes `call` (one Turn through
 * ProtocolRun in the product; a scripted model in tests).
 */
import type { ChatMessage } from '../engine/types';
import { parseToolCalls, type UnreadableCall } from './parse-tool-calls';
import { toolsTagBlock } from './declarations';
import { toolCallGrammar, type ToolChoice } from './tool-grammar';
import type { ToolCallContext, ToolRunner } from './tool-runner';
import type { ToolCall, ToolObservation, ToolSpec } from './types';

/** One model call of the loop and what its calls gave back. */
export interface ToolStep {
  /** 1-based. */
  step: number;
  output: string;
  calls: ToolCall[];
  unreadable: UnreadableCall[];
  observations: ToolObservation[];
}

export interface ToolLoopResult {
  /** The reply that answered (the last model call's output). */
  answer: string;
  steps: ToolStep[];
  /** The model was still calling tools at the last step and was asked to answer without. */
  cut: boolean;
}

export interface ToolLoopOptions {
  /** Most model calls that may call tools (the answer after a cut is one more). */
  maxSteps: number;
  /**
   * 'grammar': in-tab models write calls under toolCallGrammar ('auto': a call or an answer);
   * 'none': the model is only told the format (servers, which take OpenAI `tools`, and tests).
   */
  constrain: 'grammar' | 'none';
}

export interface ToolLoopDeps {
  /** One model call; `grammar` when the reply must follow one. Throws to end the loop. */
  call(messages: ChatMessage[], step: number, grammar: string | undefined): Promise<string>;
  tools: ToolRunner;
  context?: ToolCallContext;
  /** Told of each call as its observation comes back (the transcript's tool cards). */
  onObservation?: (step: number, call: ToolCall, observation: ToolObservation) => void;
}

export const CUT_MESSAGE =
  'You have used all your tool calls. Answer now from what you have, without calling a tool.';

/** The tool instructions for the end of a role's system prompt, from two newlines on. */
export function toolInstructions(tools: readonly ToolSpec[]): string {
  return `\n\n${toolSystemPrompt('', tools)}`;
}

/** The tool instructions appended to a role's system prompt (Hermes / Qwen's own wording). */
export function toolSystemPrompt(base: string, tools: readonly ToolSpec[]): string {
  return [
    base.trim(),
    '# Tools',
    'You may call one or more functions to assist with the user query.',
    'You are provided with function signatures within <tools></tools> XML tags:',
    toolsTagBlock(tools),
    'For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:',
    '<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>',
    'When you have what you need, answer without calling a tool.',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The observations as the model reads them: one `<tool_response>` block per call. */
export function toolResponseMessage(
  observations: readonly ToolObservation[],
  unreadable: readonly UnreadableCall[],
): ChatMessage {
  const blocks = [
    ...observations.map((o) => JSON.stringify({ name: o.name, content: o.content })),
    ...unreadable.map((u) =>
      JSON.stringify({ error: `Your tool call could not be read: ${u.message}` }),
    ),
  ].map((b) => `<tool_response>\n${b}\n</tool_response>`);
  return { role: 'user', content: blocks.join('\n') };
}

export async function runToolLoop(
  messages: readonly ChatMessage[],
  deps: ToolLoopDeps,
  options: ToolLoopOptions,
): Promise<ToolLoopResult> {
  const specs = deps.tools.specs;
  const choice: ToolChoice = 'auto';
  const grammar =
    options.constrain === 'grammar' && specs.length ? toolCallGrammar(specs, choice) : undefined;
  const history: ChatMessage[] = [...messages];
  const steps: ToolStep[] = [];
  let nextId = 1;
  for (let step = 1; step <= Math.max(1, options.maxSteps); step++) {
    const output = await deps.call([...history], step, grammar);
    const parsed = parseToolCalls(output, nextId);
    nextId += parsed.calls.length;
    if (parsed.calls.length === 0 && parsed.unreadable.length === 0) {
      steps.push({ step, output, calls: [], unreadable: [], observations: [] });
      return { answer: output, steps, cut: false };
    }
    const observations: ToolObservation[] = [];
    for (const call of parsed.calls) {
      const observation = await deps.tools.run(call, deps.context ?? {});
      observations.push(observation);
      deps.onObservation?.(step, call, observation);
    }
    steps.push({ step, output, calls: parsed.calls, unreadable: parsed.unreadable, observations });
    history.push(
      { role: 'assistant', content: output },
      toolResponseMessage(observations, parsed.unreadable),
    );
    // A stopped tool ends the loop: the caller's own stop follows.
    if (observations.some((o) => o.error?.kind === 'stopped')) break;
  }
  history.push({ role: 'user', content: CUT_MESSAGE });
  const answer = await deps.call(history, steps.length + 1, undefined);
  steps.push({
    step: steps.length + 1,
    output: answer,
    calls: [],
    unreadable: [],
    observations: [],
  });
  return { answer, steps, cut: true };
}
