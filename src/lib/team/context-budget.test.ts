import { describe, expect, test } from 'vitest';
import {
  contextTooSmallMessage,
  estimateMessagesTokens,
  estimateTokens,
  fitMessages,
  fixedMessage,
  joinParts,
  MESSAGE_OVERHEAD_TOKENS,
  OLDER_ROUND_CHARS,
  SHORTENED_MARKER,
  shortenText,
  trimNote,
  type BudgetMessage,
} from './context-budget';

const words = (n: number, tag = 'w') => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');

const SYSTEM = fixedMessage({ role: 'system', content: 'You are the Reasoner.' });
const TASK = fixedMessage({ role: 'user', content: `Question: ${words(20, 'q')}` });

/** A critic-loop revision call: `rounds` rounds of a draft and feedback, the last one latest. */
function revisionCall(rounds: number, draftWords = 60): BudgetMessage[] {
  return [
    SYSTEM,
    TASK,
    ...Array.from({ length: rounds }, (_, i): BudgetMessage[] => {
      const keep = i === rounds - 1 ? 'latest' : 'older';
      return [
        {
          role: 'assistant',
          parts: [{ shorten: words(draftWords, `d${i}x`) }],
          keep,
          round: i + 1,
        },
        {
          role: 'user',
          parts: ['Reviewer said:\n', { shorten: words(20, `f${i}x`) }, '\nFix it.'],
          keep,
          round: i + 1,
        },
      ];
    }).flat(),
  ];
}

const wholeTokens = (messages: BudgetMessage[]) =>
  estimateMessagesTokens(messages.map((m) => ({ role: m.role, content: joinParts(m.parts) })));

describe('estimateTokens', () => {
  test('one token per 3 ASCII characters, one per other character, rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abc')).toBe(1);
    expect(estimateTokens('abcd')).toBe(2);
    expect(estimateTokens('été')).toBe(2 + 1);
    // An emoji is a surrogate pair: one character, one token.
    expect(estimateTokens('😀')).toBe(1);
  });

  test('errs on the safe side of the scripted engine’s word count for ordinary text', () => {
    const text = 'The library was designed by Helena Varga, who was born in Szeged.';
    expect(estimateTokens(text)).toBeGreaterThanOrEqual(text.split(/\s+/).length);
  });
});

describe('shortenText', () => {
  test('keeps the beginning and the end around the marker', () => {
    const text = words(100);
    const cut = shortenText(text, 40);
    expect(cut.startsWith(text.slice(0, 20))).toBe(true);
    expect(cut.endsWith(text.slice(-20))).toBe(true);
    expect(cut).toContain(SHORTENED_MARKER);
    expect(cut.length).toBeLessThan(text.length);
  });

  test('leaves a text that would not get shorter alone', () => {
    expect(shortenText('short text', 4)).toBe('short text');
  });

  test('never splits a surrogate pair', () => {
    const cut = shortenText('😀'.repeat(50), 11);
    expect(cut.replace(`\n${SHORTENED_MARKER}\n`, '')).toMatch(/^(😀)+$/u);
  });
});

