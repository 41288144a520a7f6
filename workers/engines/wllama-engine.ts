/**
 * The WebAssembly engine: llama.cpp compiled to wasm (@wllama/wllama), running GGUF models on
 * the CPU, or on WebGPU through llama.cpp's WebGPU backend when the spec says `device: 'gpu'`
 * (wllama 3.1+ ships one wasm build with both; `n_gpu_layers: 0` keeps it off). Single-threaded unless the page is cross-origin isolated (SharedArrayBuffer needs
 * COOP/COEP headers). Model files are fetched once and kept in the browser's origin-private
 * file system by wllama's cache manager.
 */
import {
  ModelManager,
  Wllama,
  type ChatCompletionChunk,
  type ChatCompletionParams,
  type LoadModelParams,
  type Model,
  type WllamaCompat,
  type WllamaLogger,
} from '@wllama/wllama/esm/index.js';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import {
  AgentError,
  abortError,
  httpFailureMessage,
  withDetail,
} from '../../src/lib/engine/errors';
import type {
  ChatRequest,
  FinishReason,
  LoadProgress,
  ModelSpec,
  ResponseFormat,
} from '../../src/lib/engine/types';
import { thinkingFor } from '../../src/lib/catalog/reasoning';
import type { Engine, EngineCompletion } from './engine';

/** Share of the load progress bar given to the download; the rest is initialisation. */
const DOWNLOAD_SHARE = 0.9;
/** How many native log lines to keep for error messages. */
const LOG_LINES = 20;

export interface WllamaEngineOptions {
  /**
   * wllama's compatibility build for browsers without JSPI or wasm Memory64 (Safari). Null by
   * default, because wllama's default fetches it from a CDN and this app serves its own files.
   */
  compat?: WllamaCompat | null;
  /**
   * Threads when the page is cross-origin isolated (default: half the logical cores). Without
   * isolation there is no SharedArrayBuffer and the engine always runs on one thread.
   */
  threads?: number;
}

/** Sampling settings as llama-server's chat endpoint reads them (`stop` is not in the type). */
type ChatParams = ChatCompletionParams & { stop?: string[] };

export class WllamaEngine implements Engine {
  readonly #options: WllamaEngineOptions;
  readonly #log: string[] = [];
  readonly #logger: WllamaLogger;
  readonly #models: ModelManager;
  #wllama: Wllama | null = null;
  #spec: ModelSpec | null = null;
  /** Whether the model being loaded runs on WebGPU (its "no adapter" log lines are then news). */
  #gpu = false;
  /** What llama.cpp said it put on the GPU in the last load ("offloaded 3/3 layers to GPU"). */
  #offloaded: { layers: number; of: number } | null = null;
  /** Why llama.cpp's WebGPU backend gave up in the last load, in its words (it then uses the CPU). */
  #gpuFailure: string | null = null;
  /** The context size llama.cpp actually allocated (it may round ModelSpec.contextWindow up). */
  #contextSize = 0;

