import { describe, expect, test } from 'vitest';
import { vote, wins } from './fixtures';
import { leaderboard, selectVotes, sharedRanks, voteCategories } from './leaderboard';
import type { Vote } from './votes';

/**
 * 30 votes: Strong beats Weak 9 of 10 and Mid 8 of 10; Mid and Weak split 10 votes 5–4 with a
 * tie. Strong wins 17 of 20.
 */
const SCRIPTED: Vote[] = [
  ...wins('Strong', 'Weak', 9),
  ...wins('Weak', 'Strong', 1),
  ...wins('Strong', 'Mid', 8),
  ...wins('Mid', 'Strong', 2),
  ...wins('Mid', 'Weak', 5),
  ...wins('Weak', 'Mid', 4),
  vote('Mid', 'Weak', 'tie'),
];

/** Row fields a test looks at, by key. */
const pick = (rows: ReturnType<typeof leaderboard>, field: 'rank' | 'votes' | 'preliminary') =>
  Object.fromEntries(rows.map((row) => [row.key, row[field]]));

describe('leaderboard', () => {
  test('30 scripted votes put the stronger entry first, with its record', () => {
    const rows = leaderboard(SCRIPTED);
    expect(SCRIPTED).toHaveLength(30);
    expect(rows.map((row) => row.key)).toEqual(['Strong', 'Mid', 'Weak']);
    expect(rows[0]).toMatchObject({ votes: 20, wins: 17, losses: 3, ties: 0, rank: 1 });
    expect(rows[1]).toMatchObject({ votes: 20, wins: 7, losses: 12, ties: 1 });
    expect(rows[2]).toMatchObject({ votes: 20, wins: 5, losses: 14, ties: 1 });
    for (const row of rows) {
      expect(row.low).toBeLessThan(row.score);
      expect(row.high).toBeGreaterThan(row.score);
    }
    const mean = rows.reduce((sum, row) => sum + row.score, 0) / rows.length;
    expect(mean).toBeCloseTo(1000, 6);
  });

  test('entries whose intervals overlap share a rank; one above them all is first', () => {
    const rows = leaderboard(SCRIPTED);
    const [strong, mid, weak] = rows;
    expect(mid!.high).toBeGreaterThan(weak!.low);
    expect(strong!.low).toBeGreaterThan(mid!.high);
    expect(pick(rows, 'rank')).toEqual({ Strong: 1, Mid: 2, Weak: 2 });
  });

  test('with few votes every interval overlaps and all share first place', () => {
    const rows = leaderboard([...wins('A', 'B', 2), ...wins('B', 'C', 2), vote('A', 'C', 'tie')]);
    expect(rows.map((row) => row.rank)).toEqual([1, 1, 1]);
  });

  test('sharedRanks counts the entries better beyond doubt', () => {
    expect(
      sharedRanks([
        { low: 1100, high: 1200 },
        { low: 1050, high: 1150 },
        { low: 900, high: 1000 },
        { low: 850, high: 1060 },
      ]),
    ).toEqual([1, 1, 3, 2]);
  });

  test('entries with fewer than minVotes votes are preliminary', () => {
    const votes = [...SCRIPTED, ...wins('New', 'Mid', 3)];
    expect(pick(leaderboard(votes), 'preliminary')).toEqual({
      Strong: false,
      Mid: false,
      Weak: false,
      New: true,
    });
    expect(pick(leaderboard(votes, { minVotes: 21 }), 'preliminary')).toEqual({
      Strong: true,
      Mid: false,
      Weak: true,
      New: true,
    });
  });

  test('a category counts only its own votes', () => {
    const votes = [
      ...wins('A', 'B', 8, { category: 'math' }),
      ...wins('B', 'A', 6, { category: 'qa' }),
    ];
    expect(leaderboard(votes, { category: 'math' }).map((row) => [row.key, row.votes])).toEqual([
      ['A', 8],
      ['B', 8],
    ]);
    expect(leaderboard(votes, { category: 'qa' }).map((row) => row.key)).toEqual(['B', 'A']);
    expect(pick(leaderboard(votes), 'votes')).toEqual({ A: 14, B: 14 });
    expect(leaderboard(votes, { category: 'code' })).toEqual([]);
    expect(voteCategories([...votes, vote('A', 'B', 'tie')])).toEqual(['math', 'qa']);
  });

  test("people's votes by default; a model judge's only when asked, never mixed", () => {
    const judge = { model: 'Qwen3-4B' };
    const votes = [...wins('A', 'B', 6), ...wins('B', 'A', 9, { judge })];
    expect(leaderboard(votes).map((row) => [row.key, row.votes])).toEqual([
      ['A', 6],
      ['B', 6],
    ]);
    expect(leaderboard(votes, { judge: 'model' }).map((row) => [row.key, row.votes])).toEqual([
      ['B', 9],
      ['A', 9],
    ]);
  });

  test('a config against itself is no vote; the latest label is shown', () => {
    const votes = [
      vote('A', 'A', 'left'),
      { ...vote('A', 'B', 'left', { createdAt: 5 }), left: { key: 'A', label: 'Later' } },
      { ...vote('B', 'A', 'tie', { createdAt: 1 }), right: { key: 'A', label: 'Earlier' } },
    ];
    expect(selectVotes(votes)).toHaveLength(2);
    const a = leaderboard(votes).find((row) => row.key === 'A');
    expect(a).toMatchObject({ label: 'Later', votes: 2, wins: 1, ties: 1, losses: 0 });
  });

  test('the same seed gives the same board; the order of the votes changes nothing', () => {
    const board = leaderboard(SCRIPTED, { seed: 3, resamples: 300 });
    expect(leaderboard(SCRIPTED, { seed: 3, resamples: 300 })).toEqual(board);
    const reversed = leaderboard([...SCRIPTED].reverse(), { seed: 3, resamples: 300 });
    expect(reversed.map((row) => [row.key, row.score])).toEqual(
      board.map((row) => [row.key, row.score]),
    );
    expect(leaderboard(SCRIPTED, { seed: 4, resamples: 300 })[0]!.low).not.toBe(board[0]!.low);
  });
});
