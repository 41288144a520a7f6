/**
 * The forty function-calling items (src/lib/tools/function-call-set.ts, BFCL's categories) as a
 * question set for the Benchmark tab: each item offers its functions to the models and is
 * scored by the calls of the side's final answer (score-calls.ts).
 */
import { OMITTED, FUNCTION_CALL_SET, type ExpectedCall } from '../../tools/function-call-set';
import { formatCallsText } from '../../tools/call-text';
import type { EvalItem, EvalSet } from '../types';

/** The expected calls with each argument's first acceptable value, left out when it may be. */
function goldText(expected: readonly ExpectedCall[]): string {
  return formatCallsText(
    expected.map((call) => ({
      name: call.name,
      arguments: Object.fromEntries(
        Object.entries(call.arguments)
          .filter(([, values]) => !values.includes(OMITTED))
          .map(([key, values]) => [key, values[0]]),
      ),
    })),
  );
}

const items: EvalItem[] = FUNCTION_CALL_SET.map((item) => ({
  id: item.id,
  kind: 'function-call',
  category: item.category,
  question: item.question,
  answer: goldText(item.expected),
  functions: structuredClone(item.tools),
  expectedCalls: structuredClone(item.expected),
}));

/** The shipped function-calling set. */
export const functionCallSet: EvalSet = {
  id: 'playground-function-calls',
  name: 'Function calling (40)',
  source: 'Written for this playground',
  licence: 'MIT (this project)',
  format: 'playground',
  items,
};
