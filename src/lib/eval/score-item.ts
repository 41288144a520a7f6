/**
 * Scoring one side's answer to one benchmark item, by the item's kind, with the official rules
 * in `src/lib/eval`:
 * - multihop: answer EM / F1 (best over the gold and its aliases); for sides that cite
 *   `[Title, sentence N]` references, supporting-fact precision/recall/F1/EM and the joint
 *   scores. References are numbered from 1 as the models see the paragraphs (`formatContext`
 *   in team/prompts.ts); the data's sentence indices start at 0, so N becomes N − 1.
 * - math: the number extracted from the answer equals the gold number;
 * - yes/no: the yes/no extracted from the answer equals the gold.
 * Function-calling items are scored by their calls (score-any-item.ts), apart, so that the
 * Solo vs Team view, which scores answers with this module, does not load a schema validator.
 */
import { extractPredictedNumber, numbersEqual, parseNumber } from './extract-number';
import { extractYesNo, parseYesNo } from './extract-yesno';
import { scoreAnswerBest } from './score-answer';
import { scoreFacts, scoreJoint, type FactsMode } from './score-facts';
import type { EvalFormat, EvalItem, EvalKind, SupportingFact } from './types';
import { parseReference } from '../team/answers';
import { answerPart } from '../team/thinking';
import type { ProtocolType } from '../team/config';
import type { ItemScores } from '../storage/batch-records';

/** Protocols whose result carries the reasoner's `[Title, sentence N]` references. */
export const CITING_PROTOCOLS: readonly ProtocolType[] = ['reasoner-answerer', 'critic-loop'];

export function citesReferences(protocol: ProtocolType): boolean {
  return CITING_PROTOCOLS.includes(protocol);
}

/**
 * References as written by a model (`[Title, sentence N]`, N from 1) as supporting facts
 * (sentence index from 0). Text that is not a reference, and N < 1, are left out.
 */
export function referencesToFacts(references: readonly string[]): SupportingFact[] {
  const facts: SupportingFact[] = [];
  for (const text of references) {
    const ref = parseReference(text);
    if (ref && ref.sentence >= 1) facts.push({ title: ref.title, sentence: ref.sentence - 1 });
  }
  return facts;
}

const CONCLUSION = /^\s*(?:[*_#]+\s*)?conclusion(?:[*_]+)?\s*[:：]\s*(.*)$/i;

/** Markdown emphasis and wrapping quotes off a short answer. */
function cleanAnswer(text: string): string {
  return text
    .replace(/\*\*|__/g, '')
    .trim()
    .replace(/^["'“‘](.*)["'”’]$/, '$1')
    .trim();
}

/**
 * The answer a reasoner's text concludes: what follows its last `Conclusion:` (on the same line,
 * or on the next non-empty line when the label stands alone). Null when there is none.
 * Thinking (`<think>…</think>`) is not read.
 */
export function draftConclusion(text: string): string | null {
  const lines = answerPart(text).split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = CONCLUSION.exec(lines[i] ?? '');
    if (!match) continue;
    let answer = cleanAnswer(match[1] ?? '');
    if (!answer) {
      const next = lines.slice(i + 1).find((l) => l.trim() !== '') ?? '';
      answer = /^\s*references\s*:/i.test(next) ? '' : cleanAnswer(next);
    }
    return answer || null;
  }
  return null;
}

/** How supporting-fact titles compare for a set: 2WikiMultiHopQA lower-cases them. */
export function factsModeOf(format: EvalFormat | undefined): FactsMode {
  return format === '2wiki' ? '2wiki' : 'hotpotqa';
}

export interface ScoreOptions {
  format?: EvalFormat;
  /**
   * Whether the side is one that cites references (see CITING_PROTOCOLS). Such a side's facts
   * are scored even when it cited nothing (an empty prediction scores 0).
   */
  cites?: boolean;
  /** The side's references; ignored unless `cites`. */
  references?: readonly string[];
}

/** An item answered in words: every kind but function calling and software. */
export type AnswerItem = EvalItem & {
  kind: Exclude<EvalKind, 'function-call' | 'web-app' | 'code'>;
};

/** Scores an answer to an item; `answer` null (a side that failed or stopped) scores 0. */
export function scoreAnswer(
  item: AnswerItem,
  answer: string | null,
  options: ScoreOptions = {},
): ItemScores {
  const text = answer ?? '';
  switch (item.kind) {
    case 'multihop': {
      const zero = { em: 0, f1: 0, precision: 0, recall: 0 };
      const score = answer === null ? zero : scoreAnswerBest(text, item.answer, item.aliases);
      const scores: ItemScores = { correct: score.em, em: score.em, f1: score.f1 };
      if (options.cites) {
        const predicted = answer === null ? [] : referencesToFacts(options.references ?? []);
        const facts = scoreFacts(
          predicted,
          item.supportingFacts ?? [],
          factsModeOf(options.format),
        );
        scores.facts = facts;
        scores.joint = scoreJoint(answer === null ? null : score, facts);
      }
      return scores;
    }
    case 'math': {
      const gold = item.goldNumber ?? parseNumber(item.answer);
      const value = answer === null ? null : extractPredictedNumber(text);
      const correct = value !== null && gold !== null && numbersEqual(value, gold) ? 1 : 0;
      return { correct, extracted: value === null ? null : String(value) };
    }
    case 'yesno': {
      const gold = parseYesNo(item.answer);
      const value = answer === null ? null : extractYesNo(text);
      const correct = value !== null && value === gold ? 1 : 0;
      return { correct, extracted: value === null ? null : value ? 'yes' : 'no' };
    }
  }
}
