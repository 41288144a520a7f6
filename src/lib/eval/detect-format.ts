/**
 * Works out which loader fits a dropped file, from its text first and its name second, and loads
 * it. Content wins over the name: the first record's fields say which benchmark it is. Where the
 * text cannot be read (bad JSON, unknown fields), the name (`gsm8k`, `svamp`, `hotpot`, `2wiki`,
 * `strategyqa`, `humaneval`) picks the loader, so its error message says what is wrong.
 */
import { load2WikiMultiHopQa, loadHotpotQa } from './load-hotpotqa';
import { loadGsm8k } from './load-gsm8k';
import { loadStrategyQa } from './load-strategyqa';
import { loadSvamp } from './load-svamp';
import { EvalLoadError, isRecord, stripBom, type JsonRecord, type LoadOptions } from './load-util';
import type { EvalFormat, EvalSet } from './types';
import { loadHumanEval } from '../software/humaneval';
import { codeEvalSet } from '../software/software-item';

/** The formats a file can be loaded from. */
export type FileFormat = Exclude<EvalFormat, 'playground'>;

/** Human names of the formats, for messages and the UI. */
export const FORMAT_NAMES: Readonly<Record<FileFormat, string>> = {
  hotpotqa: 'HotpotQA',
  '2wiki': '2WikiMultiHopQA',
  gsm8k: 'GSM8K',
  svamp: 'SVAMP',
  strategyqa: 'StrategyQA',
  humaneval: 'HumanEval',
};

/** Fields only 2WikiMultiHopQA records have. */
const TWO_WIKI_FIELDS = ['evidences', 'answer_id', 'entity_ids', 'evidences_id', 'answer_aliases'];

function fromName(fileName: string): FileFormat | null {
  const name = fileName.toLowerCase();
  if (/2wiki/u.test(name)) return '2wiki';
  if (/hotpot/u.test(name)) return 'hotpotqa';
  if (/gsm8k|grade.?school/u.test(name)) return 'gsm8k';
  if (/svamp/u.test(name)) return 'svamp';
  if (/strategy/u.test(name)) return 'strategyqa';
  if (/human.?eval/u.test(name)) return 'humaneval';
  return null;
}

function fromRecord(record: JsonRecord, fileName: string): FileFormat | null {
  if ('context' in record && 'supporting_facts' in record) {
    const twoWiki = TWO_WIKI_FIELDS.some((field) => field in record);
    return twoWiki || fromName(fileName) === '2wiki' ? '2wiki' : 'hotpotqa';
  }
  if ('Body' in record && 'Question' in record) return 'svamp';
  if ('task_id' in record && 'entry_point' in record && 'test' in record) return 'humaneval';
  if ('question' in record && (typeof record.answer === 'boolean' || 'decomposition' in record)) {
    return 'strategyqa';
  }
  if (typeof record.question === 'string' && typeof record.answer === 'string') {
    return record.answer.includes('####') ? 'gsm8k' : null;
  }
  return null;
}

function firstRecord(text: string): JsonRecord | null {
  const body = stripBom(text).trim();
  try {
    if (body.startsWith('[')) {
      const data: unknown = JSON.parse(body);
      return Array.isArray(data) && isRecord(data[0]) ? data[0] : null;
    }
    if (body.startsWith('{')) {
      const data: unknown = JSON.parse(body.split(/\r?\n/u)[0] ?? '');
      return isRecord(data) ? data : null;
    }
  } catch {
    return null;
  }
  return null;
}

/** The format of a file's text (and name), or null when neither says. */
export function detectFormat(text: string, fileName = ''): FileFormat | null {
  const record = firstRecord(text);
  return (record === null ? null : fromRecord(record, fileName)) ?? fromName(fileName);
}

/** Loads text in the given format. */
export function loadFormat(format: FileFormat, text: string, options: LoadOptions = {}): EvalSet {
  switch (format) {
    case 'hotpotqa':
      return loadHotpotQa(text, 'hotpotqa', options);
    case '2wiki':
      return load2WikiMultiHopQa(text, options);
    case 'gsm8k':
      return loadGsm8k(text, options);
    case 'svamp':
      return loadSvamp(text, options);
    case 'strategyqa':
      return loadStrategyQa(text, options);
    case 'humaneval':
      // Problems in Python, run by the official harness's rules (check(candidate), a time limit).
      return { ...codeEvalSet(loadHumanEval(text, options)), format: 'humaneval' };
  }
}

/**
 * Detects the format of a dropped file and loads it; throws `EvalLoadError` when the format is
 * unknown or the loader finds a problem.
 */
export function loadEvalFile(text: string, fileName = '', options: LoadOptions = {}): EvalSet {
  const format = detectFormat(text, fileName);
  if (format === null) {
    const shown = fileName === '' ? 'The file' : `"${fileName}"`;
    const names = Object.values(FORMAT_NAMES).join(', ');
    throw new EvalLoadError(`${shown} is not in a known format (expected one of ${names})`);
  }
  return loadFormat(format, text, options);
}
