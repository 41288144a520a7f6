/**
 * Context budgets: before each call, a protocol fits its messages into the role's context
 * window, leaving room for the reply (the role's max tokens). The system prompt and the question
 * are always kept whole; older rounds of a multi-round protocol are shortened first, then
 * dropped (oldest first); the latest draft and feedback are shortened only as a last resort.
 * A shortened text keeps its beginning and end around a visible "[… shortened …]" marker.
 *
 * Token counts here are estimates made without the model's tokenizer, on the safe side:
 * one token per 3 ASCII characters (English text averages about 4 characters per token in the
 * BPE vocabularies of small models), one per any other character (accented letters, CJK,
 * emoji: usually 1–2 characters per token), plus MESSAGE_OVERHEAD_TOKENS per message for the
 * chat template's role markers.
 */
import type { ChatMessage } from '../engine/types';

/** Chat-template tokens around each message (ChatML uses about 5). */
export const MESSAGE_OVERHEAD_TOKENS = 8;

/** Where a text was shortened. */
export const SHORTENED_MARKER = '[… shortened …]';

/** Characters an older round's shortenable text keeps when older rounds are shortened. */
export const OLDER_ROUND_CHARS = 240;

/** Estimated tokens of a text (see the module comment). */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) ascii++;
    // A surrogate pair is one character: count its high half only.
    else if (code < 0xdc00 || code > 0xdfff) other++;
  }
  return Math.ceil(ascii / 3) + other;
}

/** Estimated prompt tokens of a list of messages. */
export function estimateMessagesTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((n, m) => n + estimateTokens(m.content) + MESSAGE_OVERHEAD_TOKENS, 0);
}

/** A piece of a message: plain text is kept whole; `{ shorten }` may be cut in its middle. */
export type PromptPart = string | { shorten: string };

/**
 * A message as a protocol hands it to the budget:
 * - 'fixed': the system prompt, the question and instructions; never changed.
 * - 'latest': carries the latest draft or feedback; its shortenable parts are cut only when
 *   dropping every older round is not enough.
 * - 'older': part of an earlier round (`round`); shortened first, then dropped with its round.
 */
export interface BudgetMessage {
  role: ChatMessage['role'];
  parts: readonly PromptPart[];
  keep: 'fixed' | 'latest' | 'older';
  round?: number;
}

/** What fitting a call into its window removed. */
export interface ContextTrim {
  /** Older rounds left out of the call. */
  droppedRounds: number;
  /** Characters cut from the texts that were shortened (not counting dropped rounds). */
  shortenedChars: number;
  /** The role's context window, in tokens. */
  window: number;
}

export type FitResult =
  | {
      ok: true;
      messages: ChatMessage[];
      /** Estimated prompt tokens of `messages`. */
      promptTokens: number;
      /** Absent when the messages fitted whole. */
      trimmed?: ContextTrim;
    }
  | {
      ok: false;
      /** Estimated tokens of what cannot be cut (system prompts, question, instructions). */
      minimumTokens: number;
    };

/** The text of parts joined, each shortenable part whole. */
export function joinParts(parts: readonly PromptPart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.shorten)).join('');
}

/** A message kept whole whatever the budget. */
export const fixedMessage = (message: ChatMessage): BudgetMessage => ({
  role: message.role,
  parts: [message.content],
  keep: 'fixed',
});

/** Index at or just before `i` that does not split a surrogate pair. */
function safeCut(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return i > 0 && code >= 0xdc00 && code <= 0xdfff ? i - 1 : i;
}

/**
 * `text` cut to about `keep` characters: its beginning and end around the marker. Unchanged when
 * cutting would not make it shorter.
 */
export function shortenText(text: string, keep: number): string {
  if (text.length <= keep + SHORTENED_MARKER.length + 2) return text;
  const head = safeCut(text, Math.ceil(keep / 2));
  const tail = safeCut(text, text.length - Math.floor(keep / 2));
  return `${text.slice(0, head)}\n${SHORTENED_MARKER}\n${text.slice(tail)}`;
}

/** Older rounds left out, and how far each message's shortenable parts are cut (absent: whole). */
interface FitState {
  dropped: Set<number>;
  caps: Map<BudgetMessage, number>;
}

