/**
 * Loader for GSM8K (openai/grade-school-math `grade_school_math/data/*.jsonl`): one JSON object
 * per line with `question` and `answer`, the answer's worked solution ending in `#### N`. The
 * gold is taken as `extract_answer` in `grade_school_math/dataset.py` does (first `#### N`,
 * commas removed). A JSON array of the same objects is accepted too.
 */
import { extractGsm8kAnswerText, GSM8K_TEST_URL, parseNumber } from './extract-number';
import {
  assertUniqueIds,
  EvalLoadError,
  isRecord,
  parseJson,
  parseJsonArray,
  requireString,
  stripBom,
  type LoadOptions,
} from './load-util';
import type { EvalItem, EvalSet } from './types';

export { GSM8K_TEST_URL } from './extract-number';

const LABEL = 'GSM8K';

function readItem(raw: unknown, where: string, ordinal: number): EvalItem {
  if (!isRecord(raw)) throw new EvalLoadError(`${where}: expected an object`);
  const question = requireString(raw, 'question', where);
  const solution = requireString(raw, 'answer', where);
  const answer = extractGsm8kAnswerText(solution);
  if (answer === null) throw new EvalLoadError(`${where}: "answer" has no final "#### N"`);
  const goldNumber = parseNumber(answer);
  if (goldNumber === null) {
    throw new EvalLoadError(`${where}: the final answer "#### ${answer}" is not a number`);
  }
  return { id: `gsm8k-${ordinal}`, kind: 'math', question, answer, goldNumber };
}

/** Parses GSM8K JSONL text (blank lines skipped) into an `EvalSet`. */
export function loadGsm8k(text: string, options: LoadOptions = {}): EvalSet {
  const body = stripBom(text);
  const items: EvalItem[] = [];
  if (body.trimStart().startsWith('[')) {
    parseJsonArray(body, LABEL).forEach((raw, i) => {
      items.push(readItem(raw, `${LABEL} item ${i + 1}`, i + 1));
    });
  } else {
    body.split(/\r?\n/u).forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${LABEL} line ${i + 1}`;
      items.push(readItem(parseJson(line, where), where, items.length + 1));
    });
  }
  if (items.length === 0) throw new EvalLoadError(`${LABEL}: the file holds no items`);
  assertUniqueIds(items, LABEL);
  return {
    id: 'gsm8k',
    name: 'GSM8K',
    source: GSM8K_TEST_URL,
    licence: 'MIT',
    ...options,
    format: 'gsm8k',
    items,
  };
}
