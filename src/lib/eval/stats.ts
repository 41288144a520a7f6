/**
 * Statistics for comparing runs: mean, a seeded bootstrap interval, paired flips between two
 * runs on the same items, and accuracy per 1,000 tokens.
 */

/** The arithmetic mean; NaN for an empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** mulberry32: a small, fast, seeded 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, interpolating linearly (R's type 7). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? Number.NaN;
  const high = sorted[upper] ?? Number.NaN;
  return low + (high - low) * (position - lower);
}

/** Options for `bootstrapMean`. */
export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** PRNG seed, so the interval is the same on every run (default 12345). */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
}

/** A mean with its bootstrap interval. */
export interface MeanInterval {
  mean: number;
  low: number;
  high: number;
}

/**
 * Percentile bootstrap interval of the mean: resample the values with replacement `resamples`
 * times, and take the (1 − level)/2 and (1 + level)/2 quantiles of the resampled means.
 * NaN bounds for an empty list.
 */
export function bootstrapMean(
  values: readonly number[],
  { resamples = 1000, seed = 12345, level = 0.95 }: BootstrapOptions = {},
): MeanInterval {
  const m = mean(values);
  const n = values.length;
  if (n === 0) return { mean: m, low: Number.NaN, high: Number.NaN };
  const random = mulberry32(seed);
  const means: number[] = [];
  for (let r = 0; r < resamples; r += 1) {
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += values[Math.floor(random() * n)] ?? 0;
    means.push(sum / n);
  }
  means.sort((a, b) => a - b);
  return {
    mean: m,
    low: quantileSorted(means, (1 - level) / 2),
    high: quantileSorted(means, (1 + level) / 2),
  };
}

/** Items where exactly one of two runs is right, by index. */
export interface PairedFlips {
  /** Indices where run A is right and run B wrong. */
  aOnly: number[];
  /** Indices where run B is right and run A wrong. */
  bOnly: number[];
  bothRight: number;
  bothWrong: number;
}

/**
 * Compares two runs item by item (same items, same order). A score counts as right when it is at
 * least `threshold` (default 0.5, so 0/1 scores and F1 above one half both work).
 */
export function pairedFlips(
  a: readonly number[],
  b: readonly number[],
  threshold = 0.5,
): PairedFlips {
  if (a.length !== b.length) {
    throw new Error(`pairedFlips: the runs have ${a.length} and ${b.length} scores`);
  }
  const flips: PairedFlips = { aOnly: [], bOnly: [], bothRight: 0, bothWrong: 0 };
  a.forEach((scoreA, i) => {
    const rightA = scoreA >= threshold;
    const rightB = (b[i] ?? 0) >= threshold;
    if (rightA && rightB) flips.bothRight += 1;
    else if (rightA) flips.aOnly.push(i);
    else if (rightB) flips.bOnly.push(i);
    else flips.bothWrong += 1;
  });
  return flips;
}

/**
 * Accuracy per 1,000 tokens: the summed scores (correct answers) per 1,000 tokens spent, i.e.
 * 1000 · Σscores / Σtokens. `tokens` is one count per item or the run's total. NaN when no tokens
 * were spent.
 */
export function accuracyPer1kTokens(
  scores: readonly number[],
  tokens: readonly number[] | number,
): number {
  const total = typeof tokens === 'number' ? tokens : tokens.reduce((sum, t) => sum + t, 0);
  if (!(total > 0)) return Number.NaN;
  return (1000 * scores.reduce((sum, s) => sum + s, 0)) / total;
}
