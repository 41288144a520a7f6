/**
 * Types shared by the page and the agent workers. Everything here crosses the
 * comlink boundary, so it must stay structured-clone friendly (no classes, no functions).
 */

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** OpenAI-style sampling settings. Unset fields use the engine's defaults. */
export interface SamplingParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  stop?: string[];
}

/** Structured output request (WebLLM supports `json_object` with a JSON schema string). */
export interface ResponseFormat {
  type: 'json_object';
  /** JSON schema, serialised as a string (WebLLM's form). */
  schema?: string;
}

/**
 * A reasoning model's thinking switch: 'on' lets it think before answering, 'off' asks it to
 * answer at once. Absent: the model's default (Qwen3 thinks).
 */
export type ThinkingSwitch = 'on' | 'off';

export const THINKING_SWITCHES: readonly ThinkingSwitch[] = ['on', 'off'];

export interface ChatRequest {
  messages: ChatMessage[];
  sampling: SamplingParams;
  responseFormat?: ResponseFormat;
  /**
   * A GBNF grammar the reply must follow (in-tab engines: wllama's `grammar`, WebLLM's grammar
   * response format); it takes the place of `responseFormat`. Tool calls use it
   * (src/lib/tools/tool-grammar.ts); servers get OpenAI `tools` instead.
   */
  grammar?: string;
  /**
   * Tools the model may call, for servers that take OpenAI `tools` (remote engines): their calls
   * come back as `tool_calls` and reach the page as `<tool_call>` blocks in the reply, the form
   * in-tab models write (src/lib/tools). In-tab engines ignore it (their prompt declares tools).
   */
  tools?: ToolDeclaration[];
  /**
   * Thinking on or off for a model that can switch (src/lib/catalog/reasoning.ts); engines
   * ignore it for other models. Absent: the model's default.
   */
  thinking?: ThinkingSwitch;
}

/** A tool as a server is told of it (OpenAI's function tool, without its `type`). */
export interface ToolDeclaration {
  name: string;
  description: string;
  /** A JSON schema of type "object". */
  parameters: object;
}

export type FinishReason = 'stop' | 'length' | 'abort';

/** Figures for one model call, measured in the worker around the engine. */
export interface CallUsage {
  promptTokens: number;
  completionTokens: number;
  /** Milliseconds from the call's start to its first streamed token; null when nothing streamed. */
  ttftMs: number | null;
  /** Completion tokens after the first, per second of decoding; null below two tokens. */
  decodeTokensPerSec: number | null;
  /** Milliseconds from the call's start to its end. */
  wallMs: number;
  /**
   * The engine gave no usage (a remote server without `include_usage`): the completion tokens
   * were counted from the stream and the prompt's are unknown (0 here, never shown as a count).
   */
  counted?: true;
}

export interface ChatResult {
  text: string;
  finishReason: FinishReason;
  usage: CallUsage;
}

/** One streamed piece of a completion, as it reaches the page. */
export interface TokenEvent {
  /** Text added by this token (may be empty for special tokens). */
  delta: string;
  /** 0-based position of this token in the completion. */
  index: number;
  /** Milliseconds since the call started, taken in the worker. */
  atMs: number;
}

/** 'remote': a model served by an OpenAI-compatible server (Ollama, vLLM, llama.cpp, …). */
export type EngineKind = 'webllm' | 'scripted' | 'wllama' | 'remote';

/**
 * Where a GGUF model (wllama) runs: 'gpu' offloads every layer to WebGPU through llama.cpp's
 * WebGPU backend; absent, the CPU (WebAssembly). WebLLM models always run on WebGPU.
 */
export type ModelDevice = 'gpu';

