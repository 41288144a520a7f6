import { describe, expect, test } from 'vitest';
import { batchTimes, busyMs, spanOf } from './timing';

describe('batch timing', () => {
  test('busy time is the union of the spans: overlaps count once, gaps not at all', () => {
    expect(busyMs([])).toBe(0);
    expect(busyMs([{ from: 0, to: 10 }])).toBe(10);
    // Two items side by side, then one after a pause.
    expect(
      busyMs([
        { from: 0, to: 10 },
        { from: 5, to: 12 },
        { from: 100, to: 103 },
      ]),
    ).toBe(15);
    // Out of order, one inside another, and an empty span.
    expect(
      busyMs([
        { from: 20, to: 30 },
        { from: 0, to: 50 },
        { from: 60, to: 60 },
      ]),
    ).toBe(50);
    expect(spanOf({ finishedAt: 1500, wallMs: 500 })).toEqual({ from: 1000, to: 1500 });
  });

  test('one item at a time: elapsed is the sum of item times, remaining the mean × items left less the current item', () => {
    const finished = [
      { from: 0, to: 1000 },
      { from: 1000, to: 3000 },
    ];
    const times = batchTimes(finished, [{ from: 3000, to: 3500 }], 5);
    expect(times.elapsedMs).toBe(3500);
    expect(times.remainingMs).toBe(1500 * 3 - 500);
    expect(times.itemsPerMinute).toBe(40);
  });

  test('four items at once: elapsed is wall time, and the estimate uses the rate achieved', () => {
    // Four items of 1 s each, all at once, then four more under way for 0.5 s.
    const finished = [0, 1, 2, 3].map(() => ({ from: 0, to: 1000 }));
    const running = [0, 1, 2, 3].map(() => ({ from: 1000, to: 1500 }));
    const times = batchTimes(finished, running, 12);
    expect(times.elapsedMs).toBe(1500);
    expect(times.itemsPerMinute).toBe(240);
    // 250 ms of elapsed time per item × 8 left, less the 500 ms since the last finished.
    expect(times.remainingMs).toBe(1500);
    expect(batchTimes([], running, 12)).toEqual({
      elapsedMs: 500,
      remainingMs: null,
      itemsPerMinute: null,
    });
  });
});
