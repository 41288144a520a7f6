/**
 * Guards a store's IndexedDB side for the stores that keep memory behind it (batches, the
 * explorer's marks): each call on IndexedDB is tried, a fault becomes a StorageError reported
 * once per kind (again after a write succeeds), and after `StorageUnavailableError` or
 * `StorageBlockedError` every call is left to memory. The store itself decides what memory keeps.
 */
import type { StorageMode } from './api';
import { openPlaygroundDb, type OpenPlaygroundDbOptions, type PlaygroundDb } from './database';
import { StorageError, toStorageError, type StorageErrorName } from './errors';

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

export interface OpenGuardedStoreOptions extends Omit<
  OpenPlaygroundDbOptions,
  'onBlocking' | 'onTerminated'
> {
  /** Opens the database instead of openPlaygroundDb (tests). */
  open?: () => Promise<PlaygroundDb>;
  /** Faults after opening (quota, lost connection); each kind once until a write succeeds. */
  onError?: (error: StorageError) => void;
}

export interface GuardedStoreHandle<Store> {
  store: Store;
  /** Why the store keeps its records in memory only (absent when IndexedDB opened). */
  reason?: StorageError;
}

/**
 * Opens the playground database for a store with memory behind it. Never rejects: without
 * IndexedDB `make(null)` gives the memory-only store and `reason` says why. Another tab
 * upgrading the database, or the browser closing it, turns the store to memory with `lost`.
 */
export async function openGuardedStore<Store extends { useMemory(reason: StorageError): void }>(
  options: OpenGuardedStoreOptions,
  make: (db: PlaygroundDb | null, onError: (error: StorageError) => void) => Store,
  say: {
    /** Why the store went to memory after the browser closed the database. */
    lost: string;
    /** What could not be done when the database did not open ('open the saved batches'). */
    open: string;
  },
): Promise<GuardedStoreHandle<Store>> {
  const onError = options.onError ?? ((error: StorageError) => console.warn(error.message));
  let lost: (() => void) | undefined;
  const open =
    options.open ??
    (() =>
      openPlaygroundDb({
        ...options,
        onBlocking: () => lost?.(),
        onTerminated: () => lost?.(),
      }));
  try {
    const db = await open();
    const store = make(db, onError);
    lost = () => store.useMemory(new StorageError('StorageUnavailableError', say.lost));
    return { store };
  } catch (error) {
    return {
      store: make(null, onError),
      reason: error instanceof StorageError ? error : toStorageError(error, say.open),
    };
  }
}
