/**
 * The escalation protocol's decisions, apart from any model call: whether an answer reads as
 * an answer of the required form, whether samples agree enough, and the outcome a side result
 * records ('agreement 2/5 below 3/5'). Answers are read as the benchmark's scorers read them.
 */
import type { EvalKind } from '../eval/types';
import { extractPredictedNumber } from '../eval/extract-number';
import { extractYesNo } from '../eval/extract-yesno';
import type { VoteCount } from './answers';
import { answerLine, extractFinalAnswer } from './answers';
import type { AnswerFormat, EscalationCheckKind } from './config';
import { answerPart } from './thinking';
import { parseToolCalls } from '../tools/parse-tool-calls';

/**
 * An answer form with 'auto' resolved. 'calls' (function-calling items) is reached only through
 * 'auto': a reply whose function calls can all be read.
 */
export type ConcreteAnswerFormat = Exclude<AnswerFormat, 'auto'> | 'calls';

export const CONCRETE_ANSWER_FORMATS: readonly ConcreteAnswerFormat[] = [
  'number',
  'yes-no',
  'short',
  'calls',
];

/** The answer forms in words, for labels and reasons: 'a number'. */
export const ANSWER_FORMAT_NAMES: Record<AnswerFormat, string> = {
  auto: "of the question's kind",
  number: 'a number',
  'yes-no': 'yes or no',
  short: 'a short answer',
};

/** Longest short answer, in words: the prompts ask for 'a name, number, date or a few words'. */
export const SHORT_ANSWER_MAX_WORDS = 12;

/** The form a question's answer takes, by the kind of benchmark item it is. */
const FORMAT_OF_KIND: Record<EvalKind, ConcreteAnswerFormat> = {
  math: 'number',
  yesno: 'yes-no',
  multihop: 'short',
  'function-call': 'calls',
  // A program is checked by running it, not by its form: any reply passes the form check.
  'web-app': 'short',
  code: 'short',
};

/** 'auto' resolved with the question's kind when known, else a short answer. */
export function resolveAnswerFormat(
  format: AnswerFormat,
  kind: EvalKind | undefined,
): ConcreteAnswerFormat {
  if (format !== 'auto') return format;
  return kind ? FORMAT_OF_KIND[kind] : 'short';
}

/**
 * Why a reply cannot be read as an answer of the form, or null when it can. Numbers and yes/no
 * are read from the final answer as the math and yes/no scorers read them; a short answer needs
 * an explicit `Answer: …` line of at most SHORT_ANSWER_MAX_WORDS words.
 */
export function answerFormatProblem(reply: string, format: ConcreteAnswerFormat): string | null {
  const answer = extractFinalAnswer(reply);
  switch (format) {
    case 'number':
      return extractPredictedNumber(answer) === null
        ? `the answer ${quoteAnswer(answer)} has no number`
        : null;
    case 'yes-no':
      return extractYesNo(answer) === null
        ? `the answer ${quoteAnswer(answer)} is neither yes nor no`
        : null;
    case 'calls': {
      const { unreadable } = parseToolCalls(answerPart(reply));
      return unreadable.length
        ? `a function call could not be read (${unreadable[0]!.message})`
        : null;
    }
    case 'short': {
      const line = answerLine(reply);
      if (!line) return 'the reply has no "Answer:" line';
      const words = line.split(/\s+/).filter(Boolean).length;
      return words > SHORT_ANSWER_MAX_WORDS
        ? `the answer has ${words} words (at most ${SHORT_ANSWER_MAX_WORDS})`
        : null;
    }
  }
}

/** An answer in quotes, cut to 40 characters; '(empty)' when there is none. */
function quoteAnswer(answer: string): string {
  if (!answer) return '(empty)';
  const chars = Array.from(answer);
  return `"${chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : answer}"`;
}

/** The agreement check's figures: the top answer's votes out of the samples, and the bar. */
export interface Agreement {
  votes: number;
  samples: number;
  threshold: number;
}

/** The top answer's votes (0 when no sample gave an answer). */
export function agreementOf(counts: readonly VoteCount[], samples: number, threshold: number) {
  return { votes: counts[0]?.count ?? 0, samples, threshold } satisfies Agreement;
}

/** 'agreement 2/5 below 3/5' or 'agreement 4/5 reaches 3/5'. */
export function agreementReason({ votes, samples, threshold }: Agreement): string {
  const verb = votes < threshold ? 'below' : 'reaches';
  return `agreement ${votes}/${samples} ${verb} ${threshold}/${samples}`;
}

/** What the escalation check decided, kept in the side result (and in history and traces). */
export interface EscalationOutcome {
  check: EscalationCheckKind;
  escalated: boolean;
  /** Why, in words: 'agreement 2/5 below 3/5', 'the critic asked for a revision'. */
  reason: string;
  /** The small model's answer (the final answer when not escalated). */
  smallAnswer: string;
  /** The agreement check's figures. */
  agreement?: Agreement;
  /** The format check's form ('auto' resolved). */
  format?: ConcreteAnswerFormat;
}

/** 'Escalated to Qwen3 8B: agreement 2/5 below 3/5' or 'Not escalated: …'. */
export function escalationSummary(outcome: EscalationOutcome, largeModel: string): string {
  return outcome.escalated
    ? `Escalated to ${largeModel}: ${outcome.reason}`
    : `Not escalated: ${outcome.reason}`;
}