  constructor(options: WllamaEngineOptions = {}) {
    this.#options = options;
    // llama.cpp's INFO lines reach wllama's logger as `debug`; only the offload report is read.
    const watch = (line: string) => {
      const offload = /offloaded (\d+)\/(\d+) layers to GPU/.exec(line);
      if (offload) this.#offloaded = { layers: Number(offload[1]), of: Number(offload[2]) };
      const failed = /ggml_webgpu: (Failed to get an? (?:adapter|device)[^\n]*)/.exec(line);
      if (failed) this.#gpuFailure = failed[1]!.trim();
    };
    const keep =
      (write: (...args: unknown[]) => void) =>
      (...args: unknown[]) => {
        const line = args.map(String).join(' ');
        watch(line);
        // With WebGPU off, wllama still logs that no adapter was found: expected, not news.
        if (!this.#gpu && /WebGPU not available|get an adapter/i.test(line)) return;
        this.#log.push(line);
        if (this.#log.length > LOG_LINES) this.#log.shift();
        write(...args);
      };
    this.#logger = {
      debug: (...args: unknown[]) => watch(args.map(String).join(' ')),
      log: keep(() => {}),
      warn: keep(console.warn),
      error: keep(console.error),
    };
    this.#models = new ModelManager({ logger: this.#logger });
  }

  async load(
    spec: ModelSpec,
    onProgress: (progress: LoadProgress) => void,
  ): Promise<{ fromCache: boolean }> {
    // Freeing the previous model is best effort: a crashed wasm worker has nothing left to free.
    await this.unload().catch(() => {});
    const url = modelUrl(spec);
    const fileName = displayName(url);
    if (spec.device === 'gpu' && !globalThis.navigator?.gpu) {
      throw new AgentError(
        'ModelLoadError',
        `${fileName} is set to run on the GPU, but this browser has no WebGPU. Set it to run on the CPU.`,
      );
    }
    // A file the user picked from disk (a blob: URL made by the page) is read as it is: caching
    // a copy of a local file would only double the disk it uses.
    const local = url.startsWith('blob:');
    let fromCache: boolean;
    try {
      fromCache = !local && (await this.#cachedModel(url)) !== null;
    } catch (error) {
      throw asCacheError(error, 'read');
    }

    let model: Pick<Model, 'size' | 'open' | 'remove'>;
    try {
      model = local
        ? await readLocalFile(url)
        : await this.#models.getModelOrDownload(
            { url },
            {
              progressCallback: ({ loaded, total }) => {
                const known = total > 0 ? total : null;
                onProgress({
                  phase: fromCache ? 'cache' : 'download',
                  fraction: known ? (DOWNLOAD_SHARE * Math.min(loaded, known)) / known : 0,
                  loadedBytes: loaded,
                  totalBytes: known,
                  text: fromCache
                    ? `Reading ${fileName} from the browser cache`
                    : `Downloading ${fileName}: ${formatBytes(loaded)}${known ? ` of ${formatBytes(known)}` : ''}`,
                });
              },
            },
          );
    } catch (error) {
      throw downloadError(error, url, fileName);
    }

    const threads = threadCount(this.#options.threads);
    this.#gpu = spec.device === 'gpu';
    onProgress({
      phase: 'init',
      fraction: DOWNLOAD_SHARE,
      loadedBytes: model.size,
      totalBytes: model.size,
      text: this.#gpu
        ? `Initialising ${fileName} (WebGPU)`
        : `Initialising ${fileName} (WebAssembly, ${threads} thread${threads > 1 ? 's' : ''})`,
    });

    const wllama = this.#createWllama();
    this.#forgetLoadLog();
    try {
      const blobs = await model.open();
      await assertGguf(blobs[0], fileName);
      await wllama.loadModel(blobs, wllamaLoadParams(spec, threads));
      // wllama resolves even when llama.cpp refused the file; an empty context tells.
      const info = wllama.getLoadedContextInfo();
      if (!(info.n_vocab > 0 && info.n_ctx > 0)) throw new Error('llama.cpp could not load it');
      this.#contextSize = info.n_ctx;
    } catch (error) {
      await wllama.exit().catch(() => {});
      // A broken file must not stay in the cache, or every retry would load it again.
      await model.remove().catch(() => {});
      throw this.#loadError(error, fileName);
    }
    // llama.cpp quietly keeps every layer on the CPU when WebGPU fails: a "GPU" load must not.
    const why = this.#gpuFailure
      ? `llama.cpp's WebGPU backend said "${this.#gpuFailure}"`
      : this.#offloaded?.layers === 0
        ? `llama.cpp put none of its ${this.#offloaded.of} layers on WebGPU`
        : null;
    if (this.#gpu && why) {
      // The file is fine (it loaded, on the CPU): it stays cached.
      await wllama.exit().catch(() => {});
      throw new AgentError(
        'ModelLoadError',
        `${fileName} could not run on the GPU: ${why}. Set it to run on the CPU.`,
      );
    }

    this.#wllama = wllama;
    this.#spec = spec;
    onProgress({
      phase: 'init',
      fraction: 1,
      loadedBytes: model.size,
      totalBytes: model.size,
      text:
        this.#gpu && this.#offloaded
          ? `${fileName} is ready (${this.#offloaded.layers} of ${this.#offloaded.of} layers on WebGPU)`
          : `${fileName} is ready`,
    });
    return { fromCache };
  }

  async chat(
    request: ChatRequest,
    onDelta: (delta: string) => void,
    signal: AbortSignal,
  ): Promise<EngineCompletion> {
    const wllama = this.#wllama;
    const spec = this.#spec;
    if (!wllama || !spec || !wllama.isModelLoaded()) {
      throw new AgentError('ModelNotLoadedError', 'No model is loaded in this agent.');
    }
    if (signal.aborted) throw abortError();

    let text = '';
    let finishReason: FinishReason = 'stop';
    let promptTokens: number | null = null;
    let completionTokens: number | null = null;
    let chunks = 0;

    const onData = (chunk: ChatCompletionChunk) => {
      const timings = chunk.timings;
      if (timings) {
        promptTokens = timings.prompt_n + timings.cache_n;
        completionTokens = timings.predicted_n;
      }
      if (chunk.prompt_progress) promptTokens = chunk.prompt_progress.total;
      if (chunk.usage) {
        promptTokens = chunk.usage.prompt_tokens;
        completionTokens = chunk.usage.completion_tokens;
      }
      const choice = chunk.choices[0];
      if (!choice) return;
      const delta = choice.delta.content ?? '';
      if (delta) {
        text += delta;
        chunks++;
        onDelta(delta);
      }
      if (choice.finish_reason === 'length') finishReason = 'length';
    };

    try {
      await wllama.createChatCompletion({
        ...wllamaChatParams(request, spec.modelId),
        stream: true,
        onData,
        abortSignal: signal,
        timings_per_token: true,
        return_progress: true,
      });
    } catch (error) {
      if (signal.aborted || isAbort(error)) finishReason = 'abort';
      else throw chatError(error, spec.modelId, this.#contextSize);
    }
    if (signal.aborted) finishReason = 'abort';
    return {
      text,
      finishReason,
      promptTokens: promptTokens ?? 0,
      completionTokens: completionTokens ?? chunks,
    };
  }

  async unload(): Promise<void> {
    const wllama = this.#wllama;
    this.#wllama = null;
    this.#spec = null;
    await wllama?.exit();
  }

  async isCached(spec: ModelSpec): Promise<boolean> {
    if (spec.modelUrl?.startsWith('blob:')) return false;
    try {
      return (await this.#cachedModel(modelUrl(spec))) !== null;
    } catch (error) {
      throw asCacheError(error, 'read');
    }
  }

  async deleteCached(spec: ModelSpec): Promise<void> {
    if (spec.modelUrl?.startsWith('blob:')) return;
    const url = modelUrl(spec);
    try {
      const model = await this.#cachedModel(url);
      if (model) await model.remove();
      // Also drops a partial file left by an interrupted download.
      await this.#models.cacheManager.delete(url);
    } catch (error) {
      throw asCacheError(error, 'change');
    }
  }

  /** The complete cached copy of `url`, or null. */
  async #cachedModel(url: string): Promise<Model | null> {
    const models = await this.#models.getModels();
    return models.find((m) => m.url === url) ?? null;
  }

  /** A new load starts with no log lines and no offload report. */
  #forgetLoadLog(): void {
    this.#log.length = 0;
    this.#offloaded = null;
    this.#gpuFailure = null;
  }

  #createWllama(): Wllama {
    const wllama = new Wllama(
      { default: wasmUrl },
      { logger: this.#logger, modelManager: this.#models },
    );
    wllama.setCompat(this.#options.compat ?? null);
    return wllama;
  }

  #loadError(error: unknown, fileName: string): AgentError {
    if (error instanceof AgentError) return error;
    // llama.cpp says why in its log, e.g. "llama_model_load: error loading model: tensor
    // 'blk.1.attn_output.weight' data is not within the file bounds, model is corrupted...".
    const native =
      this.#log.find((line) => /error loading model|gguf_init|corrupt/i.test(line)) ??
      this.#log.find((line) => /llama|gguf/i.test(line) && /error|fail|invalid/i.test(line));
    const detail = native
      ? native.replace(/^.*error loading model:\s*/i, '').replace(/^\w+:\s*/, '')
      : errorMessage(error);
    return new AgentError(
      'ModelLoadError',
      `Could not load ${fileName}: the file is not a usable GGUF model (${detail.trim().replace(/(?<!\.)\.$/, '')}).`,
      { cause: error },
    );
  }
}

/** More layers than any model has: llama.cpp then offloads all of them (wllama's own default). */
export const ALL_LAYERS = 99999;

/**
 * What wllama's `loadModel` gets for a spec. On the CPU, `n_gpu_layers: 0`, which also makes
 * wllama skip WebGPU entirely (no adapter is requested). On the GPU, every layer is offloaded.
 */
export function wllamaLoadParams(spec: ModelSpec, threads: number): LoadModelParams {
  return {
    n_ctx: spec.contextWindow,
    n_threads: threads,
    n_gpu_layers: spec.device === 'gpu' ? ALL_LAYERS : 0,
    // One request at a time per agent; the whole context belongs to it.
    n_parallel: 1,
  };
}

/** The absolute GGUF URL of a model; relative URLs resolve against the worker's location. */
function modelUrl(spec: ModelSpec): string {
  if (!spec.modelUrl) {
    throw new AgentError('InvalidRequestError', `Model ${spec.modelId} has no GGUF file URL.`);
  }
  let url: string;
  try {
    url = new URL(spec.modelUrl, globalThis.location?.href).href;
  } catch {
    throw new AgentError('InvalidRequestError', `"${spec.modelUrl}" is not a valid URL.`);
  }
  if (!url.startsWith('blob:') && !/\.gguf(\?.*)?$/i.test(url)) {
    throw new AgentError(
      'InvalidRequestError',
      `"${spec.modelUrl}" does not name a .gguf file; the WebAssembly engine loads GGUF models only.`,
    );
  }
  return url;
}

/** A local file the page handed over as a blob: URL, in the shape of a downloaded model. */
async function readLocalFile(url: string): Promise<Pick<Model, 'size' | 'open' | 'remove'>> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the local file could not be read (HTTP ${response.status})`);
  const blob = await response.blob();
  return { size: blob.size, open: async () => [blob], remove: async () => {} };
}

/** The file name at the end of a URL, for messages. */
function displayName(url: string): string {
  const path = new URL(url).pathname;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
}

/** Threads to run: 1 unless SharedArrayBuffer is available (cross-origin isolated page). */
function threadCount(requested?: number): number {
  if (!globalThis.crossOriginIsolated) return 1;
  return Math.max(1, Math.floor(requested ?? (navigator.hardwareConcurrency || 1) / 2));
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Fails early, with a plain message, when the file is not GGUF at all (e.g. an HTML page). */
async function assertGguf(blob: Blob | undefined, fileName: string): Promise<void> {
  const head = new Uint8Array(await (blob?.slice(0, 4).arrayBuffer() ?? new ArrayBuffer(0)));
  const magic = String.fromCharCode(...head);
  if (magic === 'GGUF') return;
  const hint = magic.trimStart().startsWith('<')
    ? ' (the server sent a web page: is the URL right?)'
    : '';
  throw new AgentError(
    'ModelLoadError',
    `Could not load ${fileName}: it is not a GGUF file${hint}.`,
  );
}

export function downloadError(error: unknown, url: string, fileName: string): AgentError {
  if (error instanceof AgentError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') {
    return new AgentError(
      'CacheError',
      `Could not store ${fileName}: the browser's storage is full. Free some space and retry.`,
      { cause: error },
    );
  }
  const message = errorMessage(error);
  // @wllama/wllama: "Failed to fetch <url>: HTTP 404".
  const status = /HTTP (\d{3})/.exec(message)?.[1];
  if (status && !url.startsWith('blob:')) {
    return new AgentError('ModelDownloadError', httpFailureMessage(Number(status), url), {
      cause: error,
    });
  }
  const why = status
    ? `the file could not be read (HTTP ${status})`
    : 'the network request failed (offline, or the host is unreachable)';
  return new AgentError(
    'ModelDownloadError',
    withDetail(`Could not download ${fileName} from ${url}`, why),
    {
      cause: error,
    },
  );
}

