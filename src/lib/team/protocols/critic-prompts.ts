/**
 * The critic loop's two prompts (the critique, the revision), apart from the loop itself so the
 * context check (context-worst-case.ts) can build them without loading the protocols.
 */
import type { RoleConfig } from '../config';
import { fixedMessage, type BudgetMessage } from '../context-budget';
import { CRITIC_RETRY_MESSAGE, critiqueParts, revisionParts, taskMessage } from '../prompts';
import type { ProtocolInput } from './types';

/** The critic's call; with `unreadable`, the retry after that unreadable verdict. */
export function critiquePrompt(
  critic: RoleConfig,
  input: ProtocolInput,
  reasoning: string,
  unreadable?: string,
): BudgetMessage[] {
  const messages: BudgetMessage[] = [
    fixedMessage({ role: 'system', content: critic.systemPrompt }),
    { role: 'user', parts: critiqueParts(input, reasoning), keep: 'latest' },
  ];
  if (unreadable === undefined) return messages;
  return [
    ...messages,
    { role: 'assistant', parts: [{ shorten: unreadable }], keep: 'latest' },
    fixedMessage({ role: 'user', content: CRITIC_RETRY_MESSAGE }),
  ];
}

/** A reviewed draft and the critic's feedback on it. */
export interface Round {
  draft: string;
  feedback: string;
}

/** The reasoner's revision call: the task, every round so far (the last one is the latest). */
export function revisionPrompt(
  reasoner: RoleConfig,
  input: ProtocolInput,
  rounds: readonly Round[],
): BudgetMessage[] {
  return [
    fixedMessage({ role: 'system', content: reasoner.systemPrompt }),
    fixedMessage({ role: 'user', content: taskMessage(input) }),
    ...rounds.flatMap(({ draft, feedback }, i): BudgetMessage[] => {
      const keep = i === rounds.length - 1 ? 'latest' : 'older';
      return [
        { role: 'assistant', parts: [{ shorten: draft }], keep, round: i + 1 },
        { role: 'user', parts: revisionParts(feedback), keep, round: i + 1 },
      ];
    }),
  ];
}
