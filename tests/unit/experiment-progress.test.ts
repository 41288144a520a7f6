/** The headless runner's progress line: in place on a terminal, one line per tenth in a log. */
import { describe, expect, test } from 'vitest';
import { itemsPerMinute, progressLine, ProgressReporter } from '../../scripts/experiment/progress';
import type { BatchItemRecord } from '../../src/lib/storage/batch-records';

const CONFIGS = [
  { id: 'solo', label: 'Solo' },
  { id: 'team', label: 'Team' },
];

/** An item record where Solo and Team scored `solo` and `team`. */
const record = (index: number, solo: number, team: number) =>
  ({
    index,
    sides: [
      { configId: 'solo', scores: { correct: solo } },
      { configId: 'team', scores: { correct: team } },
    ],
  }) as unknown as BatchItemRecord;

describe('progressLine', () => {
  test('done of total, right answers per config, rate and time left', () => {
    expect(
      progressLine({
        done: 12,
        total: 50,
        correct: [
          { label: 'Solo', correct: 7 },
          { label: 'Team', correct: 9 },
        ],
        elapsedMs: 60_000,
      }),
    ).toBe('12/50 items · correct: Solo 7, Team 9 · 12 items/min · ETA 3 min 10 s');
  });

  test('no rate before the first item; the time taken at the end', () => {
    const correct = [{ label: 'Solo', correct: 0 }];
    expect(progressLine({ done: 0, total: 4, correct, elapsedMs: 500 })).toBe(
      '0/4 items · correct: Solo 0 · — items/min · ETA —',
    );
    expect(progressLine({ done: 4, total: 4, correct, elapsedMs: 30_000 })).toBe(
      '4/4 items · correct: Solo 0 · 8 items/min · took 30.0 s',
    );
    expect(itemsPerMinute(0, 1000)).toBeNull();
  });
});

describe('ProgressReporter', () => {
  function reporter(isTTY: boolean, total: number) {
    const written: string[] = [];
    let clock = 0;
    const progress = new ProgressReporter(
      { isTTY, write: (text: string) => written.push(text) },
      total,
      CONFIGS,
      () => clock,
    );
    return { progress, written, tick: (ms: number) => (clock += ms) };
  }

  test('in a log: one line per tenth of the batch, and the last', () => {
    const { progress, written, tick } = reporter(false, 20);
    progress.start();
    for (let i = 0; i < 20; i++) {
      tick(3000);
      progress.itemDone(record(i, i % 2, 1));
    }
    progress.finish();
    expect(written).toHaveLength(10);
    expect(written.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(written[0]).toBe('2/20 items · correct: Solo 1, Team 2 · 20 items/min · ETA 54.0 s\n');
    expect(written[9]).toBe(
      '20/20 items · correct: Solo 10, Team 20 · 20 items/min · took 1 min 00 s\n',
    );
  });

  test('on a terminal: the line is rewritten in place after every item, and ended at the end', () => {
    const { progress, written, tick } = reporter(true, 3);
    progress.start();
    tick(1000);
    progress.itemDone(record(0, 1, 0));
    tick(1000);
    progress.itemDone(record(1, 0, 0));
    progress.finish();
    expect(written).toEqual([
      '\r\x1b[2K0/3 items · correct: Solo 0, Team 0 · — items/min · ETA —',
      '\r\x1b[2K1/3 items · correct: Solo 1, Team 0 · 60 items/min · ETA 2.0 s',
      '\r\x1b[2K2/3 items · correct: Solo 1, Team 0 · 60 items/min · ETA 1.0 s',
      '\n',
    ]);
    expect(progress.figures.done).toBe(2);
  });
});
