/**
 * API keys of remote servers, by endpoint (base URL). Kept in memory by default; remembered in
 * this browser (localStorage) only for endpoints the user ticks. A key never enters a model
 * record, a share link, an export, a trace or History: those name the endpoint only, and the
 * key is looked up here when a worker is asked to load the model.
 */

const STORAGE_KEY = 'playground:remote-keys';

export class ApiKeys {
  readonly #memory = new Map<string, string>();
  readonly #storage: Storage | undefined;

  constructor(storage: Storage | undefined = safeLocalStorage()) {
    this.#storage = storage;
  }

  /** The key for `baseUrl`, from memory first, then what this browser remembers. */
  get(baseUrl: string): string | undefined {
    return this.#memory.get(baseUrl) ?? this.#remembered()[baseUrl];
  }

  /** Whether the key for `baseUrl` is remembered in this browser. */
  isRemembered(baseUrl: string): boolean {
    return baseUrl in this.#remembered();
  }

  /**
   * Sets (or, with an empty key, forgets) the key for `baseUrl`; `remember` keeps it in this
   * browser, otherwise any remembered copy is removed. Returns false when the browser refused to
   * store it (the key then lives in memory only).
   */
  set(baseUrl: string, key: string, remember: boolean): boolean {
    const trimmed = key.trim();
    if (trimmed) this.#memory.set(baseUrl, trimmed);
    else this.#memory.delete(baseUrl);
    const stored = this.#remembered();
    delete stored[baseUrl];
    if (trimmed && remember) stored[baseUrl] = trimmed;
    return this.#write(stored);
  }

  #remembered(): Record<string, string> {
    try {
      const raw = this.#storage?.getItem(STORAGE_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      return Object.fromEntries(
        Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
    } catch {
      return {};
    }
  }

  #write(stored: Record<string, string>): boolean {
    try {
      if (Object.keys(stored).length) this.#storage?.setItem(STORAGE_KEY, JSON.stringify(stored));
      else this.#storage?.removeItem(STORAGE_KEY);
      return true;
    } catch {
      return false;
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

/** The page's keys. */
export const apiKeys = new ApiKeys();
