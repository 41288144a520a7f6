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
}
