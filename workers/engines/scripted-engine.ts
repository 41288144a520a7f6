/**
 * A deterministic engine for tests: replies come from a script (ModelSpec.script), stream at a
 * configurable rate and can fail on purpose. Reachable only from tests and the test build;
 * its models carry `scripted-` ids, never a real model's name.
 */
import { SCRIPTED_MODEL_CACHE, scriptedCacheKey } from '../../src/lib/catalog/scripted-cache';
import { AgentError, abortError } from '../../src/lib/engine/errors';
import { answerPart } from '../../src/lib/team/thinking';
import type {
  ChatRequest,
  LoadProgress,
  ModelSpec,
  ScriptedScript,
} from '../../src/lib/engine/types';
import type { Engine, EngineCompletion } from './engine';

/** Splits text into scripted "tokens": runs of white space followed by non-space. */
export function scriptedTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Prompt size as the scripted engine counts it: its tokens plus 4 per message. */
export function scriptedPromptTokens(request: ChatRequest): number {
  return request.messages.reduce((n, m) => n + scriptedTokens(m.content).length + 4, 0);
}

/** The reply a script gives to a request (first matching rule; none matching gives an echo). */
export function scriptedReply(script: ScriptedScript, request: ChatRequest): string {
  const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
  const lastUser = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const subject = `${system}\n${lastUser}`;
  const seed = request.sampling.seed;
  for (const rule of script.rules) {
    if (rule.seeds && (seed === undefined || !rule.seeds.includes(seed))) continue;
    if (rule.match === undefined || new RegExp(rule.match, 'i').test(subject)) return rule.reply;
  }
  return `You asked: ${lastUser}`;
}

/**
 * The reply as a reasoning model would give it: with thinking switched off, its think blocks are
 * left out (as Qwen3 answers at once), so a test can see the switch reach the engine.
 */
