import { describe, expect, test } from 'vitest';
import {
  bradleyTerry,
  comparisonOf,
  DEFAULT_PRIOR,
  fitPairs,
  POINTS_PER_NAT,
  solveSpd,
  tally,
  type BradleyTerryFit,
  type Comparison,
} from './bradley-terry';
import { mulberry32 } from '../eval/stats';
import { vote } from './fixtures';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** `times` games in which `a` scores `scoreA`. */
const games = (a: string, b: string, scoreA: number, times: number): Comparison[] =>
  Array.from({ length: times }, () => ({ a, b, scoreA }));

/** The root of an increasing function on [lo, hi], by bisection (independent of the fit). */
function root(f: (x: number) => number, lo: number, hi: number): number {
  for (let k = 0; k < 200; k += 1) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const theta = (fit: BradleyTerryFit, key: string) => {
  const rating = fit.ratings.find((r) => r.key === key);
  if (!rating) throw new Error(`no rating for ${key}`);
  return rating.logStrength;
};

/**
 * The optimum's equations, one per entry: observed wins (ties ½) = expected wins + λθᵢ, where
 * expected wins = Σⱼ nᵢⱼ σ(θᵢ − θⱼ). Returns the largest gap.
 */
function fixedPointGap(fit: BradleyTerryFit, comparisons: readonly Comparison[]): number {
  const gap = new Map(fit.ratings.map((r) => [r.key, r.wins - DEFAULT_PRIOR * r.logStrength]));
  for (const { a, b } of comparisons) {
    const p = sigmoid(theta(fit, a) - theta(fit, b));
    gap.set(a, (gap.get(a) ?? 0) - p);
    gap.set(b, (gap.get(b) ?? 0) - (1 - p));
  }
  return Math.max(...[...gap.values()].map(Math.abs));
}

describe('bradleyTerry: worked examples', () => {
  test('two entries, A beats B 3 times and B beats A once', () => {
    // The prior centres the fit, so θ_B = −θ_A = −t. A's equation: wins 3 = expected wins
    // 4·σ(2t) + λt, with λ = ¼. Without the prior t would be ½·ln 3 ≈ 0.549; the prior pulls
    // it in a little, and bisection finds t ≈ 0.47.
    const comparisons = [...games('A', 'B', 1, 3), ...games('A', 'B', 0, 1)];
    const fit = bradleyTerry(comparisons);
    const t = root((x) => 4 * sigmoid(2 * x) + x / 4 - 3, 0, 5);
    expect(t).toBeGreaterThan(0.4);
    expect(t).toBeLessThan(0.549);
    expect(theta(fit, 'A')).toBeCloseTo(t, 9);
    expect(theta(fit, 'B')).toBeCloseTo(-t, 9);
    expect(fit.ratings.map((r) => [r.key, r.score])).toEqual([
      ['A', expect.closeTo(1000 + POINTS_PER_NAT * t, 6)],
      ['B', expect.closeTo(1000 - POINTS_PER_NAT * t, 6)],
    ]);
  });

  test('three entries: A beats B 2–1, B beats C 2–1, A and C split 1–1', () => {
    // Swapping A with C and every win with a loss gives the same games, so θ_B = 0 and
    // θ_C = −θ_A = −t. A's equation: wins 2 + 1 = 3 = 3·σ(t) + 2·σ(2t) + t/4.
    // B's holds for any t: wins 1 + 2 = 3 = 3·σ(−t) + 3·σ(t).
    const comparisons = [
      ...games('A', 'B', 1, 2),
      ...games('B', 'A', 1, 1),
      ...games('B', 'C', 1, 2),
      ...games('C', 'B', 1, 1),
      ...games('A', 'C', 1, 1),
      ...games('C', 'A', 1, 1),
    ];
    const fit = bradleyTerry(comparisons);
    const t = root((x) => 3 * sigmoid(x) + 2 * sigmoid(2 * x) + x / 4 - 3, 0, 5);
    expect(fit.ratings.map((r) => r.key)).toEqual(['A', 'B', 'C']);
    expect(theta(fit, 'A')).toBeCloseTo(t, 9);
    expect(theta(fit, 'B')).toBeCloseTo(0, 9);
    expect(theta(fit, 'C')).toBeCloseTo(-t, 9);
    expect(fit.ratings.map((r) => r.wins)).toEqual([3, 3, 2]);
  });

  test('an uneven three-way record satisfies the optimum equations and orders the entries', () => {
    // A–B 5:2, B–C 4:1, A–C 3:1 with 2 ties: A wins 5 + 3 + 1 = 9 of 13, B 2 + 4 = 6 of 12,
    // C 1 + 1 + 1 = 3 of 11. A > B > C.
    const comparisons = [
      ...games('A', 'B', 1, 5),
      ...games('B', 'A', 1, 2),
      ...games('B', 'C', 1, 4),
      ...games('C', 'B', 1, 1),
      ...games('C', 'A', 0, 3),
      ...games('C', 'A', 1, 1),
      ...games('A', 'C', 0.5, 2),
    ];
    const fit = bradleyTerry(comparisons);
    expect(fit.ratings.map((r) => [r.key, r.wins, r.games])).toEqual([
      ['A', 9, 13],
      ['B', 6, 12],
      ['C', 3, 11],
    ]);
    expect(fixedPointGap(fit, comparisons)).toBeLessThan(1e-6);
    expect(fit.iterations).toBeLessThan(20);
    const mean = fit.ratings.reduce((sum, r) => sum + r.score, 0) / fit.ratings.length;
    expect(mean).toBeCloseTo(1000, 6);
  });
});

describe('bradleyTerry: ties, unbeaten and missing entries, order', () => {
  test('a tie is half a win to each side, and both-bad is a tie', () => {
    const withTie = bradleyTerry([...games('A', 'B', 1, 1), ...games('A', 'B', 0.5, 1)]);
    const halves = bradleyTerry(games('A', 'B', 0.75, 2));
    expect(withTie.ratings).toEqual(halves.ratings);
    expect(theta(withTie, 'A')).toBeGreaterThan(0);

    expect(comparisonOf(vote('A', 'B', 'both-bad'))).toEqual({ a: 'A', b: 'B', scoreA: 0.5 });
    expect(comparisonOf(vote('A', 'B', 'tie'))).toEqual({ a: 'A', b: 'B', scoreA: 0.5 });
    expect(comparisonOf(vote('A', 'B', 'left')).scoreA).toBe(1);
    expect(comparisonOf(vote('A', 'B', 'right')).scoreA).toBe(0);
  });

  test('only ties: every entry scores 1000', () => {
    const fit = bradleyTerry([...games('A', 'B', 0.5, 4), ...games('B', 'C', 0.5, 3)]);
    for (const rating of fit.ratings) expect(rating.score).toBeCloseTo(1000, 9);
  });

  test('an unbeaten entry stays finite and comes first; a winless one stays finite and last', () => {
    const comparisons = [
      ...games('Top', 'Mid', 1, 10),
      ...games('Top', 'Low', 1, 10),
      ...games('Mid', 'Low', 1, 6),
      ...games('Mid', 'Low', 0, 4),
    ];
    const fit = bradleyTerry(comparisons);
    expect(fit.ratings.map((r) => r.key)).toEqual(['Top', 'Mid', 'Low']);
    for (const rating of fit.ratings) expect(Number.isFinite(rating.score)).toBe(true);
    expect(fixedPointGap(fit, comparisons)).toBeLessThan(1e-6);
  });

  test('a stronger prior pulls scores towards 1000', () => {
    const comparisons = games('A', 'B', 1, 5);
    const weak = theta(bradleyTerry(comparisons, { prior: 0.05 }), 'A');
    const strong = theta(bradleyTerry(comparisons, { prior: 2 }), 'A');
    expect(strong).toBeGreaterThan(0);
    expect(strong).toBeLessThan(weak);
    expect(() => bradleyTerry(comparisons, { prior: 0 })).toThrow(RangeError);
  });

  test('entries with no game are reported as unrated, not scored', () => {
    const fit = bradleyTerry([...games('A', 'B', 1, 2), ...games('C', 'C', 1, 3)], {
      entries: ['A', 'B', 'C', 'D'],
    });
    expect(fit.ratings.map((r) => r.key)).toEqual(['A', 'B']);
    expect(fit.unrated).toEqual(['C', 'D']);
    expect(bradleyTerry([]).ratings).toEqual([]);
  });

  test('the order of the games, and which side each entry sat on, change nothing', () => {
    const comparisons = [
      ...games('A', 'B', 1, 3),
      ...games('B', 'C', 0.5, 2),
      ...games('C', 'A', 1, 2),
      ...games('D', 'B', 0, 4),
      ...games('A', 'D', 0.5, 1),
    ];
    const reversed = [...comparisons].reverse();
    const flipped = comparisons.map(({ a, b, scoreA }) => ({ a: b, b: a, scoreA: 1 - scoreA }));
    const fit = bradleyTerry(comparisons);
    expect(bradleyTerry(reversed)).toEqual(fit);
    expect(bradleyTerry(flipped)).toEqual(fit);
    expect(fixedPointGap(fit, comparisons)).toBeLessThan(1e-6);
  });
});

test('solveSpd solves a symmetric positive definite system', () => {
  // [4 2; 2 3]·[1; 2] = [8; 8].
  const x = solveSpd(
    [
      [4, 2],
      [2, 3],
    ],
    [8, 8],
  );
  expect(x[0]).toBeCloseTo(1, 12);
  expect(x[1]).toBeCloseTo(2, 12);
});

describe('fitPairs', () => {
  test('converges in a few steps on thousands of games, from a warm start too', () => {
    // 2,000 games among 12 entries, the later ones stronger, then a resample of them started
    // from the fit to all (as bootstrap.ts does): rounding must not stall the step halving.
    const random = mulberry32(1);
    const all: Comparison[] = Array.from({ length: 2000 }, () => {
      const a = Math.floor(random() * 12);
      const b = (a + 1 + Math.floor(random() * 11)) % 12;
      return { a: `E${a}`, b: `E${b}`, scoreA: random() < 0.5 + (a - b) / 30 ? 1 : 0 };
    });
    const { keys, pairs } = tally(all);
    const full = fitPairs(keys.length, pairs);
    expect(full.iterations).toBeLessThan(10);
    for (let r = 0; r < 20; r += 1) {
      const resample = Array.from(
        { length: all.length },
        () => all[Math.floor(random() * all.length)]!,
      );
      const { keys: sampled, pairs: resampled } = tally(resample);
      expect(sampled).toEqual(keys);
      const warm = fitPairs(keys.length, resampled, DEFAULT_PRIOR, full.theta);
      expect(warm.iterations).toBeLessThan(10);
    }
  });
});
