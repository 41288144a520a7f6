/**
 * The page's handle on one agent worker. Owns the comlink remote; only the agent host uses it.
 * - Cancellation is explicit: each call takes an AbortSignal. Aborting a chat interrupts the
 *   generation (the model stays loaded); aborting a load terminates the worker, since a
 *   half-loaded model is worth nothing.
 * - Nothing hangs: a worker that dies, loudly (error event) or silently (its lifeline lock is
 *   released), rejects every call in flight with a WorkerCrashedError; `terminate()` rejects
 *   them with the error it is given. The next call starts a fresh worker.
 * - One generation at a time reaches the worker of an in-tab model: a chat waits until the
 *   worker has really finished the previous one, even when the page stopped waiting for it (Stop
 *   on a slow device). A model that takes several calls at once (LoadResult.parallelCalls, a
 *   model on a server) gets them as they come, each with its own id, so Stop on one call
 *   interrupts that call only.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { AgentWorkerApi } from '../../../workers/agent-worker-api';
import { InFlightCalls } from './in-flight-calls';
import { AgentError, abortError, toAgentError, withDetail } from '../engine/errors';
import type {
  ChatHooks,
  ChatRequest,
  ChatResult,
  LoadProgress,
  LoadResult,
  ModelSpec,
  TokenEvent,
} from '../engine/types';

export type WorkerFactory = () => Worker;

export const createAgentWorker: WorkerFactory = () =>
  new Worker(new URL('../../../workers/agent.worker.ts', import.meta.url), {
    type: 'module',
    name: 'agent',
  });

export interface BridgeOptions {
  /** The page's Web Locks, for the lifeline (absent: no silent-death detection). */
  locks?: Pick<LockManager, 'request'> | undefined;
  /** How long a stopped chat may take to answer before the page stops waiting (ms). */
  stopGraceMs?: number;
}

let lifelines = 0;

export class AgentWorkerBridge {
  readonly #factory: WorkerFactory;
  readonly #locks: BridgeOptions['locks'];
  readonly #stopGraceMs: number;
  #worker: Worker | null = null;
  #remote: Remote<AgentWorkerApi> | null = null;
  /** The calls in flight: rejected when the worker dies or is terminated. */
  readonly #inFlight = new InFlightCalls();
  /** Settles when the worker has finished its last chat (whether or not the page still waits). */
  #idle: Promise<unknown> = Promise.resolve();
  /** The loaded model takes several calls at once (as its load said). */
  #parallel = false;
  /** The id of the last call, for the worker's per-call interrupt. */
  #calls = 0;

  constructor(factory: WorkerFactory = createAgentWorker, options: BridgeOptions = {}) {
    this.#factory = factory;
    this.#locks = 'locks' in options ? options.locks : globalThis.navigator?.locks;
    this.#stopGraceMs = options.stopGraceMs ?? 1000;
  }

  get started(): boolean {
    return this.#worker !== null;
  }

  #ensure(): Remote<AgentWorkerApi> {
    if (this.#remote) return this.#remote;
    const worker = this.#factory();
    const remote = wrap<AgentWorkerApi>(worker);
    const onCrash = (event: ErrorEvent | MessageEvent | Event) => {
      if (this.#worker !== worker) return;
      const message = (event as Partial<ErrorEvent>).message;
      const detail = typeof message === 'string' ? message : '';
      this.#fail(
        new AgentError(
          'WorkerCrashedError',
          withDetail("The agent's worker stopped unexpectedly", detail),
        ),
      );
    };
    worker.addEventListener('error', onCrash);
    worker.addEventListener('messageerror', onCrash);
    this.#worker = worker;
    this.#remote = remote;
    this.#idle = Promise.resolve();
    this.#parallel = false;
    this.#watch(worker, remote);
    return remote;
  }

  /**
   * The lifeline: the worker holds a Web Lock for as long as it lives; the page queues for the
   * same lock and is granted it only when the worker is gone. A worker that dies without an
   * error event (killed for memory, closed) is then treated like a crash.
   */
  #watch(worker: Worker, remote: Remote<AgentWorkerApi>): void {
    const locks = this.#locks;
    if (!locks) return;
    const name = `slm-agent-lifeline:${Date.now()}:${++lifelines}:${Math.random()}`;
    void remote
      .holdLifeline(name)
      .then((held) => {
        if (!held || this.#worker !== worker) return;
        return locks.request(name, () => {
          if (this.#worker !== worker) return; // terminated by the page itself
          this.#fail(
            new AgentError(
              'WorkerCrashedError',
              "The agent's worker stopped without a word (the browser may have ended it to free memory).",
            ),
          );
        });
      })
      .catch(() => {});
  }

