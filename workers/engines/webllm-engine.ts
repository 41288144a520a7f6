/**
 * The product's GPU engine: @mlc-ai/web-llm on WebGPU, running inside an agent worker.
 */
import {
  MLCEngine,
  deleteModelAllInfoInCache,
  hasModelInCache,
  prebuiltAppConfig,
  type AppConfig,
  type ChatCompletionRequestStreaming,
} from '@mlc-ai/web-llm';
import {
  AgentError,
  abortError,
  httpFailureMessage,
  withDetail,
  type AgentErrorName,
} from '../../src/lib/engine/errors';
import type { ChatRequest, LoadProgress, ModelSpec } from '../../src/lib/engine/types';
import type { Engine, EngineCompletion } from './engine';
import { mlcModelBaseUrl } from '../../src/lib/catalog/custom-model-info';
import { thinkingFor } from '../../src/lib/catalog/reasoning';
import { firstHttpFailure, probeStatus } from './probe-url';
import { parseWebLLMProgress } from './webllm-progress';

/** The app config that knows `spec`: WebLLM's prebuilt list, plus the custom model if any. */
export function appConfigFor(spec: ModelSpec): AppConfig {
  if (!spec.modelUrl) return prebuiltAppConfig;
  if (!spec.modelLibUrl) {
    throw new AgentError(
      'InvalidRequestError',
      'A custom MLC model needs a model library (.wasm) URL.',
    );
  }
  return {
    ...prebuiltAppConfig,
    model_list: [
      { model: spec.modelUrl, model_id: spec.modelId, model_lib: spec.modelLibUrl },
      ...prebuiltAppConfig.model_list.filter((m) => m.model_id !== spec.modelId),
    ],
  };
}

/**
 * The files WebLLM fetches first for `spec`, in its order: chat config, model library, tensor
 * cache manifest. Weight shards are left out: the manifest lists them.
 */
export function modelFileUrls(spec: ModelSpec): string[] {
  const record = appConfigFor(spec).model_list.find((m) => m.model_id === spec.modelId);
  if (!record) return [];
  const base = mlcModelBaseUrl(record.model);
  return [
    new URL('mlc-chat-config.json', base).href,
    ...(record.model_lib ? [new URL(record.model_lib, globalThis.location?.href).href] : []),
    new URL('tensor-cache.json', base).href,
  ];
}

