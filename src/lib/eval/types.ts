import type { ExpectedCall } from '../tools/function-call-set';
import type { SoftwareItem } from '../software/software-item';
import type { ToolSpec } from '../tools/types';

/**
 * Common shapes for benchmark evaluation: every loader (HotpotQA, 2WikiMultiHopQA, GSM8K, SVAMP,
 * StrategyQA) and every shipped question set produces the same `EvalItem`s inside an `EvalSet`.
 */

/** What kind of answer an item expects, and so which scorer applies. */
export type EvalKind = 'multihop' | 'math' | 'yesno' | 'function-call' | 'web-app' | 'code';

/** Kinds scored by running the program an answer holds, not by reading the answer. */
export const SOFTWARE_KINDS: readonly EvalKind[] = ['web-app', 'code'];

/** One paragraph of context: a title and its sentences (indexed from 0 by supporting facts). */
export interface ContextParagraph {
  title: string;
  sentences: string[];
}

/** A supporting fact: the paragraph's title and the index of a sentence in it (from 0). */
export interface SupportingFact {
  title: string;
  sentence: number;
}

/** One question with its gold answer, in the same shape for every set. */
export interface EvalItem {
  /** Unique within its set (the benchmark's own id where it has one). */
  id: string;
  kind: EvalKind;
  question: string;
  /** Paragraphs given to the model (multi-hop sets), supporting and distracting. */
  context?: ContextParagraph[];
  /** The gold answer as text ('yes' / 'no' for yes/no items, the number's text for math). */
  answer: string;
  /** Other accepted answers (2WikiMultiHopQA scores the best over answer and aliases). */
  aliases?: string[];
  /** Gold supporting facts (multi-hop sets). */
  supportingFacts?: SupportingFact[];
  /** The gold answer as a number (math sets). */
  goldNumber?: number;
  /**
   * Function-calling items: the functions the question offers (declared to the models, never
   * run) and the calls a right reply makes, in any order (none: no function applies).
   */
  functions?: ToolSpec[];
  expectedCalls?: ExpectedCall[];
  /** Software items (kinds 'web-app' and 'code'): the task, and what checks its program. */
  software?: SoftwareItem;
  /** The item's category within its set (function calling: BFCL's categories). */
  category?: string;
}

/** Which file format a set came from; decides e.g. whether supporting-fact titles are lower-cased. */
export type EvalFormat =
  'hotpotqa' | '2wiki' | 'gsm8k' | 'svamp' | 'strategyqa' | 'humaneval' | 'playground';

/** A named list of items with where it came from and under which licence. */
export interface EvalSet {
  id: string;
  name: string;
  /** A URL, or a note such as 'Written for this playground' for the sets shipped with it. */
  source: string;
  licence: string;
  /** The format the set was loaded from (absent where unknown). */
  format?: EvalFormat;
  items: EvalItem[];
}
