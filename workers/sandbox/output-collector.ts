/**
 * Collects a run's stdout and stderr up to a cap (in UTF-16 code units, close enough to bytes
 * for a limit): past it, text is dropped and the run is marked truncated, so a program that
 * prints 10 MB costs the page 64 KiB.
 */
export class OutputCollector {
  readonly #cap: number;
  #used = 0;
  stdout = '';
  stderr = '';
  truncated = false;

  constructor(cap: number) {
    this.#cap = Math.max(0, cap);
  }

  /** Whether the cap is reached: writers may stop producing output. */
  get full(): boolean {
    return this.#used >= this.#cap;
  }

  /** Keeps what fits of `text`; returns false once the cap is reached. */
  write(stream: 'stdout' | 'stderr', text: string): boolean {
    const room = this.#cap - this.#used;
    const kept = text.length <= room ? text : text.slice(0, Math.max(0, room));
    if (kept.length < text.length) this.truncated = true;
    this.#used += kept.length;
    if (stream === 'stdout') this.stdout += kept;
    else this.stderr += kept;
    return !this.full;
  }
}
