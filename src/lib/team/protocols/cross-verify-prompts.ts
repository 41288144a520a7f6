/**
 * Cross-verification's check prompt, apart from the protocol so the context check
 * (context-worst-case.ts) can build it without loading the protocols.
 */
import type { RoleConfig } from '../config';
import { fixedMessage, type BudgetMessage } from '../context-budget';
import { CRITIC_RETRY_MESSAGE, verifyParts } from '../prompts';
import type { ProtocolInput } from './types';

/** An answerer's check of the other's reply; with `unreadable`, the retry after that check. */
export function verifyPrompt(
  checker: RoleConfig,
  input: ProtocolInput,
  otherReply: string,
  unreadable?: string,
): BudgetMessage[] {
  const messages: BudgetMessage[] = [
    fixedMessage({ role: 'system', content: checker.systemPrompt }),
    { role: 'user', parts: verifyParts(input, otherReply), keep: 'latest' },
  ];
  if (unreadable === undefined) return messages;
  return [
    ...messages,
    { role: 'assistant', parts: [{ shorten: unreadable }], keep: 'latest' },
    fixedMessage({ role: 'user', content: CRITIC_RETRY_MESSAGE }),
  ];
}
