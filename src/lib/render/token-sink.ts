/**
 * The one path from streamed tokens to view state: every view (Single agent, Solo vs Team) and
 * the benchmark push each token here, keyed by what it belongs to (a turn, the single answer),
 * and the sink hands text and token counts over together at most once per animation frame, so
 * a fast stream repaints the page at the display's rate, not once per token.
 */
export class TokenSink<K> {
  readonly #pending = new Map<K, { text: string; tokens: number }>();
  #scheduled = false;
  readonly #apply: (key: K, text: string, tokens: number) => void;
  readonly #schedule: (fn: () => void) => void;

  constructor(
    apply: (key: K, text: string, tokens: number) => void,
    schedule: (fn: () => void) => void = (fn) => requestAnimationFrame(fn),
  ) {
    this.#apply = apply;
    this.#schedule = schedule;
  }

  /** One token's text for `key`. */
  push(key: K, delta: string): void {
    const pending = this.#pending.get(key);
    if (pending) {
      pending.text += delta;
      pending.tokens++;
    } else this.#pending.set(key, { text: delta, tokens: 1 });
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule(() => this.flush());
  }

  /** Applies everything pending now (before a turn's end is shown, say). */
  flush(): void {
    this.#scheduled = false;
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [key, { text, tokens }] of pending) this.#apply(key, text, tokens);
  }

  /** Drops what is pending for `key` (its call has ended and its final text is in). */
  drop(key: K): void {
    this.#pending.delete(key);
  }
}
