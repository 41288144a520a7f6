/**
 * Loader for StrategyQA (eladsegal/strategyqa `data/strategyqa/train.json` / `dev.json`): a JSON
 * array of `{ qid, term, description, question, answer, facts, decomposition, evidence }` with
 * `answer` a JSON boolean. Items become yes/no items with gold `'yes'` / `'no'`; the annotated
 * facts are not given to the model (StrategyQA asks for implicit reasoning without context).
 */
import { parseYesNo } from './extract-yesno';
import {
  assertUniqueIds,
  EvalLoadError,
  isRecord,
  itemLabel,
  parseJsonArray,
  requireString,
  type LoadOptions,
} from './load-util';
import type { EvalItem, EvalSet } from './types';

const LABEL = 'StrategyQA';

function readItem(raw: unknown, index: number): EvalItem {
  const rawId = isRecord(raw) ? raw.qid : undefined;
  const where = itemLabel(LABEL, index, rawId);
  if (!isRecord(raw)) throw new EvalLoadError(`${where}: expected an object`);
  const question = requireString(raw, 'question', where);
  const rawAnswer = raw.answer;
  if (rawAnswer === undefined || rawAnswer === null) {
    throw new EvalLoadError(`${where}: missing "answer" (the StrategyQA test split has none)`);
  }
  const answer =
    typeof rawAnswer === 'boolean'
      ? rawAnswer
      : typeof rawAnswer === 'string'
        ? parseYesNo(rawAnswer)
        : null;
  if (answer === null) throw new EvalLoadError(`${where}: "answer" must be true or false`);
  return {
    id: typeof rawId === 'string' ? rawId : `strategyqa-${index + 1}`,
    kind: 'yesno',
    question,
    answer: answer ? 'yes' : 'no',
  };
}

/** Parses StrategyQA's JSON array into an `EvalSet`. */
export function loadStrategyQa(text: string, options: LoadOptions = {}): EvalSet {
  const items = parseJsonArray(text, LABEL).map(readItem);
  assertUniqueIds(items, LABEL);
  return {
    id: 'strategyqa',
    name: 'StrategyQA',
    source: 'https://github.com/eladsegal/strategyqa',
    licence: 'MIT',
    ...options,
    format: 'strategyqa',
    items,
  };
}
