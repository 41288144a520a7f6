import { AgentError, abortError } from '../../src/lib/engine/errors';
import type { ChatRequest, LoadProgress, ModelSpec } from '../../src/lib/engine/types';
import { thinkingFor } from '../../src/lib/catalog/reasoning';
import { StreamedServerError, readChatStream } from '../../src/lib/remote/chat-stream';
import { normaliseBaseUrl } from '../../src/lib/remote/endpoint';
import {
  listServerModels,
  remoteFetch,
  type RemoteEndpoint,
} from '../../src/lib/remote/remote-fetch';
import { recogniseServer, type ServerKind } from '../../src/lib/remote/known-servers';
import {
  droppedStreamError,
  httpError,
  retryAfterMs,
  streamError,
  timeoutError,
  unlistedModelError,
} from '../../src/lib/remote/remote-errors';
import type { Engine, EngineCompletion } from './engine';
import { toOpenAIMessages } from '../../src/lib/tools/fine-tune-messages';
import { toolInstructions } from '../../src/lib/tools/tool-loop';
import type { ToolSpec } from '../../src/lib/tools/types';

export interface RemoteEngineOptions {
  fetch?: typeof fetch;
  /** The page's origin, named in CORS advice. */
  origin?: string;
  /** Longest wait for the server's first answer (a server may be loading the model). */
  firstAnswerMs?: number;
  /** Longest silence between two events of a stream. */
  stallMs?: number;
  /** Longest `Retry-After` honoured; a longer one fails at once. */
  maxRetryAfterMs?: number;
  /** How many times a 429 is retried after its `Retry-After`. */
  maxRetries?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A request body's `response_format`: a JSON schema where one is given, else JSON mode. */
function responseFormat(request: ChatRequest): Record<string, unknown> | undefined {
  const format = request.responseFormat;
  if (!format) return undefined;
  if (!format.schema) return { type: 'json_object' };
  return {
    type: 'json_schema',
    json_schema: { name: 'reply', schema: JSON.parse(format.schema) as unknown, strict: true },
  };
}

/**
 * A thinking switch as the servers take it: `chat_template_kwargs.enable_thinking` (vLLM, SGLang,
 * llama.cpp's server with Jinja templates, for Qwen3) and, to switch it off, `reasoning_effort:
 * 'none'` (Ollama's OpenAI API).
 */
export function thinkingFields(
  model: string,
  request: ChatRequest,
): Record<string, unknown> | undefined {
  const thinking = thinkingFor(model, request.thinking);
  if (!thinking) return undefined;
  return {
    chat_template_kwargs: { enable_thinking: thinking === 'on' },
    ...(thinking === 'off' ? { reasoning_effort: 'none' } : {}),
  };
}

/** A 400 that blames the thinking fields: the server takes neither. */
function rejectsThinking(status: number, body: string): boolean {
  return status === 400 && /reasoning_effort|chat_template_kwargs/i.test(body);
}

/** A 400 that blames the tools: the server takes no OpenAI `tools`. */
function rejectsTools(status: number, body: string): boolean {
  return status === 400 && /\btools?\b|tool_choice|function.?call/i.test(body);
}

/**
 * The request's messages as the server gets them. With tools it takes: earlier tool steps as
 * OpenAI `tool_calls` and `tool` messages. With tools it refused: the tools declared in the
 * system prompt instead, in the Hermes form the in-tab models read (the reply is read either way).
 */
function messagesFor(request: ChatRequest, nativeTools: boolean): unknown[] {
  const tools = request.tools ?? [];
  if (tools.length === 0) return request.messages;
  if (nativeTools) return toOpenAIMessages(request.messages);
  const block = toolInstructions(tools as ToolSpec[]);
  const [first, ...rest] = request.messages;
  return first?.role === 'system'
    ? [{ ...first, content: first.content + block }, ...rest]
    : [{ role: 'system', content: block.trim() }, ...request.messages];
}

/** A 400 that blames structured output: the server does not support `response_format`. */
function rejectsResponseFormat(status: number, body: string): boolean {
  return status === 400 && /response_format|json_schema|json_object|grammar/i.test(body);
}

/**
 * A model served by an OpenAI-compatible server (Ollama, vLLM, llama.cpp's server, LM Studio,
 * SGLang, a hosted endpoint). "Loading" checks that the server answers and serves the model;
 * each call streams `/chat/completions`. Stop aborts the HTTP request.
 */
export class RemoteEngine implements Engine {
  readonly #fetch: typeof fetch;
  readonly #origin: string;
  readonly #firstAnswerMs: number;
  readonly #stallMs: number;
  readonly #maxRetryAfterMs: number;
  readonly #maxRetries: number;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Each call is its own HTTP request: the server queues and batches them. */
  readonly parallelCalls = true;
  #where: RemoteEndpoint | null = null;
  #structuredOutput = true;
  #thinkingFields = true;
  /** The server takes OpenAI `tools` (until a 400 says otherwise). */
  #nativeTools = true;

  constructor(options: RemoteEngineOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#origin = options.origin ?? globalThis.location?.origin ?? 'this page';
    this.#firstAnswerMs = options.firstAnswerMs ?? 120_000;
    this.#stallMs = options.stallMs ?? 60_000;
    this.#maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.#maxRetries = options.maxRetries ?? 2;
    this.#sleep = options.sleep ?? abortableSleep;
  }

  /** The server in use, once loaded (for the page to name it). */
  get server(): ServerKind | null {
    return this.#where?.server ?? null;
  }

