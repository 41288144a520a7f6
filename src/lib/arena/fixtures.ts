/**
 * Votes for tests: `vote('A', 'B', 'left')` is a human vote in which entry A (left) beat B.
 * Keys double as labels; ids count up, so every vote made here is distinct.
 */
import type { Vote, VoteJudge, VoteOutcome } from './votes';

let next = 0;

export interface VoteExtras {
  category?: string;
  judge?: VoteJudge;
  question?: string;
  createdAt?: number;
}

export function vote(
  left: string,
  right: string,
  outcome: VoteOutcome,
  extras: VoteExtras = {},
): Vote {
  next += 1;
  return {
    kind: 'vote',
    id: `vote-${next}`,
    createdAt: extras.createdAt ?? 1_700_000_000_000 + next,
    question: extras.question ?? `Question ${next}?`,
    category: extras.category ?? '',
    left: { key: left, label: left },
    right: { key: right, label: right },
    outcome,
    judge: extras.judge ?? 'human',
  };
}

/** `times` votes in which `winner` beats `loser`, sides alternating so position does not matter. */
export function wins(
  winner: string,
  loser: string,
  times: number,
  extras: VoteExtras = {},
): Vote[] {
  return Array.from({ length: times }, (_, i) =>
    i % 2 === 0 ? vote(winner, loser, 'left', extras) : vote(loser, winner, 'right', extras),
  );
}
