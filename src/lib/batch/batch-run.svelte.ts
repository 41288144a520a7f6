/**
 * The benchmark batch as the page shows it: opens the batch store, starts a batch (models loaded
 * once, one at a time, then item by item, or several items at once when every model is on a
 * server: see items-at-once.ts), pauses, resumes and stops it, and keeps the figures the
 * progress bar needs. One instance lives for the whole page (App creates it on first use),
 * so a batch goes on while the user looks at another tab. Models come from the page's agent
 * host: unloading them elsewhere pauses the batch with a message.
 */
import type { AgentHost, AgentLease } from '../agents/agent-host.svelte';
import { loadPlan, unknownModelsMessage, type PlanLoading } from '../agents/load-plan';
import { contextWindowsOf } from '../agents/model-plan';
import type { CatalogModel } from '../catalog/types';
import { toAgentError, type AgentError } from '../engine/errors';
import type { EvalSet } from '../eval/types';
import type {
  BatchConfig,
  BatchItemRecord,
  BatchRecord,
  BatchSelection,
  BatchStatus,
} from '../storage/batch-records';
import { openBatchStore, type BatchStoreApi, type BatchStoreHandle } from '../storage/batch-store';
import type { StorageError } from '../storage/errors';
import type { RunStoreApi } from '../storage/api';
import { traceFromBatchTurn } from '../storage/records';
import type { Turn } from '../team/protocols/types';
import { importResults } from './import-results';
import { effectiveItemsAtOnce } from './items-at-once';
import { pageSandbox } from '../sandbox/page-sandbox';
import { programRunner } from '../software/run-program';
import { definitionOf } from '../software/software-item';
import { holdBatchLock, liveBatchIds } from './locks';
import { planBatchModels } from './plan';
import { parseResultsFile } from './results-schema';
import { firstUnfinished, runBatch } from './runner';
import { newBatchRecord } from './select';
import { batchTimes, spanOf, type BatchTimes } from './timing';

export type BatchPhase = 'idle' | 'loading' | 'running';

/** An item in progress: its index in the batch, when it started, who is speaking ('Team › Critic'). */
export interface RunningItem {
  index: number;
  startedAt: number;
  step: string;
}

export interface BatchRunOptions {
  /** The page's agent host: where the batch's models are loaded. */
  host: AgentHost;
  openStore?: () => Promise<BatchStoreHandle>;
  /** Epoch milliseconds (default: performance.timeOrigin + performance.now()). */
  now?: () => number;
  /** Milliseconds between updates of the elapsed / remaining times (default 500). */
  tickMs?: number;
  locks?: {
    hold: (id: string) => () => void;
    live: () => Promise<Set<string>>;
  };
  /**
   * Where every model call of the batch is logged as a trace (the page's one run store, History's,
   * once it has opened; none: calls are not logged). A batch's traces are deleted with it.
   */
  runStore?: () => RunStoreApi | null;
}

export class BatchRun {
  store = $state.raw<BatchStoreApi | null>(null);
  /** Why batches are kept in memory only, or the last storage fault. */
  storeProblem = $state.raw<StorageError | null>(null);
  /** Every batch, newest first. */
  batches = $state.raw<BatchRecord[]>([]);
  /** The batch shown (the running one while one runs). */
  batch = $state.raw<BatchRecord | null>(null);
  /** Its finished items, by index. */
  results = $state.raw<BatchItemRecord[]>([]);
  /** Batches another tab is running now. */
  elsewhere = $state.raw<readonly string[]>([]);
  phase = $state<BatchPhase>('idle');
  loading = $state.raw<PlanLoading | null>(null);
  loadError = $state.raw<AgentError | null>(null);
  /** The items in progress, in the order they started. */
  running = $state.raw<RunningItem[]>([]);
  /** Items the shown batch takes at once (1 unless every model is on a server). */
  itemsAtOnce = $state(1);
  /** Updated every tick while running, so elapsed and remaining times move. */
  clock = $state(0);
  /** Why the last results file opened could not be read (its problems, one per line). */
  fileProblem = $state.raw<{ message: string; problems: string[] } | null>(null);

