/**
 * Loader for HotpotQA (distractor / fullwiki dev or train JSON) and 2WikiMultiHopQA, which share
 * the record shape: `_id`, `question`, `answer`, `context` as `[title, [sentences]]` pairs and
 * `supporting_facts` as `[title, sentence index]` pairs. 2Wiki records may carry `answer_aliases`
 * (or `aliases`), which its scorer accepts as well. The Hugging Face export (`context` as
 * `{ title: [...], sentences: [[...]] }`, `supporting_facts` as `{ title: [...], sent_id: [...] }`,
 * `id` instead of `_id`) is read too.
 */
import type { ContextParagraph, EvalItem, EvalSet, SupportingFact } from './types';
import {
  assertUniqueIds,
  EvalLoadError,
  isRecord,
  itemLabel,
  parseJsonArray,
  requireString,
  type JsonRecord,
  type LoadOptions,
} from './load-util';

export type { LoadOptions } from './load-util';

/** Which of the two benchmarks the file holds (decides the labels, defaults and fact mode). */
export type MultihopFlavour = 'hotpotqa' | '2wiki';

const DEFAULTS: Record<MultihopFlavour, Required<LoadOptions>> = {
  hotpotqa: {
    id: 'hotpotqa',
    name: 'HotpotQA',
    source: 'https://hotpotqa.github.io/',
    licence: 'CC BY-SA 4.0',
  },
  '2wiki': {
    id: '2wikimultihopqa',
    name: '2WikiMultiHopQA',
    source: 'https://github.com/Alab-NII/2wikimultihop',
    licence: 'Apache-2.0',
  },
};

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

function readContext(value: unknown, where: string): ContextParagraph[] {
  if (isRecord(value) && Array.isArray(value.title) && Array.isArray(value.sentences)) {
    const { title, sentences } = value;
    return title.map((t, i) => readParagraph([t, sentences[i]], `${where}: "context" entry ${i}`));
  }
  if (!Array.isArray(value)) {
    throw new EvalLoadError(`${where}: "context" must be a list of [title, sentences] pairs`);
  }
  return value.map((entry, i) => readParagraph(entry, `${where}: "context" entry ${i}`));
}

function readParagraph(entry: unknown, where: string): ContextParagraph {
  if (!Array.isArray(entry) || entry.length !== 2) {
    throw new EvalLoadError(`${where} must be a [title, sentences] pair`);
  }
  const [title, sentences] = entry as [unknown, unknown];
  if (typeof title !== 'string') throw new EvalLoadError(`${where}: the title must be a string`);
  if (!isStringArray(sentences)) {
    throw new EvalLoadError(`${where} ("${title}"): the sentences must be a list of strings`);
  }
  return { title, sentences };
}

function readFacts(value: unknown, where: string): SupportingFact[] {
  if (isRecord(value) && Array.isArray(value.title) && Array.isArray(value.sent_id)) {
    const { title, sent_id: sentence } = value;
    return title.map((t, i) =>
      readFact([t, sentence[i]], `${where}: "supporting_facts" entry ${i}`),
    );
  }
  if (!Array.isArray(value)) {
    throw new EvalLoadError(`${where}: "supporting_facts" must be a list of [title, index] pairs`);
  }
  return value.map((entry, i) => readFact(entry, `${where}: "supporting_facts" entry ${i}`));
}

function readFact(entry: unknown, where: string): SupportingFact {
  if (!Array.isArray(entry) || entry.length !== 2) {
    throw new EvalLoadError(`${where} must be a [title, sentence index] pair`);
  }
  const [title, sentence] = entry as [unknown, unknown];
  if (typeof title !== 'string') throw new EvalLoadError(`${where}: the title must be a string`);
  if (typeof sentence !== 'number' || !Number.isInteger(sentence) || sentence < 0) {
    throw new EvalLoadError(`${where}: the sentence index must be a whole number ≥ 0`);
  }
  return { title, sentence };
}

function readAliases(record: JsonRecord, where: string): string[] | undefined {
  for (const field of ['answer_aliases', 'aliases']) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    if (!isStringArray(value))
      throw new EvalLoadError(`${where}: "${field}" must be a list of strings`);
    return value;
  }
  return undefined;
}

function readItem(raw: unknown, index: number, label: string): EvalItem {
  const rawId = isRecord(raw) ? (raw._id ?? raw.id) : undefined;
  const where = itemLabel(label, index, rawId);
  if (!isRecord(raw)) throw new EvalLoadError(`${where}: expected an object`);
  const question = requireString(raw, 'question', where);
  const answer = requireString(raw, 'answer', where);
  if (raw.context === undefined) throw new EvalLoadError(`${where}: missing "context"`);
  if (raw.supporting_facts === undefined) {
    throw new EvalLoadError(`${where}: missing "supporting_facts"`);
  }
  const item: EvalItem = {
    id: typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : String(index + 1),
    kind: 'multihop',
    question,
    context: readContext(raw.context, where),
    answer,
    supportingFacts: readFacts(raw.supporting_facts, where),
  };
  const aliases = readAliases(raw, where);
  if (aliases !== undefined) item.aliases = aliases;
  return item;
}

/** Parses a HotpotQA-shaped JSON array (or 2WikiMultiHopQA with `flavour: '2wiki'`). */
export function loadHotpotQa(
  text: string,
  flavour: MultihopFlavour = 'hotpotqa',
  options: LoadOptions = {},
): EvalSet {
  const meta = { ...DEFAULTS[flavour], ...options };
  const label = DEFAULTS[flavour].name;
  const items = parseJsonArray(text, label).map((raw, i) => readItem(raw, i, label));
  assertUniqueIds(items, label);
  return { ...meta, format: flavour, items };
}

/** Parses a 2WikiMultiHopQA JSON array (same shape as HotpotQA, optional `answer_aliases`). */
export function load2WikiMultiHopQa(text: string, options: LoadOptions = {}): EvalSet {
  return loadHotpotQa(text, '2wiki', options);
}