describe('fitMessages', () => {
  test('messages that exactly fit are sent whole, untrimmed', () => {
    const messages = revisionCall(3);
    const need = wholeTokens(messages);
    const fit = fitMessages(messages, { window: need + 100, reserve: 100 });
    expect(fit.ok && fit.trimmed).toBe(undefined);
    expect(fit.ok && fit.promptTokens).toBe(need);
    expect(fit.ok && fit.messages.map((m) => m.content)).toEqual(
      messages.map((m) => joinParts(m.parts)),
    );
  });

  test('one token over: the oldest round is shortened first, the latest kept whole', () => {
    const messages = revisionCall(3);
    const fit = fitMessages(messages, { window: wholeTokens(messages) + 99, reserve: 100 });
    if (!fit.ok) throw new Error('expected a fit');
    expect(fit.trimmed).toMatchObject({ droppedRounds: 0, window: wholeTokens(messages) + 99 });
    expect(fit.trimmed?.shortenedChars).toBeGreaterThan(0);
    expect(fit.messages).toHaveLength(messages.length);
    expect(fit.messages[2]?.content).toContain(SHORTENED_MARKER); // round 1's draft
    expect(fit.messages[4]?.content).not.toContain(SHORTENED_MARKER); // round 2 untouched
    expect(fit.messages.slice(-2).map((m) => m.content)).toEqual(
      messages.slice(-2).map((m) => joinParts(m.parts)),
    );
    expect(fit.promptTokens).toBeLessThanOrEqual(wholeTokens(messages) - 1);
  });

  test('several rounds: older rounds are dropped, oldest first, once shortening is not enough', () => {
    const messages = revisionCall(5);
    // Room for the fixed messages, the latest round whole and one older round shortened.
    const latestOnly = wholeTokens([...messages.slice(0, 2), ...messages.slice(-2)]);
    const window = latestOnly + 100 + 150;
    const fit = fitMessages(messages, { window, reserve: 100 });
    if (!fit.ok) throw new Error('expected a fit');
    expect(fit.promptTokens).toBeLessThanOrEqual(window - 100);
    expect(fit.trimmed?.droppedRounds).toBeGreaterThanOrEqual(1);
    expect(fit.trimmed?.droppedRounds).toBeLessThan(4);
    const kept = fit.messages.map((m) => m.content);
    // The dropped rounds are the oldest ones; the latest draft and feedback are whole.
    expect(kept.some((c) => c.includes('d0x0'))).toBe(false);
    expect(kept.at(-2)).toBe(joinParts(messages.at(-2)!.parts));
    expect(kept.at(-1)).toBe(joinParts(messages.at(-1)!.parts));
    expect(kept.slice(0, 2)).toEqual([joinParts(SYSTEM.parts), joinParts(TASK.parts)]);
    // What is left of the older rounds was shortened.
    const older = kept.slice(2, -2);
    expect(older.length).toBeGreaterThan(0);
    for (const c of older.filter((_, i) => i % 2 === 0)) {
      expect(c).toContain(SHORTENED_MARKER);
      expect(c.length).toBeLessThanOrEqual(OLDER_ROUND_CHARS + SHORTENED_MARKER.length + 2);
    }
  });

  test('as a last resort the latest draft is shortened to the longest length that fits', () => {
    const messages = revisionCall(3, 300);
    const fixed = wholeTokens(messages.slice(0, 2));
    const window = fixed + 100 + 160;
    const fit = fitMessages(messages, { window, reserve: 100 });
    if (!fit.ok) throw new Error('expected a fit');
    expect(fit.trimmed?.droppedRounds).toBe(2);
    expect(fit.promptTokens).toBeLessThanOrEqual(window - 100);
    // Close to the budget: the cut is as small as it can be (within a few tokens).
    expect(fit.promptTokens).toBeGreaterThan(window - 100 - 10);
    expect(fit.messages.at(-2)?.content).toContain(SHORTENED_MARKER);
    // The fixed text of the latest feedback message stays.
    expect(fit.messages.at(-1)?.content).toMatch(/^Reviewer said:\n[\s\S]*\nFix it\.$/);
  });

  test('when even the minimum cannot fit, it says how many tokens the minimum needs', () => {
    const messages = revisionCall(3);
    const fixed = wholeTokens(messages.slice(0, 2));
    const fit = fitMessages(messages, { window: fixed + 100, reserve: 100 });
    expect(fit.ok).toBe(false);
    if (fit.ok) return;
    // The fixed messages, plus the latest round cut down to its marker and fixed text.
    expect(fit.minimumTokens).toBeGreaterThan(fixed);
    const justEnough = fitMessages(messages, {
      window: fit.minimumTokens + 100,
      reserve: 100,
    });
    expect(justEnough.ok).toBe(true);
  });

  test('a single call whose question is larger than the window cannot fit', () => {
    const fit = fitMessages([SYSTEM, TASK], { window: 1024, reserve: 1024 });
    expect(fit).toEqual({ ok: false, minimumTokens: wholeTokens([SYSTEM, TASK]) });
  });

  test('messages carry the overhead of the chat template', () => {
    expect(estimateMessagesTokens([{ role: 'user', content: '' }])).toBe(MESSAGE_OVERHEAD_TOKENS);
  });
});

describe('messages', () => {
  test('the error names the role, its window, the minimum and the reply, and what to do', () => {
    expect(contextTooSmallMessage('Critic', 1024, 1300, 256)).toBe(
      "Critic's context window (1,024 tokens) cannot hold its prompt and the question " +
        "(about 1,300 tokens) plus a 256-token reply. Pick a model with a larger window, lower Critic's max tokens, or shorten the question.",
    );
  });

  test('the trim note says what was cut and the window', () => {
    expect(trimNote({ droppedRounds: 2, shortenedChars: 0, window: 1024 })).toBe(
      'Context trimmed: 2 older rounds dropped to fit 1,024 tokens.',
    );
    expect(trimNote({ droppedRounds: 1, shortenedChars: 1500, window: 2048 })).toBe(
      'Context trimmed: 1 older round dropped, 1,500 characters shortened to fit 2,048 tokens.',
    );
  });
});
