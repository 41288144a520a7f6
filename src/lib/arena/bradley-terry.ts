/**
 * Bradley–Terry strengths from pairwise votes. Entry i beats entry j with probability
 * σ(θᵢ − θⱼ) = pᵢ / (pᵢ + pⱼ), where θ = ln p is the entry's log-strength.
 *
 * Choices:
 * - A tie counts as half a win to each side. 'both-bad' counts as a tie too: neither answer was
 *   better, which is what a tie says about the two configs (that both were bad says something
 *   about the question, not about which config is stronger).
 * - Regulariser: a Gaussian prior θ ~ N(0, 1/λ) on every log-strength (a ridge penalty), with
 *   λ = 0.25 by default: the curvature of one tie against an average entry, so the prior weighs
 *   about as much as one vote. It keeps an unbeaten (or winless) entry finite, and because the
 *   gradients of the data sum to zero, it also centres the fit: at the optimum the mean θ of
 *   each group of entries compared with one another is 0 (so the mean score is 1000). An entry
 *   with no game would sit at 0 without moving the others; such entries are left out.
 * - Fitted by Newton's method on the penalised log-likelihood (strictly concave, so one optimum),
 *   with step halving; a few iterations reach |gradient| < 1e-10 (or a step below 1e-12).
 *
 * Scores are on an Elo-like scale: 1000 + 400·log10 p = 1000 + 400·θ / ln 10, so 400 points
 * means 10:1 odds and the mean score is 1000.
 */
import type { Vote, VoteOutcome } from './votes';

/** One game: entry `a` against entry `b`, and a's share of the win (1, ½ for a tie, or 0). */
export interface Comparison {
  a: string;
  b: string;
  scoreA: number;
}

/** The left side's share of the win for each outcome: a tie, or both bad, is half a win each. */
export const LEFT_SCORE: Readonly<Record<VoteOutcome, number>> = {
  left: 1,
  right: 0,
  tie: 0.5,
  'both-bad': 0.5,
};

/** A vote as a game between its two entries (by key). */
export function comparisonOf(vote: Vote): Comparison {
  return { a: vote.left.key, b: vote.right.key, scoreA: LEFT_SCORE[vote.outcome] };
}

export interface BradleyTerryOptions {
  /** Entries to report even if they played no game (they are listed in `unrated`). */
  entries?: readonly string[];
  /** Precision λ of the Gaussian prior on log-strengths (default 0.25). Must be above 0. */
  prior?: number;
}

export interface Rating {
  key: string;
  /** θ, natural log of the strength; the mean over compared entries is 0. */
  logStrength: number;
  /** 1000 + 400·θ / ln 10. */
  score: number;
  /** Games played (ties included). */
  games: number;
  /** Wins, ties counting ½. */
  wins: number;
}

export interface BradleyTerryFit {
  /** Best first (ties in score broken by key). */
  ratings: Rating[];
  /** Entries named in `options.entries` that played no game against another entry. */
  unrated: string[];
  /** Newton iterations taken. */
  iterations: number;
}

export const DEFAULT_PRIOR = 0.25;

/** Elo-like points per unit of log-strength. */
export const POINTS_PER_NAT = 400 / Math.LN10;

/** θ on the Elo-like scale. */
export const toScore = (logStrength: number): number => 1000 + POINTS_PER_NAT * logStrength;

const MAX_ITERATIONS = 100;
/** Stop when every |gradient| is below this (wins), or every Newton step below STEP_TOLERANCE. */
const TOLERANCE = 1e-10;
const STEP_TOLERANCE = 1e-12;

const sigmoid = (x: number): number =>
  x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));

/** ln σ(x), without overflow. */
const logSigmoid = (x: number): number =>
  x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));

/** Games between two entries i < j (indices into the sorted keys): how many, i's wins (ties ½). */
export interface Pair {
  i: number;
  j: number;
  games: number;
  winsI: number;
}

/** Comparisons summed per pair of entries, keys sorted; an entry against itself is no game. */
export function tally(comparisons: readonly Comparison[]): { keys: string[]; pairs: Pair[] } {
  const played = comparisons.filter((c) => c.a !== c.b);
  const keys = [...new Set(played.flatMap((c) => [c.a, c.b]))].sort();
  const index = new Map(keys.map((key, i) => [key, i]));
  const pairs = new Map<number, Pair>();
  for (const { a, b, scoreA } of played) {
    const ia = index.get(a) ?? 0;
    const ib = index.get(b) ?? 0;
    const [i, j, winsI] = ia < ib ? [ia, ib, scoreA] : [ib, ia, 1 - scoreA];
    const id = i * keys.length + j;
    const pair = pairs.get(id) ?? { i, j, games: 0, winsI: 0 };
    pair.games += 1;
    pair.winsI += winsI;
    pairs.set(id, pair);
  }
  return { keys, pairs: [...pairs.values()].sort((p, q) => p.i - q.i || p.j - q.j) };
}