/** Maps WebLLM's (and the browser's) failures onto our named errors with a plain message. */
export function webllmError(error: unknown, spec: ModelSpec, stage: 'load' | 'chat'): AgentError {
  if (error instanceof AgentError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const named = (n: AgentErrorName, text: string) => new AgentError(n, text, { cause: error });
  if (/WebGPUNotAvailable|WebGPUNotFound|FeatureSupport/.test(name) || /shader-f16/.test(message)) {
    return named('WebGPUUnavailableError', `${spec.modelId} cannot run on this GPU: ${message}`);
  }
  if (/DeviceLost/.test(name) || /device (was )?lost/i.test(message)) {
    return named(
      'DeviceLostError',
      `The GPU device was lost while ${stage === 'load' ? 'loading' : 'running'} ${spec.modelId} ` +
        '(often out of GPU memory). Reload the model to continue.',
    );
  }
  if (/ContextWindowSizeExceeded/.test(name)) {
    return named(
      'InvalidRequestError',
      `The prompt does not fit ${spec.modelId}'s context window: ${message}`,
    );
  }
  if (
    stage === 'load' &&
    (name === 'TypeError' || /fetch|network|HTTP|status|Cannot\s+fetch/i.test(message))
  ) {
    // WebLLM's OPFS and IndexedDB caches name the URL and status ("Unable to fetch <url>,
    // received status 404"); its Cache API store does not (see WebLLMEngine.load).
    const status = /(?:received status|HTTP)\s*(\d{3})/i.exec(message)?.[1];
    const url = /https?:\/\/[^\s,]+/.exec(message)?.[0];
    if (status && url) return named('ModelDownloadError', httpFailureMessage(Number(status), url));
    const host = spec.modelUrl ? new URL(spec.modelUrl).host : 'huggingface.co';
    return named(
      'ModelDownloadError',
      `${withDetail(`Could not download ${spec.modelId} from ${host}`, message)} ` +
        'Check your connection, then Retry.',
    );
  }
  if (stage === 'load' && LIBRARY_MISMATCH.test(message)) {
    return named('ModelLoadError', libraryMismatchMessage(spec));
  }
  return named(
    stage === 'load' ? 'ModelLoadError' : 'GenerationError',
    `${spec.modelId}: ${message}`,
  );
}

/**
 * A model library compiled for another WebLLM runtime fails while WebAssembly links it
 * (`Import #0 "env" "_ZN3tvm7runtime9threading15ResetThreadPoolEv": function import requires a
 * callable`): the runtime's exports changed at 0.2.80.
 */
const LIBRARY_MISMATCH = /function import requires a callable|LinkError|Import #\d+ "env"/i;

/** The folder WebLLM's own prebuilt libraries come from: the libraries that fit this runtime. */
export function runtimeLibraryFolder(): string {
  const lib = prebuiltAppConfig.model_list[0]?.model_lib ?? '';
  return /web-llm-models\/(v[\d_]+(?:\/[\w-]+)?)\//.exec(lib)?.[1] ?? 'the current version';
}

export function libraryMismatchMessage(spec: ModelSpec): string {
  const folder = runtimeLibraryFolder();
  const version = folder.replace(/^v/, '').replace(/\/.*$/, '').replace(/_/g, '.');
  return (
    `${spec.modelId}'s model library was built for a different WebLLM runtime than this site's ` +
    `(WebLLM ${version}), so it cannot be linked. Libraries built for runtimes before 0.2.80 do ` +
    `not load in 0.2.80 or later. Use a library from binary-mlc-llm-libs ` +
    `"web-llm-models/${folder}" (the folder WebLLM's own models use), or compile the model ` +
    `with an MLC LLM release that targets WebLLM ${version}.`
  );
}

/**
 * The streaming request WebLLM gets for `request`. A thinking switch goes in WebLLM's
 * `extra_body.enable_thinking` (false makes Qwen3 answer at once: WebLLM starts the reply with an
 * empty think block), and only for models that can switch: for any other model WebLLM would add
 * that empty block too.
 */
export function webllmChatBody(
  request: ChatRequest,
  modelId: string,
): ChatCompletionRequestStreaming {
  const thinking = thinkingFor(modelId, request.thinking);
  return {
    messages: request.messages,
    stream: true,
    stream_options: { include_usage: true },
    ...request.sampling,
    ...(request.grammar
      ? { response_format: { type: 'grammar' as const, grammar: request.grammar } }
      : request.responseFormat
        ? { response_format: request.responseFormat }
        : {}),
    ...(thinking ? { extra_body: { enable_thinking: thinking === 'on' } } : {}),
  };
}

/** The parts of WebLLM's MLCEngine this adapter uses (tests pass a fake). */
export type MLCEngineLike = Pick<
  MLCEngine,
  'setAppConfig' | 'setInitProgressCallback' | 'reload' | 'chat' | 'interruptGenerate' | 'unload'
>;

export interface WebLLMEngineOptions {
  /** Makes the WebLLM engine (default: a real MLCEngine). */
  createEngine?: (appConfig: AppConfig) => MLCEngineLike;
  /** fetch for looking into a failed download (default: the global fetch). */
  fetch?: typeof fetch;
}

export class WebLLMEngine implements Engine {
  #engine: MLCEngineLike | null = null;
  #spec: ModelSpec | null = null;
  readonly #createEngine: (appConfig: AppConfig) => MLCEngineLike;
  readonly #fetch: typeof fetch;

  constructor(options: WebLLMEngineOptions = {}) {
    this.#createEngine = options.createEngine ?? ((appConfig) => new MLCEngine({ appConfig }));
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async load(
    spec: ModelSpec,
    onProgress: (p: LoadProgress) => void,
  ): Promise<{ fromCache: boolean }> {
    const appConfig = appConfigFor(spec);
    const fromCache = await this.isCached(spec).catch(() => false);
    const engine = this.#engine ?? this.#createEngine(appConfig);
    this.#engine = engine;
    engine.setAppConfig(appConfig);
    engine.setInitProgressCallback((report) => onProgress(parseWebLLMProgress(report)));
    try {
      await engine.reload(spec.modelId, { context_window_size: spec.contextWindow });
    } catch (error) {
      const mapped = webllmError(error, spec, 'load');
      if (mapped.name !== 'ModelDownloadError' || /\(HTTP \d{3}\)/.test(mapped.message))
        throw mapped;
      throw (await this.#httpFailure(spec, error)) ?? mapped;
    }
    this.#spec = spec;
    return { fromCache };
  }

  /**
   * Why a download failed when the server answered with an error status: WebLLM's `Cache.add`
   * hides it, so the model's files are asked again. Null when every file answers (or none can
   * be reached), and the failure was the connection's.
   */
  async #httpFailure(spec: ModelSpec, cause: unknown): Promise<AgentError | null> {
    const failure = await firstHttpFailure(modelFileUrls(spec), this.#fetch);
    if (!failure) return null;
    let message = httpFailureMessage(failure.status, failure.url);
    if (failure.status === 404 && failure.url.endsWith('/tensor-cache.json')) {
      const older = failure.url.replace(/tensor-cache\.json$/, 'ndarray-cache.json');
      const status = await probeStatus(older, this.#fetch);
      if (status !== null && status < 300) {
        message +=
          ' The model has an ndarray-cache.json instead: it was built for an older WebLLM ' +
          'than this page runs.';
      }
    }
    return new AgentError('ModelDownloadError', message, { cause });
  }

  async chat(
    request: ChatRequest,
    onDelta: (delta: string) => void,
    signal: AbortSignal,
  ): Promise<EngineCompletion> {
    const engine = this.#engine;
    const spec = this.#spec;
    if (!engine || !spec)
      throw new AgentError('ModelNotLoadedError', 'No model is loaded in this agent.');
    if (signal.aborted) throw abortError();
    const onAbort = () => void engine.interruptGenerate();
    signal.addEventListener('abort', onAbort, { once: true });
    const body = webllmChatBody(request, spec.modelId);
    let text = '';
    let finishReason: EngineCompletion['finishReason'] = 'stop';
    let promptTokens = 0;
    let completionTokens = 0;
    // WebLLM sends one delta per generated token (fewer while a multi-byte character is
    // incomplete), so the number of deltas is a floor for the token count.
    let deltas = 0;
    try {
      const chunks = await engine.chat.completions.create(body);
      for await (const chunk of chunks) {
        const choice = chunk.choices[0];
        const delta = choice?.delta.content ?? '';
        if (delta) {
          text += delta;
          deltas++;
          onDelta(delta);
        }
        if (choice?.finish_reason === 'length') finishReason = 'length';
        if (chunk.usage) {
          promptTokens = chunk.usage.prompt_tokens;
          completionTokens = chunk.usage.completion_tokens;
        }
      }
    } catch (error) {
      throw webllmError(error, spec, 'chat');
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted) finishReason = 'abort';
    // WebLLM up to 0.2.79 counts decode steps only in `completion_tokens`, leaving out the first
    // token, which the prefill step samples (0.2.86 counts both): never report fewer tokens than
    // were streamed.
    return {
      text,
      finishReason,
      promptTokens,
      completionTokens: Math.max(completionTokens, deltas),
    };
  }

  async unload(): Promise<void> {
    await this.#engine?.unload();
    this.#spec = null;
  }

  async isCached(spec: ModelSpec): Promise<boolean> {
    try {
      return await hasModelInCache(spec.modelId, appConfigFor(spec));
    } catch (error) {
      throw new AgentError('CacheError', `Could not read the model cache: ${String(error)}`, {
        cause: error,
      });
    }
  }

  async deleteCached(spec: ModelSpec): Promise<void> {
    try {
      await deleteModelAllInfoInCache(spec.modelId, appConfigFor(spec));
    } catch (error) {
      throw new AgentError(
        'CacheError',
        `Could not delete ${spec.modelId} from the cache: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
  }
}