  async load(
    spec: ModelSpec,
    onProgress: (p: LoadProgress) => void,
  ): Promise<{ fromCache: boolean }> {
    if (!spec.modelUrl)
      throw new AgentError('InvalidRequestError', 'A remote model needs its server address.');
    let baseUrl: string;
    try {
      baseUrl = normaliseBaseUrl(spec.modelUrl);
    } catch (error) {
      throw new AgentError('InvalidRequestError', (error as Error).message, { cause: error });
    }
    const where: RemoteEndpoint = {
      baseUrl,
      server: recogniseServer(baseUrl),
      model: spec.serverModel ?? spec.modelId,
      apiKey: spec.apiKey,
    };
    onProgress({
      phase: 'init',
      fraction: 0,
      loadedBytes: null,
      totalBytes: null,
      text: `Asking ${baseUrl} for its models`,
    });
    const list = await listServerModels(
      this.#fetch,
      where,
      this.#origin,
      AbortSignal.timeout(this.#firstAnswerMs),
    );
    where.server = list.server;
    const name = where.model ?? spec.modelId;
    if (list.ids.length && !list.ids.includes(name))
      throw unlistedModelError({ ...where, model: name }, list.ids);
    this.#where = where;
    this.#structuredOutput = true;
    this.#thinkingFields = true;
    this.#nativeTools = true;
    onProgress({
      phase: 'init',
      fraction: 1,
      loadedBytes: null,
      totalBytes: null,
      text: `Connected to ${baseUrl}`,
    });
    return { fromCache: false };
  }

  async chat(
    request: ChatRequest,
    onDelta: (delta: string) => void,
    signal: AbortSignal,
  ): Promise<EngineCompletion> {
    const where = this.#where;
    if (!where) throw new AgentError('ModelNotLoadedError', 'No model is loaded in this agent.');
    if (signal.aborted) throw abortError();
    let waitedMs = 0;
    for (let attempt = 0; ; attempt++) {
      const format = this.#structuredOutput ? responseFormat(request) : undefined;
      const thinking = this.#thinkingFields
        ? thinkingFields(where.model ?? '', request)
        : undefined;
      const tools = this.#nativeTools && request.tools?.length ? request.tools : undefined;
      const body = JSON.stringify({
        model: where.model,
        messages: messagesFor(request, this.#nativeTools),
        ...(tools ? { tools: tools.map((t) => ({ type: 'function', function: t })) } : {}),
        stream: true,
        stream_options: { include_usage: true },
        ...request.sampling,
        ...(format ? { response_format: format } : {}),
        ...thinking,
      });
      const call = new AbortController();
      const stopped = () => call.abort();
      signal.addEventListener('abort', stopped, { once: true });
      let timedOut = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          timedOut = true;
          call.abort();
        }, ms);
      };
      let tokens = 0;
      try {
        arm(this.#firstAnswerMs);
        let response: Response;
        try {
          response = await remoteFetch(
            this.#fetch,
            where,
            `${where.baseUrl}/chat/completions`,
            { method: 'POST', headers: { 'Content-Type': 'application/json' }, body },
            call.signal,
            this.#origin,
          );
        } catch (error) {
          if (signal.aborted)
            return { text: '', finishReason: 'abort', promptTokens: 0, completionTokens: 0 };
          if (timedOut) throw timeoutError(where, Math.round(this.#firstAnswerMs / 1000), 0);
          throw error;
        }
        if (!response.ok) {
          clearTimeout(timer);
          const text = await response.text().catch(() => '');
          if (tools && rejectsTools(response.status, text)) {
            this.#nativeTools = false; // Declared in the prompt instead; the reply is read alike.
            continue;
          }
          if (format && rejectsResponseFormat(response.status, text)) {
            this.#structuredOutput = false; // The protocol's own retry rule checks the reply.
            continue;
          }
          if (thinking && rejectsThinking(response.status, text)) {
            this.#thinkingFields = false; // The model then thinks as it does by default.
            continue;
          }
          const wait = retryAfterMs(response.headers.get('Retry-After'));
          if (
            response.status === 429 &&
            wait !== null &&
            wait <= this.#maxRetryAfterMs &&
            attempt < this.#maxRetries
          ) {
            await this.#sleep(wait, signal).catch(() => {});
            if (signal.aborted)
              return { text: '', finishReason: 'abort', promptTokens: 0, completionTokens: 0 };
            waitedMs += wait;
            continue;
          }
          throw httpError(where, response.status, text, waitedMs);
        }
        if (!response.body) throw droppedStreamError(where, 0);
        arm(this.#stallMs);
        let streamed;
        try {
          streamed = await readChatStream(
            response.body,
            (delta) => {
              tokens++;
              onDelta(delta);
            },
            { onActivity: () => arm(this.#stallMs), signal },
          );
        } catch (error) {
          if (timedOut) throw timeoutError(where, Math.round(this.#stallMs / 1000), tokens);
          if (error instanceof StreamedServerError) throw streamError(where, error.message);
          throw droppedStreamError(where, tokens, error);
        }
        if (signal.aborted) {
          return {
            text: streamed.text,
            finishReason: 'abort',
            promptTokens: 0,
            completionTokens: streamed.deltas,
          };
        }
        if (!streamed.finishReason && !streamed.done)
          throw droppedStreamError(where, streamed.deltas);
        return {
          text: streamed.text,
          finishReason: streamed.finishReason ?? 'stop',
          promptTokens: streamed.usage?.promptTokens ?? 0,
          completionTokens: Math.max(streamed.usage?.completionTokens ?? 0, streamed.deltas),
          ...(streamed.usage ? {} : { usageCounted: true }),
        };
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', stopped);
      }
    }
  }

  async unload(): Promise<void> {
    this.#where = null;
  }

  /** A remote model has no files in this browser. */
  async isCached(): Promise<boolean> {
    return false;
  }

  async deleteCached(): Promise<void> {}
}
