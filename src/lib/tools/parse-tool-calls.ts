/**
 * Reads tool calls written in the Hermes / Qwen form that in-tab models are prompted (and, under
 * a grammar, constrained) to use:
 *
 *   <tool_call>
 *   {"name": "calculator", "arguments": {"expression": "2 + 2"}}
 *   </tool_call>
 *
 * Several blocks are parallel calls. A block that is not a JSON object with a string `name` is
 * reported, not dropped, so the model is told what was wrong.
 */
import type { ToolCall } from './types';

export interface UnreadableCall {
  /** The block's text, as written (cut to 200 characters). */
  text: string;
  message: string;
}

export interface ParsedReply {
  calls: ToolCall[];
  unreadable: UnreadableCall[];
  /** The reply without its tool-call blocks (the model's thinking or answer). */
  text: string;
}

const BLOCK = /<tool_call>([\s\S]*?)(<\/tool_call>|$)/g;

function readBlock(body: string): { name: string; arguments: unknown } | string {
  const trimmed = body.trim();
  if (!trimmed) return 'The tool call is empty.';
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    return `The tool call is not valid JSON (${error instanceof Error ? error.message : String(error)}).`;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return 'The tool call must be a JSON object with "name" and "arguments".';
  const { name, arguments: args } = parsed as { name?: unknown; arguments?: unknown };
  if (typeof name !== 'string' || !name) return 'The tool call has no "name".';
  // Some models send arguments as a JSON string (OpenAI's wire form): read it as JSON.
  if (typeof args === 'string') {
    try {
      return { name, arguments: JSON.parse(args) as unknown };
    } catch {
      return `The arguments of ${name} are a string that is not JSON.`;
    }
  }
  return { name, arguments: args ?? {} };
}

/** Finds the tool calls in a reply; `firstId` numbers them (call_1, call_2, …). */
export function parseToolCalls(reply: string, firstId = 1): ParsedReply {
  const calls: ToolCall[] = [];
  const unreadable: UnreadableCall[] = [];
  let n = firstId;
  for (const match of reply.matchAll(BLOCK)) {
    const [, body = '', closing] = match;
    const read = closing ? readBlock(body) : 'The tool call was cut off before </tool_call>.';
    if (typeof read === 'string')
      unreadable.push({ text: body.trim().slice(0, 200), message: read });
    else calls.push({ id: `call_${n++}`, ...read });
  }
  const text = reply.replace(BLOCK, '').trim();
  return { calls, unreadable, text };
}

/** A call as the model would write it (for transcripts and fine-tuning examples). */
export function formatToolCall(call: Pick<ToolCall, 'name' | 'arguments'>): string {
  return `<tool_call>\n${JSON.stringify({ name: call.name, arguments: call.arguments })}\n</tool_call>`;
}
