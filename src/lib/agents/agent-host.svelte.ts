/**
 * The one owner of the page's agent workers and loaded models. Created once (App.svelte) and
 * passed to every view: Single agent, Solo vs Team, Benchmark and the catalog all load, chat,
 * check the cache and unload through it, so a model used in three views is loaded once.
 *
 * - One worker per distinct model; models load one at a time (concurrent WebLLM initialisation
 *   misbehaves), and a model already loading is waited for, not loaded twice.
 * - Calls are scheduled per model: one generation at a time per loaded copy of an in-tab model
 *   (engines require it), while calls to different models run at once. The wait for a busy
 *   model is reported. A model that takes several calls at once (a model on a server, see
 *   LoadResult.parallelCalls) gets each call as it comes: the server queues them itself, and
 *   that wait shows in the call's time to first token, not as time queued here.
 * - Views hold a lease while they work. Unloading stops the leases with work in flight first
 *   (their holders are told why) and says which; every call in flight then ends with a named
 *   error. Nothing can hang.
 */
import { AgentError, toAgentError } from '../engine/errors';
import type {
  ChatHooks,
  ChatRequest,
  ChatResult,
  LoadProgress,
  LoadResult,
  ModelSpec,
} from '../engine/types';
import type { ModelRef, RoleConfig } from '../team/config';
import type { TeamChat, TeamChatResult } from '../team/protocols/types';
import { AgentWorkerBridge } from './agent-worker-bridge';
import { AsyncLock } from './async-lock';

/** What the host needs of one agent (a worker bridge in the product, in-process in tests). */
export interface AgentBackend {
  readonly started: boolean;
  load(
    spec: ModelSpec,
    onProgress: (p: LoadProgress) => void,
    signal?: AbortSignal,
  ): Promise<LoadResult>;
  chat(request: ChatRequest, hooks?: ChatHooks): Promise<ChatResult>;
  unload(): Promise<void>;
  isCached(spec: ModelSpec): Promise<boolean>;
  deleteCached(spec: ModelSpec): Promise<void>;
  /** Ends the agent now, rejecting its calls in flight with `reason`. */
  terminate(reason?: AgentError): void;
}

/** What names one loaded copy of a model. */
export type CopyRef = Pick<ModelSpec, 'engine' | 'modelId' | 'copy' | 'device'> | ModelRef;

/**
 * The key a model is held under: its engine and exact variant id, `@gpu` for a GGUF model on
 * WebGPU (a load of its own, beside a CPU load of the same file), and its copy past the first.
 */
export const specKey = (ref: CopyRef): string => {
  const copy = 'copy' in ref && ref.copy && ref.copy > 1 ? `#${ref.copy}` : '';
  const device = ref.device === 'gpu' ? '@gpu' : '';
  return `${ref.engine}:${ref.modelId}${device}${copy}`;
};

/** A model the host holds, as views see it. */
export interface HostedModel {
  key: string;
  modelId: string;
  engine: ModelSpec['engine'];
  /** 1 for the first loaded copy, 2 for a second one (two sides running at once). */
  copy: number;
  status: 'loading' | 'loaded';
  result: LoadResult | null;
  /** Calls running on the model now (0 or 1 in the tab; any number on a server) and waiting for it. */
  running: number;
  waiting: number;
}

interface Entry {
  key: string;
  spec: ModelSpec;
  backend: AgentBackend;
  lock: AsyncLock;
  loading: Promise<LoadResult> | null;
  /** Views waiting for the load in progress; it is stopped only when every one has given up. */
  loadWaiters: number;
  stopLoad: AbortController | null;
  result: LoadResult | null;
  running: number;
  waiting: number;
}

export interface AgentHostOptions {
  makeBackend?: () => AgentBackend;
  /** Clock for queue times (milliseconds). */
  now?: () => number;
}

export type LoadProgressFn = (index: number, spec: ModelSpec, progress: LoadProgress) => void;

export interface UnloadOutcome {
  /** Models unloaded. */
  unloaded: number;
  /** Holders whose work was stopped first ("Benchmark"). */
  stopped: string[];
}

export class AgentHost {
  /** Models held now (loading or loaded). */
  models = $state.raw<HostedModel[]>([]);
  /** Holders with work in flight (a load or a call). */
  busyHolders = $state.raw<string[]>([]);

  // Plain bookkeeping: views read the published snapshots (`models`, `busyHolders`).
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #entries = new Map<string, Entry>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #leases = new Set<AgentLease>();
  readonly #makeBackend: () => AgentBackend;
  readonly #now: () => number;
  /** One load at a time, across every view. */
  readonly #loadLock = new AsyncLock();