function render(messages: readonly BudgetMessage[], state: FitState) {
  let shortenedChars = 0;
  const out: ChatMessage[] = [];
  for (const message of messages) {
    if (message.keep === 'older' && state.dropped.has(message.round ?? 0)) continue;
    const cap = state.caps.get(message);
    const content = message.parts
      .map((part) => {
        if (typeof part === 'string') return part;
        if (cap === undefined) return part.shorten;
        const cut = shortenText(part.shorten, cap);
        if (cut !== part.shorten) shortenedChars += part.shorten.length - cut.length;
        return cut;
      })
      .join('');
    out.push({ role: message.role, content });
  }
  return { messages: out, tokens: estimateMessagesTokens(out), shortenedChars };
}

/** Estimated tokens of the messages sent whole. */
export function wholeTokens(messages: readonly BudgetMessage[]): number {
  return render(messages, { dropped: new Set(), caps: new Map() }).tokens;
}

/**
 * Estimated tokens of what no budget can cut: every older round dropped, the latest texts cut
 * down to their marker, the fixed text kept.
 */
export function minimumTokens(messages: readonly BudgetMessage[]): number {
  return render(messages, {
    dropped: new Set(messages.filter((m) => m.keep === 'older').map((m) => m.round ?? 0)),
    caps: new Map(messages.filter((m) => m.keep === 'latest').map((m) => [m, 0])),
  }).tokens;
}

/**
 * Fits messages into `window` tokens with `reserve` tokens left for the reply. Returns the
 * messages as sent and what was trimmed, or the minimum the call needs when even the fixed
 * messages, the latest ones cut to their marker, and the reply do not fit.
 */
export function fitMessages(
  messages: readonly BudgetMessage[],
  { window, reserve }: { window: number; reserve: number },
): FitResult {
  const budget = window - reserve;
  const state: FitState = { dropped: new Set(), caps: new Map() };
  const whole = render(messages, state);
  if (whole.tokens <= budget)
    return { ok: true, messages: whole.messages, promptTokens: whole.tokens };

  const rounds = [
    ...new Set(messages.filter((m) => m.keep === 'older').map((m) => m.round ?? 0)),
  ].sort((a, b) => a - b);
  const latest = messages.filter((m) => m.keep === 'latest');

  const minimum = minimumTokens(messages);
  if (minimum > budget) return { ok: false, minimumTokens: minimum };

  const done = () => {
    const fitted = render(messages, state);
    return {
      ok: true as const,
      messages: fitted.messages,
      promptTokens: fitted.tokens,
      trimmed: {
        droppedRounds: state.dropped.size,
        shortenedChars: fitted.shortenedChars,
        window,
      },
    };
  };
  const fits = () => render(messages, state).tokens <= budget;

  // 1. Older rounds shortened, oldest first.
  for (const round of rounds) {
    for (const m of messages)
      if (m.keep === 'older' && (m.round ?? 0) === round) state.caps.set(m, OLDER_ROUND_CHARS);
    if (fits()) return done();
  }
  // 2. Older rounds dropped, oldest first.
  for (const round of rounds) {
    state.dropped.add(round);
    if (fits()) return done();
  }
  // 3. The latest texts cut to the longest length that fits (they fit at 0: see `minimum`).
  let low = 0;
  let high = Math.max(
    0,
    ...latest.flatMap((m) => m.parts.map((p) => (typeof p === 'string' ? 0 : p.shorten.length))),
  );
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    for (const m of latest) state.caps.set(m, mid);
    if (fits()) low = mid;
    else high = mid - 1;
  }
  for (const m of latest) state.caps.set(m, low);
  return done();
}

/** Thousands with commas, as the figures elsewhere in the page. */
const n = (value: number) => value.toLocaleString('en');

/** Why a call cannot be made in a role's window: what to change. */
export function contextTooSmallMessage(
  roleName: string,
  window: number,
  minimumTokens: number,
  reserve: number,
): string {
  return (
    `${roleName}'s context window (${n(window)} tokens) cannot hold its prompt and the question ` +
    `(about ${n(minimumTokens)} tokens) plus a ${n(reserve)}-token reply. Pick a model with a ` +
    `larger window, lower ${roleName}'s max tokens, or shorten the question.`
  );
}

/** The note a trimmed turn shows: "Context trimmed: 2 older rounds dropped to fit 1,024 tokens." */
export function trimNote(trim: ContextTrim): string {
  const what = [
    ...(trim.droppedRounds
      ? [`${trim.droppedRounds} older round${trim.droppedRounds === 1 ? '' : 's'} dropped`]
      : []),
    ...(trim.shortenedChars ? [`${n(trim.shortenedChars)} characters shortened`] : []),
  ];
  return `Context trimmed: ${what.join(', ') || 'shortened'} to fit ${n(trim.window)} tokens.`;
}
