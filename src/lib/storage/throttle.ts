/**
 * Coalescing of writes per key (a run id): token-level updates ask for a write `soon`, and get at
 * most one every `intervalMs`; turn and run ends ask for one `now`. Writes of one key run one
 * after another, each saving the state current when it runs, so the last state always wins.
 */

/** Time and timers, injectable for tests. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface KeyState {
  /** The pending `soon` write, if any. */
  timer?: unknown;
  /** When the last write was started (clock time). */
  lastAt: number;
  /** The writes of this key, chained. */
  chain: Promise<void>;
}

export class WriteThrottle {
  readonly #write: (key: string) => Promise<void>;
  readonly #intervalMs: number;
  readonly #clock: Clock;
  readonly #keys = new Map<string, KeyState>();

  /** `write` saves the key's current state; it must not reject (report failures itself). */
  constructor(write: (key: string) => Promise<void>, intervalMs: number, clock: Clock) {
    this.#write = write;
    this.#intervalMs = intervalMs;
    this.#clock = clock;
  }

  #state(key: string): KeyState {
    let state = this.#keys.get(key);
    if (!state) {
      state = { lastAt: Number.NEGATIVE_INFINITY, chain: Promise.resolve() };
      this.#keys.set(key, state);
    }
    return state;
  }

  #start(key: string, state: KeyState): Promise<void> {
    if (state.timer !== undefined) {
      this.#clock.clearTimeout(state.timer);
      state.timer = undefined;
    }
    state.lastAt = this.#clock.now();
    state.chain = state.chain.then(() => this.#write(key)).catch(() => undefined);
    return state.chain;
  }

  /** Asks for a write of `key` within `intervalMs`; several asks in between make one write. */
  soon(key: string): void {
    const state = this.#state(key);
    if (state.timer !== undefined) return;
    const wait = Math.max(0, state.lastAt + this.#intervalMs - this.#clock.now());
    state.timer = this.#clock.setTimeout(() => {
      state.timer = undefined;
      void this.#start(key, state);
    }, wait);
  }

  /** Writes `key` now (replacing a pending write); resolves when it and earlier ones are done. */
  now(key: string): Promise<void> {
    return this.#start(key, this.#state(key));
  }

  /** Whether a `soon` write of `key` is waiting for its time. */
  pending(key: string): boolean {
    return this.#keys.get(key)?.timer !== undefined;
  }

  /** Writes every pending key now; resolves when all writes asked for so far are done. */
  async flush(): Promise<void> {
    const chains: Promise<void>[] = [];
    for (const [key, state] of this.#keys) {
      chains.push(state.timer !== undefined ? this.#start(key, state) : state.chain);
    }
    await Promise.all(chains);
  }

  /** Drops a pending write of `key` and forgets it, once its writes in flight are done. */
  async forget(key: string): Promise<void> {
    const state = this.#keys.get(key);
    if (!state) return;
    if (state.timer !== undefined) this.#clock.clearTimeout(state.timer);
    state.timer = undefined;
    await state.chain;
    if (this.#keys.get(key) === state && state.timer === undefined) this.#keys.delete(key);
  }
}