  /** Tears the worker down and rejects whatever was waiting on it. */
  #fail(error: AgentError): void {
    this.terminate(error);
  }

  /** Runs a remote call, rejecting early on abort or when the worker dies or is terminated. */
  async #call<T>(
    work: (remote: Remote<AgentWorkerApi>) => Promise<T>,
    signal: AbortSignal | undefined,
    onAbort: () => void,
    fallback: AgentError['name'],
  ): Promise<T> {
    if (signal?.aborted) throw abortError();
    const remote = this.#ensure();
    try {
      return await this.#inFlight.race(work(remote), signal, onAbort);
    } catch (error) {
      throw toAgentError(error, fallback);
    }
  }

  /** Loads a model; aborting terminates the worker (the load cannot be resumed). */
  async load(
    spec: ModelSpec,
    onProgress: (p: LoadProgress) => void,
    signal?: AbortSignal,
  ): Promise<LoadResult> {
    const progress = proxy(onProgress);
    const result = await this.#call(
      (remote) => remote.load(spec, progress),
      signal,
      () => this.terminate(abortError()),
      'ModelLoadError',
    );
    this.#parallel = result.parallelCalls === true;
    return result;
  }

  /**
   * Streams a completion. Aborting interrupts the generation: the promise resolves with what
   * streamed so far (finishReason 'abort') as soon as the worker confirms, or rejects with an
   * AbortError if the worker does not answer within the grace time. Either way the next chat on
   * an in-tab model waits until the worker has finished this one.
   */
  async chat(request: ChatRequest, hooks: ChatHooks = {}): Promise<ChatResult> {
    const { signal, onToken = () => {} } = hooks;
    const parallel = this.#parallel;
    if (!parallel) await this.#whenIdle(signal);
    if (signal?.aborted) throw abortError();
    const remote = this.#ensure();
    const callId = ++this.#calls;
    hooks.onStart?.();
    const tokens = proxy((events: TokenEvent[]) => {
      for (const event of events) onToken(event);
    });
    // On abort: ask the worker to interrupt (it answers with what streamed), and give up
    // waiting for that answer after the grace time.
    const graceful = new AbortController();
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    const interrupt = () => {
      void remote.interrupt(callId).catch(() => {});
      giveUp = setTimeout(() => graceful.abort(), this.#stopGraceMs);
    };
    signal?.addEventListener('abort', interrupt, { once: true });
    let finished!: () => void;
    const idle = new Promise<void>((resolve) => (finished = resolve));
    if (!parallel) this.#idle = idle;
    try {
      return await this.#call(
        (r) => {
          const call = r.chat(request, tokens, callId);
          // The worker is free once its call settles, not when the page stops waiting.
          void call.then(finished, finished);
          return call;
        },
        graceful.signal,
        () => {},
        'GenerationError',
      );
    } catch (error) {
      const failure = toAgentError(error);
      // A dead or terminated worker finishes nothing: the next call starts a fresh one.
      if (failure.name !== 'AbortError') finished();
      throw failure;
    } finally {
      signal?.removeEventListener('abort', interrupt);
      clearTimeout(giveUp);
    }
  }

  /** Waits until the worker has finished its previous chat; abortable. */
  async #whenIdle(signal: AbortSignal | undefined): Promise<void> {
    const idle = this.#idle;
    if (!signal) return void (await idle);
    await new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(abortError());
      const onAbort = () => reject(abortError());
      signal.addEventListener('abort', onAbort, { once: true });
      void idle.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
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

  /**
   * Kills the worker now (any loaded model is lost) and rejects every call in flight with
   * `reason` (default: ModelUnloadedError). Safe to call twice.
   */
  terminate(
    reason: AgentError = new AgentError(
      'ModelUnloadedError',
      'The model was unloaded while this call was using it.',
    ),
  ): void {
    this.#remote?.[releaseProxy]();
    this.#worker?.terminate();
    this.#remote = null;
    this.#worker = null;
    this.#idle = Promise.resolve();
    this.#parallel = false;
    this.#inFlight.failAll(reason);
  }
}
