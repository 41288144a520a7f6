/**
 * Answer scoring as in HotpotQA's `hotpot_evaluate_v1.py` (`exact_match_score`, `f1_score`) and
 * 2WikiMultiHopQA's `2wikimultihop_evaluate_v1.1.py` (`update_answer`: best over the gold answer
 * and its aliases).
 */
import { normalizeAnswer, pythonSplit } from './normalize';

/** Exact match, token F1, precision and recall of one prediction against one or more golds. */
export interface AnswerScore {
  /** 1 when the normalised strings are equal, else 0. */
  em: number;
  f1: number;
  precision: number;
  recall: number;
}

const ZERO: AnswerScore = { em: 0, f1: 0, precision: 0, recall: 0 };

/** Normalised answers that only match themselves: any other pair scores F1 0. */
const SPECIAL_ANSWERS = new Set(['yes', 'no', 'noanswer']);

/** `exact_match_score`: the normalised prediction equals the normalised gold. */
export function exactMatch(prediction: string, gold: string): boolean {
  return normalizeAnswer(prediction) === normalizeAnswer(gold);
}

/**
 * `f1_score`: token-level F1 over the multiset of shared tokens (`Counter & Counter`).
 * If either side normalises to `yes`, `no` or `noanswer` and the two differ, all three are 0.
 * No shared token (including both sides empty) also gives 0.
 */
export function tokenF1(
  prediction: string,
  gold: string,
): { f1: number; precision: number; recall: number } {
  const pred = normalizeAnswer(prediction);
  const truth = normalizeAnswer(gold);
  if ((SPECIAL_ANSWERS.has(pred) || SPECIAL_ANSWERS.has(truth)) && pred !== truth) {
    return { f1: 0, precision: 0, recall: 0 };
  }
  const predTokens = pythonSplit(pred);
  const goldTokens = pythonSplit(truth);
  const goldCounts = new Map<string, number>();
  for (const token of goldTokens) goldCounts.set(token, (goldCounts.get(token) ?? 0) + 1);
  let same = 0;
  for (const token of predTokens) {
    const left = goldCounts.get(token) ?? 0;
    if (left > 0) {
      same += 1;
      goldCounts.set(token, left - 1);
    }
  }
  if (same === 0) return { f1: 0, precision: 0, recall: 0 };
  const precision = same / predTokens.length;
  const recall = same / goldTokens.length;
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall };
}

/** EM and token F1 / precision / recall of a prediction against a single gold answer. */
export function scoreAnswer(prediction: string, gold: string): AnswerScore {
  return { em: exactMatch(prediction, gold) ? 1 : 0, ...tokenF1(prediction, gold) };
}

/**
 * 2WikiMultiHopQA's `update_answer`: the maximum of each metric over the gold answer and its
 * aliases, taken separately (EM, F1, precision and recall may each come from a different alias).
 * With no aliases this is `scoreAnswer(prediction, gold)`, i.e. HotpotQA's scoring.
 */
export function scoreAnswerBest(
  prediction: string,
  gold: string,
  aliases: readonly string[] = [],
): AnswerScore {
  const best = { ...ZERO };
  for (const candidate of new Set([gold, ...aliases])) {
    const score = scoreAnswer(prediction, candidate);
    best.em = Math.max(best.em, score.em);
    best.f1 = Math.max(best.f1, score.f1);
    best.precision = Math.max(best.precision, score.precision);
    best.recall = Math.max(best.recall, score.recall);
  }
  return best;
}

/**
 * Scores a possibly missing prediction: the official scripts add nothing for a missing answer,
 * so averaged over every item it counts as 0 on every metric.
 */
export function scoreAnswerOrZero(
  prediction: string | null | undefined,
  gold: string,
  aliases: readonly string[] = [],
): AnswerScore {
  return prediction === null || prediction === undefined
    ? { ...ZERO }
    : scoreAnswerBest(prediction, gold, aliases);
}
