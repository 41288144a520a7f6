/**
 * One agent call as chosen for a specialist's dataset: the trace's request and reply, who made it
 * (role, model, protocol, run), whether its answer was right, and whether the user keeps it.
 *
 * The call keeps the trace's own form (`messages` as the model read them, `output` as it wrote
 * it, tool calls and results as Hermes `<tool_call>` / `<tool_response>` text). `conversation()`
 * turns it into OpenAI's structured messages (`tool_calls`, `tool` messages) with
 * fine-tune-messages.ts, once; every dataset format is written from that conversation, and PII
 * masking is applied to it (`maskConversation`), so all formats carry the same masked text.
 */
import type { ChatMessage } from '../engine/types';
import { maskPii } from '../storage/mask-pii';
import { toPlain, type TraceRecord } from '../storage/records';
import type { ProtocolType, RoleKind } from '../team/config';
import {
  toFineTuneMessages,
  toFineTuneTools,
  type FineTuneMessage,
  type FineTuneTool,
} from '../tools/fine-tune-messages';
import type { ToolSpec } from '../tools/types';

/** Whether the call's answer was scored right, wrong, or not scored. */
export type Outcome = 'right' | 'wrong' | 'unknown';

export interface CuratedCall {
  /** The trace's id. */
  id: string;
  runId: string;
  roleName: string;
  kind: RoleKind;
  modelId: string;
  protocol: ProtocolType;
  /** The request as the model read it: system, user, earlier assistant and tool-result turns. */
  messages: ChatMessage[];
  /** The model's reply (a tool step's reply holds its `<tool_call>` blocks). */
  output: string;
  /** The tools the call was offered; absent when none. */
  tools?: ToolSpec[];
  promptTokens: number;
  completionTokens: number;
  outcome: Outcome;
  /** The user's choice: false drops the call from a dataset written with `onlyKept`. */
  keep: boolean;
}

/** A call in OpenAI's chat form: what every dataset format is written from. */
export interface Conversation {
  messages: FineTuneMessage[];
  tools?: FineTuneTool[];
}

/** A curated call from a stored trace; the protocol comes from its run's config. */
export function curatedFromTrace(
  trace: TraceRecord,
  protocol: ProtocolType,
  outcome: Outcome = 'unknown',
  keep = true,
): CuratedCall {
  const call: CuratedCall = {
    id: trace.id,
    runId: trace.runId,
    roleName: trace.roleName,
    kind: trace.kind,
    modelId: trace.modelId,
    protocol,
    messages: trace.messages.map((m) => ({ role: m.role, content: m.content })),
    output: trace.output,
    promptTokens: trace.usage.promptTokens,
    completionTokens: trace.usage.completionTokens,
    outcome,
    keep,
  };
  if (trace.tools?.length) call.tools = toPlain(trace.tools);
  return call;
}

/**
 * The call's request plus its reply as OpenAI chat messages. As in the trace export, only a call
 * that was offered tools has its Hermes text read as tool calls; other calls pass through as text.
 */
export function conversation(call: CuratedCall): Conversation {
  if (call.tools?.length) {
    return {
      messages: toFineTuneMessages(call.messages, call.output),
      tools: toFineTuneTools(call.tools),
    };
  }
  const messages: FineTuneMessage[] = [
    ...call.messages.map((m) => ({ role: m.role, content: m.content })),
    { role: 'assistant', content: call.output },
  ];
  return { messages };
}

/** Every string in plain data (object keys stay), through `mask`. */
export function maskStrings<T>(value: T, mask: (text: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return mask(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * Tool-call arguments are a JSON string: they are masked as parsed values and written again,
 * never as JSON text, where a match could swallow part of an escape (`\n` before an e-mail).
 */
function maskArguments(json: string, mask: (text: string) => string): string {
  try {
    return JSON.stringify(maskStrings(JSON.parse(json) as unknown, mask));
  } catch {
    return mask(json);
  }
}

/** The conversation with PII masked in every text: contents, call arguments, tool results, tools. */
export function maskConversation(
  conv: Conversation,
  mask: (text: string) => string = maskPii,
): Conversation {
  const messages = conv.messages.map((m): FineTuneMessage => {
    if (m.role !== 'assistant') return { ...m, content: mask(m.content) };
    const masked: FineTuneMessage = {
      role: 'assistant',
      content: m.content === null ? null : mask(m.content),
    };
    if (m.tool_calls) {
      masked.tool_calls = m.tool_calls.map((c) => ({
        ...c,
        function: { name: c.function.name, arguments: maskArguments(c.function.arguments, mask) },
      }));
    }
    return masked;
  });
  return conv.tools ? { messages, tools: maskStrings(conv.tools, mask) } : { messages };
}
