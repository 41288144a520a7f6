/**
 * A model as judge: it sees the question and two answers, A and B, and ends its reply with
 * `Verdict: A`, `Verdict: B` or `Verdict: tie`. Models favour one position (often the first),
 * so it is asked twice, the second time with the answers swapped, and a vote is cast only when
 * both orders agree; otherwise there is no vote. A model judge never says 'both-bad'.
 */
import { answerPart } from '../team/thinking';
import { swapOutcome } from './votes';

/** What one reply picked: A (the left answer), B (the right one), a tie, or nothing readable. */
export type JudgePick = 'left' | 'right' | 'tie' | null;

/**
 * The vote from the two replies: `first` with the answers in their order (A = left), `swapped`
 * with B shown first (so its 'left' is the original right). The outcome when the two agree,
 * else null: no vote (the judge contradicted itself, or a reply could not be read).
 */
export function judgeVerdict(
  first: JudgePick,
  swapped: JudgePick,
): 'left' | 'right' | 'tie' | null {
  if (first === null || swapped === null) return null;
  return swapOutcome(swapped) === first ? first : null;
}

/** `Verdict: A` and its variants: `**Verdict:** b`, `Verdict: [Tie].`, `Verdict: Answer A`. */
const VERDICT = /^verdict\s*[:：]\s*(?:answer\s+)?\[?(a|b|tie)\]?\s*\.?$/i;

/** Markdown emphasis and code ticks (heading and quote marks are trimmed off the start). */
const MARKUP = /[*_`]/g;

/**
 * The pick in a judge's reply: its last line (thinking set aside, markdown emphasis ignored)
 * must be a verdict line. Anything else, a verdict earlier in the reply included, is null: a
 * judge that does not end as asked casts no vote.
 */
export function parseJudgeReply(text: string): JudgePick {
  const lines = answerPart(text)
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(MARKUP, '')
        .replace(/^[#>\s]+/, '')
        .trim(),
    )
    .filter((line) => line !== '');
  const match = VERDICT.exec(lines.at(-1) ?? '');
  const pick = match?.[1]?.toLowerCase();
  if (pick === 'a') return 'left';
  if (pick === 'b') return 'right';
  if (pick === 'tie') return 'tie';
  return null;
}

/** The tags that fence the question and answers in the prompt. */
const FENCES = /<\/?(?:question|answer_a|answer_b)>/gi;

/** A text put between fences, with any fence of its own taken out (answers are untrusted). */
const fenced = (tag: string, body: string) =>
  `<${tag}>\n${body.replace(FENCES, '').trim()}\n</${tag}>`;

/**
 * The judge's prompt for one order of the answers; call it again with A and B swapped for the
 * second order. Answers should be final answers, thinking set aside.
 */
export function judgePrompt(question: string, answerA: string, answerB: string): string {
  return [
    'You are judging two answers to the same question. Decide which answer is better: above ' +
      'all, which is correct; then which is more complete, clear and to the point. Do not ' +
      'prefer an answer for being longer, or for coming first or second. If they are equally ' +
      'good, or equally bad, call it a tie.',
    `Question:\n${fenced('question', question)}`,
    `Answer A:\n${fenced('answer_a', answerA)}`,
    `Answer B:\n${fenced('answer_b', answerB)}`,
    'Explain your judgement in a few sentences. Then end your reply with one line, exactly one of:\n' +
      'Verdict: A\nVerdict: B\nVerdict: tie',
  ].join('\n\n');
}
