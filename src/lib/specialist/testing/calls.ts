/** Curated calls for the specialist tests: a plain one, a tool-using one, a multi-turn one. */
import { BUILT_IN_TOOLS } from '../../tools/built-in-tools';
import { formatToolCall } from '../../tools/parse-tool-calls';
import { toolResponseMessage } from '../../tools/tool-loop';
import type { CuratedCall } from '../curated-call';

export const EMAIL = 'ana.silva@example.com';
export const PHONE = '+351 912 345 678';

export function call(overrides: Partial<CuratedCall> = {}): CuratedCall {
  return {
    id: 't1',
    runId: 'run-1',
    roleName: 'Solo',
    kind: 'solo',
    modelId: 'qwen2.5-0.5b',
    protocol: 'solo',
    messages: [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'What is 12 + 30?' },
    ],
    output: 'Answer: 42',
    promptTokens: 20,
    completionTokens: 4,
    outcome: 'right',
    keep: true,
    ...overrides,
  };
}

/** A prompt with an e-mail and a phone number in it. */
export function piiCall(): CuratedCall {
  return call({
    id: 'pii',
    messages: [
      { role: 'system', content: `Escalate to ${EMAIL} if unsure.` },
      { role: 'user', content: `I am Ana, mail ${EMAIL}, phone ${PHONE}. What is 2 + 2?` },
    ],
    output: `Answer: 4 (I will not call ${PHONE}).`,
  });
}

const calculator = BUILT_IN_TOOLS.calculator;

/** A tool step's second call: it called the calculator, read 42, and answers. */
export function toolCall(overrides: Partial<CuratedCall> = {}): CuratedCall {
  return call({
    id: 'tool',
    kind: 'reasoner',
    roleName: 'Reasoner',
    protocol: 'reasoner-answerer',
    tools: [calculator],
    messages: [
      { role: 'system', content: 'Use tools.' },
      { role: 'user', content: 'What is 6 * 7?' },
      {
        role: 'assistant',
        content: `Computing.\n${formatToolCall({ name: 'calculator', arguments: { expression: '6 * 7' } })}`,
      },
      toolResponseMessage(
        [
          {
            callId: 'call_1',
            name: 'calculator',
            ok: true,
            content: '42',
            ms: 1,
            loadMs: 0,
            truncated: false,
          },
        ],
        [],
      ),
    ],
    output: 'The product is 42.',
    ...overrides,
  });
}

/** A critic-loop revision: the request holds the first draft and the critique. */
export function multiTurnCall(): CuratedCall {
  return call({
    id: 'multi',
    kind: 'reasoner',
    roleName: 'Reasoner',
    protocol: 'critic-loop',
    messages: [
      { role: 'system', content: 'Solve step by step.' },
      { role: 'user', content: 'What is 15% of 80?' },
      { role: 'assistant', content: 'Answer: 10' },
      { role: 'user', content: 'The critic says: recompute 0.15 * 80.' },
    ],
    output: 'Answer: 12',
  });
}
