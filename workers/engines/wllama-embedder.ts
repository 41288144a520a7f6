/**
 * Sentence embeddings on the CPU: a GGUF embedding model (bge-small, or any GGUF a user gives)
 * loaded by wllama (llama.cpp in WebAssembly) with `embeddings: true`. The pooling is the
 * model's own (`<arch>.pooling_type` in its header; bge names CLS); a model that names none is
 * loaded again with mean pooling, since llama.cpp would otherwise give one vector per token.
 * Texts go in batches, with progress after each and a stop checked between them; every vector
 * comes back L2-normalised. The file is downloaded once and kept by wllama's cache, as the chat
 * engine's are.
 */
import {
  ModelManager,
  Wllama,
  type LoadModelParams,
  type Model,
} from '@wllama/wllama/esm/index.js';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { AgentError, abortError } from '../../src/lib/engine/errors';
import type { LoadProgress } from '../../src/lib/engine/types';
import { downloadError } from './wllama-engine';
import { GGUF_HEADER_BYTES, readGgufContextLength } from '../../src/lib/catalog/custom-model-info';

/** The context an embedding model gets at most (its trained one if less; longer texts are cut). */
export const MAX_EMBED_CONTEXT = 2048;
/** The context of the first load when the header does not say (bge's, all-MiniLM's). */
const FIRST_CONTEXT = 512;
/** Characters of a text embedded at first, per token of context (a text too long is halved). */
const CHARS_PER_TOKEN = 3;
const DOWNLOAD_SHARE = 0.9;

export interface EmbedderInfo {
  /** The vectors' length. */
  dimensions: number;
  /** 'mean', 'cls', 'last': the pooling the vectors come from. */
  pooling: string;
  /** Whether the pooling is the model's own (false: mean, because it named none). */
  poolingFromModel: boolean;
  contextSize: number;
  fromCache: boolean;
  loadMs: number;
}

export interface EmbedProgress {
  done: number;
  total: number;
}

const POOLING_NAMES: Record<number, string> = { 0: 'none', 1: 'mean', 2: 'cls', 3: 'last' };

/** The pooling a model's header names, or null (absent, unknown, or 'none'). */
export function poolingOf(metadata: Record<string, string>): string | null {
  const arch = metadata['general.architecture'];
  const value = arch ? metadata[`${arch}.pooling_type`] : undefined;
  const name = value === undefined ? undefined : POOLING_NAMES[Number(value)];
  return name && name !== 'none' ? name : null;
}

/** The context an embedding model is loaded with: its trained one, within 64..MAX_EMBED_CONTEXT. */
const contextFor = (trained: number) => Math.max(64, Math.min(trained, MAX_EMBED_CONTEXT));

/** Scales a vector to length 1 (a zero vector stays zero). */
export function l2Normalise(values: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(values);
  let sum = 0;
  for (const x of out) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / norm;
  return out;
}

function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    return url;
  }
}

export class WllamaEmbedder {
  readonly #models = new ModelManager();
  #wllama: Wllama | null = null;
  #info: EmbedderInfo | null = null;
  #url: string | null = null;
  #stopped = false;

  get info(): EmbedderInfo | null {
    return this.#info;
  }

  /** Whether the GGUF at `url` (absolute) is in wllama's cache, so a load needs no download. */
  async isCached(url: string): Promise<boolean> {
    return (await this.#models.getModels().catch(() => [])).some((m) => m.url === url);
  }

  /** Loads the GGUF at `url` (absolute) for embeddings; a second load of the same URL is free. */
  async load(url: string, onProgress: (p: LoadProgress) => void): Promise<EmbedderInfo> {
    if (this.#wllama && this.#url === url && this.#info) return this.#info;
    await this.unload();
    const started = performance.now();
    const fileName = fileNameOf(url);
    const fromCache = await this.isCached(url);
    let model: Model;
    try {
      model = await this.#models.getModelOrDownload(
        { url },
        {
          progressCallback: ({ loaded, total }) =>
            onProgress({
              phase: fromCache ? 'cache' : 'download',
              fraction: total > 0 ? (DOWNLOAD_SHARE * Math.min(loaded, total)) / total : 0,
              loadedBytes: loaded,
              totalBytes: total > 0 ? total : null,
              text: fromCache
                ? `Reading ${fileName} from the browser cache`
                : `Downloading ${fileName}`,
            }),
        },
      );
    } catch (error) {
      throw downloadError(error, url, fileName);
    }
    onProgress({
      phase: 'init',
      fraction: DOWNLOAD_SHARE,
      loadedBytes: model.size,
      totalBytes: model.size,
      text: `Initialising ${fileName} for embeddings`,
    });
    const blobs = await model.open();
    // The trained context comes from the file's header, read here (no download); a model that
    // names no pooling (llama.cpp would pool nothing) is loaded again with mean pooling, and one
    // whose header could not tell its context, again with the context llama.cpp reports.
    const header = blobs[0]
      ? new Uint8Array(await blobs[0].slice(0, GGUF_HEADER_BYTES).arrayBuffer())
      : new Uint8Array();
    const trained = readGgufContextLength(header);
    const first = contextFor(trained ?? FIRST_CONTEXT);
    let wllama = await this.#start(blobs, fileName, first, {});
    let context = wllama.getLoadedContextInfo();
    const own = poolingOf(context.metadata);
    const wanted = contextFor(context.n_ctx_train > 0 ? context.n_ctx_train : first);
    if (!own || wanted !== first) {
      await wllama.exit().catch(() => {});
      wllama = await this.#start(blobs, fileName, wanted, own ? {} : { pooling_type: 'mean' });
      context = wllama.getLoadedContextInfo();
    }
    this.#wllama = wllama;
    this.#url = url;
    this.#info = {
      dimensions: context.n_embd,
      pooling: own ?? 'mean',
      poolingFromModel: own !== null,
      contextSize: context.n_ctx,
      fromCache,
      loadMs: Math.round(performance.now() - started),
    };
    onProgress({
      phase: 'init',
      fraction: 1,
      loadedBytes: model.size,
      totalBytes: model.size,
      text: `${fileName} is ready`,
    });
    return this.#info;
  }

