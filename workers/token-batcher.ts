import type { TokenEvent } from '../src/lib/engine/types';

/**
 * Sends a call's tokens to the page in small batches instead of one message each: the first
 * token at once (time to first token stays honest on the page), later ones at most every
 * `intervalMs`. `settled()` flushes the rest and waits until the page has taken every batch.
 */
export class TokenBatcher {
  readonly #send: (events: TokenEvent[]) => unknown;
  readonly #intervalMs: number;
  #pending: TokenEvent[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #sentAny = false;
  /** What the last send returned: over comlink, a promise that settles once the page ran it. */
  #delivered: unknown;

  constructor(send: (events: TokenEvent[]) => unknown, intervalMs = 8) {
    this.#send = send;
    this.#intervalMs = intervalMs;
  }

  push(event: TokenEvent): void {
    this.#pending.push(event);
    if (!this.#sentAny) return this.flush();
    this.#timer ??= setTimeout(() => this.flush(), this.#intervalMs);
  }

  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = [];
    this.#sentAny = true;
    this.#delivered = this.#send(events);
  }

  /**
   * Flushes and waits for the page to take the last batch. Tokens travel on the callback's own
   * channel and the call's result on the worker's: without this wait the result could overtake
   * the last tokens.
   */
  async settled(): Promise<void> {
    this.flush();
    await Promise.resolve(this.#delivered).catch(() => {});
  }
}
