/**
 * Supporting-fact and joint scoring as in HotpotQA's `hotpot_evaluate_v1.py` (`update_sp`, the
 * joint block of `eval`) and 2WikiMultiHopQA's `2wikimultihop_evaluate_v1.1.py` (`normalize_sp`,
 * `update_sp`).
 */
import type { SupportingFact } from './types';

/** `'hotpotqa'` compares titles as they are; `'2wiki'` lower-cases them first. */
export type FactsMode = 'hotpotqa' | '2wiki';

/** Precision, recall, F1 and EM of one metric group; every value lies in [0, 1]. */
export interface PrfEm {
  em: number;
  precision: number;
  recall: number;
  f1: number;
}

/** A fact as the official scripts read it (`[title, index]` pairs are accepted too). */
export type FactLike = SupportingFact | readonly [string, number];

function toFact(fact: FactLike): SupportingFact {
  return 'title' in fact ? fact : { title: fact[0], sentence: fact[1] };
}

function key(fact: SupportingFact): string {
  return `${fact.sentence}\u0000${fact.title}`;
}

/**
 * The facts as the script compares them: `set(map(tuple, facts))` removes exact duplicates; in
 * 2wiki mode `normalize_sp` then lower-cases the titles into a *list*, so two facts differing only
 * in case stay two entries (each is counted, as the official loop does).
 */
function prepare(facts: readonly FactLike[], mode: FactsMode): string[] {
  const unique = new Map<string, SupportingFact>();
  for (const fact of facts.map(toFact)) unique.set(key(fact), fact);
  return [...unique.values()].map((fact) =>
    key(mode === '2wiki' ? { title: fact.title.toLowerCase(), sentence: fact.sentence } : fact),
  );
}

/**
 * `update_sp`: tp / fp count predicted facts in / not in the gold; fn counts gold facts not
 * predicted. Precision and recall are 0 when their denominator is 0; F1 is 0 when both are 0;
 * EM is 1 when fp + fn = 0 (so two empty sets give EM 1 with precision, recall and F1 0).
 */
export function scoreFacts(
  predicted: readonly FactLike[],
  gold: readonly FactLike[],
  mode: FactsMode = 'hotpotqa',
): PrfEm {
  const pred = prepare(predicted, mode);
  const truth = prepare(gold, mode);
  const predSet = new Set(pred);
  const goldSet = new Set(truth);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const fact of pred) {
    if (goldSet.has(fact)) tp += 1;
    else fp += 1;
  }
  for (const fact of truth) if (!predSet.has(fact)) fn += 1;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { em: fp + fn === 0 ? 1 : 0, precision, recall, f1 };
}

/** The part of an answer or evidence score that the joint metric uses. */
export interface JointPart {
  em: number;
  precision: number;
  recall: number;
}

/**
 * The joint metric of the official `eval` loops: precision and recall are the products of the
 * parts' precisions and recalls, F1 their harmonic mean (0 when both are 0), EM the product of
 * the EMs. HotpotQA multiplies answer and supporting facts; 2WikiMultiHopQA also multiplies its
 * evidence-triple score, which can be passed as `evidence`. Pass `null` for a missing prediction:
 * the scripts then add nothing to the joint sums, so the item counts 0.
 */
export function scoreJoint(
  answer: JointPart | null,
  facts: JointPart | null,
  evidence?: JointPart | null,
): PrfEm {
  if (answer === null || facts === null || evidence === null) {
    return { em: 0, precision: 0, recall: 0, f1: 0 };
  }
  const parts = evidence === undefined ? [answer, facts] : [answer, facts, evidence];
  const precision = parts.reduce((product, part) => product * part.precision, 1);
  const recall = parts.reduce((product, part) => product * part.recall, 1);
  const em = parts.reduce((product, part) => product * part.em, 1);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { em, precision, recall, f1 };
}