  constructor(options: AgentHostOptions = {}) {
    this.#makeBackend = options.makeBackend ?? (() => new AgentWorkerBridge());
    this.#now = options.now ?? (() => performance.now());
  }

  /** Workers started (one per distinct model in use). */
  get workerCount(): number {
    return [...this.#entries.values()].filter((e) => e.backend.started).length;
  }

  /** Whether a model is loaded (reactive: reads the published snapshot). */
  isLoaded(ref: CopyRef): boolean {
    return this.loadResult(ref) !== null;
  }

  /** How a loaded model was loaded (from cache, how long, its context window); reactive. */
  loadResult(ref: CopyRef): LoadResult | null {
    const key = specKey(ref);
    return this.models.find((m) => m.key === key)?.result ?? null;
  }

  /** A lease for one view's work. `onRevoke` must stop that work (the models are going away). */
  lease(holder: string, onRevoke: (reason: string) => void = () => {}): AgentLease {
    const lease = new AgentLease(this, holder, onRevoke);
    this.#leases.add(lease);
    return lease;
  }

  /** @internal */
  forget(lease: AgentLease): void {
    this.#leases.delete(lease);
    this.#publish();
  }

  /**
   * Unloads every model. Leases with work in flight are stopped first (their holders are told
   * `${by} unloaded the models`), and every call still in flight ends with ModelUnloadedError.
   */
  async unloadAll(by: string): Promise<UnloadOutcome> {
    const stopped: string[] = [];
    for (const lease of this.#leases) {
      if (!lease.busy) continue;
      stopped.push(lease.holder);
      lease.revoke(`${by} unloaded the models`);
    }
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    const reason = new AgentError(
      'ModelUnloadedError',
      `The model was unloaded (${by}) while this call was using it.`,
    );
    for (const entry of entries) entry.backend.terminate(reason);
    this.#publish();
    return {
      unloaded: entries.length,
      stopped: stopped.filter((h, i) => stopped.indexOf(h) === i),
    };
  }

  /** Whether a model's files are in the browser's cache (asks its worker, or a short-lived one). */
  isCached(spec: ModelSpec): Promise<boolean> {
    return this.#withBackend(spec, (backend) => backend.isCached(spec));
  }

  deleteCached(spec: ModelSpec): Promise<void> {
    return this.#withBackend(spec, (backend) => backend.deleteCached(spec));
  }

  async #withBackend<T>(spec: ModelSpec, work: (backend: AgentBackend) => Promise<T>): Promise<T> {
    const entry = this.#entries.get(specKey(spec));
    if (entry) return work(entry.backend);
    const backend = this.#makeBackend();
    try {
      return await work(backend);
    } finally {
      backend.terminate();
    }
  }