function asCacheError(error: unknown, verb: 'read' | 'change'): AgentError {
  if (error instanceof AgentError) return error;
  return new AgentError('CacheError', `Could not ${verb} the model cache: ${errorMessage(error)}`, {
    cause: error,
  });
}

function chatError(error: unknown, modelId: string, contextSize: number): AgentError {
  if (error instanceof AgentError) return error;
  const message = errorMessage(error);
  if (/exceed|context size|context length|kv.?cache/i.test(message)) {
    // llama-server: "request (1021 tokens) exceeds the available context size (256 tokens)".
    const [promptTokens, available] = [...message.matchAll(/\((\d+) tokens\)/g)].map((m) => m[1]);
    return new AgentError(
      'InvalidRequestError',
      `The conversation${promptTokens ? ` (${promptTokens} tokens)` : ''} is too long for ` +
        `${modelId}'s context window of ${available ?? contextSize} tokens. ` +
        'Shorten it or load the model with a larger context.',
      { cause: error },
    );
  }
  return new AgentError('GenerationError', `Generation failed: ${message}`, { cause: error });
}

/** OpenAI-style request for llama-server's chat endpoint; the GGUF's own template applies. */
/**
 * Qwen3's soft switch: a user message ending in `/no_think` gets an answer without thinking
 * (an empty think block), whatever the chat template does with its kwargs.
 */
