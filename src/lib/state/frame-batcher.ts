/**
 * Collects streamed text and hands it over at most once per animation frame, so a fast stream
 * repaints the page at the display's rate, not once per token.
 */
export class FrameBatcher<K> {
  readonly #pending = new Map<K, string>();
  #scheduled = false;
  readonly #apply: (key: K, text: string) => void;
  readonly #schedule: (fn: () => void) => void;

  constructor(
    apply: (key: K, text: string) => void,
    schedule: (fn: () => void) => void = (fn) => requestAnimationFrame(fn),
  ) {
    this.#apply = apply;
    this.#schedule = schedule;
  }

  push(key: K, text: string): void {
    this.#pending.set(key, (this.#pending.get(key) ?? '') + text);
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule(() => this.flush());
  }

  /** Applies everything pending now. */
  flush(): void {
    this.#scheduled = false;
    for (const [key, text] of this.#pending) this.#apply(key, text);
    this.#pending.clear();
  }
}
