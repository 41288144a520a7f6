import { expect, test } from 'vitest';
import { MemoryVoteStore } from '../storage/vote-store';
import {
  ArenaBoard,
  FEW_RESAMPLES,
  FULL_RESAMPLES,
  LARGE_VOTES,
  resamplesFor,
} from './arena-board.svelte';
import { vote, wins } from './fixtures';
import { leaderboard } from './leaderboard';
import { votesToJson } from './votes-file';

/** A board whose deferred work runs when the test says so. */
function board(store = new MemoryVoteStore()) {
  const queue: (() => void)[] = [];
  const calls: number[] = [];
  const page = new ArenaBoard({
    openStore: async () => ({ store }),
    defer: (fn) => queue.push(fn),
    compute: (votes, options) => {
      calls.push(votes.length);
      return leaderboard(votes, { ...options, resamples: 50 });
    },
  });
  const flush = () => queue.splice(0).forEach((fn) => fn());
  return { page, store, calls, flush };
}

test('votes are kept in the store, and the board is computed later, once for a burst', async () => {
  const { page, store, calls, flush } = board();
  await page.init();
  for (const v of wins('A', 'B', 3)) await page.add(v);
  expect(calls).toEqual([]);
  expect(page.computing).toBe(true);
  flush();
  expect(calls).toEqual([3]);
  expect(page.computing).toBe(false);
  expect(page.rows.map((r) => r.key)).toEqual(['A', 'B']);
  expect(await store.all()).toHaveLength(3);
});

test('a category filter limits the board; categories list each set, then typed questions', async () => {
  const store = new MemoryVoteStore();
  await store.putMany([
    ...wins('A', 'B', 2, { category: 'math' }),
    ...wins('C', 'A', 2, { category: '' }),
  ]);
  const { page, flush } = board(store);
  await page.init();
  expect(page.categories).toEqual(['math', '']);
  page.setCategory('math');
  flush();
  expect(page.rows.map((r) => r.key)).toEqual(['A', 'B']);
  page.setCategory('');
  flush();
  expect(page.rows.map((r) => r.key)).toEqual(['C', 'A']);
});

test('import merges by id; a malformed file changes nothing and says what is wrong', async () => {
  const { page, store, flush } = board();
  const mine = vote('A', 'B', 'left');
  await page.add(mine);
  const theirs = vote('B', 'C', 'right');
  const changed = { ...mine, outcome: 'tie' as const };
  const outcome = await page.importText(votesToJson([changed, theirs]));
  expect(outcome).toEqual({
    ok: true,
    message: 'Imported 2 votes: 1 new, 1 already here.',
    problems: [],
  });
  expect(page.votes.map((v) => [v.id, v.outcome])).toEqual([
    [mine.id, 'tie'],
    [theirs.id, 'right'],
  ]);
  expect(await store.all()).toHaveLength(2);

  const bad = await page.importText('{"format":"slm-playground-votes","version":1,"votes":[{}]}');
  expect(bad.ok).toBe(false);
  expect(bad.message).toMatch(/bad field/);
  expect(page.imported).toEqual(bad);
  expect(page.votes).toHaveLength(2);
  expect(await store.all()).toHaveLength(2);
  flush();
  expect(page.rows).toHaveLength(3);
});

test('export writes every vote as a votes file', async () => {
  const { page } = board();
  const votes = wins('A', 'B', 2);
  for (const v of votes) await page.add(v);
  const file = JSON.parse(page.exportJson(new Date(0))) as { votes: unknown[]; format: string };
  expect(file.format).toBe('slm-playground-votes');
  expect(file.votes).toEqual(votes);
});

test('many votes are scored with fewer resamples', () => {
  expect(resamplesFor(LARGE_VOTES)).toBe(FULL_RESAMPLES);
  expect(resamplesFor(LARGE_VOTES + 1)).toBe(FEW_RESAMPLES);
});
