/**
 * Blind votes: a person (or a model acting as judge) saw two answers to one question, side by
 * side and unlabelled, and said which was better. A vote names the two configs by an
 * `EntryRef`, so the leaderboard can pool votes on the same config across sessions. Plain,
 * structured-clone friendly data, kept in IndexedDB as records of kind 'vote'.
 */
import type { SideConfig } from '../team/config';

/** Which side won: one of them, neither (a tie), or neither was any good. */
export type VoteOutcome = 'left' | 'right' | 'tie' | 'both-bad';

export const VOTE_OUTCOMES: readonly VoteOutcome[] = ['left', 'right', 'tie', 'both-bad'];

/** Who voted: a person, or a model asked twice with the sides swapped (model-judge.ts). */
export type VoteJudge = 'human' | { model: string };

/** One config that took part in a vote. */
export interface EntryRef {
  /** `entryKey(side)`: the same for every vote on the same protocol and models. */
  key: string;
  /** The name shown when the vote was cast ('Solo', 'Critic loop on Qwen3 0.6B', …). */
  label: string;
}

export interface Vote {
  kind: 'vote';
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  question: string;
  /** The question set id or the cluster name the question came from; '' for none. */
  category: string;
  left: EntryRef;
  right: EntryRef;
  outcome: VoteOutcome;
  judge: VoteJudge;
}

/**
 * JSON with object keys sorted at every level and `undefined` fields left out, so two values
 * that are equal as data give the same text whatever order their fields were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const field: unknown = (value as Record<string, unknown>)[key];
    if (field !== undefined) sorted[key] = sortKeys(field);
  }
  return sorted;
}

/**
 * The key of a config on the leaderboard: the canonical JSON of its protocol (with all its
 * settings) and of each role's kind and model (engine, model id, device), roles in their order
 * (generators are used in turn, so order can matter). Labels, system prompts, sampling
 * settings, seeds and tools are left out: a config is "this protocol on these models", and
 * renaming it or tuning its prompts keeps its votes together. A GGUF model with no `device` is
 * the CPU one, as in old links.
 */
export function entryKey(side: SideConfig): string {
  return canonicalJson({
    protocol: side.protocol,
    roles: side.roles.map((role) => ({
      kind: role.kind,
      model: {
        engine: role.model.engine,
        modelId: role.model.modelId,
        device: role.model.device,
      },
    })),
  });
}

/** A side of a vote as an EntryRef: its key and its label. */
export function entryRef(side: SideConfig): EntryRef {
  return { key: entryKey(side), label: side.label };
}

/** 'left' ↔ 'right'; ties and both-bad stay as they are (whoever sits where). */
export function swapOutcome(outcome: 'left' | 'right' | 'tie'): 'left' | 'right' | 'tie';
export function swapOutcome(outcome: VoteOutcome): VoteOutcome;
export function swapOutcome(outcome: VoteOutcome): VoteOutcome {
  if (outcome === 'left') return 'right';
  if (outcome === 'right') return 'left';
  return outcome;
}

/** Whether a person cast the vote. */
export const isHumanVote = (vote: Vote): boolean => vote.judge === 'human';