function objective(theta: readonly number[], pairs: readonly Pair[], prior: number): number {
  let f = 0;
  for (const { i, j, games, winsI } of pairs) {
    const d = (theta[i] ?? 0) - (theta[j] ?? 0);
    f += winsI * logSigmoid(d) + (games - winsI) * logSigmoid(-d);
  }
  for (const t of theta) f -= (prior / 2) * t * t;
  return f;
}

/** Solves A·x = b for a symmetric positive definite A (Cholesky); A is overwritten. */
export function solveSpd(a: number[][], b: readonly number[]): number[] {
  const n = b.length;
  const at = (r: number, c: number) => a[r]?.[c] ?? 0;
  for (let c = 0; c < n; c += 1) {
    let diagonal = at(c, c);
    for (let k = 0; k < c; k += 1) diagonal -= at(c, k) ** 2;
    const root = Math.sqrt(diagonal);
    a[c]![c] = root;
    for (let r = c + 1; r < n; r += 1) {
      let sum = at(r, c);
      for (let k = 0; k < c; k += 1) sum -= at(r, k) * at(c, k);
      a[r]![c] = sum / root;
    }
  }
  const y: number[] = [];
  for (let r = 0; r < n; r += 1) {
    let sum = b[r] ?? 0;
    for (let k = 0; k < r; k += 1) sum -= at(r, k) * (y[k] ?? 0);
    y.push(sum / at(r, r));
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r -= 1) {
    let sum = y[r] ?? 0;
    for (let k = r + 1; k < n; k += 1) sum -= at(k, r) * (x[k] ?? 0);
    x[r] = sum / at(r, r);
  }
  return x;
}

/**
 * The log-strengths θ that maximise the penalised log-likelihood of the pairs' games, by
 * Newton's method from `start` (default all 0) with step halving.
 */
export function fitPairs(
  size: number,
  pairs: readonly Pair[],
  prior: number = DEFAULT_PRIOR,
  start?: readonly number[],
): { theta: number[]; iterations: number } {
  if (!(prior > 0)) throw new RangeError(`bradleyTerry: the prior must be above 0 (got ${prior})`);
  const wins = new Array<number>(size).fill(0);
  for (const { i, j, games, winsI } of pairs) {
    wins[i]! += winsI;
    wins[j]! += games - winsI;
  }
  let theta = Array.from({ length: size }, (_, i) => start?.[i] ?? 0);
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS; iterations += 1) {
    // Gradient g = wins − expected wins − λθ; the Hessian's negative, H = L + λI (L: the
    // Laplacian weighted by games·σ(1−σ)), is positive definite.
    const gradient = theta.map((t, i) => (wins[i] ?? 0) - prior * t);
    const hessian = theta.map((_, i) => theta.map((__, j) => (i === j ? prior : 0)));
    for (const { i, j, games } of pairs) {
      const p = sigmoid((theta[i] ?? 0) - (theta[j] ?? 0));
      gradient[i]! -= games * p;
      gradient[j]! -= games * (1 - p);
      const w = games * p * (1 - p);
      hessian[i]![i]! += w;
      hessian[j]![j]! += w;
      hessian[i]![j]! -= w;
      hessian[j]![i]! -= w;
    }
    if (Math.max(0, ...gradient.map(Math.abs)) < TOLERANCE) break;
    const step = solveSpd(hessian, gradient);
    if (Math.max(0, ...step.map(Math.abs)) < STEP_TOLERANCE) break;
    // Halve the step while it makes things worse by more than rounding (near the optimum the
    // objective's change is below its rounding error, and a full Newton step is right).
    const before = objective(theta, pairs, prior);
    const slack = 1e-12 * (1 + Math.abs(before));
    let scale = 1;
    let next = theta.map((t, i) => t + (step[i] ?? 0));
    while (objective(next, pairs, prior) < before - slack && scale > 1e-6) {
      scale /= 2;
      next = theta.map((t, i) => t + scale * (step[i] ?? 0));
    }
    theta = next;
  }
  return { theta, iterations };
}

/** Fits log-strengths to the comparisons; see the module comment for the choices made. */
export function bradleyTerry(
  comparisons: readonly Comparison[],
  { entries = [], prior = DEFAULT_PRIOR }: BradleyTerryOptions = {},
): BradleyTerryFit {
  const { keys, pairs } = tally(comparisons);
  const { theta, iterations } = fitPairs(keys.length, pairs, prior);
  const wins = new Array<number>(keys.length).fill(0);
  const games = new Array<number>(keys.length).fill(0);
  for (const pair of pairs) {
    wins[pair.i]! += pair.winsI;
    wins[pair.j]! += pair.games - pair.winsI;
    games[pair.i]! += pair.games;
    games[pair.j]! += pair.games;
  }
  const ratings = keys
    .map((key, i) => {
      const logStrength = theta[i] ?? 0;
      return {
        key,
        logStrength,
        score: toScore(logStrength),
        games: games[i] ?? 0,
        wins: wins[i] ?? 0,
      };
    })
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  const rated = new Set(keys);
  const unrated = [...new Set(entries)].filter((key) => !rated.has(key)).sort();
  return { ratings, unrated, iterations };
}