export function scriptedReplyFor(script: ScriptedScript, request: ChatRequest): string {
  const reply = scriptedReply(script, request);
  return request.thinking === 'off' ? answerPart(reply) : reply;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const onAbort = () => (clearTimeout(timer), resolve());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Stand-in for `setTimeout(..., 0)` that yields to the event loop without clamping to 4 ms. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Where the scripted engine records which models are "downloaded". */
export interface ScriptedCache {
  has(id: string): Promise<boolean>;
  add(id: string): Promise<void>;
  delete(id: string): Promise<void>;
}

/** In-memory cache, for unit tests. */
export function memoryCache(): ScriptedCache {
  const ids = new Set<string>();
  return {
    has: async (id) => ids.has(id),
    add: async (id) => void ids.add(id),
    delete: async (id) => void ids.delete(id),
  };
}

/**
 * The browser's CacheStorage, as the real engines use it: shared by every worker of the page
 * and kept across reloads, so "in cache" and "delete from cache" behave as they would for real.
 */
export function browserCache(name = SCRIPTED_MODEL_CACHE): ScriptedCache {
  // The page reads the same entries (src/lib/catalog/scripted-cache.ts) without a worker.
  const key = (id: string) => scriptedCacheKey(id, location.origin);
  return {
    has: async (id) => (await (await caches.open(name)).match(key(id))) !== undefined,
    add: async (id) => (await caches.open(name)).put(key(id), new Response(id)),
    delete: async (id) => void (await (await caches.open(name)).delete(key(id))),
  };
}

export interface ScriptedEngineOptions {
  /** Called when the script asks for a worker crash; the worker wires it to an uncaught error. */
  crash?: (message: string) => void;
  /** Called when the script asks the worker to vanish; the worker wires it to `close()`. */
  vanish?: () => void;
  /** Where "downloaded" models are recorded (default: in memory). */
  cache?: ScriptedCache;
}

export class ScriptedEngine implements Engine {
  #script: ScriptedScript | null = null;
  #spec: Pick<ModelSpec, 'modelId' | 'contextWindow'> | null = null;
  readonly #cache: ScriptedCache;
  readonly #crash: (message: string) => void;
  readonly #vanish: () => void;

  constructor(options: ScriptedEngineOptions = {}) {
    this.#vanish = options.vanish ?? (() => {});
    this.#cache = options.cache ?? memoryCache();
    this.#crash =
      options.crash ??
      ((message) => {
        throw new Error(message);
      });
  }

  /** As the script says: a scripted model can stand in for one on a server. */
  get parallelCalls(): boolean {
    return this.#script?.parallelCalls === true;
  }

  async load(
    spec: ModelSpec,
    onProgress: (p: LoadProgress) => void,
  ): Promise<{ fromCache: boolean }> {
    const script = spec.script;
    if (!script)
      throw new AgentError('ModelLoadError', `Scripted model ${spec.modelId} has no script.`);
    const fromCache = await this.#cache.has(spec.modelId);
    const steps = 10;
    const totalBytes = 1_000_000;
    for (let i = 1; i <= steps; i++) {
      await sleep(script.loadMs / steps);
      if (script.failLoadWith && i === steps / 2) {
        const message =
          script.failLoadWith === 'ModelDownloadError'
            ? `Could not download ${spec.modelId}: the network request failed (scripted failure).`
            : `Could not load ${spec.modelId} (scripted failure).`;
        throw new AgentError(script.failLoadWith, message);
      }
      onProgress({
        phase: fromCache ? 'cache' : 'download',
        fraction: i / steps,
        loadedBytes: (totalBytes * i) / steps,
        totalBytes,
        text: `${fromCache ? 'Reading' : 'Fetching'} scripted model ${i}/${steps}`,
      });
    }
    await this.#cache.add(spec.modelId);
    this.#script = script;
    this.#spec = { modelId: spec.modelId, contextWindow: spec.contextWindow };
    if (script.lateProgressMs !== undefined)
      setTimeout(
        () =>
          onProgress({
            phase: 'init',
            fraction: 1,
            loadedBytes: null,
            totalBytes: null,
            text: 'Initialising (late message)',
          }),
        script.lateProgressMs,
      );
    return { fromCache };
  }

  async chat(
    request: ChatRequest,
    onDelta: (delta: string) => void,
    signal: AbortSignal,
  ): Promise<EngineCompletion> {
    const script = this.#script;
    if (!script) throw new AgentError('ModelNotLoadedError', 'No model is loaded in this agent.');
    if (signal.aborted) throw abortError();
    const promptTokens = scriptedPromptTokens(request);
    if (this.#spec && promptTokens > this.#spec.contextWindow)
      // As a real engine refuses a prompt longer than its context (see wllama-engine.ts).
      throw new AgentError(
        'InvalidRequestError',
        `The conversation (${promptTokens} tokens) is too long for ${this.#spec.modelId}'s ` +
          `context window of ${this.#spec.contextWindow} tokens.`,
      );
    const tokens = scriptedTokens(scriptedReplyFor(script, request));
    const limit = request.sampling.max_tokens ?? Infinity;
    const interval = script.tokensPerSecond > 0 ? 1000 / script.tokensPerSecond : 0;
    const started = performance.now();
    let text = '';
    let count = 0;
    for (const token of tokens) {
      if (count >= limit) return this.#done(request, text, count, 'length');
      // Pace against the start time so timer jitter does not accumulate.
      const due = started + count * interval;
      if (interval > 0) await sleep(due - performance.now(), signal);
      else if (count % 64 === 0) await yieldToEventLoop();
      if (signal.aborted) {
        // A slow device finishes its step before it notices the stop.
        if (script.stopDelayMs) await sleep(script.stopDelayMs);
        return this.#done(request, text, count, 'abort');
      }
      if (script.vanishAfterTokens !== undefined && count >= script.vanishAfterTokens) {
        this.#vanish();
        await new Promise<never>(() => {});
      }
      if (script.crashAfterTokens !== undefined && count >= script.crashAfterTokens) {
        this.#crash(`Scripted worker crash after ${count} tokens.`);
        // A crashed worker answers nothing more: hang like one would.
        await new Promise<never>(() => {});
      }
      if (script.pauseAfterTokens !== undefined && count >= script.pauseAfterTokens) {
        // Paused mid-turn (tests that need a stable screen while a turn streams).
        await new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          else signal.addEventListener('abort', () => resolve(), { once: true });
        });
        return this.#done(request, text, count, 'abort');
      }
      if (script.failAfterTokens !== undefined && count >= script.failAfterTokens) {
        const name = script.failWith ?? 'GenerationError';
        throw new AgentError(name, `Scripted ${name} after ${count} tokens.`);
      }
      text += token;
      count++;
      onDelta(token);
    }
    return this.#done(request, text, count, 'stop');
  }

  #done(
    request: ChatRequest,
    text: string,
    completionTokens: number,
    finishReason: EngineCompletion['finishReason'],
  ) {
    return { text, finishReason, promptTokens: scriptedPromptTokens(request), completionTokens };
  }

  async unload(): Promise<void> {
    this.#script = null;
    this.#spec = null;
  }

  async isCached(spec: ModelSpec): Promise<boolean> {
    return this.#cache.has(spec.modelId);
  }

  async deleteCached(spec: ModelSpec): Promise<void> {
    await this.#cache.delete(spec.modelId);
  }
}
