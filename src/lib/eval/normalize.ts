/**
 * Answer normalisation exactly as `normalize_answer` in HotpotQA's `hotpot_evaluate_v1.py` and
 * 2WikiMultiHopQA's `2wikimultihop_evaluate_v1.1.py` (the two are identical):
 *
 * ```python
 * white_space_fix(remove_articles(remove_punc(lower(s))))
 * ```
 *
 * - `lower`: `str.lower()` (full Unicode lower-casing, like `toLowerCase`).
 * - `remove_punc`: drops every character of Python's `string.punctuation` (ASCII only; `’`, `“`
 *   and other non-ASCII punctuation are kept, as in the official script).
 * - `remove_articles`: `re.sub(r'\b(a|an|the)\b', ' ', text)`. Python's `\b` is Unicode-aware
 *   (letters, digits and `_` of any script are word characters), JavaScript's is ASCII-only, so
 *   the boundary is spelled out with Unicode lookarounds: `théa` keeps its `a`.
 * - `white_space_fix`: `' '.join(text.split())`, splitting on Python's Unicode white space.
 */

/** Python's `string.punctuation`. */
export const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

const PUNCTUATION = new Set(ASCII_PUNCTUATION);

/** `\b(a|an|the)\b` with Python's Unicode word characters (`[\p{L}\p{N}_]`). */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** The code points for which Python's `str.isspace()` is true (what `str.split()` splits on). */
const PYTHON_WHITE_SPACE: ReadonlySet<number> = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
  0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
  0x205f, 0x3000,
]);

/** Splits like Python's `str.split()` with no argument: on runs of white space, no empty parts. */
export function pythonSplit(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const ch of text) {
    if (PYTHON_WHITE_SPACE.has(ch.codePointAt(0) ?? 0)) {
      if (current !== '') parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}

/** Removes Python's `string.punctuation` characters. */
export function removePunctuation(text: string): string {
  let out = '';
  for (const ch of text) if (!PUNCTUATION.has(ch)) out += ch;
  return out;
}

/** Replaces the whole words a, an, the with a space. */
export function removeArticles(text: string): string {
  return text.replace(ARTICLES, ' ');
}

/** The official HotpotQA / 2WikiMultiHopQA answer normalisation. */
export function normalizeAnswer(text: string): string {
  return pythonSplit(removeArticles(removePunctuation(text.toLowerCase()))).join(' ');
}
