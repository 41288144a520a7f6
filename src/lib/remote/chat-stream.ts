/**
 * Reads an OpenAI-compatible streaming chat completion (server-sent events) with
 * eventsource-parser, so events split or merged across network reads are never lost.
 *
 * Reasoning a server returns apart (`reasoning_content`: vLLM, llama.cpp, SGLang; `reasoning`:
 * Ollama) is streamed inside `<think>…</think>`, the form every other engine's reasoning takes,
 * so the page shows it folded and never passes it on. The tags ride on the first reasoning delta
 * and the first answer delta: they add no token to the stream.
 */
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { FinishReason } from '../engine/types';
import { errorTextOf } from './remote-errors';
import { errorLinesAsEvents } from './sse-error-lines';

export interface StreamedCompletion {
  text: string;
  /** Null when the stream ended without a finish reason (dropped), or on abort. */
  finishReason: FinishReason | null;
  /** The server's usage (from the final chunk with `stream_options.include_usage`), if it sent one. */
  usage: { promptTokens: number; completionTokens: number } | null;
  /** Deltas that carried text (answer or reasoning): a count of tokens where usage is absent. */
  deltas: number;
  /** The stream said `[DONE]`. */
  done: boolean;
}

interface ChunkDelta {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  /** OpenAI tool calls, streamed in pieces: the name first, the arguments' JSON text in parts. */
  tool_calls?: {
    index?: number;
    function?: { name?: string | null; arguments?: string | null };
  }[];
}

interface Chunk {
  choices?: { delta?: ChunkDelta; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: unknown;
}

/** Thrown for an error the server sends inside the stream. */
export class StreamedServerError extends Error {
  override readonly name = 'StreamedServerError';
}

/** A server's tool call as a Hermes block; arguments that are not JSON stay as their text. */
function toolCallBlock(name: string, args: string): string {
  let parsed: unknown = args;
  try {
    parsed = args.trim() ? JSON.parse(args) : {};
  } catch {
    // Kept as a string: the reader says the arguments are not JSON.
  }
  return `<tool_call>\n${JSON.stringify({ name, arguments: parsed })}\n</tool_call>`;
}

function finishOf(reason: string | null | undefined): FinishReason | null {
  if (!reason) return null;
  return reason === 'length' ? 'length' : 'stop';
}

export interface ReadOptions {
  /** Called on every event (for a stall timer). */
  onActivity?: () => void;
  /** The user's Stop: when it has fired, a broken read returns what arrived instead of throwing. */
  signal?: AbortSignal;
}

/**
 * Reads the stream to its end, calling `onDelta` with each piece of text as it arrives. Network
 * errors reading the body propagate, unless `signal` was aborted (then the text so far returns).
 */
export async function readChatStream(
  body: ReadableStream<Uint8Array>,
  onDelta: (delta: string) => void,
  { onActivity = () => {}, signal }: ReadOptions = {},
): Promise<StreamedCompletion> {
  const result: StreamedCompletion = {
    text: '',
    finishReason: null,
    usage: null,
    deltas: 0,
    done: false,
  };
  let thinking = false;
  /** Tool calls by index, their arguments' JSON as it arrived. */
  const calls = new Map<number, { name: string; args: string }>();
  const emit = (piece: string) => {
    result.text += piece;
    result.deltas++;
    onDelta(piece);
  };
  const events = body
    .pipeThrough(new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>)
    .pipeThrough(errorLinesAsEvents())
    // Other fields the SSE format does not know are ignored, as it says (the parser drops them
    // anyway when a read cuts their line).
    .pipeThrough(new EventSourceParserStream());
  const reader = events.getReader();
  try {
    for (;;) {
      const { value: event, done } = await reader.read();
      if (done) break;
      onActivity();
      const data = event.data.trim();
      if (data === '[DONE]') {
        result.done = true;
        break;
      }
      if (!data) continue;
      let chunk: Chunk;
      try {
        chunk = JSON.parse(data) as Chunk;
      } catch {
        if (event.event === 'error') throw new StreamedServerError(data);
        continue; // A comment-like line some proxies add; nothing to read.
      }
      if (event.event === 'error' || chunk.error)
        throw new StreamedServerError(errorTextOf(chunk) ?? JSON.stringify(chunk));
      const choice = chunk.choices?.[0];
      const reasoning = choice?.delta?.reasoning_content ?? choice?.delta?.reasoning ?? '';
      const content = choice?.delta?.content ?? '';
      if (reasoning) {
        emit(thinking ? reasoning : `<think>${reasoning}`);
        thinking = true;
      }
      if (content) {
        emit(thinking ? `</think>${content}` : content);
        thinking = false;
      }
      for (const part of choice?.delta?.tool_calls ?? []) {
        const call = calls.get(part.index ?? 0) ?? { name: '', args: '' };
        call.name += part.function?.name ?? '';
        call.args += part.function?.arguments ?? '';
        calls.set(part.index ?? 0, call);
      }
      result.finishReason = finishOf(choice?.finish_reason) ?? result.finishReason;
      if (chunk.usage && typeof chunk.usage.completion_tokens === 'number') {
        result.usage = {
          promptTokens: chunk.usage.prompt_tokens ?? 0,
          completionTokens: chunk.usage.completion_tokens,
        };
      }
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
  } finally {
    reader.releaseLock();
  }
  // The server's tool calls, as the `<tool_call>` blocks in-tab models write: one path onwards.
  for (const [, call] of [...calls].sort(([a], [b]) => a - b)) {
    if (thinking) {
      emit('</think>');
      thinking = false;
    }
    emit(`${result.text ? '\n' : ''}${toolCallBlock(call.name, call.args)}`);
  }
  return result;
}
