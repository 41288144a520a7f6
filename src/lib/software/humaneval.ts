/**
 * Loader for HumanEval's official format (openai/human-eval, `data/HumanEval.jsonl.gz`, read by
 * `stream_jsonl` in `human_eval/data.py`): JSON Lines, each line one problem
 * `{"task_id", "prompt", "canonical_solution", "test", "entry_point"}`. Like `stream_jsonl`,
 * lines holding only white space are skipped. The text comes in already unzipped (the caller
 * gunzips a `.gz`). Every problem of one file is in one language (Python for HumanEval itself).
 */
import {
  EvalLoadError,
  isRecord,
  parseJson,
  requireString,
  stripBom,
  type LoadOptions,
} from '../eval/load-util';
import type { CodeLanguage, CodeProblem, CodeSet } from './types';

export const HUMANEVAL_URL = 'https://github.com/openai/human-eval';

/** One line of a HumanEval file, exactly as the official format spells it. */
export interface HumanEvalRecord {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  test: string;
  entry_point: string;
}

export interface CodeLoadOptions extends LoadOptions {
  /** The language of every problem in the file (default 'python'). */
  language?: CodeLanguage;
}

const LABEL = 'HumanEval';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u;
/** How each language's test defines `check` (a top-level `def`, a function or a binding). */
const DEFINES_CHECK: Record<CodeLanguage, RegExp> = {
  python: /^def\s+check\s*\(/mu,
  javascript: /\bfunction\s+check\s*\(|\b(?:const|let|var)\s+check\s*=/u,
};

/** `<where>` plus the task id once it is known: `HumanEval line 3 (HumanEval/2)`. */
function named(where: string, raw: Record<string, unknown>): string {
  const id = raw['task_id'];
  return typeof id === 'string' ? `${where} (${id})` : where;
}

/**
 * One record as a `CodeProblem`, or an `EvalLoadError` naming `where` and the field at fault.
 * `canonical_solution` may be absent (a set without reference solutions); every other field must
 * be there.
 */
export function readHumanEvalRecord(
  raw: unknown,
  language: CodeLanguage,
  where: string,
): CodeProblem {
  if (!isRecord(raw)) throw new EvalLoadError(`${where}: expected an object`);
  const id = requireString(raw, 'task_id', where);
  if (id.trim() === '') throw new EvalLoadError(`${where}: "task_id" is empty`);
  const at = named(where, raw);
  const prompt = requireString(raw, 'prompt', at);
  const test = requireString(raw, 'test', at);
  const entryPoint = requireString(raw, 'entry_point', at);
  if (!IDENTIFIER.test(entryPoint)) {
    throw new EvalLoadError(`${at}: "entry_point" must be a function name, not "${entryPoint}"`);
  }
  if (!DEFINES_CHECK[language].test(test)) {
    throw new EvalLoadError(`${at}: "test" does not define check(candidate)`);
  }
  const problem: CodeProblem = { id, language, prompt, entryPoint, test };
  if (raw['canonical_solution'] !== undefined && raw['canonical_solution'] !== null) {
    problem.canonicalSolution = requireString(raw, 'canonical_solution', at);
  }
  return problem;
}

/** Parses HumanEval JSONL text into a `CodeSet`; errors name the line and the field. */
export function loadHumanEval(text: string, options: CodeLoadOptions = {}): CodeSet {
  const { language = 'python', ...meta } = options;
  const problems: CodeProblem[] = [];
  const lineOf = new Map<string, number>();
  stripBom(text)
    .split(/\r?\n/u)
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${LABEL} line ${i + 1}`;
      const problem = readHumanEvalRecord(parseJson(line, where), language, where);
      const first = lineOf.get(problem.id);
      if (first !== undefined) {
        throw new EvalLoadError(
          `${where}: duplicate "task_id" "${problem.id}" (first on line ${first})`,
        );
      }
      lineOf.set(problem.id, i + 1);
      problems.push(problem);
    });
  if (problems.length === 0) throw new EvalLoadError(`${LABEL}: the file holds no problems`);
  return {
    id: 'humaneval',
    name: 'HumanEval',
    source: HUMANEVAL_URL,
    licence: 'MIT',
    ...meta,
    problems,
  };
}
