/**
 * The page's handle on one agent worker. Owns the comlink remote; components never touch it.
 * - Cancellation is explicit: each call takes an AbortSignal. Aborting a chat interrupts the
 *   generation (the model stays loaded); aborting a load terminates the worker, since a
 *   half-loaded model is worth nothing.
 * - A worker that dies (uncaught error, failed start) rejects every call in flight with a
 *   WorkerCrashedError instead of leaving it hanging; the next call starts a fresh worker.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { AgentWorkerApi } from '../../../workers/agent-worker-api';
import { AgentError, abortError, toAgentError } from '../engine/errors';
import type {
  ChatHooks,
  ChatRequest,
  ChatResult,
  LoadProgress,
  LoadResult,
  ModelSpec,
} from '../engine/types';

export type WorkerFactory = () => Worker;

export const createAgentWorker: WorkerFactory = () =>
  new Worker(new URL('../../../workers/agent.worker.ts', import.meta.url), {
    type: 'module',
    name: 'agent',
  });

export class AgentWorkerBridge {
  readonly #factory: WorkerFactory;
  #worker: Worker | null = null;
  #remote: Remote<AgentWorkerApi> | null = null;
  /** Rejects the calls in flight when the worker dies. */
  #crashListeners = new Set<(error: AgentError) => void>();

  constructor(factory: WorkerFactory = createAgentWorker) {
    this.#factory = factory;
  }

  get started(): boolean {
    return this.#worker !== null;
  }

  #ensure(): Remote<AgentWorkerApi> {
    if (this.#remote) return this.#remote;
    const worker = this.#factory();
    const onCrash = (event: ErrorEvent | MessageEvent | Event) => {
      const detail = event instanceof ErrorEvent && event.message ? `: ${event.message}` : '';
      this.#fail(
        new AgentError('WorkerCrashedError', `The agent's worker stopped unexpectedly${detail}.`),
      );
    };
    worker.addEventListener('error', onCrash);
    worker.addEventListener('messageerror', onCrash);
    this.#worker = worker;
    this.#remote = wrap<AgentWorkerApi>(worker);
    return this.#remote;
  }

  /** Tears the worker down and rejects whatever was waiting on it. */
  #fail(error: AgentError): void {
    this.terminate();
    for (const listener of [...this.#crashListeners]) listener(error);
  }

  /** Runs a remote call, rejecting early on abort or a worker crash. */
  async #call<T>(
    work: (remote: Remote<AgentWorkerApi>) => Promise<T>,
    signal: AbortSignal | undefined,
    onAbort: () => void,
    fallback: AgentError['name'],
  ): Promise<T> {
    if (signal?.aborted) throw abortError();
    const remote = this.#ensure();
    let cleanup = () => {};
    const stopped = new Promise<never>((_, reject) => {
      const crash = (error: AgentError) => reject(error);
      const abort = () => {
        onAbort();
        reject(abortError());
      };
      this.#crashListeners.add(crash);
      signal?.addEventListener('abort', abort, { once: true });
      cleanup = () => {
        this.#crashListeners.delete(crash);
        signal?.removeEventListener('abort', abort);
      };
    });
    try {
      return await Promise.race([work(remote), stopped]);
    } catch (error) {
      throw toAgentError(error, fallback);
    } finally {
      cleanup();
    }
  }

  /** Loads a model; aborting terminates the worker (the load cannot be resumed). */
  load(
    spec: ModelSpec,
    onProgress: (p: LoadProgress) => void,
    signal?: AbortSignal,
  ): Promise<LoadResult> {
    const progress = proxy(onProgress);
    return this.#call(
      (remote) => remote.load(spec, progress),
      signal,
      () => this.terminate(),
      'ModelLoadError',
    );
  }

  /**
   * Streams a completion. Aborting interrupts the generation: the promise resolves with what
   * streamed so far (finishReason 'abort') as soon as the worker confirms, or rejects with an
   * AbortError if the worker does not answer within a second.
   */
  async chat(request: ChatRequest, hooks: ChatHooks = {}): Promise<ChatResult> {
    const { signal, onToken = () => {} } = hooks;
    if (signal?.aborted) throw abortError();
    const remote = this.#ensure();
    const tokens = proxy(onToken);
    // On abort: ask the worker to interrupt (it answers with what streamed), and give up
    // waiting for that answer after a second.
    const graceful = new AbortController();
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    const interrupt = () => {
      void remote.interrupt().catch(() => {});
      giveUp = setTimeout(() => graceful.abort(), 1000);
    };
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      return await this.#call(
        (r) => r.chat(request, tokens),
        graceful.signal,
        () => {},
        'GenerationError',
      );
    } finally {
      signal?.removeEventListener('abort', interrupt);
      clearTimeout(giveUp);
    }
  }

  async unload(): Promise<void> {
    if (!this.#remote) return;
    await this.#call(
      (remote) => remote.unload(),
      undefined,
      () => {},
      'GenerationError',
    );
  }

  isCached(spec: ModelSpec): Promise<boolean> {
    return this.#call(
      (remote) => remote.isCached(spec),
      undefined,
      () => {},
      'CacheError',
    );
  }

  deleteCached(spec: ModelSpec): Promise<void> {
    return this.#call(
      (remote) => remote.deleteCached(spec),
      undefined,
      () => {},
      'CacheError',
    );
  }

  /** Kills the worker now (any loaded model is lost). Safe to call twice. */
  terminate(): void {
    this.#remote?.[releaseProxy]();
    this.#worker?.terminate();
    this.#remote = null;
    this.#worker = null;
  }
}
