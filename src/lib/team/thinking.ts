/**
 * Reasoning models (Qwen3, DeepSeek-R1 distills) think in `<think>…</think>` before they answer.
 * The thinking is shown apart and never read as the answer nor passed to another agent.
 *
 * Forms read: `<think>…</think>answer`; a reply that starts thinking without the opening tag
 * (the chat template put it in the prompt) and closes it with `</think>`; several blocks (joined);
 * and a reply cut off mid-think (`open`: the rest is thinking, the answer is empty).
 */

const OPEN = '<think>';
const CLOSE = '</think>';

export interface ThinkingSplit {
  /** The thinking, blocks joined by a blank line, trimmed ('' when there is none). */
  thinking: string;
  /** The text outside the think blocks, trimmed. */
  answer: string;
  /** The reply ended inside a think block (cut off, or still streaming). */
  open: boolean;
}

/** A span of the text, tags included, that is thinking; `end` exclusive. */
interface ThinkSpan {
  start: number;
  end: number;
  /** Where the thought itself starts and ends (without the tags). */
  innerStart: number;
  innerEnd: number;
}

/** The think spans of a text, in order, and whether the last one is still open. */
function thinkSpans(text: string): { spans: ThinkSpan[]; open: boolean } {
  const spans: ThinkSpan[] = [];
  const lower = text.toLowerCase();
  let at = 0;
  // A closing tag before any opening tag: the reply began inside a think block.
  const firstClose = lower.indexOf(CLOSE);
  const firstOpen = lower.indexOf(OPEN);
  if (firstClose >= 0 && (firstOpen < 0 || firstClose < firstOpen)) {
    spans.push({ start: 0, end: firstClose + CLOSE.length, innerStart: 0, innerEnd: firstClose });
    at = firstClose + CLOSE.length;
  }
  for (;;) {
    const open = lower.indexOf(OPEN, at);
    if (open < 0) return { spans, open: false };
    const innerStart = open + OPEN.length;
    const close = lower.indexOf(CLOSE, innerStart);
    if (close < 0) {
      spans.push({ start: open, end: text.length, innerStart, innerEnd: text.length });
      return { spans, open: true };
    }
    spans.push({ start: open, end: close + CLOSE.length, innerStart, innerEnd: close });
    at = close + CLOSE.length;
  }
}

/** Splits a reply into its thinking and its answer. */
export function splitThinking(text: string): ThinkingSplit {
  const { spans, open } = thinkSpans(text);
  if (!spans.length) return { thinking: '', answer: text.trim(), open: false };
  const thoughts: string[] = [];
  const outside: string[] = [];
  let at = 0;
  for (const span of spans) {
    outside.push(text.slice(at, span.start));
    const thought = text.slice(span.innerStart, span.innerEnd).trim();
    if (thought) thoughts.push(thought);
    at = span.end;
  }
  outside.push(text.slice(at));
  return {
    thinking: thoughts.join('\n\n'),
    answer: outside.join('').trim(),
    open,
  };
}

/** The answer part of a reply; a reply without thinking is returned as it is. */
export function answerPart(text: string): string {
  return thinkSpans(text).spans.length ? splitThinking(text).answer : text;
}

/**
 * How many of the streamed tokens (deltas, in order) were thinking: a token counts when any of
 * its characters falls in a think block, tags included. Read on the whole text, so a reply that
 * began thinking without the opening tag is counted once its closing tag arrives.
 */
export function countThinkingTokens(deltas: readonly string[]): number {
  const { spans } = thinkSpans(deltas.join(''));
  if (!spans.length) return 0;
  let count = 0;
  let start = 0;
  let s = 0;
  for (const delta of deltas) {
    const end = start + delta.length;
    while (s < spans.length && (spans[s]?.end ?? 0) <= start) s++;
    const span = spans[s];
    if (span && delta.length > 0 && span.start < end) count++;
    start = end;
  }
  return count;
}
