/**
 * A tool-using call's messages in OpenAI's chat fine-tuning format for function calling: the
 * Hermes text the in-tab models read and write (`<tool_call>` blocks in assistant replies,
 * `<tool_response>` blocks in user messages) becomes structured `tool_calls` on the assistant
 * message and `tool` messages with their `tool_call_id`; the tools go in `tools`. A specialist
 * trained on the file learns the calls, not our text framing of them.
 */
import type { ChatMessage } from '../engine/types';
import { parseToolCalls } from './parse-tool-calls';
import type { ToolSpec } from './types';

export type FineTuneMessage =
  | { role: 'system' | 'user'; content: string }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: {
        id: string;
        type: 'function';
        function: { name: string; arguments: string };
      }[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface FineTuneTool {
  type: 'function';
  function: { name: string; description: string; parameters: ToolSpec['parameters'] };
}

const RESPONSE = /<tool_response>\s*([\s\S]*?)\s*<\/tool_response>/g;

/** The `{name, content}` (or `{error}`) JSON in a `<tool_response>` block, as the tool's text. */
function responseContent(block: string): string {
  try {
    const parsed = JSON.parse(block) as { content?: unknown; error?: unknown };
    if (typeof parsed.content === 'string') return parsed.content;
    if (typeof parsed.error === 'string') return `Error: ${parsed.error}`;
  } catch {
    // Not ours: keep the text as it is.
  }
  return block;
}

/**
 * Converts a call's messages plus its reply. Messages without tool blocks pass through; the
 * ids pair each response with its call in order, as the loop ran them.
 */
export function toFineTuneMessages(
  messages: readonly ChatMessage[],
  reply: string,
): FineTuneMessage[] {
  return toOpenAIMessages([...messages, { role: 'assistant', content: reply }]);
}

/**
 * The same conversion for a request's messages: what a server that takes OpenAI `tools` is sent
 * after the first tool step (its own `tool_calls`, and `tool` messages with their results).
 */
export function toOpenAIMessages(messages: readonly ChatMessage[]): FineTuneMessage[] {
  const out: FineTuneMessage[] = [];
  let pending: string[] = [];
  let nextId = 1;
  for (const message of messages) {
    if (message.role === 'assistant') {
      const parsed = parseToolCalls(message.content, nextId);
      nextId += parsed.calls.length;
      if (parsed.calls.length === 0) {
        out.push({ role: 'assistant', content: message.content });
        continue;
      }
      pending = parsed.calls.map((c) => c.id);
      out.push({
        role: 'assistant',
        content: parsed.text || null,
        tool_calls: parsed.calls.map((c) => ({
          id: c.id,
          type: 'function',
          function: { name: c.name, arguments: JSON.stringify(c.arguments) },
        })),
      });
      continue;
    }
    const responses = message.role === 'user' ? [...message.content.matchAll(RESPONSE)] : [];
    if (responses.length === 0 || pending.length === 0) {
      out.push({ role: message.role, content: message.content });
      continue;
    }
    for (const [, block = ''] of responses) {
      const id = pending.shift();
      // Responses to calls that could not be read have no call to pair with: they stay text.
      if (id) out.push({ role: 'tool', tool_call_id: id, content: responseContent(block) });
      else out.push({ role: 'user', content: `<tool_response>\n${block}\n</tool_response>` });
    }
  }
  return out;
}

export function toFineTuneTools(
  tools: readonly Pick<ToolSpec, 'name' | 'description' | 'parameters'>[],
): FineTuneTool[] {
  return tools.map((t) => ({
    type: 'function',
    function: { name: t.name, description: t.description, parameters: t.parameters },
  }));
}
