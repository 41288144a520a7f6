import type {
  ChatRequest,
  FinishReason,
  LoadProgress,
  ModelSpec,
} from '../../src/lib/engine/types';

/** What an engine reports for one completion; the worker adds the timings. */
export interface EngineCompletion {
  text: string;
  finishReason: FinishReason;
  promptTokens: number;
  completionTokens: number;
  /** The server gave no usage: the token count is the streamed deltas, the prompt's is unknown (0). */
  usageCounted?: boolean;
}

/**
 * One inference engine inside an agent worker. Implementations: WebLLM (WebGPU), the
 * scripted test engine, and (later) wllama (WebAssembly). Errors thrown are AgentErrors
 * with a distinct name (see src/lib/engine/errors.ts).
 */
export interface Engine {
  /**
   * Whether the loaded model takes several `chat` calls at once (a server, which queues and
   * batches them itself). Absent or false: one generation at a time.
   */
  readonly parallelCalls?: boolean;
  /** Downloads (or reads from cache) and initialises a model, reporting progress. */
  load(
    spec: ModelSpec,
    onProgress: (progress: LoadProgress) => void,
  ): Promise<{ fromCache: boolean }>;
  /**
   * Streams one completion. `onDelta` receives each token's text as soon as it exists.
   * Aborting `signal` ends generation early with finishReason 'abort' (not an error).
   */
  chat(
    request: ChatRequest,
    onDelta: (delta: string) => void,
    signal: AbortSignal,
  ): Promise<EngineCompletion>;
  /** Frees the model; the engine can load another afterwards. */
  unload(): Promise<void>;
  /** Whether the model's files are already in the browser's cache. */
  isCached(spec: ModelSpec): Promise<boolean>;
  /** Removes the model's files from the browser's cache. */
  deleteCached(spec: ModelSpec): Promise<void>;
}
