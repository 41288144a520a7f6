/**
 * Scoring a benchmark item of any kind: function-calling items by the calls of the answer (their
 * `<tool_call>` blocks against the expected calls, BFCL's AST rules in score-calls.ts, and
 * whether every call was valid), every other kind by its answer (score-item.ts).
 */
import { formatCallsText } from '../tools/call-text';
import { parseToolCalls } from '../tools/parse-tool-calls';
import { scoreCalls } from '../tools/score-calls';
import type { ItemScores } from '../storage/batch-records';
import { answerPart } from '../team/thinking';
import { scoreAnswer, type AnswerItem, type ScoreOptions } from './score-item';
import type { EvalItem } from './types';

/** Scores a side's final answer to an item; `answer` null (failed or stopped) scores 0. */
export function scoreItem(
  item: EvalItem,
  answer: string | null,
  options: ScoreOptions = {},
): ItemScores {
  if (item.kind === 'web-app' || item.kind === 'code')
    throw new Error(
      `Item ${item.id} is a software task: it is scored by running its program (batch runner), not by its answer.`,
    );
  if (item.kind !== 'function-call') return scoreAnswer(item as AnswerItem, answer, options);
  if (answer === null)
    return { correct: 0, extracted: null, calls: { valid: 0, reason: 'no answer' } };
  const { calls, unreadable } = parseToolCalls(answerPart(answer));
  const score = scoreCalls(
    { tools: item.functions ?? [], expected: item.expectedCalls ?? [] },
    calls,
    unreadable.length,
  );
  return {
    correct: score.correct ? 1 : 0,
    extracted: formatCallsText(calls),
    calls: { valid: score.valid ? 1 : 0, reason: score.reason },
  };
}
