/**
 * Writes curated calls as a dataset in the formats fine-tuning tools read, one JSON object per
 * line (JSONL). Every format is written from the call's OpenAI conversation (curated-call.ts):
 *
 * - `openai`: OpenAI chat fine-tuning, `{"messages", "tools"?, "parallel_tool_calls"?}`, tool
 *   calls as `tool_calls` + `tool` messages. When a line has several assistant messages, each
 *   gets OpenAI's `weight`: 0 for the earlier ones (other calls' replies, or this role's earlier
 *   tool steps, which are lines of their own), 1 for the reply this call made. A line with one
 *   assistant message has no weight (OpenAI's default, 1).
 * - `trl-messages`: TRL conversational language modelling, `{"messages", "tools"?}`. Tool calls
 *   follow TRL's tool-calling example (and Hugging Face chat templates): `arguments` is an object,
 *   and a `tool` message carries the tool's `name` next to its `tool_call_id`.
 * - `trl-prompt-completion`: TRL conversational prompt-completion, `{"prompt": [messages before
 *   the last assistant message], "completion": [the last assistant message], "tools"?}`.
 * - `sharegpt`: ShareGPT as Axolotl's `chat_template` type reads it with `field_messages:
 *   conversations` and `message_property_mappings: {role: from, content: value}`; its default
 *   role map takes `system`, `human`, `gpt` and `tool`. ShareGPT has no structured tool calls,
 *   so a `gpt` turn writes its calls as Hermes `<tool_call>` blocks (the form the in-tab models
 *   use), a result is a `tool` turn, and the tools go in `tools` (Axolotl's `field_tools`).
 * - `alpaca`: `{"instruction", "input", "output"}`: the system prompt is the instruction, the
 *   user message the input, the reply the output. A multi-turn call (earlier replies, tool steps)
 *   has its turns before the reply folded into the input in order, one `User:` / `Assistant:` /
 *   `Tool:` paragraph each. With no system prompt the first user message is the instruction and
 *   the input holds the turns after it ('' when none).
 *
 * With `mask`, PII is masked (mask-pii.ts) in every text of every format before writing.
 */
import { formatToolCall } from '../tools/parse-tool-calls';
import type { FineTuneMessage, FineTuneTool } from '../tools/fine-tune-messages';
import {
  conversation,
  maskConversation,
  type Conversation,
  type CuratedCall,
} from './curated-call';

export type DatasetFormat =
  'openai' | 'trl-messages' | 'trl-prompt-completion' | 'sharegpt' | 'alpaca';

/** Each format's name as people know it. */
export const DATASET_FORMAT_NAMES: Record<DatasetFormat, string> = {
  openai: 'OpenAI chat fine-tuning (JSONL)',
  'trl-messages': 'TRL conversational (messages)',
  'trl-prompt-completion': 'TRL conversational prompt-completion',
  sharegpt: 'ShareGPT (Axolotl chat_template, from/value)',
  alpaca: 'Alpaca (instruction/input/output)',
};

