/**
 * The run history as the page shows it: the store (IndexedDB, or memory when that fails),
 * the list of past runs with search, one opened run, and saved configs.
 */
import type { RunStoreApi, StorageMode } from '../storage/api';
import { createRunStore } from '../storage/create-run-store';
import type { StorageError } from '../storage/errors';
import { flushOnPageHide } from '../storage/page-lifecycle';
import type { RunRecord, RunSummary, SavedConfigRecord } from '../storage/records';
import { tracesToJsonl } from '../storage/trace-export';
import type { ExperimentConfig } from '../team/config';

/** How long a deleted run can be brought back (Undo) before it leaves the store. */
export const UNDO_DELETE_MS = 10_000;

export class HistoryState {
  store = $state.raw<RunStoreApi | null>(null);
  mode = $state<StorageMode | null>(null);
  /** Why runs are kept in memory only, or the last storage fault. */
  problem = $state.raw<StorageError | null>(null);
  runs = $state.raw<RunSummary[]>([]);
  configs = $state.raw<SavedConfigRecord[]>([]);
  search = $state('');
  opened = $state.raw<RunRecord | null>(null);

  async open(): Promise<RunStoreApi> {
    const handle = await createRunStore({ onError: (error) => (this.problem = error) });
    // A reload or a closed tab keeps every token that was on screen (streaming writes wait).
    flushOnPageHide(handle.store);
    this.store = handle.store;
    this.mode = handle.mode;
    this.problem = handle.reason ?? null;
    await this.refresh();
    return handle.store;
  }

  async refresh(): Promise<void> {
    if (!this.store) return;
    const search = this.search.trim();
    [this.runs, this.configs] = await Promise.all([
      this.store.list(search ? { search, limit: 200 } : { limit: 200 }),
      this.store.listConfigs(),
    ]);
  }

  async show(id: string): Promise<void> {
    this.opened = (await this.store?.get(id)) ?? null;
  }

  close(): void {
    this.opened = null;
  }

  async delete(id: string): Promise<void> {
    await this.store?.delete(id);
    if (this.opened?.id === id) this.opened = null;
    await this.refresh();
  }

  async saveConfig(name: string, config: ExperimentConfig): Promise<void> {
    await this.store?.saveConfig(name, config);
    await this.refresh();
  }

  async deleteConfig(id: string): Promise<void> {
    await this.store?.deleteConfig(id);
    await this.refresh();
  }

  /** Every recorded agent call as fine-tuning JSONL. */
  async exportTraces(maskPii: boolean): Promise<{ text: string; count: number }> {
    const traces = (await this.store?.allTraces()) ?? [];
    return { text: tracesToJsonl(traces, { maskPii }), count: traces.length };
  }

  // Delete with undo: the run leaves the list at once, and the store only when the undo window
  // passes (or the next delete, or the page goes away), so Undo brings it back with its turns.

  /** The run deleted last, still in the store while Undo is offered. */
  pendingDelete = $state.raw<RunSummary | null>(null);
  #pendingTimer: ReturnType<typeof setTimeout> | undefined;

  /** The runs to list: the one awaiting deletion left out. */
  get visibleRuns(): RunSummary[] {
    const pending = this.pendingDelete;
    return pending ? this.runs.filter((r) => r.id !== pending.id) : this.runs;
  }

  /** Hides the run now and deletes it after `undoMs` unless undoDelete() comes first. */
  async deleteWithUndo(id: string, undoMs = UNDO_DELETE_MS): Promise<void> {
    await this.commitDelete();
    const summary = this.runs.find((r) => r.id === id);
    if (!summary) return this.delete(id);
    this.pendingDelete = summary;
    if (this.opened?.id === id) this.opened = null;
    this.#pendingTimer = setTimeout(() => void this.commitDelete(), undoMs);
  }

  /** Brings the pending run back; it was never removed from the store. */
  undoDelete(): void {
    clearTimeout(this.#pendingTimer);
    this.pendingDelete = null;
  }

  /** Ends the undo window now: the pending run leaves the store. */
  async commitDelete(): Promise<void> {
    const pending = this.pendingDelete;
    if (!pending) return;
    clearTimeout(this.#pendingTimer);
    this.pendingDelete = null;
    this.runs = this.runs.filter((r) => r.id !== pending.id);
    await this.delete(pending.id);
  }
}
