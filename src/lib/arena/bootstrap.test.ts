import { describe, expect, test } from 'vitest';
import { bradleyTerry, type Comparison } from './bradley-terry';
import { bootstrapScores } from './bootstrap';

const games = (a: string, b: string, scoreA: number, times: number): Comparison[] =>
  Array.from({ length: times }, () => ({ a, b, scoreA }));

/** A beats B 3 games in 4, `per` times over; B and C split evenly. */
const record = (per: number): Comparison[] => [
  ...games('A', 'B', 1, 3 * per),
  ...games('A', 'B', 0, per),
  ...games('B', 'C', 1, per),
  ...games('B', 'C', 0, per),
];

describe('bootstrapScores', () => {
  test('the same seed gives the same intervals; another seed, others', () => {
    const comparisons = record(3);
    const first = bootstrapScores(comparisons, { seed: 7, resamples: 200 });
    expect(bootstrapScores(comparisons, { seed: 7, resamples: 200 })).toEqual(first);
    const other = bootstrapScores(comparisons, { seed: 8, resamples: 200 });
    expect(other.get('A')).not.toEqual(first.get('A'));
  });

  test('each interval holds the fitted score, and more votes make it narrower', () => {
    const width = (per: number) => {
      const comparisons = record(per);
      const fit = bradleyTerry(comparisons);
      const intervals = bootstrapScores(comparisons, { resamples: 300 });
      for (const rating of fit.ratings) {
        const interval = intervals.get(rating.key);
        expect(interval?.low).toBeLessThan(rating.score);
        expect(interval?.high).toBeGreaterThan(rating.score);
        expect(interval?.samples).toBe(300);
      }
      const a = intervals.get('A');
      return (a?.high ?? 0) - (a?.low ?? 0);
    };
    expect(width(20)).toBeLessThan(width(2) / 2);
  });

  test('a lower level gives a narrower interval', () => {
    const comparisons = record(3);
    const wide = bootstrapScores(comparisons, { resamples: 300 }).get('A');
    const narrow = bootstrapScores(comparisons, { resamples: 300, level: 0.5 }).get('A');
    expect((narrow?.high ?? 0) - (narrow?.low ?? 0)).toBeLessThan(
      (wide?.high ?? 0) - (wide?.low ?? 0),
    );
  });

  test('an entry some resamples leave out is scored on the others', () => {
    // D plays one game of 41: a resample misses it with probability (40/41)^41 ≈ 0.36.
    const comparisons = [...record(10), ...games('D', 'C', 1, 1)];
    const d = bootstrapScores(comparisons).get('D');
    expect(d?.samples).toBeGreaterThan(550);
    expect(d?.samples).toBeLessThan(720);
    expect(d?.low).toBeLessThan(d?.high ?? Number.NaN);
  });

  test('no games, no intervals; a game against itself is none', () => {
    expect(bootstrapScores([]).size).toBe(0);
    expect(bootstrapScores(games('A', 'A', 1, 3)).size).toBe(0);
  });
});