export interface DatasetOptions {
  /** Replace e-mails, phones, IPs, card numbers, IBANs and URL credentials. */
  mask: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type DatasetRecord = { [key: string]: Json };

/** The assistant message with OpenAI's `weight` where a line has more than one. */
function openAiRecord(conv: Conversation): DatasetRecord {
  const assistants = conv.messages.filter((m) => m.role === 'assistant').length;
  let seen = 0;
  const messages = conv.messages.map((m) => {
    if (m.role !== 'assistant' || assistants < 2) return m;
    seen++;
    return { ...m, weight: seen === assistants ? 1 : 0 };
  });
  const record: DatasetRecord = { messages: messages as Json[] };
  if (conv.tools) {
    record.tools = conv.tools as unknown as Json[];
    record.parallel_tool_calls = true;
  }
  return record;
}

function parseArguments(json: string): Json {
  try {
    return JSON.parse(json) as Json;
  } catch {
    return json;
  }
}

/** Messages as Hugging Face chat templates (and so TRL) take them. */
function trlMessages(messages: readonly FineTuneMessage[]): Json[] {
  const names = new Map<string, string>();
  return messages.map((m): Json => {
    if (m.role === 'tool') {
      const name = names.get(m.tool_call_id);
      return {
        role: 'tool',
        ...(name ? { name } : {}),
        tool_call_id: m.tool_call_id,
        content: m.content,
      };
    }
    if (m.role !== 'assistant' || !m.tool_calls) return { role: m.role, content: m.content };
    for (const c of m.tool_calls) names.set(c.id, c.function.name);
    return {
      role: 'assistant',
      content: m.content ?? '',
      tool_calls: m.tool_calls.map((c) => ({
        id: c.id,
        type: 'function',
        function: { name: c.function.name, arguments: parseArguments(c.function.arguments) },
      })),
    };
  });
}

function withTools(record: DatasetRecord, tools: FineTuneTool[] | undefined): DatasetRecord {
  return tools ? { ...record, tools: tools as unknown as Json[] } : record;
}

/** A message's text; an assistant's calls as the Hermes blocks the model wrote. */
function messageText(m: FineTuneMessage): string {
  if (m.role !== 'assistant') return m.content;
  const calls = (m.tool_calls ?? []).map((c) =>
    formatToolCall({ name: c.function.name, arguments: parseArguments(c.function.arguments) }),
  );
  return [m.content ?? '', ...calls].filter(Boolean).join('\n');
}

const SHAREGPT_FROM = { system: 'system', user: 'human', assistant: 'gpt', tool: 'tool' } as const;

function shareGptRecord(conv: Conversation): DatasetRecord {
  const conversations = conv.messages.map((m) => ({
    from: SHAREGPT_FROM[m.role],
    value: messageText(m),
  }));
  return withTools({ conversations }, conv.tools);
}

const FOLD_LABEL = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
  tool: 'Tool',
} as const;

function alpacaRecord(conv: Conversation): DatasetRecord {
  const messages = [...conv.messages];
  const last = messages.pop();
  const output = last ? messageText(last) : '';
  const systems = messages.filter((m) => m.role === 'system').map(messageText);
  const turns = messages.filter((m) => m.role !== 'system');
  if (systems.length === 0 && turns[0]?.role === 'user') {
    const first = turns.shift();
    if (first) systems.push(messageText(first));
  }
  const [only] = turns;
  const input =
    only && turns.length === 1 && only.role === 'user'
      ? messageText(only)
      : turns.map((m) => `${FOLD_LABEL[m.role]}: ${messageText(m)}`).join('\n\n');
  return { instruction: systems.join('\n\n'), input, output };
}

/** One call as one record of `format`. */
export function toDatasetRecord(
  call: CuratedCall,
  format: DatasetFormat,
  options: DatasetOptions,
): DatasetRecord {
  const plain = conversation(call);
  const conv = options.mask ? maskConversation(plain) : plain;
  switch (format) {
    case 'openai':
      return openAiRecord(conv);
    case 'trl-messages':
      return withTools({ messages: trlMessages(conv.messages) }, conv.tools);
    case 'trl-prompt-completion': {
      const messages = trlMessages(conv.messages);
      const cut = conv.messages.map((m) => m.role).lastIndexOf('assistant');
      return withTools(
        { prompt: messages.slice(0, cut), completion: messages.slice(cut) },
        conv.tools,
      );
    }
    case 'sharegpt':
      return shareGptRecord(conv);
    case 'alpaca':
      return alpacaRecord(conv);
  }
}

/**
 * One JSON line. JSON.stringify escapes \n and \r; U+2028 and U+2029 are escaped too, since some
 * readers (Python's str.splitlines) break lines there.
 */
export function jsonLine(record: DatasetRecord): string {
  return JSON.stringify(record)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The calls as a JSONL file: one record a line, each ending in a newline ('' for none). */
export function writeDataset(
  calls: readonly CuratedCall[],
  format: DatasetFormat,
  options: DatasetOptions,
): string {
  return calls.map((c) => jsonLine(toDatasetRecord(c, format, options)) + '\n').join('');
}
