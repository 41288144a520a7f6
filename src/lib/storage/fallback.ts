/**
 * A primary backend (IndexedDB) with memory behind it: writes the primary refuses go to memory,
 * reads merge both, and faults are turned into StorageErrors and reported (each kind once until
 * a write succeeds again). Once the primary is lost for good (unavailable, blocked, closed for
 * another tab's upgrade), everything goes to memory.
 */
import type { StorageMode } from './api';
import { MemoryBackend, type StorageBackend } from './backend';
import { toStorageError, type StorageError, type StorageErrorName } from './errors';

export type Attempt<T> = { ok: true; value: T } | { ok: false };

export class FallbackStorage {
  /** Records the primary refused; merged into every read. */
  readonly memory = new MemoryBackend();
  readonly #primary: StorageBackend;
  readonly #onError: (error: StorageError) => void;
  /** Set once the primary is lost for good. */
  #down: StorageError | undefined;
  /** Fault kinds reported since the last successful write. */
  readonly #reported = new Set<StorageErrorName>();

  constructor(primary: StorageBackend, onError: (error: StorageError) => void) {
    this.#primary = primary;
    this.#onError = onError;
  }

  get mode(): StorageMode {
    return this.#down || this.#primary instanceof MemoryBackend ? 'memory' : 'indexeddb';
  }

  /** Goes on in memory only from now on, reporting why. */
  useMemory(reason: StorageError): void {
    this.#down ??= reason;
    this.fault(reason);
  }

  /** Reports a fault (once per kind until a write succeeds); never throws. */
  fault(error: StorageError): void {
    if (error.name === 'StorageUnavailableError' || error.name === 'StorageBlockedError')
      this.#down ??= error;
    if (this.#reported.has(error.name)) return;
    this.#reported.add(error.name);
    try {
      this.#onError(error);
    } catch {
      // A failing handler must not break recording.
    }
  }

  /** A write or delete reached the primary: report the next fault again. */
  succeeded(): void {
    this.#reported.clear();
  }

  /** Runs `op` on the primary; a failure is reported and answered with `{ ok: false }`. */
  async attempt<T>(action: string, op: (b: StorageBackend) => Promise<T>): Promise<Attempt<T>> {
    if (this.#down) return { ok: false };
    try {
      return { ok: true, value: await op(this.#primary) };
    } catch (error) {
      this.fault(toStorageError(error, action));
      return { ok: false };
    }
  }

  /** Writes to the primary, or to memory when it refuses; `onSaved` after a primary write. */
  async write(
    action: string,
    op: (b: StorageBackend) => Promise<void>,
    onSaved?: () => void,
  ): Promise<void> {
    if ((await this.attempt(action, op)).ok) {
      this.succeeded();
      onSaved?.();
    } else {
      await op(this.memory);
    }
  }

  /** Reads from both, by key; memory wins (it holds what the primary refused, newer). */
  async merge<T>(
    action: string,
    op: (b: StorageBackend) => Promise<T[]>,
    key: (item: T) => string,
  ): Promise<Map<string, T>> {
    const stored = await this.attempt(action, op);
    const merged = new Map<string, T>();
    for (const item of stored.ok ? stored.value : []) merged.set(key(item), item);
    for (const item of await op(this.memory)) merged.set(key(item), item);
    return merged;
  }
}
