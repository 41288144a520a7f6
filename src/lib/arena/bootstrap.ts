/**
 * How sure a Bradley–Terry score is: a percentile bootstrap. Draw as many games as there are,
 * with replacement, fit again, and take the 2.5% and 97.5% quantiles of each entry's scores
 * over 1,000 such resamples. The PRNG is seeded (mulberry32, as bootstrapMean uses), so the
 * same votes and seed give the same intervals on every run.
 *
 * An entry that a resample happens to leave out gets no score from that resample; its interval
 * comes from the resamples that include it (`samples` says how many).
 */
import { mulberry32, quantileSorted } from '../eval/stats';
import { bradleyTerry, type Comparison } from './bradley-terry';

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
  const random = mulberry32(seed);
  const n = comparisons.length;
  const scores = new Map<string, number[]>();
  for (const { a, b } of comparisons) {
    if (a === b) continue;
    scores.set(a, []);
    scores.set(b, []);
  }
  for (let r = 0; r < resamples && n > 0; r += 1) {
    const sample: Comparison[] = [];
    for (let i = 0; i < n; i += 1) {
      const drawn = comparisons[Math.floor(random() * n)];
      if (drawn) sample.push(drawn);
    }
    for (const rating of bradleyTerry(sample, { prior }).ratings)
      scores.get(rating.key)?.push(rating.score);
  }
  const intervals = new Map<string, ScoreInterval>();
  for (const [key, values] of scores) {
    values.sort((x, y) => x - y);
    intervals.set(key, {
      low: quantileSorted(values, (1 - level) / 2),
      high: quantileSorted(values, (1 + level) / 2),
      samples: values.length,
    });
  }
  return intervals;
}
