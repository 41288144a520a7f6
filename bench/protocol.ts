/**
 * Messages and results shared by the bench page (bench/page.ts), the bench workers and
 * scripts/bench.mjs (which reads the results as plain JSON). Everything here is structured-clone
 * friendly. Times called `…Abs` are on the shared clock `performance.timeOrigin +
 * performance.now()`, comparable between the page and its workers (same renderer process).
 */
import type { ChatRequest, ChatResult, ModelSpec } from '../src/lib/engine/types';

/** The shared clock (ms since the Unix epoch, sub-millisecond resolution). */
export const sharedNow = (): number => performance.timeOrigin + performance.now();

/** What bench/clock.worker.ts adds to a ChatResult: when the worker started the call. */
export interface ClockedChatResult extends ChatResult {
  /** `measureCall`'s start on the shared clock: TokenEvent.atMs counts from here. */
  workerStartAbs: number;
}

/** A request to bench/bare.worker.ts: one engine call, no comlink, no page. */
export type BareMessage =
  { kind: 'load'; spec: ModelSpec } | { kind: 'chat'; request: ChatRequest } | { kind: 'unload' };
export type BareRequest = BareMessage & { id: number };

/** One engine call measured inside a worker. */
export interface BareCall {
  tokens: number;
  text: string;
  /** Shared clock: when `engine.chat` was called, its first and last token, and its return. */
  startAbs: number;
  firstAbs: number;
  lastAbs: number;
  endAbs: number;
}

export type BareResponse =
  | { id: number; ok: true; call: BareCall | null; loadMs: number }
  | { id: number; ok: false; error: string };

/** Percentiles of a list of milliseconds, as the page returns them. */
export interface Spread {
  n: number;
  median: number;
  p95: number;
  max: number;
}

/** One streaming run of one or more agents through the app's path. */
export interface StreamRun {
  agents: number;
  tokensPerAgent: number;
  /** Shared clock: when the page asked, and the last token's arrival and appearance in the DOM. */
  startAbs: number;
  /** The latest of the workers' call starts, and the last token's emit time in a worker. */
  workerStartAbs: number;
  lastEmitAbs: number;
  lastArrivalAbs: number;
  lastRenderAbs: number;
  /** Tokens that reached the page, over all agents. */
  received: number;
  /** Expected tokens that never arrived (waiting up to 3 s after the result), over all agents. */
  lost: number;
  /** Tokens whose index was not the next expected one. */
  outOfOrder: number;
  /** Tokens that reached the page after their call's result did. */
  late: number;
  /** Agents whose streamed text, rendered text or result text differs from the script. */
  textMismatches: number;
  /** Worker emit → page callback, per token (ms). */
  latency: Spread;
  /** Worker emit → the frame that put the token in the DOM (ms). */
  renderLatency: Spread;
  /** Main-thread long tasks (> 50 ms) seen while streaming. */
  longTasks: { count: number; maxMs: number; totalMs: number };
  /** Frames painted while streaming, and the longest gap between two (ms). */
  frames: number;
  maxFrameGapMs: number;
  /** Main-thread time of each frame's flush: batcher → state → Svelte → markdown → DOM (ms). */
  flush: Spread;
  flushTotalMs: number;
}

/** One wllama comparison: app path vs the bare engine, same request. */
export interface WllamaRun {
  app: { tokens: number; firstAbs: number; lastAbs: number; text: string; workerDecode: number };
  bare: BareCall;
}

/** What the page exposes to the bench script as `window.bench`. */
export interface BenchApi {
  /** Streams `tokens` scripted tokens from each of `agents` workers at `rate` tokens/s. */
  stream(options: {
    agents: number;
    rate: number;
    tokens: number;
    /** false: tokens go through the batcher and state, but no panel is mounted (no DOM). */
    render?: boolean;
  }): Promise<StreamRun>;
  /** The same scripted engine and reply inside a worker alone (no comlink, no page). */
  bareScripted(options: { rate: number; tokens: number }): Promise<BareCall>;
  /** Milliseconds one renderMarkdown call takes on a reply of each token count. */
  markdownCost(options: { tokens: number[]; repeat: number }): number[];
  /** Markdown work for one streaming turn: whole text per frame vs the incremental sketch. */
  markdownStream(options: { tokens: number; perFrame: number }): {
    frames: number;
    fullMs: number;
    incrementalMs: number;
    fullMaxFrameMs: number;
    incrementalMaxFrameMs: number;
    sameHtml: boolean;
  };
  /** Loads the tiny GGUF model in both paths (kept loaded between calls). */
  wllamaLoad(): Promise<{ appLoadMs: number; bareLoadMs: number }>;
  /** One call through each path, app first then bare, with the same request. */
  wllamaRun(options: { maxTokens: number; seed: number; bareFirst: boolean }): Promise<WllamaRun>;
  /**
   * One call on the tiny GGUF model through the app's path only (loading it there first if
   * needed): tests of what the real engine writes (grammar-constrained tool calls).
   */
  wllamaChat(
    request: ChatRequest,
  ): Promise<{ text: string; finishReason: string; completionTokens: number }>;
  /**
   * Loads the tiny embedding model (tiny-embed.gguf) in task discovery's embedding worker; the
   * first load downloads it, `reload` ends the worker first and loads it again (from the cache).
   */
  embedLoad(options: { reload: boolean }): Promise<{ loadMs: number; dimensions: number }>;
  /** Embeds `calls` prompts of about `chars` characters, `batch` per llama.cpp call. */
  embedRun(options: { calls: number; chars: number; batch: number }): Promise<{ ms: number }>;
  /** Ends every worker the page started. */
  dispose(): void;
}
