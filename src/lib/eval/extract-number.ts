/**
 * Numbers in math answers (GSM8K, SVAMP, the shipped math set).
 *
 * Gold: openai/grade-school-math `grade_school_math/dataset.py` takes the first match of
 * `#### (\-?[0-9\.\,]+)` and removes the commas (`extract_answer`). Predictions: the official
 * `is_correct` expects the same `#### N`; models prompted for chain of thought instead end with
 * "The answer is N", and free text is usually scored by its last number. Values are compared as
 * numbers, so `18`, `18.0`, `$18` and `18.00` are all equal.
 */

/** The official GSM8K test split (1,319 problems, MIT licence). */
export const GSM8K_TEST_URL =
  'https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data/test.jsonl';

/** `ANS_RE` of `grade_school_math/dataset.py`. */
const GSM8K_ANSWER = /#### (-?[0-9.,]+)/;

/**
 * One number in free text: an optional sign (`-` or `−`, not glued to a preceding word, digit or
 * closing bracket, so `10-5` reads as 10 and 5), an optional `$`, then digits with well-formed
 * thousands commas (`1,234,567`) or plain digits, then an optional decimal part; or a bare
 * decimal like `.5`.
 */
const NUMBER =
  /(?:(?<![\p{L}\p{N}_)\]])[-\u2212]\s?)?\$?\s?(?:(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)/gu;

/** Phrases after which the final answer's number follows. The last such phrase wins. */
const ANSWER_CUE = /(?:####|\banswer\s*(?:is\b|:|=)|\\boxed\s*\{)/giu;

/** The text of a number as written (`$1,234.50`, `-7`, `−3`) as a number, or null. */
export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[\s$,]/gu, '').replace(/\u2212/gu, '-');
  if (!/^-?(?:\d+(?:\.\d*)?|\.\d+)$/u.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/**
 * The GSM8K gold answer text: the first `#### N` with commas removed, as `extract_answer` does
 * (`null` where the official script returns `[invalid]`).
 */
export function extractGsm8kAnswerText(answer: string): string | null {
  const match = GSM8K_ANSWER.exec(answer);
  return match?.[1] === undefined ? null : match[1].trim().replace(/,/gu, '');
}

/** The GSM8K gold answer as a number, or null when there is no valid `#### N`. */
export function extractGsm8kGold(answer: string): number | null {
  const text = extractGsm8kAnswerText(answer);
  return text === null ? null : parseNumber(text);
}

/** Every number in the text, in order. */
export function findNumbers(text: string): number[] {
  const out: number[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const value = parseNumber(match[0]);
    if (value !== null) out.push(value);
  }
  return out;
}

/**
 * A model's numeric answer: the first number on the same line after the last answer cue
 * (`#### N`, "The answer is N", "Answer: N", `\boxed{N}`); with no cue followed by a number,
 * the last number in the text; null when there is none.
 */
export function extractPredictedNumber(text: string): number | null {
  const cues = [...text.matchAll(ANSWER_CUE)].reverse();
  for (const cue of cues) {
    const rest = text.slice(cue.index + cue[0].length).split('\n')[0] ?? '';
    const first = findNumbers(rest)[0];
    if (first !== undefined) return first;
  }
  const all = findNumbers(text);
  return all.length > 0 ? (all[all.length - 1] ?? null) : null;
}

/** Numeric equality with a small relative tolerance for floating-point noise. */
export function numbersEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** 1 when the number extracted from the prediction equals the gold number, else 0. */
export function scoreNumber(prediction: string | null | undefined, gold: number): number {
  if (prediction === null || prediction === undefined) return 0;
  const value = extractPredictedNumber(prediction);
  return value !== null && numbersEqual(value, gold) ? 1 : 0;
}

/** A number as answer text, as JavaScript prints it (`51.0` in a file becomes `'51'`). */
export function formatNumber(value: number): string {
  return String(value);
}
