/**
 * Guards a store's IndexedDB side for the stores that keep memory behind it (batches, the
 * explorer's marks): each call on IndexedDB is tried, a fault becomes a StorageError reported
 * once per kind (again after a write succeeds), and after `StorageUnavailableError` or
 * `StorageBlockedError` every call is left to memory. The store itself decides what memory keeps.
 */
import type { StorageMode } from './api';
import { toStorageError, type StorageError, type StorageErrorName } from './errors';

export class StoreGuard<Api extends { close(): Promise<void> }> {
  readonly #primary: Api | null;
  readonly #onError: (error: StorageError) => void;
  readonly #reported = new Set<StorageErrorName>();
  #down = false;

  /** `primary`: the IndexedDB store, or null when it could not be opened (memory only). */
  constructor(primary: Api | null, onError: (error: StorageError) => void) {
    this.#primary = primary;
    this.#onError = onError;
  }

  get mode(): StorageMode {
    return this.#primary && !this.#down ? 'indexeddb' : 'memory';
  }

  /** Goes on in memory only from now on, reporting why (`action`: what could not be done). */
  useMemory(reason: StorageError, action: string): void {
    this.#fault(reason, action);
    this.#down = true;
  }

  #fault(error: unknown, action: string): void {
    const fault = toStorageError(error, action);
    if (fault.name === 'StorageUnavailableError' || fault.name === 'StorageBlockedError')
      this.#down = true;
    if (this.#reported.has(fault.name)) return;
    this.#reported.add(fault.name);
    try {
      this.#onError(fault);
    } catch {
      // A failing handler must not stop the work that stores.
    }
  }

  /** Runs a write on IndexedDB; false when there is none or it failed (the fault is reported). */
  async write(op: (db: Api) => Promise<void>, action: string): Promise<boolean> {
    if (!this.#primary || this.#down) return false;
    try {
      await op(this.#primary);
      this.#reported.clear();
      return true;
    } catch (error) {
      this.#fault(error, action);
      return false;
    }
  }

  /** Runs a read on IndexedDB; undefined when there is none or it failed (reported). */
  async read<T>(op: (db: Api) => Promise<T>, action: string): Promise<T | undefined> {
    if (!this.#primary || this.#down) return undefined;
    try {
      return await op(this.#primary);
    } catch (error) {
      this.#fault(error, action);
      return undefined;
    }
  }

  /** Closes the IndexedDB store, if any; a failure to close is nothing to report. */
  async close(): Promise<void> {
    await this.#primary?.close().catch(() => undefined);
  }
}