  async #start(
    blobs: Blob[],
    fileName: string,
    contextSize: number,
    extra: Partial<LoadModelParams>,
  ): Promise<Wllama> {
    const wllama = new Wllama({ default: wasmUrl }, { modelManager: this.#models });
    wllama.setCompat(null);
    try {
      // A text is embedded in one batch: batch and micro-batch are the whole context.
      await wllama.loadModel(blobs, {
        embeddings: true,
        n_ctx: contextSize,
        n_batch: contextSize,
        n_ubatch: contextSize,
        n_gpu_layers: 0,
        n_threads: 1,
        n_parallel: 1,
        ...extra,
      });
      const info = wllama.getLoadedContextInfo();
      if (!(info.n_embd > 0 && info.n_ctx > 0)) throw new Error('llama.cpp could not load it');
      return wllama;
    } catch (error) {
      await wllama.exit().catch(() => {});
      throw new AgentError(
        'ModelLoadError',
        `Could not load ${fileName} as an embedding model (${error instanceof Error ? error.message : String(error)}).`,
        { cause: error },
      );
    }
  }

  /** Asks a running `embed` to stop before its next batch (it then rejects with AbortError). */
  stop(): void {
    this.#stopped = true;
  }

  /** One L2-normalised vector per text, `batchSize` texts per llama.cpp call. */
  async embed(
    texts: readonly string[],
    batchSize: number,
    onProgress: (p: EmbedProgress) => void,
  ): Promise<Float32Array[]> {
    const wllama = this.#wllama;
    const info = this.#info;
    if (!wllama || !info)
      throw new AgentError('ModelNotLoadedError', 'No embedding model is loaded.');
    this.#stopped = false;
    const maxChars = info.contextSize * CHARS_PER_TOKEN;
    const vectors: Float32Array[] = [];
    const size = Math.max(1, Math.floor(batchSize));
    for (let start = 0; start < texts.length; start += size) {
      if (this.#stopped) throw abortError('Embedding stopped.');
      const batch = texts.slice(start, start + size).map((t) => t.slice(0, maxChars) || ' ');
      vectors.push(...(await this.#embedBatch(wllama, batch)));
      onProgress({ done: vectors.length, total: texts.length });
    }
    return vectors;
  }

  /** A batch at once; when llama.cpp finds one too long, each text alone, halved until it fits. */
  async #embedBatch(wllama: Wllama, batch: string[]): Promise<Float32Array[]> {
    try {
      return await this.#call(wllama, batch);
    } catch (error) {
      if (!tooLong(error)) throw embedError(error);
    }
    const out: Float32Array[] = [];
    for (let text of batch) {
      for (;;) {
        try {
          out.push(...(await this.#call(wllama, [text])));
          break;
        } catch (error) {
          if (!tooLong(error) || text.length < 2) throw embedError(error);
          text = text.slice(0, Math.floor(text.length / 2));
        }
      }
    }
    return out;
  }

  async #call(wllama: Wllama, input: string[]): Promise<Float32Array[]> {
    const response = await wllama.createEmbedding({ input, encoding_format: 'float' });
    const data = [...response.data].sort((a, b) => a.index - b.index);
    if (data.length !== input.length)
      throw new Error(`llama.cpp returned ${data.length} vectors for ${input.length} texts`);
    return data.map((d) => {
      if (typeof d.embedding === 'string') throw new Error('llama.cpp returned base64, not floats');
      return l2Normalise(d.embedding);
    });
  }

  async unload(): Promise<void> {
    const wllama = this.#wllama;
    this.#wllama = null;
    this.#info = null;
    this.#url = null;
    await wllama?.exit().catch(() => {});
  }
}

function tooLong(error: unknown): boolean {
  return /too large|too long|exceed|context size|batch size/i.test(
    error instanceof Error ? error.message : String(error),
  );
}

function embedError(error: unknown): AgentError {
  if (error instanceof AgentError) return error;
  return new AgentError(
    'GenerationError',
    `The embedding model failed on a text (${error instanceof Error ? error.message : String(error)}).`,
    { cause: error },
  );
}