/** What a worker needs to load one model. */
export interface ModelSpec {
  engine: EngineKind;
  /** Catalog id (WebLLM `model_id`, a scripted model's id, or a GGUF catalog id). */
  modelId: string;
  /** Context window in tokens that the model is loaded with. */
  contextWindow: number;
  /**
   * Custom MLC weights URL (WebLLM), GGUF file URL (wllama), or a remote server's base URL
   * (remote, ending in /v1); absent for catalog models.
   */
  modelUrl?: string;
  /** Remote models: the model's name on its server (what `/v1/models` lists). */
  serverModel?: string;
  /**
   * API key of a remote OpenAI-compatible server. Held in memory only: never part of a share
   * link, an export, a trace or a stored record.
   */
  apiKey?: string;
  /** Custom MLC model library (.wasm) URL; absent for catalog models. */
  modelLibUrl?: string;
  /** Only for the scripted test engine: what it replies and how it misbehaves. */
  script?: ScriptedScript;
  /**
   * Which loaded copy of the model (1 when absent). A second copy is a second worker with its
   * own weights, so two sides on one model run at once instead of taking turns.
   */
  copy?: number;
  /** GGUF models only: 'gpu' runs it on WebGPU; absent, on the CPU. A separate load from the CPU one. */
  device?: ModelDevice;
}

/** One rule of the scripted test engine: the first rule whose pattern matches wins. */
export interface ScriptRule {
  /**
   * Regular expression source (case-insensitive), tested against the system prompt and the
   * last user message joined by a newline. Absent: matches everything.
   */
  match?: string;
  /** Only for requests with one of these seeds (sampling.seed). Absent: any seed. */
  seeds?: number[];
  /** The reply, streamed token by token (a token is a word with its leading white space). */
  reply: string;
}

/** Behaviour of a scripted test model. Deterministic: same request, same reply. */
export interface ScriptedScript {
  rules: ScriptRule[];
  /** Tokens per second while streaming; 0 streams as fast as possible. */
  tokensPerSecond: number;
  /** Simulated load time in milliseconds, reported through progress events. */
  loadMs: number;
  /** Fail the load with this error name (e.g. 'ModelDownloadError'). */
  failLoadWith?: 'ModelDownloadError' | 'ModelLoadError' | 'DeviceLostError';
  /** Fail generation after this many tokens have streamed. */
  failAfterTokens?: number;
  /** Error name for failAfterTokens (default GenerationError). */
  failWith?: 'GenerationError' | 'DeviceLostError';
  /** Crash the whole worker (uncaught error) after this many tokens. */
  crashAfterTokens?: number;
  /** End the worker without any error event (as the browser does to free memory) after this many tokens. */
  vanishAfterTokens?: number;
  /** Milliseconds the engine takes to stop after an interrupt (a slow device finishing its step). */
  stopDelayMs?: number;
  /** Send one more progress message this many milliseconds after the load has finished. */
  lateProgressMs?: number;
  /** Stop streaming after this many tokens and wait, mid-turn, until the call is aborted. */
  pauseAfterTokens?: number;
  /** Take several calls at once, as a model on a server does (tests of concurrent calls). */
  parallelCalls?: boolean;
}

export type LoadPhase = 'download' | 'cache' | 'compile' | 'init';

export interface LoadProgress {
  phase: LoadPhase;
  /** 0..1 over the whole load. */
  fraction: number;
  /** Bytes fetched so far, when the engine reports them. */
  loadedBytes: number | null;
  /** Total bytes to fetch, when known. */
  totalBytes: number | null;
  /** The engine's own words about the step, for the curious. */
  text: string;
}

export interface LoadResult {
  modelId: string;
  loadMs: number;
  /** True when every file came from the browser cache rather than the network. */
  fromCache: boolean;
  contextWindow: number;
  /**
   * The model takes several calls at once (a model on a server, which queues and batches them
   * itself); absent: one generation at a time (in-tab engines).
   */
  parallelCalls?: true;
}

/**
 * How page-side code (the single-agent view, the team protocols) asks one agent for a completion.
 * Engine-agnostic: implemented over a worker bridge in the product and over a scripted engine in tests.
 */
export interface ChatHooks {
  signal?: AbortSignal;
  onToken?: (event: TokenEvent) => void;
  /** The call reached the model (after any wait for a busy model); not called if it never did. */
  onStart?: () => void;
}
export type ChatFn = (request: ChatRequest, hooks?: ChatHooks) => Promise<ChatResult>;
