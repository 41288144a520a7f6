/**
 * Loader for SVAMP (arkilpatel/SVAMP `SVAMP.json`): a JSON array of `{ ID, Body, Question,
 * Equation, Answer, Type }` with `Answer` a number (`51.0`). The question shown to a model is
 * `Body` and `Question` joined by a space, as SVAMP's own code builds it.
 */
import { formatNumber, parseNumber } from './extract-number';
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

const LABEL = 'SVAMP';

function readItem(raw: unknown, index: number): EvalItem {
  const rawId = isRecord(raw) ? raw.ID : undefined;
  const where = itemLabel(LABEL, index, rawId);
  if (!isRecord(raw)) throw new EvalLoadError(`${where}: expected an object`);
  const body = requireString(raw, 'Body', where);
  const question = requireString(raw, 'Question', where);
  const rawAnswer = raw.Answer;
  if (rawAnswer === undefined || rawAnswer === null) {
    throw new EvalLoadError(`${where}: missing "Answer"`);
  }
  const goldNumber =
    typeof rawAnswer === 'number' && Number.isFinite(rawAnswer)
      ? rawAnswer
      : typeof rawAnswer === 'string'
        ? parseNumber(rawAnswer)
        : null;
  if (goldNumber === null) throw new EvalLoadError(`${where}: "Answer" must be a number`);
  return {
    id:
      typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `svamp-${index + 1}`,
    kind: 'math',
    question: `${body.trim()} ${question.trim()}`.trim(),
    answer: formatNumber(goldNumber),
    goldNumber,
  };
}

/** Parses SVAMP's JSON array into an `EvalSet`. */
export function loadSvamp(text: string, options: LoadOptions = {}): EvalSet {
  const items = parseJsonArray(text, LABEL).map(readItem);
  assertUniqueIds(items, LABEL);
  return {
    id: 'svamp',
    name: 'SVAMP',
    source: 'https://github.com/arkilpatel/SVAMP',
    licence: 'MIT',
    ...options,
    format: 'svamp',
    items,
  };
}
