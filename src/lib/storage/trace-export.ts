/**
 * Exports traces (one per agent call) as JSONL in OpenAI's chat fine-tuning format: one JSON
 * object per line, `{"messages": [...the request..., {"role": "assistant", "content": output}]}`.
 *
 * OpenAI's format defines only `messages` (and the optional `tools` and `parallel_tool_calls`).
 * With `includeMetadata` (the default) each line also carries our own `metadata` key (role,
 * model, run, usage, timings) so the file can be filtered and analysed; OpenAI's uploader does
 * not use it and its validation may reject unknown keys, so export with `includeMetadata: false`
 * (or strip the key) for a file to upload there as is.
 */
import type { CallUsage, ChatMessage, EngineKind, FinishReason } from '../engine/types';
import type { RoleKind } from '../team/config';
import type { TurnStatus, TurnStep } from '../team/protocols/types';
import {
  toFineTuneMessages,
  toFineTuneTools,
  type FineTuneMessage,
  type FineTuneTool,
} from '../tools/fine-tune-messages';
import { maskPii } from './mask-pii';
import type { SideName, TraceRecord } from './records';

export interface JsonlOptions {
  /** Replace e-mails, phones, IPs, card numbers, IBANs and URL credentials (mask-pii.ts). */
  maskPii: boolean;
  /** Add the `metadata` key to every line (default true); see above. */
  includeMetadata?: boolean;
}

/** Our fields, outside OpenAI's format. */
export interface TraceMetadata {
  traceId: string;
  runId: string;
  side: SideName;
  turnIndex: number;
  role: string;
  roleName: string;
  kind: RoleKind;
  step: TurnStep;
  modelId: string;
  engine?: EngineKind;
  status: TurnStatus;
  finishReason?: FinishReason;
  usage: CallUsage;
  /** Milliseconds since the epoch, and the difference. */
  startedAt: number;
  endedAt: number;
  durationMs: number;
  /** Escalation: why the large model was called. */
  escalatedBecause?: string;
}

/** One line of the export. A tool-using call's line has OpenAI's `tools` and tool messages. */
export interface FineTuneExample {
  messages: ChatMessage[] | FineTuneMessage[];
  tools?: FineTuneTool[];
  parallel_tool_calls?: boolean;
  metadata?: TraceMetadata;
}

export function traceMetadata(trace: TraceRecord): TraceMetadata {
  const metadata: TraceMetadata = {
    traceId: trace.id,
    runId: trace.runId,
    side: trace.side,
    turnIndex: trace.turnIndex,
    role: trace.role,
    roleName: trace.roleName,
    kind: trace.kind,
    step: trace.step,
    modelId: trace.modelId,
    status: trace.status,
    usage: { ...trace.usage },
    startedAt: trace.startedAt,
    endedAt: trace.endedAt,
    durationMs: trace.endedAt - trace.startedAt,
  };
  if (trace.engine) metadata.engine = trace.engine;
  if (trace.finishReason) metadata.finishReason = trace.finishReason;
  if (trace.escalatedBecause) metadata.escalatedBecause = trace.escalatedBecause;
  return metadata;
}

/** The example for one call: its request's messages, then its output as the assistant's reply. */
export function traceToExample(trace: TraceRecord, options: JsonlOptions): FineTuneExample {
  const text = options.maskPii ? maskPii : (s: string) => s;
  const metadata = options.includeMetadata === false ? {} : { metadata: traceMetadata(trace) };
  if (trace.tools?.length) {
    const masked = trace.messages.map((m) => ({ role: m.role, content: text(m.content) }));
    return {
      messages: toFineTuneMessages(masked, text(trace.output)),
      tools: toFineTuneTools(trace.tools),
      parallel_tool_calls: true,
      ...metadata,
    };
  }
  const messages: ChatMessage[] = [
    ...trace.messages.map((m) => ({ role: m.role, content: text(m.content) })),
    { role: 'assistant', content: text(trace.output) },
  ];
  return { messages, ...metadata };
}

/** Every trace as one line of JSON, each line ending in a newline ('' for no traces). */
export function tracesToJsonl(traces: readonly TraceRecord[], options: JsonlOptions): string {
  return traces.map((t) => JSON.stringify(traceToExample(t, options)) + '\n').join('');
}
