/**
 * Reading answers out of model text: the final short answer, its normal form for comparison
 * and voting, majority votes, and the `[Title, sentence N]` references a reasoner cites.
 */
import { normalizeAnswer } from '../eval/normalize';
import { answerPart } from './thinking';

/** A function call in the Hermes / Qwen form, closed or cut off at the end. */
const CALL_BLOCK = /<tool_call>[\s\S]*?(?:<\/tool_call>|$)/g;

const ANSWER_LINE = /^\s*(?:\*\*)?(?:final\s+)?answer(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*(.*?)\s*$/i;

/**
 * The final short answer in a model's text: the content of the last `Answer: …` line when there
 * is one, otherwise the last non-empty line. Markdown bold and wrapping quotes are removed.
 * A reply that makes function calls (`<tool_call>` blocks, a function-calling question's answer)
 * answers with those blocks, as written. Thinking (`<think>…</think>`) is never read as the answer.
 */
export function extractFinalAnswer(text: string): string {
  const visible = answerPart(text);
  const calls = visible.match(CALL_BLOCK);
  if (calls) return calls.map((block) => block.trim()).join('\n');
  const lines = visible
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  let answer = '';
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = ANSWER_LINE.exec(lines[i] ?? '');
    if (match && match[1]) {
      answer = match[1];
      break;
    }
  }
  if (!answer) answer = lines.at(-1) ?? '';
  return cleanAnswer(answer);
}

/**
 * The content of the last explicit `Answer: …` line of a model's text (Markdown bold and
 * wrapping quotes removed), or null when there is none: unlike extractFinalAnswer, no fallback
 * to the last line. Thinking is never read.
 */
export function answerLine(text: string): string | null {
  const lines = answerPart(text).split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = ANSWER_LINE.exec(lines[i] ?? '');
    if (match && match[1]) return cleanAnswer(match[1]);
  }
  return null;
}

/** An answer without Markdown bold and wrapping quotes. */
function cleanAnswer(answer: string): string {
  return answer
    .replace(/\*\*/g, '')
    .replace(/^["'“‘](.*)["'”’]$/, '$1')
    .trim();
}

/**
 * The normal form used to compare answers in a vote: the benchmark's own normalisation
 * (HotpotQA's `normalize_answer`: lower case, ASCII punctuation and the articles a/an/the
 * removed, white space collapsed), so a vote groups answers exactly as scoring would.
 */
export function normaliseAnswer(answer: string): string {
  return normalizeAnswer(answer);
}

/** One group of equal (normalised) answers in a vote. */
export interface VoteCount {
  /** The normal form shared by the group. */
  normalised: string;
  /** The group's first answer as written. */
  answer: string;
  count: number;
  /** 0-based positions of the samples in the group. */
  samples: number[];
}

export interface VoteResult {
  /** The winning answer as first written, or '' when no sample gave an answer. */
  winner: string;
  /** Groups by count (descending), ties by first appearance. Empty answers do not vote. */
  counts: VoteCount[];
}

/** Majority vote over answers by normal form; ties go to the group that appeared first. */
export function majorityVote(answers: readonly string[]): VoteResult {
  const groups = new Map<string, VoteCount>();
  answers.forEach((answer, i) => {
    const normalised = normaliseAnswer(answer);
    if (!normalised) return;
    const group = groups.get(normalised);
    if (group) {
      group.count++;
      group.samples.push(i);
    } else groups.set(normalised, { normalised, answer: answer.trim(), count: 1, samples: [i] });
  });
  // Map keeps insertion order and sort is stable, so equal counts stay in order of appearance.
  const counts = [...groups.values()].sort((a, b) => b.count - a.count);
  return { winner: counts[0]?.answer ?? '', counts };
}

/** A reference to a context sentence: `[Title, sentence N]`, N 1-based. */
export interface Reference {
  title: string;
  sentence: number;
}

const REFERENCE = /\[([^\][\n]+?),\s*sentence\s+(\d+)\s*\]/gi;

/** All `[Title, sentence N]` references in a text, as written, without duplicates, in order. */
export function findReferences(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const ref = `[${(match[1] ?? '').trim()}, sentence ${Number(match[2])}]`;
    if (!found.includes(ref)) found.push(ref);
  }
  return found;
}

/** Parses one `[Title, sentence N]` reference; null when the text is not one. */
export function parseReference(text: string): Reference | null {
  const match = /^\s*\[([^\][\n]+?),\s*sentence\s+(\d+)\s*\]\s*$/i.exec(text);
  if (!match) return null;
  return { title: (match[1] ?? '').trim(), sentence: Number(match[2]) };
}
