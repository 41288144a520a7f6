/**
 * The trace explorer as the page shows it: every logged call as a row, the filters and the rows
 * they show, keep/drop marks (in the curation store), the selected call, and the export's
 * choices. The database, the curation store and the clock come in as arguments (tests pass
 * memory ones).
 */
import type { CurationStoreApi } from '../storage/curation-store';
import type { StorageError } from '../storage/errors';
import type { TraceRecord } from '../storage/records';
import type { CuratedCall } from '../specialist/curated-call';
import type { Split } from '../specialist/split';
import { callFacets, CallFilterCache, NO_FILTER, type CallFilter } from './call-filter';
import type { CallRow } from './call-rows';
import { loadCalls, withMarks, type BatchSource, type TraceSource } from './load-calls';

export type { BatchSource, TraceSource } from './load-calls';
import {
  buildExport,
  exportCounts,
  exportSplit,
  isKept,
  type ExportFiles,
  type ExportOptions,
} from './explorer-export';

export interface ExplorerDeps {
  /** Opens the curation store; faults after opening go to `onError`. */
  openCuration: (
    onError: (error: StorageError) => void,
  ) => Promise<{ store: CurationStoreApi; reason?: StorageError }>;
  now?: () => number;
}

function onlyTask(
  rows: readonly CallRow[],
  task: { ids: ReadonlySet<string> } | null,
): readonly CallRow[] {
  return task ? rows.filter((r) => task.ids.has(r.id)) : rows;
}

const NO_MARKS: ReadonlyMap<string, boolean> = new Map<string, boolean>();
const NO_TRACES: ReadonlyMap<string, TraceRecord> = new Map<string, TraceRecord>();

export class ExplorerState {
  rows = $state.raw<CallRow[]>([]);
  /** Trace id → keep (true) or drop (false); unmarked calls are kept. */
  marks = $state.raw<ReadonlyMap<string, boolean>>(NO_MARKS);
  filter = $state<CallFilter>({ ...NO_FILTER });
  selectedId = $state<string | null>(null);
  status = $state<'idle' | 'loading' | 'ready'>('idle');
  /** Why marks are not kept across reloads, or a fault while writing them. */
  problem = $state.raw<StorageError | null>(null);
  exportOptions = $state<ExportOptions>({
    format: 'openai',
    onlyKept: true,
    onlyRight: false,
    mask: true,
    validationShare: 0.1,
    seed: 1,
  });

  /** "Show only this task": the calls of one task found by task discovery, with its name. */
  taskFilter = $state.raw<{ key: string; name: string; ids: ReadonlySet<string> } | null>(null);

  readonly #filterCache = new CallFilterCache();
  readonly shown = $derived(
    onlyTask(this.#filterCache.filter(this.rows, this.filter), this.taskFilter),
  );
  readonly facets = $derived(callFacets(this.rows));
  readonly keptCount = $derived(
    this.rows.reduce((n, r) => n + (isKept(this.marks, r.id) ? 1 : 0), 0),
  );
  readonly counts = $derived(exportCounts(this.shown, this.marks, this.exportOptions));

  #traces = NO_TRACES;
  #curation: CurationStoreApi | null = null;
  readonly #deps: ExplorerDeps;
  #loads = 0;

  constructor(deps: ExplorerDeps) {
    this.#deps = deps;
  }

  /**
   * Reads every trace, the runs and benchmark batches they belong to, and the marks; a later
   * load wins.
   */
  async load(source: TraceSource, batches?: BatchSource | null): Promise<void> {
    const load = ++this.#loads;
    this.status = 'loading';
    const curation = this.#curation ?? (await this.#openCuration());
    const loaded = await loadCalls(source, curation, batches);
    if (load !== this.#loads) return;
    this.#traces = loaded.traces;
    this.marks = loaded.marks;
    this.rows = loaded.rows;
    if (this.selectedId !== null && !this.#traces.has(this.selectedId)) this.selectedId = null;
    this.status = 'ready';
  }

  async #openCuration(): Promise<CurationStoreApi> {
    const handle = await this.#deps.openCuration((error) => (this.problem = error));
    this.#curation = handle.store;
    if (handle.reason) this.problem = handle.reason;
    return handle.store;
  }

  /** The curation store once the first load has opened it (task discovery keeps its data there). */
  get curation(): CurationStoreApi | null {
    return this.#curation;
  }

  /** A logged call's whole trace. */
  trace(id: string): TraceRecord | undefined {
    return this.#traces.get(id);
  }

  get selected(): TraceRecord | undefined {
    return this.selectedId === null ? undefined : this.#traces.get(this.selectedId);
  }

  get selectedRow(): CallRow | undefined {
    return this.rows.find((r) => r.id === this.selectedId);
  }

  kept(id: string): boolean {
    return isKept(this.marks, id);
  }

  /** Marks one call. */
  async setMark(id: string, keep: boolean): Promise<void> {
    await this.#mark([id], keep);
  }

  /** Marks every call shown (one write). */
  async markShown(keep: boolean): Promise<void> {
    await this.#mark(
      this.shown.map((r) => r.id),
      keep,
    );
  }

  async #mark(ids: readonly string[], keep: boolean): Promise<void> {
    this.marks = withMarks(this.marks, ids, keep);
    const now = (this.#deps.now ?? Date.now)();
    await this.#curation?.putMarks(
      ids.map((traceId) => ({ traceId, keep })),
      now,
    );
  }

  clearFilter(): void {
    this.filter = { ...NO_FILTER };
    this.taskFilter = null;
  }

  /** The export of the calls shown, with the current choices. */
  exportFiles(now?: Date): ExportFiles {
    return buildExport(this.shown, this.#traces, this.marks, this.exportOptions, now);
  }

  /** The export of the given rows (one task's calls of one role), with the current choices. */
  exportRows(rows: readonly CallRow[], now?: Date): ExportFiles {
    return buildExport(rows, this.#traces, this.marks, this.exportOptions, now);
  }

  /** How the export would split the given rows, with the current choices (its validation part is what a comparison holds out). */
  splitRows(rows: readonly CallRow[]): Split<CuratedCall> {
    return exportSplit(rows, this.#traces, this.marks, this.exportOptions);
  }

  async dispose(): Promise<void> {
    this.#loads++;
    await this.#curation?.close();
    this.#curation = null;
  }
}
