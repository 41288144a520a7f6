/**
 * The API one agent worker offers the page over comlink. One worker holds at most one loaded
 * model; agents that share a model share its worker. An in-tab engine generates one reply at a
 * time; a model on a server (`Engine.parallelCalls`) takes several calls at once, each with its
 * own id, its own figures, its own tokens and its own interrupt.
 */
import { AgentError, abortError, toAgentError } from '../src/lib/engine/errors';
import type {
  ChatRequest,
  ChatResult,
  LoadProgress,
  LoadResult,
  ModelSpec,
  TokenEvent,
} from '../src/lib/engine/types';
import type { Engine } from './engines/engine';
import { measureCall } from './measure-call';
import { TokenBatcher } from './token-batcher';

export interface AgentWorkerDeps {
  createEngine: (kind: ModelSpec['engine']) => Promise<Engine>;
  now?: () => number;
  /** Milliseconds between token batches sent to the page (the first token goes at once). */
  tokenIntervalMs?: number;
  /** The Web Locks API of the worker (absent where the browser has none). */
  locks?: Pick<LockManager, 'request'>;
}

/** Builds the worker API over an engine factory (tests pass their own). */
export function createAgentWorkerApi({
  createEngine,
  now = () => performance.now(),
  tokenIntervalMs = 4,
  locks = globalThis.navigator?.locks,
}: AgentWorkerDeps) {
  let engine: Engine | null = null;
  let engineKind: ModelSpec['engine'] | null = null;
  let loaded: ModelSpec | null = null;
  /** The calls generating now, by the id the page gave each. */
  const calls = new Map<number, AbortController>();
  const abortAll = () => {
    for (const call of calls.values()) call.abort(abortError());
  };

  async function engineFor(kind: ModelSpec['engine']): Promise<Engine> {
    if (engine && engineKind === kind) return engine;
    await engine?.unload();
    engine = await createEngine(kind);
    engineKind = kind;
    return engine;
  }

  /** Errors leave the worker as plain AgentErrors: comlink keeps name, message and stack. */
  async function guarded<T>(fallback: AgentError['name'], work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toAgentError(error, fallback);
    }
  }

  return {
    /** Loads a model (replacing any other), reporting progress through the proxied callback. */
    load(spec: ModelSpec, onProgress: (progress: LoadProgress) => void): Promise<LoadResult> {
      return guarded('ModelLoadError', async () => {
        const started = now();
        const target = await engineFor(spec.engine);
        if (loaded && loaded.modelId !== spec.modelId) await target.unload();
        loaded = null;
        const { fromCache } = await target.load(spec, onProgress);
        loaded = spec;
        return {
          modelId: spec.modelId,
          loadMs: now() - started,
          fromCache,
          contextWindow: spec.contextWindow,
          ...(target.parallelCalls ? { parallelCalls: true as const } : {}),
        };
      });
    },

    /**
     * Streams one completion. Tokens reach `onTokens` in small batches (the first at once, then
     * every few milliseconds): one message per batch, not per token. `callId` names the call for
     * `interrupt` (the page numbers its calls; one at a time needs none).
     */
    chat(
      request: ChatRequest,
      onTokens: (events: TokenEvent[]) => unknown,
      callId = 0,
    ): Promise<ChatResult> {
      return guarded('GenerationError', async () => {
        const active = engine;
        if (!active || !loaded) {
          throw new AgentError('ModelNotLoadedError', 'No model is loaded in this agent.');
        }
        if (calls.size > 0 && !active.parallelCalls)
          throw new AgentError('InvalidRequestError', 'This agent is already generating.');
        if (calls.has(callId))
          throw new AgentError('InvalidRequestError', `Call ${callId} is already generating.`);
        const controller = new AbortController();
        calls.set(callId, controller);
        const batcher = new TokenBatcher(onTokens, tokenIntervalMs);
        try {
          return await measureCall(
            now,
            (onDelta) => active.chat(request, onDelta, controller.signal),
            (event) => batcher.push(event),
          );
        } finally {
          // The outcome (result or error) leaves only after the page has every token.
          await batcher.settled();
          calls.delete(callId);
        }
      });
    },

    /**
     * Holds the Web Lock `name` for as long as this worker lives, and resolves once it holds it.
     * The page asks for the same lock: it is granted when the worker is gone, however it died
     * (a crash with no error event, the browser killing it for memory, `close()`).
     */
    holdLifeline(name: string): Promise<boolean> {
      if (!locks) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        locks
          .request(name, () => {
            resolve(true);
            return new Promise<never>(() => {});
          })
          .catch(() => resolve(false));
      });
    },

    /**
     * Stops the call `callId` (absent: every call in flight), if it is still generating; it ends
     * with finishReason 'abort'.
     */
    interrupt(callId?: number): void {
      if (callId === undefined) abortAll();
      else calls.get(callId)?.abort(abortError());
    },

    /** Frees the loaded model; the worker stays up for the next load. */
    unload(): Promise<void> {
      return guarded('GenerationError', async () => {
        abortAll();
        await engine?.unload();
        loaded = null;
      });
    },

    isCached(spec: ModelSpec): Promise<boolean> {
      return guarded('CacheError', async () => (await engineFor(spec.engine)).isCached(spec));
    },

    deleteCached(spec: ModelSpec): Promise<void> {
      return guarded('CacheError', async () => (await engineFor(spec.engine)).deleteCached(spec));
    },

    /** The model this worker holds, if any. */
    loadedModel(): string | null {
      return loaded?.modelId ?? null;
    },
  };
}

export type AgentWorkerApi = ReturnType<typeof createAgentWorkerApi>;