export const NO_THINK = ' /no_think';

/**
 * The chat request llama.cpp gets. A thinking switch (only for models that take one) is sent two
 * ways: as `chat_template_kwargs.enable_thinking` (wllama 3.13 passes it on, but llama.cpp
 * applies template kwargs only to Jinja templates, which wllama turns on with `jinja: true` at
 * load; this engine loads without it), and, for 'off', as Qwen3's `/no_think` soft switch at the
 * end of the last user message, which is what takes effect on the built-in template path.
 * 'on' is Qwen3's default, so it needs no soft switch.
 */
export function wllamaChatParams(request: ChatRequest, modelId: string): ChatParams {
  const { temperature, top_p, max_tokens, seed, stop } = request.sampling;
  const thinking = thinkingFor(modelId, request.thinking);
  const messages = request.messages.map((m) => ({ role: m.role, content: m.content }));
  if (thinking === 'off') {
    const last = messages.findLastIndex((m) => m.role === 'user');
    const message = messages[last];
    if (message) messages[last] = { ...message, content: message.content + NO_THINK };
  }
  const params: ChatParams = { messages };
  if (thinking) params.chat_template_kwargs = { enable_thinking: thinking === 'on' };
  if (temperature !== undefined) params.temperature = temperature;
  if (top_p !== undefined) params.top_p = top_p;
  if (max_tokens !== undefined) params.max_tokens = max_tokens;
  if (seed !== undefined) params.seed = seed;
  if (stop?.length) params.stop = stop;
  if (request.grammar) params.grammar = request.grammar;
  else if (request.responseFormat) params.grammar = grammarFor(request.responseFormat);
  return params;
}

/**
 * JSON grammar (GBNF) for structured output. llama-server's `response_format` / `json_schema`
 * fail in this wasm build ("Failed to initialize samplers: std::exception") while plain GBNF
 * grammars work, so JSON mode is enforced with this grammar: the reply is always a JSON object,
 * but a schema, when given, is not enforced; callers validate it.
 */
export const JSON_GRAMMAR = String.raw`root ::= object
value ::= object | array | string | number | ("true" | "false" | "null") ws
object ::= "{" ws ( string ":" ws value ("," ws string ":" ws value)* )? "}" ws
array ::= "[" ws ( value ("," ws value)* )? "]" ws
string ::= "\"" ( [^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{4}) )* "\"" ws
number ::= "-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]+)? ([eE] [-+]? [0-9]{1,3})? ws
ws ::= | " " | "\n" [ \t]{0,20}`;

function grammarFor(format: ResponseFormat): string {
  if (format.schema !== undefined) {
    try {
      JSON.parse(format.schema);
    } catch {
      throw new AgentError('InvalidRequestError', 'The response JSON schema is not valid JSON.');
    }
  }
  return JSON_GRAMMAR;
}
