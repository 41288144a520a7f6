/**
 * The arena's blind seating and the vote it ends in: which of the experiment's two sides sits
 * Left and which Right (at random, from an injectable source so tests can seed it), which
 * question is asked (typed, or drawn from a shipped set, whose id is the vote's category), and
 * the vote a person's choice makes.
 */
import type { EvalItem, EvalSet } from '../eval/types';
import type { ExperimentConfig, SideConfig } from '../team/config';
import type { ProtocolInput } from '../team/prompts';
import type { EntryRef, Vote, VoteOutcome } from './votes';
import { entryKey } from './votes';

/** The experiment's two sides. */
export type ArenaSide = 'solo' | 'team';

/** Who sits where. */
export interface Seats {
  left: ArenaSide;
  right: ArenaSide;
}

export type Seat = keyof Seats;

/** A random number in [0, 1), as Math.random gives. */
export type Random = () => number;

/** Solo Left and Team Right, or the other way round, with even odds. */
export function assignSeats(random: Random = Math.random): Seats {
  return random() < 0.5 ? { left: 'solo', right: 'team' } : { left: 'team', right: 'solo' };
}

/** A question drawn from a shipped set. */
export interface DrawnQuestion {
  /** The set's id: the vote's category. */
  setId: string;
  item: EvalItem;
}

/** One item of the set with id `setId` (or of any set when null), at random; null if none. */
export function drawQuestion(
  sets: readonly EvalSet[],
  setId: string | null,
  random: Random = Math.random,
): DrawnQuestion | null {
  const pool = sets
    .filter((set) => setId === null || set.id === setId)
    .flatMap((set) => set.items.map((item) => ({ setId: set.id, item })));
  if (pool.length === 0) return null;
  return pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))] ?? null;
}

/** What the arena asks. A drawn question whose text was edited counts as typed. */
export interface ArenaQuestion {
  input: ProtocolInput;
  /** The drawn question's set id; '' for a typed question. */
  category: string;
}

/**
 * The question to ask for the text in the box: the drawn item (with its paragraphs and
 * functions) while the text is still the item's, else the text alone, category ''.
 */
export function arenaQuestion(
  text: string,
  drawn: DrawnQuestion | null,
  itemInput: (item: EvalItem) => ProtocolInput,
): ArenaQuestion | null {
  const question = text.trim();
  if (question === '') return null;
  if (drawn && drawn.item.question.trim() === question)
    return { input: itemInput(drawn.item), category: drawn.setId };
  return { input: { question }, category: '' };
}

/**
 * The name a side goes by on the leaderboard: its label (with its protocol's name when the
 * label is another) and its models, each once.
 */
export function sideLabel(
  side: SideConfig,
  protocolName: string,
  modelName: (modelId: string) => string,
): string {
  const models = [...new Set(side.roles.map((r) => modelName(r.model.modelId)))];
  const name = side.label === protocolName ? side.label : `${side.label} (${protocolName})`;
  return `${name} on ${models.join(', ')}`;
}

export interface VoteInput {
  id: string;
  createdAt: number;
  question: string;
  category: string;
  config: Pick<ExperimentConfig, 'solo' | 'team'>;
  seats: Seats;
  outcome: VoteOutcome;
  /** Each side's leaderboard name (sideLabel). */
  labelOf: (side: SideConfig) => string;
}

/** A person's vote on the two seated sides. */
export function arenaVote(input: VoteInput): Vote {
  const ref = (seat: Seat): EntryRef => {
    const side = input.config[input.seats[seat]];
    return { key: entryKey(side), label: input.labelOf(side) };
  };
  return {
    kind: 'vote',
    id: input.id,
    createdAt: input.createdAt,
    question: input.question,
    category: input.category,
    left: ref('left'),
    right: ref('right'),
    outcome: input.outcome,
    judge: 'human',
  };
}
