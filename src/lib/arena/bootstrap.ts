/**
 * How sure a Bradley–Terry score is: a percentile bootstrap. Draw as many games as there are,
 * with replacement, fit again, and take the 2.5% and 97.5% quantiles of each entry's scores
 * over 1,000 such resamples. The PRNG is seeded (mulberry32, as bootstrapMean uses), so the
 * same votes in the same order with the same seed give the same intervals on every run.
 *
 * An entry that a resample happens to leave out gets no score from that resample; its interval
 * comes from the resamples that include it (`samples` says how many). Games of an entry against
 * itself are not drawn. Each resample's fit starts from the fit to all games, so it takes a few
 * Newton steps.
 */
import { mulberry32, quantileSorted } from '../eval/stats';
import { fitPairs, tally, toScore, type Comparison, type Pair } from './bradley-terry';

export interface BootstrapScoreOptions {
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** PRNG seed (default 12345, as bootstrapMean). */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** The fit's prior (bradleyTerry's default when absent). */
  prior?: number;
}

export interface ScoreInterval {
  low: number;
  high: number;
  /** Resamples in which the entry played; NaN bounds when none. */
  samples: number;
}

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 12345;

/** Each entry's bootstrap interval of its score, by entry key. */
export function bootstrapScores(
  comparisons: readonly Comparison[],
  {
    resamples = DEFAULT_RESAMPLES,
    seed = DEFAULT_SEED,
    level = 0.95,
    prior,
  }: BootstrapScoreOptions = {},
): Map<string, ScoreInterval> {
  const { keys, pairs } = tally(comparisons);
  const { theta: start } = fitPairs(keys.length, pairs, prior);
  // Each game as its pair's place in `pairs` and the share of the win of the pair's first entry.
  const index = new Map(keys.map((key, i) => [key, i]));
  const slotOf = new Map(pairs.map((pair, slot) => [pair.i * keys.length + pair.j, slot]));
  const played = comparisons.filter((c) => c.a !== c.b);
  const slots = new Int32Array(played.length);
  const shares = new Float64Array(played.length);
  played.forEach(({ a, b, scoreA }, g) => {
    const ia = index.get(a) ?? 0;
    const ib = index.get(b) ?? 0;
    slots[g] = slotOf.get(Math.min(ia, ib) * keys.length + Math.max(ia, ib)) ?? 0;
    shares[g] = ia < ib ? scoreA : 1 - scoreA;
  });

  const scores = keys.map((): number[] => []);
  const random = mulberry32(seed);
  const n = played.length;
  const games = new Float64Array(pairs.length);
  const wins = new Float64Array(pairs.length);
  for (let r = 0; r < resamples && n > 0; r += 1) {
    games.fill(0);
    wins.fill(0);
    for (let draw = 0; draw < n; draw += 1) {
      const g = Math.floor(random() * n);
      const slot = slots[g] ?? 0;
      games[slot]! += 1;
      wins[slot]! += shares[g] ?? 0;
    }
    const sample: Pair[] = [];
    const playing = new Set<number>();
    pairs.forEach(({ i, j }, slot) => {
      const count = games[slot] ?? 0;
      if (count === 0) return;
      sample.push({ i, j, games: count, winsI: wins[slot] ?? 0 });
      playing.add(i).add(j);
    });
    const { theta } = fitPairs(keys.length, sample, prior, start);
    for (const i of playing) scores[i]?.push(toScore(theta[i] ?? 0));
  }

  const intervals = new Map<string, ScoreInterval>();
  keys.forEach((key, i) => {
    const values = (scores[i] ?? []).sort((x, y) => x - y);
    intervals.set(key, {
      low: quantileSorted(values, (1 - level) / 2),
      high: quantileSorted(values, (1 + level) / 2),
      samples: values.length,
    });
  });
  return intervals;
}
