/**
 * Before a run: each role's largest call in the worst case (every earlier reply as long as its
 * role's max tokens, every round used), to compare with the role's context window. The calls are
 * built with the protocols' own prompts, so the estimate follows what would be sent.
 */
import type { RoleConfig, RoleKind, SideConfig } from './config';
import { fixedMessage, minimumTokens, wholeTokens, type BudgetMessage } from './context-budget';
import {
  answererParts,
  judgeParts,
  reconcileParts,
  refineParts,
  taskMessage,
  type ProtocolInput,
} from './prompts';
import { critiquePrompt, revisionPrompt } from './protocols/critic-prompts';
import { verifyPrompt } from './protocols/cross-verify-prompts';

export interface WorstCall {
  role: RoleConfig;
  /** Estimated prompt tokens of the largest call, sent whole. */
  promptTokens: number;
  /** Estimated prompt tokens no budget can cut (system prompt, question, instructions). */
  minimumTokens: number;
  /** Rounds the largest call carries (critic loop revisions), for the message. */
  rounds?: number;
}

/** A stand-in for a reply of `tokens` tokens: as many estimated tokens (3 ASCII characters each). */
const reply = (tokens: number) => 'x'.repeat(3 * Math.max(0, tokens));

const plainCall = (role: RoleConfig, input: ProtocolInput): BudgetMessage[] => [
  fixedMessage({ role: 'system', content: role.systemPrompt }),
  fixedMessage({ role: 'user', content: taskMessage(input) }),
];

const withLatest = (role: RoleConfig, parts: BudgetMessage['parts']): BudgetMessage[] => [
  fixedMessage({ role: 'system', content: role.systemPrompt }),
  { role: 'user', parts, keep: 'latest' },
];

const maxTokensOf = (side: SideConfig, kind: RoleKind) =>
  Math.max(0, ...side.roles.filter((r) => r.kind === kind).map((r) => r.maxTokens));

/** The largest call of each role of a side, in the side's role order. */
export function worstCaseCalls(side: SideConfig, input: ProtocolInput): WorstCall[] {
  const protocol = side.protocol;
  return side.roles.map((role) => {
    let messages = plainCall(role, input);
    let rounds: number | undefined;
    const draft = reply(maxTokensOf(side, 'reasoner'));
    switch (protocol.type) {
      case 'critic-loop': {
        const feedback = reply(maxTokensOf(side, 'critic'));
        if (role.kind === 'reasoner') {
          rounds = protocol.maxRounds;
          messages = revisionPrompt(
            role,
            input,
            Array.from({ length: rounds }, () => ({ draft, feedback })),
          );
        } else if (role.kind === 'critic')
          messages = critiquePrompt(role, input, draft, reply(role.maxTokens));
        else if (role.kind === 'answerer') messages = withLatest(role, answererParts(input, draft));
        break;
      }
      case 'reasoner-answerer':
        if (role.kind === 'answerer') messages = withLatest(role, answererParts(input, draft));
        break;
      case 'generators-judge': {
        const candidates = Array.from({ length: protocol.generators }, () =>
          reply(maxTokensOf(side, 'generator')),
        );
        if (role.kind === 'judge') messages = withLatest(role, judgeParts(input, candidates));
        else if (role.kind === 'generator' && protocol.layers > 1)
          messages = withLatest(role, refineParts(input, candidates));
        break;
      }
      case 'escalation':
        // The critic check's retry: the small model's reply, the critic's unreadable one.
        if (role.kind === 'critic')
          messages = critiquePrompt(
            role,
            input,
            reply(maxTokensOf(side, 'small')),
            reply(role.maxTokens),
          );
        break;
      case 'cross-verify': {
        // A check's retry (the other's reply, this role's unreadable check); the reconciler's
        // call with both replies and both checks.
        if (role.kind === 'peer-a' || role.kind === 'peer-b') {
          const other = maxTokensOf(side, role.kind === 'peer-a' ? 'peer-b' : 'peer-a');
          messages = verifyPrompt(role, input, reply(other), reply(role.maxTokens));
        } else if (role.kind === 'reconciler')
          messages = withLatest(
            role,
            reconcileParts(
              input,
              (['peer-a', 'peer-b'] as const).map((kind) => ({
                name: kind,
                reply: reply(maxTokensOf(side, kind)),
                check: reply(maxTokensOf(side, kind === 'peer-a' ? 'peer-b' : 'peer-a')),
              })),
            ),
          );
        break;
      }
      case 'solo':
      case 'tool-agent':
      case 'self-consistency':
        break;
    }
    return {
      role,
      promptTokens: wholeTokens(messages),
      minimumTokens: minimumTokens(messages),
      ...(rounds ? { rounds } : {}),
    };
  });
}
