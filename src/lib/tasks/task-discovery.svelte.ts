/**
 * Task discovery as the Traces view shows it: the calls shown are embedded by a GGUF embedding
 * model (a worker, after the user confirms its download size), clustered (another worker: k by
 * silhouette or set by the user), mapped in 2-D, and kept in the curation store with the names
 * the user gives. Tasks can be renamed, merged, split, shown alone in the table, and exported
 * one dataset per task and role. Workers, clock and key maker come in as arguments (tests).
 */
import type { ExplorerState } from '../explorer/explorer-state.svelte';
import { Persisted } from '../state/persisted.svelte';
import { promptOf, type CallRow } from '../explorer/call-rows';
import type { TaskMapRecord } from '../storage/curation-records';
import type { ClusterCost } from '../specialist/cost';
import {
  absoluteUrl,
  customEmbedModel,
  embedModels,
  measureSize,
  type EmbedModel,
} from './embed-models';
import type { ClusterBridge, EmbedBridge } from './task-workers';
import {
  costCalls,
  idSet,
  mergeTasks,
  namesFrom,
  NO_NAMES,
  splitTask,
  taskCosts,
  taskMapFrom,
  taskName,
  taskVectors,
  withName,
} from './task-map';

export type DiscoveryStatus = 'idle' | 'confirm' | 'loading' | 'embedding' | 'clustering';

/** Texts per llama.cpp embedding call. */
export const EMBED_BATCH = 8;
/** The fewest calls worth clustering (k from 2 needs at least 3 for a silhouette). */
export const MIN_CALLS = 3;
export const CUSTOM_MODEL = 'custom';

export interface TaskDiscoveryDeps {
  explorer: ExplorerState;
  embedder: () => EmbedBridge;
  clusterer: () => ClusterBridge;
  now?: () => number;
  newKey?: () => string;
  fetchFn?: typeof fetch;
  mode?: string;
}

export interface TaskView {
  key: string;
  index: number;
  name: string;
  words: string[];
  count: number;
  cost: ClusterCost | undefined;
}

let keys = 0;
const defaultKey = () => `t${Date.now().toString(36)}-${(++keys).toString(36)}`;

export class TaskDiscovery {
  status = $state<DiscoveryStatus>('idle');
  map = $state.raw<TaskMapRecord | null>(null);
  names = $state.raw<ReadonlyMap<string, string>>(NO_NAMES);
  readonly #modelId = new Persisted<string>('playground:embed-model', '');
  readonly #customUrl = new Persisted<string>('playground:embed-url', '');

  /** Which model: an EmbedModel id, or CUSTOM_MODEL for `customUrl` (both survive a reload). */
  get modelId(): string {
    const id = this.#modelId.current;
    return id === CUSTOM_MODEL || this.models.some((m) => m.id === id)
      ? id
      : (this.models[0]?.id ?? CUSTOM_MODEL);
  }

  set modelId(id: string) {
    this.#modelId.current = id;
  }

  get customUrl(): string {
    return this.#customUrl.current;
  }

  set customUrl(url: string) {
    this.#customUrl.current = url;
  }
  /** The number of tasks set by the user; null: chosen by silhouette. */
  k = $state<number | null>(null);
  seed = $state(1);
  /** The size the host gave for the chosen model (null: it did not say). */
  measuredBytes = $state<number | null>(null);
  /** Whether the chosen model is kept in this browser (no download); null until known. */
  cached = $state<boolean | null>(null);
  progress = $state.raw<{ text: string; fraction: number } | null>(null);
  /** What went wrong or was stopped, in words. */
  message = $state<string | null>(null);
  busyTask = $state<string | null>(null);

  readonly models: EmbedModel[];
  readonly #deps: TaskDiscoveryDeps;
  #embedder: EmbedBridge | null = null;
  #clusterer: ClusterBridge | null = null;
  #runs = 0;

  constructor(deps: TaskDiscoveryDeps) {
    this.#deps = deps;
    this.models = embedModels(deps.mode);
  }

  get model(): EmbedModel | null {
    if (this.modelId === CUSTOM_MODEL) return customEmbedModel(this.customUrl);
    return this.models.find((m) => m.id === this.modelId) ?? null;
  }

