import type { Vote } from './votes';

/**
 * Both lists' votes, one per id (the incoming one where both have it), oldest first; `fresh`:
 * how many incoming votes had an id not seen before.
 */
export function mergeVotes(
  existing: readonly Vote[],
  incoming: readonly Vote[],
): { votes: Vote[]; fresh: number } {
  const byId = new Map(existing.map((v) => [v.id, v]));
  let fresh = 0;
  for (const vote of incoming) {
    if (!byId.has(vote.id)) fresh += 1;
    byId.set(vote.id, vote);
  }
  return { votes: [...byId.values()].sort((a, b) => a.createdAt - b.createdAt), fresh };
}