  /** @internal Loads one model (or waits for the load in progress). */
  async load(
    spec: ModelSpec,
    onProgress: (p: LoadProgress) => void,
    signal: AbortSignal,
  ): Promise<LoadResult> {
    const key = specKey(spec);
    let entry = this.#entries.get(key);
    if (entry?.result) return entry.result;
    if (entry?.loading) return this.#join(entry, signal);
    const stopLoad = new AbortController();
    entry = {
      key,
      spec,
      backend: this.#makeBackend(),
      lock: new AsyncLock(),
      loading: null,
      loadWaiters: 0,
      stopLoad,
      result: null,
      running: 0,
      waiting: 0,
    };
    this.#entries.set(key, entry);
    const current = entry;
    // Progress that arrives after the load has settled (engines send late messages) is dropped.
    let open = true;
    const loading = (async () => {
      const release = await this.#loadLock.acquire(stopLoad.signal);
      try {
        return await current.backend.load(spec, (p) => open && onProgress(p), stopLoad.signal);
      } finally {
        open = false;
        release();
      }
    })()
      .then(
        (result) => {
          if (this.#entries.get(key) === current) current.result = result;
          return result;
        },
        (error: unknown) => {
          if (this.#entries.get(key) === current) this.#entries.delete(key);
          current.backend.terminate();
          throw toAgentError(error, 'ModelLoadError');
        },
      )
      .finally(() => {
        current.loading = null;
        current.stopLoad = null;
        this.#publish();
      });
    // Every view may have given up on it: its failure is then nobody's to report.
    loading.catch(() => {});
    current.loading = loading;
    this.#publish();
    return this.#join(current, signal);
  }

  /**
   * Waits for the entry's load in progress. A view that gives up stops waiting at once; the
   * load itself stops only when no view is waiting for it any more.
   */
  #join(entry: Entry, signal: AbortSignal): Promise<LoadResult> {
    const loading = entry.loading!;
    return new Promise<LoadResult>((resolve, reject) => {
      const onAbort = () => {
        reject(new AgentError('AbortError', 'Stopped by the user.'));
        if (--entry.loadWaiters === 0) entry.stopLoad?.abort();
      };
      entry.loadWaiters++;
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      loading.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /**
   * @internal One call on a loaded model: waits its turn (reported as queuedMs), then streams.
   * A worker that crashed or lost its device drops the model, so the next run loads it again.
   */
  async chat(key: string, request: ChatRequest, hooks: ChatHooks): Promise<TeamChatResult> {
    const entry = this.#entries.get(key);
    if (!entry?.result) {
      throw new AgentError('ModelNotLoadedError', `${key.replace(/^[^:]+:/, '')} is not loaded.`);
    }
    const asked = this.#now();
    // Only a model busy with another call makes a call wait; the page's own scheduling between
    // asking and starting (microtasks behind rendering) is not time waiting for the model.
    // A model on a server never makes a call wait here.
    const parallel = entry.result.parallelCalls === true;
    const mustWait = !parallel && entry.lock.busy;
    entry.waiting++;
    this.#publish();
    let release: () => void;
    try {
      release = parallel ? () => {} : await entry.lock.acquire(hooks.signal);
    } finally {
      entry.waiting--;
      this.#publish();
    }
    const queuedMs = mustWait ? this.#now() - asked : 0;
    entry.running++;
    this.#publish();
    try {
      return { ...(await entry.backend.chat(request, hooks)), queuedMs };
    } catch (error) {
      const failure = toAgentError(error);
      if (
        (failure.name === 'WorkerCrashedError' || failure.name === 'DeviceLostError') &&
        this.#entries.get(key) === entry
      ) {
        this.#entries.delete(key);
        entry.backend.terminate(failure);
      }
      throw failure;
    } finally {
      entry.running--;
      release();
      this.#publish();
    }
  }

  /** @internal Re-reads the reactive snapshot. */
  #publish(): void {
    this.models = [...this.#entries.values()].map((e) => ({
      key: e.key,
      modelId: e.spec.modelId,
      engine: e.spec.engine,
      copy: e.spec.copy ?? 1,
      status: e.result ? 'loaded' : 'loading',
      result: e.result,
      running: e.running,
      waiting: e.waiting,
    }));
    const busy = [...this.#leases].filter((l) => l.busy).map((l) => l.holder);
    this.busyHolders = busy.filter((h, i) => busy.indexOf(h) === i);
  }

  /** @internal */
  touch(): void {
    this.#publish();
  }

  /** Ends every worker (page teardown). */
  dispose(): void {
    for (const lease of this.#leases) lease.revoke('The page closed');
    for (const entry of this.#entries.values()) entry.backend.terminate();
    this.#entries.clear();
    this.#leases.clear();
  }
}

/**
 * One view's use of the host: loads the models it needs and makes calls. While a lease has work
 * in flight, unloading stops that work first through the holder's `onRevoke`.
 */
export class AgentLease {
  readonly holder: string;
  readonly #host: AgentHost;
  readonly #onRevoke: (reason: string) => void;
  #active = 0;
  #released = false;

  constructor(host: AgentHost, holder: string, onRevoke: (reason: string) => void) {
    this.#host = host;
    this.holder = holder;
    this.#onRevoke = onRevoke;
  }

  get busy(): boolean {
    return this.#active > 0;
  }

  async #track<T>(work: () => Promise<T>): Promise<T> {
    if (this.#released) throw new AgentError('InvalidRequestError', 'This lease was released.');
    this.#active++;
    this.#host.touch();
    try {
      return await work();
    } finally {
      this.#active--;
      this.#host.touch();
    }
  }

  /** Loads each model not yet loaded, one after another. Throws the first failure. */
  load(
    specs: readonly ModelSpec[],
    onProgress: LoadProgressFn,
    signal: AbortSignal,
  ): Promise<LoadResult[]> {
    return this.#track(async () => {
      const results: LoadResult[] = [];
      for (const [index, spec] of specs.entries())
        results.push(await this.#host.load(spec, (p) => onProgress(index, spec, p), signal));
      return results;
    });
  }

  /** One call on a loaded model (its first copy unless `ref.copy` says otherwise). */
  chatWith(ref: CopyRef, request: ChatRequest, hooks: ChatHooks = {}): Promise<TeamChatResult> {
    return this.#track(() => this.#host.chat(specKey(ref), request, hooks));
  }

  /** The protocols' TeamChat: routes each role to its model. */
  readonly chat: TeamChat = (role: RoleConfig, request, hooks) =>
    this.chatWith(role.model, request, hooks);

  /** @internal The models are going away: the holder must stop its work. */
  revoke(reason: string): void {
    this.#onRevoke(reason);
  }

  /** The view is done with the host (its models stay loaded for the others). */
  release(): void {
    this.#released = true;
    this.#host.forget(this);
  }
}
