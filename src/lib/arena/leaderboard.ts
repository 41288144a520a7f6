/**
 * The leaderboard: every config that took part in blind votes, scored by Bradley–Terry
 * (bradley-terry.ts) with a bootstrap 95% interval (bootstrap.ts), best first.
 *
 * Ranks are shared where intervals overlap, as LMArena ranks models: an entry's rank is 1 + the
 * number of entries whose lower bound is above its upper bound, i.e. that are better beyond
 * doubt. Two entries can both be 2nd, and the next one 3rd or 4th.
 *
 * Only votes cast by people count by default; `judge: 'model'` makes the board of model-judge
 * votes instead (the two are never mixed). Votes of one config against itself are left out.
 */
import { bootstrapScores } from './bootstrap';
import { bradleyTerry, comparisonOf } from './bradley-terry';
import type { Vote } from './votes';

export interface LeaderboardOptions {
  /** Only votes on questions of this category (question set id or cluster name; '' for none). */
  category?: string;
  /** Bootstrap PRNG seed (default 12345). */
  seed?: number;
  /** Bootstrap resamples (default 1000). */
  resamples?: number;
  /** Entries with fewer votes are marked preliminary (default 10). */
  minVotes?: number;
  /** Whose votes: people's (default) or a model judge's. */
  judge?: 'human' | 'model';
}

export interface LeaderboardRow {
  key: string;
  /** The label of the entry's latest vote. */
  label: string;
  /** Bradley–Terry score on the Elo-like scale (mean 1000). */
  score: number;
  /** Bootstrap 95% interval of the score. */
  low: number;
  high: number;
  /** Votes the entry took part in. */
  votes: number;
  wins: number;
  losses: number;
  /** Ties, 'both-bad' votes included. */
  ties: number;
  /** 1 + entries better beyond doubt (their lower bound above this entry's upper bound). */
  rank: number;
  /** Fewer than `minVotes` votes. */
  preliminary: boolean;
}

export const DEFAULT_MIN_VOTES = 10;

/** The votes a board counts: by judge and category; a config against itself never. */
export function selectVotes(
  votes: readonly Vote[],
  { category, judge = 'human' }: Pick<LeaderboardOptions, 'category' | 'judge'> = {},
): Vote[] {
  return votes.filter(
    (vote) =>
      vote.left.key !== vote.right.key &&
      (vote.judge === 'human') === (judge === 'human') &&
      (category === undefined || vote.category === category),
  );
}

/** The categories votes were cast in, sorted, '' (none) left out. */
export function voteCategories(votes: readonly Vote[]): string[] {
  return [...new Set(votes.map((vote) => vote.category).filter((c) => c !== ''))].sort();
}

interface Tally {
  label: string;
  labelAt: number;
  votes: number;
  wins: number;
  losses: number;
  ties: number;
}

/** Each entry's record and latest label. */
function tallies(votes: readonly Vote[]): Map<string, Tally> {
  const byKey = new Map<string, Tally>();
  const add = (side: 'left' | 'right', vote: Vote) => {
    const { key, label } = vote[side];
    const tally = byKey.get(key) ?? {
      label,
      labelAt: -Infinity,
      votes: 0,
      wins: 0,
      losses: 0,
      ties: 0,
    };
    if (vote.createdAt >= tally.labelAt) {
      tally.label = label;
      tally.labelAt = vote.createdAt;
    }
    tally.votes += 1;
    if (vote.outcome === side) tally.wins += 1;
    else if (vote.outcome === 'left' || vote.outcome === 'right') tally.losses += 1;
    else tally.ties += 1;
    byKey.set(key, tally);
  };
  for (const vote of votes) {
    add('left', vote);
    add('right', vote);
  }
  return byKey;
}

/** Ranks shared where intervals overlap: 1 + entries whose low is above this one's high. */
export function sharedRanks<T extends { low: number; high: number }>(rows: readonly T[]): number[] {
  return rows.map((row) => 1 + rows.filter((other) => other.low > row.high).length);
}

/** The board for the votes chosen by `options`, best first. */
export function leaderboard(
  votes: readonly Vote[],
  { category, seed, resamples, minVotes = DEFAULT_MIN_VOTES, judge }: LeaderboardOptions = {},
): LeaderboardRow[] {
  const counted = selectVotes(votes, { category, judge });
  const comparisons = counted.map(comparisonOf);
  const fit = bradleyTerry(comparisons);
  const intervals = bootstrapScores(comparisons, { seed, resamples });
  const records = tallies(counted);
  const rows = fit.ratings.map(({ key, score }) => {
    const record = records.get(key);
    const interval = intervals.get(key);
    const count = record?.votes ?? 0;
    return {
      key,
      label: record?.label ?? key,
      score,
      low: interval?.low ?? Number.NaN,
      high: interval?.high ?? Number.NaN,
      votes: count,
      wins: record?.wins ?? 0,
      losses: record?.losses ?? 0,
      ties: record?.ties ?? 0,
      rank: 0,
      preliminary: count < minVotes,
    };
  });
  const ranks = sharedRanks(rows);
  return rows.map((row, i) => ({ ...row, rank: ranks[i] ?? 1 }));
}