  readonly #lease: AgentLease;
  readonly #openStore: () => Promise<BatchStoreHandle>;
  readonly #now: () => number;
  readonly #tickMs: number;
  readonly #locks: NonNullable<BatchRunOptions['locks']>;
  readonly #runStore: () => RunStoreApi | null;
  #opening: Promise<void> | null = null;
  #abort: AbortController | null = null;
  #intent: 'pause' | 'stop' | null = null;
  /** Why the batch was paused from outside (its models were unloaded). */
  #revoked: string | null = null;

  constructor(options: BatchRunOptions) {
    this.#lease = options.host.lease('Benchmark', (reason) => {
      if (!this.busy) return;
      this.#revoked = reason;
      this.#intent = 'pause';
      this.#abort?.abort();
    });
    this.#now = options.now ?? (() => performance.timeOrigin + performance.now());
    this.#openStore =
      options.openStore ?? (() => openBatchStore({ onError: (e) => (this.storeProblem = e) }));
    this.#tickMs = options.tickMs ?? 500;
    this.#locks = options.locks ?? { hold: (id) => holdBatchLock(id), live: () => liveBatchIds() };
    this.#runStore = options.runStore ?? (() => null);
  }

  get busy(): boolean {
    return this.phase !== 'idle';
  }

  get done(): number {
    return this.results.length;
  }

  get total(): number {
    return this.batch?.items.length ?? 0;
  }

  /** The shown batch can be resumed: paused, or left 'running' by a page that went away. */
  get resumable(): boolean {
    const batch = this.batch;
    return (
      batch !== null &&
      !this.busy &&
      (batch.status === 'paused' || batch.status === 'running') &&
      !this.elsewhere.includes(batch.id) &&
      this.done < this.total
    );
  }

  /** The first unfinished item (1-based), where Resume goes on: items may finish out of order. */
  get resumeFrom(): number {
    return Math.min(
      this.total,
      firstUnfinished(
        this.total,
        this.results.map((r) => r.index),
      ) + 1,
    );
  }

  /** Elapsed and remaining time, items per minute (timing.ts: items in progress count once). */
  get times(): BatchTimes {
    const running =
      this.phase === 'running'
        ? this.running.map((r) => ({ from: r.startedAt, to: Math.max(r.startedAt, this.clock) }))
        : [];
    return batchTimes(this.results.map(spanOf), running, this.total);
  }

  /** Time with at least one item running: the finished ones, plus those in progress. */
  get elapsedMs(): number {
    return this.times.elapsedMs;
  }

  /** Mean time of one finished item, start to end; null before the first. */
  get meanItemMs(): number | null {
    return this.done === 0 ? null : this.results.reduce((n, r) => n + r.wallMs, 0) / this.done;
  }

  /** Elapsed time per finished item × items left, less the progress since; null before one. */
  get remainingMs(): number | null {
    return this.times.remainingMs;
  }

  /** Opens the store (once) and shows the newest batch. */
  init(): Promise<void> {
    this.#opening ??= (async () => {
      const handle = await this.#openStore();
      this.store = handle.store;
      if (handle.reason) this.storeProblem = handle.reason;
      this.batches = await handle.store.listBatches();
      this.elsewhere = [...(await this.#locks.live())];
      const newest = this.batches[0];
      if (newest && !this.batch) await this.open(newest.id);
    })();
    return this.#opening;
  }

  /** Shows a stored batch and its finished items. */
  async open(id: string): Promise<void> {
    if (this.busy || !this.store) return;
    const batch = await this.store.getBatch(id);
    if (!batch) return;
    this.results = await this.store.itemsOf(id);
    this.batch = batch;
    this.itemsAtOnce = batch.itemsAtOnce ?? 1;
    this.loadError = null;
  }

  /**
   * Reads a results file (`npm run experiment`'s, or an Export JSON), keeps it as a past batch
   * and shows it. A file that cannot be read changes nothing and sets `fileProblem`.
   */
  async openFile(text: string): Promise<boolean> {
    await this.init();
    if (this.busy || !this.store) return false;
    const read = parseResultsFile(text);
    if (!read.ok) {
      this.fileProblem = { message: read.message, problems: read.problems };
      return false;
    }
    this.fileProblem = null;
    const batch = await importResults(this.store, read.file);
    this.batches = [batch, ...this.batches.filter((b) => b.id !== batch.id)].sort(
      (a, b) => b.createdAt - a.createdAt,
    );
    await this.open(batch.id);
    return true;
  }

  /** Deletes a batch (not the running one), and the traces of its calls. */
  async remove(id: string): Promise<void> {
    if (!this.store || (this.busy && this.batch?.id === id)) return;
    await this.store.deleteBatch(id);
    // The run store reports its own faults; a batch is deleted even if its traces could not be.
    await this.#runStore()
      ?.deleteTracesOfBatch(id)
      .catch(() => undefined);
    this.batches = this.batches.filter((b) => b.id !== id);
    if (this.batch?.id === id) {
      this.batch = null;
      this.results = [];
    }
  }

  /**
   * Creates a batch of `selection` items of `set` over `configs`, and runs it, `itemsAtOnce`
   * items at once when every model is on a server (kept with the batch for its resumes).
   */
  async start(
    set: EvalSet,
    selection: BatchSelection,
    configs: BatchConfig[],
    catalog: readonly CatalogModel[],
    onLoaded?: (modelIds: string[]) => void,
    itemsAtOnce = 1,
  ): Promise<void> {
    await this.init();
    if (this.busy || !this.store) return;
    const now = Date.now();
    const batch = newBatchRecord(set, selection, configs, { now, itemsAtOnce });
    this.batch = batch;
    this.results = [];
    this.itemsAtOnce = itemsAtOnce;
    this.loadError = null;
    this.batches = [batch, ...this.batches];
    await this.store.putBatch(batch);
    await this.#run(catalog, onLoaded);
  }

  /** Goes on with the shown batch from its first unfinished item (models loaded again). */
  async resume(
    catalog: readonly CatalogModel[],
    onLoaded?: (modelIds: string[]) => void,
  ): Promise<void> {
    if (!this.resumable) return;
    await this.#run(catalog, onLoaded);
  }

  /** Stops at once; the item in progress is dropped and runs again on Resume. */
  pause(): void {
    if (!this.busy) return;
    this.#intent = 'pause';
    this.#abort?.abort();
  }

  /** Ends the batch: its finished items are its results. */
  stop(): void {
    if (!this.busy) return;
    this.#intent = 'stop';
    this.#abort?.abort();
  }

  /** Ends a paused (or interrupted) batch without running the rest. */
  async finishEarly(): Promise<void> {
    if (this.busy || !this.batch) return;
    await this.#setStatus('stopped');
  }

  async #setStatus(status: BatchStatus, error?: BatchRecord['error']): Promise<void> {
    const current = this.batch;
    if (!current) return;
    const { error: _old, ...rest } = current;
    const batch: BatchRecord = {
      ...rest,
      status,
      updatedAt: Date.now(),
      ...(error ? { error } : {}),
    };
    this.batch = batch;
    this.batches = this.batches.map((b) => (b.id === batch.id ? batch : b));
    await this.store?.putBatch(batch);
  }

  async #run(
    catalog: readonly CatalogModel[],
    onLoaded?: (modelIds: string[]) => void,
  ): Promise<void> {
    const store = this.store;
    const batch = this.batch;
    if (!store || !batch) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.#intent = null;
    this.#revoked = null;
    this.loadError = null;
    const release = this.#locks.hold(batch.id);
    const ticker = setInterval(() => (this.clock = this.#now()), this.#tickMs);
    this.clock = this.#now();
    try {
      this.phase = 'loading';
      await this.#setStatus('running');
      const plan = planBatchModels(batch.configs, catalog);
      if (plan.unknown.length > 0) {
        const message = unknownModelsMessage(plan);
        this.loadError = toAgentError({ name: 'InvalidRequestError', message });
        await this.#setStatus('paused', { name: 'InvalidRequestError', message });
        return;
      }
      const lease = this.#lease;
      const loaded = await loadPlan(lease, plan.models, abort.signal, (loading) => {
        this.loading = loading;
      });
      this.loading = null;
      if (loaded.status === 'failed' && !abort.signal.aborted) {
        const failure = loaded.error;
        this.loadError = failure;
        await this.#setStatus('paused', { name: failure.name, message: failure.message });
        return;
      }
      if (loaded.status !== 'loaded') {
        await this.#ended();
        return;
      }
      onLoaded?.(plan.models.map((m) => m.variant.modelId));

      this.phase = 'running';
      this.itemsAtOnce = effectiveItemsAtOnce(batch.itemsAtOnce, batch.configs, catalog);
      const end = await runBatch(
        batch,
        this.results.map((r) => r.index),
        {
          chat: lease.chat,
          store,
          signal: abort.signal,
          contextWindowOf: contextWindowsOf(plan),
          toolSandbox: pageSandbox,
          softwareRunner: (item) =>
            item.software
              ? programRunner(definitionOf(item.software), { sandbox: pageSandbox })
              : undefined,
          now: this.#now,
          concurrency: this.itemsAtOnce,
          onItemStart: (index) => {
            const startedAt = this.#now();
            this.running = [...this.running, { index, startedAt, step: '' }];
            this.clock = startedAt;
          },
          onEvent: (configId, event, index) => {
            if (event.type === 'turn-end') this.#logCall(batch, configId, index, event.turn);
            if (event.type !== 'turn-start') return;
            const label = batch.configs.find((c) => c.id === configId)?.label ?? configId;
            const step = `${label} › ${event.roleName}`;
            this.running = this.running.map((r) => (r.index === index ? { ...r, step } : r));
          },
          onItemDone: (record) => {
            this.running = this.running.filter((r) => r.index !== record.index);
            this.results = [...this.results, record];
          },
        },
      );
      if (end.status === 'done') await this.#setStatus('done');
      else if (end.status === 'aborted' || this.#revoked) await this.#ended();
      else {
        this.loadError = toAgentError(end.error);
        await this.#setStatus('paused', end.error);
      }
    } finally {
      clearInterval(ticker);
      release();
      this.phase = 'idle';
      this.running = [];
      this.#abort = null;
    }
  }

  /**
   * Logs one finished model call of an item as a trace (a reused turn is no call). Never throws
   * and never waits: the store keeps what IndexedDB refuses in memory and reports the fault.
   */
  #logCall(batch: BatchRecord, configId: string, index: number, turn: Turn): void {
    if (turn.reused) return;
    const store = this.#runStore();
    const config = batch.configs.find((c) => c.id === configId);
    if (!store || !config) return;
    try {
      void store.addTrace(traceFromBatchTurn(batch, config, index, turn)).catch(() => undefined);
    } catch {
      // A call that cannot be copied is not logged; the batch goes on.
    }
  }

  /**
   * The batch ended early: stopped, paused by the user, or paused because its models were
   * unloaded elsewhere (then with that reason, shown like a load error, so Resume is offered).
   */
  async #ended(): Promise<void> {
    if (this.#revoked) {
      const message = `Paused: ${this.#revoked}. Resume loads them again and goes on.`;
      this.loadError = toAgentError({ name: 'ModelUnloadedError', message });
      await this.#setStatus('paused', { name: 'ModelUnloadedError', message });
      return;
    }
    await this.#setStatus(this.#intent === 'stop' ? 'stopped' : 'paused');
  }

  dispose(): void {
    this.#abort?.abort();
    this.#lease.release();
  }
}
