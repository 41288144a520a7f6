/**
 * Scores a reply's tool calls against a function-calling item the way BFCL's AST checker does:
 * the right number of calls, each matched (in any order) to an expected call with the same
 * name, every argument one of its acceptable values and none left out that must be there, no
 * argument the expected call does not know. Strings compare without case, spaces or the
 * punctuation BFCL drops; an integer is accepted for a number.
 */
import {
  OMITTED,
  type AcceptableValue,
  type ExpectedCall,
  type FunctionCallItem,
} from './function-call-set';
import type { ToolCall } from './types';
import { argumentProblems } from './validate-arguments';

export interface CallScore {
  /** Every call parsed and fits a declared tool's schema (and nothing unreadable was written). */
  valid: boolean;
  /** The calls are the expected ones (for irrelevance: there are none). */
  correct: boolean;
  /** Why not, in words; '' when correct. */
  reason: string;
}

const normaliseText = (text: string) => text.toLowerCase().replace(/[\s,./\-_*^'"!?;:]/g, '');

function sameValue(actual: unknown, acceptable: AcceptableValue): boolean {
  if (acceptable === OMITTED) return false;
  if (typeof acceptable === 'number')
    return typeof actual === 'number' && Math.abs(actual - acceptable) < 1e-9;
  if (typeof acceptable === 'string')
    return typeof actual === 'string' && normaliseText(actual) === normaliseText(acceptable);
  if (typeof acceptable === 'boolean') return actual === acceptable;
  return (
    Array.isArray(actual) &&
    actual.length === acceptable.length &&
    actual.every((v, i) => sameValue(v, acceptable[i] as AcceptableValue))
  );
}

/** Why `call` is not `expected`, or null when it is. */
export function callMismatch(call: ToolCall, expected: ExpectedCall): string | null {
  if (call.name !== expected.name) return `called ${call.name}, expected ${expected.name}`;
  const args = (call.arguments ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(args))
    if (!(key in expected.arguments)) return `${call.name}: unexpected argument ${key}`;
  for (const [key, acceptable] of Object.entries(expected.arguments)) {
    if (!(key in args)) {
      if (!acceptable.includes(OMITTED)) return `${call.name}: ${key} is missing`;
      continue;
    }
    if (!acceptable.some((value) => sameValue(args[key], value)))
      return `${call.name}: ${key} is ${JSON.stringify(args[key])}`;
  }
  return null;
}

/** Matches calls to expected calls one to one (any order); the first mismatch when none fits. */
function matchAll(calls: readonly ToolCall[], expected: readonly ExpectedCall[]): string | null {
  if (calls.length === 0) return null;
  const [first, ...rest] = calls as [ToolCall, ...ToolCall[]];
  let firstReason: string | null = null;
  for (let i = 0; i < expected.length; i++) {
    const reason = callMismatch(first, expected[i]!);
    if (reason) {
      firstReason ??= reason;
      continue;
    }
    if (matchAll(rest, [...expected.slice(0, i), ...expected.slice(i + 1)]) === null) return null;
  }
  return firstReason ?? 'the calls do not pair with the expected ones';
}

export function scoreCalls(
  item: Pick<FunctionCallItem, 'tools' | 'expected'>,
  calls: readonly ToolCall[],
  unreadable = 0,
): CallScore {
  const invalid = calls.find((c) => {
    const tool = item.tools.find((t) => t.name === c.name);
    return !tool || argumentProblems(tool, c.arguments) !== null;
  });
  const valid = unreadable === 0 && !invalid;
  const fail = (reason: string): CallScore => ({ valid, correct: false, reason });
  if (unreadable > 0)
    return fail(`${unreadable} call${unreadable === 1 ? '' : 's'} could not be read`);
  if (item.expected.length === 0)
    return calls.length === 0
      ? { valid, correct: true, reason: '' }
      : fail('no tool applies, but one was called');
  if (calls.length !== item.expected.length)
    return fail(
      `${calls.length} call${calls.length === 1 ? '' : 's'}, expected ${item.expected.length}`,
    );
  const mismatch = matchAll(calls, item.expected);
  return mismatch ? fail(mismatch) : { valid, correct: true, reason: '' };
}
