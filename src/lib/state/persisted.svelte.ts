/**
 * A value kept in localStorage across reloads. Storage that throws (private windows, quota)
 * is tolerated: the value then lives in memory only.
 */
export class Persisted<T> {
  #value = $state() as T;
  readonly #key: string;
  readonly #storage: Storage | undefined;

  constructor(key: string, initial: T, storage: Storage | undefined = safeLocalStorage()) {
    this.#key = key;
    this.#storage = storage;
    this.#value = this.#read() ?? initial;
  }

  get current(): T {
    return this.#value;
  }

  set current(value: T) {
    this.#value = value;
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(value));
    } catch {
      // Quota or disabled storage: keep the value in memory.
    }
  }

  #read(): T | undefined {
    try {
      const raw = this.#storage?.getItem(this.#key);
      return raw === null || raw === undefined ? undefined : (JSON.parse(raw) as T);
    } catch {
      return undefined;
    }
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