  get busy(): boolean {
    return this.status === 'loading' || this.status === 'embedding' || this.status === 'clustering';
  }

  /** The tasks, largest first, with names and costs among all logged calls. */
  get tasks(): TaskView[] {
    const map = this.map;
    if (!map) return [];
    const explorer = this.#deps.explorer;
    const costs = taskCosts(
      map,
      costCalls(explorer.rows, (id) => explorer.trace(id)?.usage),
    );
    return map.clusters.map((task, index) => ({
      key: task.key,
      index,
      name: taskName(this.names, task, index),
      words: task.words,
      count: task.traceIds.length,
      cost: costs.get(task.key),
    }));
  }

  #now(): number {
    return (this.#deps.now ?? Date.now)();
  }

  #newKey(): string {
    return (this.#deps.newKey ?? defaultKey)();
  }

  /** Reads the last discovery and the names from the curation store. */
  async restore(): Promise<void> {
    const store = this.#deps.explorer.curation;
    if (!store) return;
    const [map, names] = await Promise.all([store.getTaskMap(), store.allClusterNames()]);
    this.map = map ?? null;
    this.names = namesFrom(names);
  }

  /** Step one: measure the model's size and ask the user to confirm the download. */
  async prepare(): Promise<void> {
    this.message = null;
    const model = this.model;
    if (!model) {
      this.message = 'Give the embedding model as an http(s) URL of a GGUF file.';
      return;
    }
    const count = this.#deps.explorer.shown.length;
    if (count < MIN_CALLS) {
      this.message = `Finding tasks needs at least ${MIN_CALLS} calls; ${count} ${count === 1 ? 'is' : 'are'} shown.`;
      return;
    }
    this.measuredBytes = null;
    this.cached = null;
    this.status = 'confirm';
    const run = ++this.#runs;
    const url = absoluteUrl(model.url);
    const embedder = (this.#embedder ??= this.#deps.embedder());
    const [bytes, cached] = await Promise.all([
      measureSize(url, this.#deps.fetchFn),
      embedder.isCached(url).catch(() => false),
    ]);
    if (run !== this.#runs) return;
    this.measuredBytes = bytes;
    this.cached = cached;
  }

  cancel(): void {
    this.#runs++;
    this.status = 'idle';
  }

  /** Step two (after the confirm): load, embed the calls shown, cluster, map, keep. */
  async run(): Promise<void> {
    const model = this.model;
    if (!model) return;
    const run = ++this.#runs;
    const explorer = this.#deps.explorer;
    const rows: readonly CallRow[] = explorer.shown;
    const ids = rows.map((r) => r.id);
    const texts = ids.map((id) => {
      const trace = explorer.trace(id);
      return trace ? promptOf(trace) : '';
    });
    const seed = this.seed;
    const k = this.k;
    this.message = null;
    const current = () => run === this.#runs;
    try {
      this.status = 'loading';
      this.progress = { text: `Loading ${model.label}`, fraction: 0 };
      const embedder = (this.#embedder ??= this.#deps.embedder());
      const info = await embedder.load(model.url, (p) => {
        if (current()) this.progress = { text: p.text, fraction: p.fraction };
      });
      if (!current()) return;
      this.status = 'embedding';
      this.progress = { text: `Embedding ${ids.length} calls`, fraction: 0 };
      const vectors = await embedder.embed(texts, EMBED_BATCH, (p) => {
        if (current())
          this.progress = {
            text: `Embedded ${p.done} of ${p.total} calls`,
            fraction: p.total ? p.done / p.total : 1,
          };
      });
      if (!current()) return;
      this.status = 'clustering';
      this.progress = {
        text:
          k === null ? 'Clustering (choosing the number of tasks)' : `Clustering into ${k} tasks`,
        fraction: 1,
      };
      const clusterer = (this.#clusterer ??= this.#deps.clusterer());
      const discovery = await clusterer.discover({ vectors, texts, k, seed });
      if (!current()) return;
      const map = taskMapFrom({
        modelName: model.label,
        modelUrl: model.url,
        seed,
        traceIds: ids,
        vectors,
        discovery,
        previous: this.map ?? undefined,
        newKey: () => this.#newKey(),
        now: this.#now(),
      });
      this.map = map;
      explorer.taskFilter = null;
      await explorer.curation?.putTaskMap(map);
      if (info.poolingFromModel === false && current())
        this.message = `${model.label} names no pooling; its vectors are the mean of its token vectors.`;
    } catch (error) {
      if (!current()) return;
      const named = error as { name?: string; message?: string };
      this.message =
        named.name === 'AbortError'
          ? 'Stopped; the tasks found before (if any) are kept.'
          : (named.message ?? String(error));
    } finally {
      if (current()) {
        this.status = 'idle';
        this.progress = null;
      }
    }
  }

  /** Stop: a download ends the embedding worker; embedding stops between batches. */
  stop(): void {
    const status = this.status;
    if (status === 'loading') {
      this.#embedder?.terminate();
      this.#embedder = null;
    } else if (status === 'embedding') {
      void this.#embedder?.stop();
    } else if (status === 'clustering') {
      this.#clusterer?.terminate();
      this.#clusterer = null;
    }
  }

  async rename(key: string, name: string): Promise<void> {
    this.names = withName(this.names, key, name.trim());
    const filter = this.#deps.explorer.taskFilter;
    if (filter?.key === key) this.#deps.explorer.taskFilter = { ...filter, name: name.trim() };
    await this.#deps.explorer.curation?.putClusterName(key, name.trim(), this.#now());
  }

  /** Shows only this task's calls in the table (null: all calls again). */
  showOnly(key: string | null): void {
    const explorer = this.#deps.explorer;
    const view = this.tasks.find((t) => t.key === key);
    const task = this.map?.clusters.find((c) => c.key === key);
    explorer.taskFilter =
      view && task ? { key: view.key, name: view.name, ids: idSet(task.traceIds) } : null;
  }

  #textsOf(traceIds: readonly string[]): string[] {
    return traceIds.map((id) => {
      const trace = this.#deps.explorer.trace(id);
      return trace ? promptOf(trace) : '';
    });
  }

  async #save(map: TaskMapRecord): Promise<void> {
    this.map = map;
    const filter = this.#deps.explorer.taskFilter;
    if (filter) this.showOnly(map.clusters.some((c) => c.key === filter.key) ? filter.key : null);
    await this.#deps.explorer.curation?.putTaskMap(map);
  }

  /** `from`'s calls join `into`, which keeps its name; every task's words are worked out again. */
  async merge(into: string, from: string): Promise<void> {
    if (!this.map || this.busyTask) return;
    this.busyTask = into;
    try {
      const merged = mergeTasks(this.map, into, from, this.#now());
      const words = await this.#clusterer_().labelGroups(
        merged.clusters.map((c) => this.#textsOf(c.traceIds)),
      );
      await this.#save({
        ...merged,
        clusters: merged.clusters.map((c, i) => ({ ...c, words: words[i] ?? c.words })),
      });
    } catch (error) {
      this.message = (error as Error).message;
    } finally {
      this.busyTask = null;
    }
  }

  /** Clusters one task's calls again with k = 2. */
  async split(key: string): Promise<void> {
    const map = this.map;
    const task = map?.clusters.find((c) => c.key === key);
    if (!map || !task || this.busyTask) return;
    if (task.traceIds.length < 2) {
      this.message = 'A task needs at least two calls to be split.';
      return;
    }
    this.busyTask = key;
    try {
      const result = await this.#clusterer_().split(
        taskVectors(map, key),
        this.#textsOf(task.traceIds),
        map.seed,
      );
      const next = splitTask(
        map,
        key,
        result.assignments,
        result.words,
        () => this.#newKey(),
        this.#now(),
      );
      if (next === map) this.message = 'Its calls are all alike: k-means kept them in one task.';
      else await this.#save(next);
    } catch (error) {
      this.message = (error as Error).message;
    } finally {
      this.busyTask = null;
    }
  }

  #clusterer_(): ClusterBridge {
    return (this.#clusterer ??= this.#deps.clusterer());
  }

  dispose(): void {
    this.#runs++;
    this.#embedder?.terminate();
    this.#clusterer?.terminate();
    this.#embedder = null;
    this.#clusterer = null;
  }
}
