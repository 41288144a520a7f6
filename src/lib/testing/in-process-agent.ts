/**
 * Test double for one agent worker: the real worker API (createAgentWorkerApi, with its call
 * measurement and token batching) run in the same thread, behind the interface the agent host
 * uses. Tests get the real host, the real scheduling and the real figures, without workers.
 */
import { createAgentWorkerApi } from '../../../workers/agent-worker-api';
import type { Engine } from '../../../workers/engines/engine';
import { ScriptedEngine } from '../../../workers/engines/scripted-engine';
import type { AgentBackend } from '../agents/agent-host.svelte';
import { InFlightCalls } from '../agents/in-flight-calls';
import { AgentError, abortError, toAgentError } from '../engine/errors';
import type {
  ChatHooks,
  ChatRequest,
  ChatResult,
  LoadProgress,
  LoadResult,
  ModelSpec,
} from '../engine/types';

export interface InProcessAgentOptions {
  createEngine?: (kind: ModelSpec['engine']) => Promise<Engine>;
  now?: () => number;
  tokenIntervalMs?: number;
}

export class InProcessAgent implements AgentBackend {
  readonly #options: InProcessAgentOptions;
  #api: ReturnType<typeof createAgentWorkerApi> | null = null;
  readonly #inFlight = new InFlightCalls();
  #calls = 0;
  /** Calls made, for tests that count them. */
  loads = 0;
  chats = 0;

  constructor(options: InProcessAgentOptions = {}) {
    this.#options = options;
  }

  get started(): boolean {
    return this.#api !== null;
  }

  #ensure() {
    this.#api ??= createAgentWorkerApi({
      createEngine: this.#options.createEngine ?? (async () => new ScriptedEngine()),
      ...(this.#options.now ? { now: this.#options.now } : {}),
      tokenIntervalMs: this.#options.tokenIntervalMs ?? 0,
      locks: undefined,
    });
    return this.#api;
  }

  load(
    spec: ModelSpec,
    onProgress: (p: LoadProgress) => void,
    signal?: AbortSignal,
  ): Promise<LoadResult> {
    if (signal?.aborted) return Promise.reject(abortError());
    this.loads++;
    return this.#inFlight.race(this.#ensure().load(spec, onProgress), signal, () =>
      this.terminate(abortError()),
    );
  }

  async chat(request: ChatRequest, hooks: ChatHooks = {}): Promise<ChatResult> {
    const { signal, onToken = () => {} } = hooks;
    if (signal?.aborted) throw abortError();
    const api = this.#ensure();
    this.chats++;
    const callId = ++this.#calls;
    hooks.onStart?.();
    const interrupt = () => api.interrupt(callId);
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      return await this.#inFlight.race(
        api.chat(request, (events) => events.forEach(onToken), callId),
        undefined,
      );
    } catch (error) {
      throw toAgentError(error);
    } finally {
      signal?.removeEventListener('abort', interrupt);
    }
  }

  async unload(): Promise<void> {
    await this.#api?.unload();
  }

  isCached(spec: ModelSpec): Promise<boolean> {
    return this.#ensure().isCached(spec);
  }

  deleteCached(spec: ModelSpec): Promise<void> {
    return this.#ensure().deleteCached(spec);
  }

  terminate(
    reason: AgentError = new AgentError('ModelUnloadedError', 'The model was unloaded.'),
  ): void {
    this.#api?.interrupt();
    this.#api = null;
    this.#inFlight.failAll(reason);
  }
}
