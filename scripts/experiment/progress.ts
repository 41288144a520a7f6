/**
 * The runner's one progress line: items done of the total, how many each config got right so
 * far, items per minute and the time left. On a terminal the line is rewritten in place; in a
 * log (not a TTY) one line is printed per tenth of the batch, and at the end.
 */
import { formatDuration, formatNumber } from '../../src/lib/batch/format';
import type { BatchConfig, BatchItemRecord } from '../../src/lib/storage/batch-records';

export interface ProgressFigures {
  done: number;
  total: number;
  /** Items each config got right so far, in config order. */
  correct: { label: string; correct: number }[];
  /** Since the first item started. */
  elapsedMs: number;
}

/** Items per minute so far; null before the first item is done. */
export function itemsPerMinute(done: number, elapsedMs: number): number | null {
  return done > 0 && elapsedMs > 0 ? (done * 60_000) / elapsedMs : null;
}

/** "12/50 items · correct: Solo 7, Team 9 · 14.2 items/min · ETA 2 min 40 s". */
export function progressLine(figures: ProgressFigures): string {
  const { done, total, correct, elapsedMs } = figures;
  const rate = itemsPerMinute(done, elapsedMs);
  const left = rate === null ? null : ((total - done) / rate) * 60_000;
  return [
    `${done}/${total} items`,
    `correct: ${correct.map((c) => `${c.label} ${c.correct}`).join(', ')}`,
    `${rate === null ? '—' : formatNumber(rate)} items/min`,
    done === total ? `took ${formatDuration(elapsedMs)}` : `ETA ${formatDuration(left)}`,
  ].join(' · ');
}

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Keeps the figures as items finish and prints the line. */
export class ProgressReporter {
  readonly #out: ProgressOutput;
  readonly #now: () => number;
  readonly #figures: ProgressFigures;
  readonly #ids: string[];
  #started: number;
  /** The last tenth of the batch printed (not on a terminal). */
  #shownTenth = 0;

  constructor(
    out: ProgressOutput,
    total: number,
    configs: readonly Pick<BatchConfig, 'id' | 'label'>[],
    now: () => number = () => performance.now(),
  ) {
    this.#out = out;
    this.#now = now;
    this.#started = now();
    this.#figures = {
      done: 0,
      total,
      correct: configs.map((c) => ({ label: c.label, correct: 0 })),
      elapsedMs: 0,
    };
    this.#ids = configs.map((c) => c.id);
  }

  /** Restarts the clock (when the first item starts, after the models are loaded). */
  start(): void {
    this.#started = this.#now();
    this.#show();
  }

  get figures(): ProgressFigures {
    return { ...this.#figures, correct: this.#figures.correct.map((c) => ({ ...c })) };
  }

  itemDone(record: BatchItemRecord): void {
    this.#figures.done++;
    for (const side of record.sides) {
      const entry = this.#figures.correct[this.#ids.indexOf(side.configId)];
      if (entry) entry.correct += side.scores.correct;
    }
    this.#show();
  }

  /** Ends the line on a terminal. */
  finish(): void {
    if (this.#out.isTTY) this.#out.write('\n');
  }

  #show(): void {
    this.#figures.elapsedMs = this.#now() - this.#started;
    const line = progressLine(this.#figures);
    if (this.#out.isTTY) {
      this.#out.write(`\r\x1b[2K${line}`);
      return;
    }
    const { done, total } = this.#figures;
    const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
    if (done > 0 && tenth > this.#shownTenth) {
      this.#shownTenth = tenth;
      this.#out.write(`${line}\n`);
    }
  }
}
