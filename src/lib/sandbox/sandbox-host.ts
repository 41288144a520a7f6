/**
 * The page's one owner of code sandboxes: a worker per language (QuickJS for JavaScript, Pyodide
 * for Python), started on first use and kept for the next run. Every run has a wall-clock limit:
 * a run that overstays it (an endless loop in Python, which cannot be interrupted from inside)
 * has its worker ended, never waited for, and the next run starts a fresh one. Stop does the same.
 * A worker that dies under a run ends that run with a named error. Nothing hangs.
 */
import type {
  SandboxErrorName,
  SandboxRuntime,
  SandboxRunRequest,
  SandboxRunResult,
} from './types';

/** What the host needs of one sandbox worker (a comlink-wrapped worker in the product). */
export interface SandboxBackend {
  prepare(language: SandboxRuntime, indexURL?: string): Promise<{ loadMs: number }>;
  run(
    request: SandboxRunRequest & { globals?: Record<string, unknown> },
  ): Promise<SandboxRunResult>;
  /** Resolves (never rejects) when the worker dies by itself, with why. */
  readonly died: Promise<string>;
  terminate(): void;
}

export interface SandboxHostOptions {
  makeBackend: (language: SandboxRuntime) => SandboxBackend;
  /** Where Pyodide's files are served (an absolute URL ending in `/`). */
  pythonIndexURL?: string;
  /** Limit for loading a runtime (Pyodide's first load is ~10 MB of WebAssembly). */
  loadTimeoutMs?: number;
  /** Time a run may overstay its limit before its worker is ended (it may stop by itself). */
  graceMs?: number;
  now?: () => number;
}

export interface SandboxRunOptions {
  signal?: AbortSignal;
  /** The runtime is loading (first use, or after a worker was ended). */
  onLoading?: () => void;
  /** Extra globals for the run (a tool's arguments). */
  globals?: Record<string, unknown>;
}

/** A run's result with how long loading its runtime took (0 when it was ready). */
export interface SandboxRun extends SandboxRunResult {
  loadMs: number;
}

interface Slot {
  backend: SandboxBackend;
  ready: Promise<{ loadMs: number }>;
  /** Set once ready, so later runs report loadMs 0. */
  loaded: boolean;
}

const failed = (name: SandboxErrorName, message: string, ms: number, loadMs = 0): SandboxRun => ({
  ok: false,
  value: null,
  stdout: '',
  stderr: '',
  truncated: false,
  error: { name, message },
  ms,
  loadMs,
});

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export class SandboxHost {
  readonly #options: Required<Omit<SandboxHostOptions, 'pythonIndexURL'>> &
    Pick<SandboxHostOptions, 'pythonIndexURL'>;
  readonly #slots = new Map<SandboxRuntime, Slot>();

  constructor(options: SandboxHostOptions) {
    this.#options = {
      loadTimeoutMs: 120_000,
      graceMs: 250,
      now: () => performance.now(),
      ...options,
    };
  }

  /** Languages with a worker up now. */
  get running(): SandboxRuntime[] {
    return [...this.#slots.keys()];
  }

  #slot(language: SandboxRuntime): Slot {
    const existing = this.#slots.get(language);
    if (existing) return existing;
    const backend = this.#options.makeBackend(language);
    const created: Slot = {
      backend,
      ready: backend.prepare(
        language,
        language === 'python' ? this.#options.pythonIndexURL : undefined,
      ),
      loaded: false,
    };
    created.ready.then(
      () => (created.loaded = true),
      () => this.#end(language, created),
    );
    this.#slots.set(language, created);
    return created;
  }

  #end(language: SandboxRuntime, slot: Slot): void {
    if (this.#slots.get(language) === slot) this.#slots.delete(language);
    slot.backend.terminate();
  }

  /** Runs code in its language's sandbox, within `request.timeoutMs`. Never throws. */
  async run(request: SandboxRunRequest, options: SandboxRunOptions = {}): Promise<SandboxRun> {
    const { signal } = options;
    const now = this.#options.now;
    if (signal?.aborted) return failed('AbortError', 'Stopped before it ran.', 0);
    const slot = this.#slot(request.language);
    const wasLoaded = slot.loaded;
    if (!wasLoaded) options.onLoading?.();
    const loadStarted = now();
    const loaded = await this.#within(slot, slot.ready, this.#options.loadTimeoutMs, signal);
    if (loaded.kind !== 'value') {
      this.#end(request.language, slot);
      const ms = now() - loadStarted;
      if (loaded.kind === 'abort')
        return failed('AbortError', 'Stopped while its runtime loaded.', 0, ms);
      if (loaded.kind === 'died') return failed('SandboxLoadError', loaded.why, 0, ms);
      return failed(
        'SandboxLoadError',
        loaded.kind === 'timeout'
          ? `The ${request.language} runtime did not load within ${seconds(this.#options.loadTimeoutMs)}.`
          : `The ${request.language} runtime could not load: ${loaded.why}`,
        0,
        ms,
      );
    }
    // The worker's own figure: the time it took to load, once, on the run that waited for it.
    const loadMs = wasLoaded ? 0 : loaded.value.loadMs;
    const started = now();
    const outcome = await this.#within(
      slot,
      slot.backend.run({ ...request, ...(options.globals ? { globals: options.globals } : {}) }),
      request.timeoutMs + this.#options.graceMs,
      signal,
    );
    const ms = now() - started;
    switch (outcome.kind) {
      case 'value':
        return { ...outcome.value, loadMs };
      case 'timeout':
        this.#end(request.language, slot);
        return failed(
          'TimeoutError',
          `Stopped after ${seconds(request.timeoutMs)}: the program did not finish in time.`,
          ms,
          loadMs,
        );
      case 'abort':
        this.#end(request.language, slot);
        return failed('AbortError', 'Stopped by the user.', ms, loadMs);
      case 'died':
        this.#end(request.language, slot);
        return failed('SandboxCrashedError', outcome.why, ms, loadMs);
      case 'error':
        this.#end(request.language, slot);
        return failed('SandboxCrashedError', `The sandbox failed: ${outcome.why}`, ms, loadMs);
    }
  }

  /** Waits for `work`, or the limit, the signal or the worker's death, whichever comes first. */
  #within<T>(
    slot: Slot,
    work: Promise<T>,
    limitMs: number,
    signal: AbortSignal | undefined,
  ): Promise<
    | { kind: 'value'; value: T }
    | { kind: 'timeout' }
    | { kind: 'abort' }
    | { kind: 'died'; why: string }
    | { kind: 'error'; why: string }
  > {
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle({ kind: 'timeout' }), limitMs);
      const onAbort = () => settle({ kind: 'abort' });
      signal?.addEventListener('abort', onAbort, { once: true });
      let done = false;
      function settle(result: Parameters<typeof resolve>[0]) {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      }
      work.then(
        (value) => settle({ kind: 'value', value }),
        (error: unknown) =>
          settle({ kind: 'error', why: error instanceof Error ? error.message : String(error) }),
      );
      void slot.backend.died.then((why) => settle({ kind: 'died', why }));
    });
  }

  /** Ends every sandbox worker (page teardown). */
  dispose(): void {
    for (const [language, slot] of this.#slots) this.#end(language, slot);
  }
}
