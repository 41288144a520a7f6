/**
 * Yes/no answers (StrategyQA, the shipped yes/no set). StrategyQA's gold `answer` is a JSON
 * boolean; a model answers in free text, from which this reads `true` (yes), `false` (no) or
 * `null` (no clear answer, which scores 0).
 *
 * Order of precedence:
 * 1. the last explicit answer cue: "answer: yes", "the answer is no", "final answer - true";
 * 2. the first word of the reply: "Yes, ...", "No.", "**True**";
 * 3. the first sentence or line that starts with a yes/no word ("... so. No, it cannot.");
 * 4. a yes/no word that ends the reply ("So I would say yes.", but not "... yes or no").
 * `no` counts only when it stands alone (followed by punctuation, the end, or a pronoun), so
 * "No one knows" and "no longer" are not answers.
 */

const WORD_VALUE: ReadonlyMap<string, boolean> = new Map([
  ['yes', true],
  ['true', true],
  ['no', false],
  ['false', false],
]);

/** An answer cue followed by a yes/no word. */
const CUE = /\banswer\b\s*(?:is|:|=|-|\u2013|\u2014)?\s*:?\s*["'(]?\s*(yes|no|true|false)\b/giu;

/** A yes/no word at the start of the text, of a sentence or of a line. */
const LEADING = /(?:^|[.!?\n]\s*)["'(]?\s*(yes|no|true|false)\b/giu;

/** What may follow a standalone "no": punctuation, the end, or a pronoun ("No it isn't"). */
const AFTER_STANDALONE_NO = /^(?:\s*\p{P}|\s*$|\s+(?:it|they|he|she|we|i|you|this|that|there)\b)/iu;

/** "yes or no", "true or false": a choice, not an answer. */
const AFTER_CHOICE = /^\s+or\b/iu;

/** A yes/no word as the reply's last word. */
const TRAILING = /(?<!\bor\s+)\b(yes|no|true|false)[\s\p{P}]*$/iu;

/** Markdown emphasis and headings that would hide the words (`**Yes**`, `## Answer`). */
function strip(text: string): string {
  return text.replace(/[*_#`]+/gu, '');
}

/** The value of a matched yes/no word, or undefined when what follows makes it no answer. */
function valueOf(match: RegExpExecArray, text: string): boolean | undefined {
  const word = (match[1] ?? '').toLowerCase();
  const after = text.slice(match.index + match[0].length);
  if (AFTER_CHOICE.test(after)) return undefined;
  if (word === 'no' && !AFTER_STANDALONE_NO.test(after)) return undefined;
  return WORD_VALUE.get(word);
}

/** The boolean answer in a model's reply, or null when there is no clear yes or no. */
export function extractYesNo(text: string): boolean | null {
  const clean = strip(text).trim();
  for (const match of [...clean.matchAll(CUE)].reverse()) {
    const value = valueOf(match, clean);
    if (value !== undefined) return value;
  }
  for (const match of clean.matchAll(LEADING)) {
    const value = valueOf(match, clean);
    if (value !== undefined) return value;
  }
  const last = TRAILING.exec(clean)?.[1];
  return last === undefined ? null : (WORD_VALUE.get(last.toLowerCase()) ?? null);
}

/** The boolean value of a gold answer given as text (`yes`/`no`/`true`/`false`), or null. */
export function parseYesNo(text: string): boolean | null {
  return WORD_VALUE.get(text.trim().toLowerCase()) ?? null;
}

/** 1 when the reply's yes/no equals the gold, else 0 (a missing or unclear reply is 0). */
export function scoreYesNo(prediction: string | null | undefined, gold: boolean): number {
  if (prediction === null || prediction === undefined) return 0;
  return extractYesNo(prediction) === gold ? 1 : 0;
}
