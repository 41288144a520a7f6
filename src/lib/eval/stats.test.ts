import { describe, expect, it } from 'vitest';
import {
  accuracyPer1kTokens,
  bootstrapMean,
  mean,
  mulberry32,
  pairedFlips,
  quantileSorted,
} from './stats';

/** 0/1 scores with the given number right out of n, spread evenly. */
function scores(right: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => ((i * right) % n < right ? 1 : 0));
}

describe('mean and quantiles', () => {
  it('averages and is NaN for no values', () => {
    expect(mean([1, 0, 1, 1])).toBe(0.75);
    expect(mean([])).toBeNaN();
  });

  it('interpolates quantiles linearly', () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([1, 2, 3], 0.5)).toBe(2);
  });
});

describe('mulberry32', () => {
  it('is deterministic for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });
});

describe('bootstrapMean', () => {
  it('contains the mean', () => {
    const values = scores(13, 20);
    const interval = bootstrapMean(values);
    expect(interval.mean).toBe(0.65);
    expect(interval.low).toBeLessThanOrEqual(interval.mean);
    expect(interval.high).toBeGreaterThanOrEqual(interval.mean);
    expect(interval.low).toBeGreaterThan(0.3);
    expect(interval.high).toBeLessThan(0.95);
  });

  it('is narrower with more data', () => {
    const small = bootstrapMean(scores(10, 20));
    const large = bootstrapMean(scores(100, 200));
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
  });

  it('is deterministic for a seed and changes with it', () => {
    const values = Array.from({ length: 30 }, (_, i) => ((i * 37) % 101) / 100);
    expect(bootstrapMean(values, { seed: 7 })).toEqual(bootstrapMean(values, { seed: 7 }));
    expect(bootstrapMean(values, { seed: 7 })).not.toEqual(bootstrapMean(values, { seed: 8 }));
  });

  it('has zero width for constant values and NaN bounds for none', () => {
    expect(bootstrapMean([1, 1, 1])).toEqual({ mean: 1, low: 1, high: 1 });
    const empty = bootstrapMean([]);
    expect(empty.low).toBeNaN();
    expect(empty.high).toBeNaN();
  });
});

describe('pairedFlips', () => {
  it('lists the items where exactly one run is right', () => {
    expect(pairedFlips([1, 0, 1, 0, 1], [1, 1, 0, 0, 0])).toEqual({
      aOnly: [2, 4],
      bOnly: [1],
      bothRight: 1,
      bothWrong: 1,
    });
  });

  it('uses the threshold for continuous scores', () => {
    expect(pairedFlips([0.6, 0.4], [0.4, 0.6]).aOnly).toEqual([0]);
    expect(pairedFlips([0.6, 0.4], [0.4, 0.6], 0.7).bothWrong).toBe(2);
  });

  it('rejects runs of different lengths', () => {
    expect(() => pairedFlips([1], [1, 0])).toThrow('pairedFlips: the runs have 1 and 2 scores');
  });
});

describe('accuracyPer1kTokens', () => {
  it('is correct answers per 1,000 tokens', () => {
    expect(accuracyPer1kTokens([1, 0, 1, 1], [500, 500, 1000, 1000])).toBe(1);
    expect(accuracyPer1kTokens([1, 1], 4000)).toBe(0.5);
    expect(accuracyPer1kTokens([1], 0)).toBeNaN();
  });
});
