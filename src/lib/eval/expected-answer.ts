/**
 * The one rule for "is this answer right" outside a benchmark: Solo vs Team's expected answer is
 * read as a benchmark item of the kind it looks like, and scored by the benchmark's own rules
 * (`scoreItem`). So an answer marked right here scores 1 in a benchmark of the same item.
 * - with context paragraphs, or text that is neither a number nor yes/no: multi-hop (exact
 *   match after the official normalisation, token F1 beside it);
 * - a plain number ("18", "1,200", "$5"): math (the number in the final answer equals it);
 * - yes or no: yes/no (the yes/no read from the final answer equals it).
 */
import { parseNumber } from './extract-number';
import { parseYesNo } from './extract-yesno';
import { scoreAnswer, type AnswerItem } from './score-item';
import type { ItemScores } from '../storage/batch-records';
import type { ContextParagraph } from './types';

export function expectedItem(
  question: string,
  expected: string,
  context?: readonly ContextParagraph[],
): AnswerItem {
  const answer = expected.trim();
  const base = { id: 'expected', question, answer };
  if (context?.length)
    return {
      ...base,
      kind: 'multihop',
      context: context.map((p) => ({ title: p.title, sentences: [...p.sentences] })),
    };
  const gold = parseNumber(answer);
  if (gold !== null) return { ...base, kind: 'math', goldNumber: gold };
  if (parseYesNo(answer) !== null) return { ...base, kind: 'yesno' };
  return { ...base, kind: 'multihop' };
}

/** A side's final answer scored against the expected answer (null when no answer exists). */
export function scoreExpected(
  finalAnswer: string | null,
  question: string,
  expected: string,
  context?: readonly ContextParagraph[],
): ItemScores {
  return scoreAnswer(expectedItem(question, expected, context), finalAnswer);
}

/** What a side is checked against: an experiment's expected answer with its question. */
export interface Expected {
  question: string;
  answer: string;
  context?: readonly ContextParagraph[];
}

/** The expected answer of an experiment config, if it has one. */
export function expectedOf(config: {
  question: string;
  expectedAnswer?: string | undefined;
  context?: readonly ContextParagraph[] | undefined;
}): Expected | undefined {
  const answer = config.expectedAnswer?.trim();
  if (!answer) return undefined;
  return {
    question: config.question,
    answer,
    ...(config.context ? { context: config.context } : {}),
  };
}
