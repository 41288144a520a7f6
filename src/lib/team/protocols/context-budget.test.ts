import { describe, expect, test } from 'vitest';
import type { ScriptRule } from '../../engine/types';
import { fastScript } from '../../testing/scripted-chat';
import { runScripted, testRole, testSide } from '../../testing/fixtures';
import { SHORTENED_MARKER } from '../context-budget';

const SMALL = 'scripted-small';
const WINDOW = 1024;
const ROUNDS = 4;

/** A long draft (200 short words: as many scripted tokens as estimated ones) tagged with its round. */
const draft = (round: number) =>
  `Steps: TAGR${round} ` +
  Array.from({ length: 200 }, (_, i) => `s${i % 10}`).join(' ') +
  '\nConclusion: Szeged';

/** The critic always asks for a revision, naming the draft's round; the reasoner answers it. */
const rules: ScriptRule[] = [
  ...Array.from({ length: ROUNDS + 1 }, (_, k): ScriptRule[] => [
    {
      match: `ROLE:critic[\\s\\S]*TAGR${k}\\b`,
      reply: `{"verdict":"revise","feedback":"FEEDBACK${k + 1}: check the birthplace."}`,
    },
    { match: `ROLE:reasoner[\\s\\S]*FEEDBACK${k}:`, reply: draft(k) },
  ]).flat(),
  { match: 'ROLE:reasoner', reply: draft(0) },
  { match: 'ROLE:answerer', reply: 'Answer: Szeged' },
];

const side = (maxTokens = 300) =>
  testSide({ type: 'critic-loop', maxRounds: ROUNDS }, [
    testRole('reasoner', SMALL, { maxTokens }),
    testRole('critic', SMALL, { maxTokens: 64 }),
    testRole('answerer', SMALL, { maxTokens: 32 }),
  ]);

const run = (options: { budget?: boolean; maxTokens?: number } = {}) =>
  runScripted(
    side(options.maxTokens),
    { [SMALL]: fastScript(rules) },
    { contextWindows: { [SMALL]: WINDOW }, budget: options.budget },
  );

describe('a critic loop with a 1,024-token role', () => {
  test('several rounds of long drafts complete with trimmed turns', async () => {
    const { result } = await run();
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('done');
    expect(result.finalAnswer).toBe('Szeged');
    const revisions = result.turns.filter((t) => t.step === 'revise');
    expect(revisions).toHaveLength(ROUNDS);

    // Every call fitted: the engine's own prompt count leaves room for the role's reply.
    const maxTokens = { reasoner: 300, critic: 64, answerer: 32 } as Record<string, number>;
    for (const turn of result.turns)
      expect(turn.usage.promptTokens + (maxTokens[turn.kind] ?? 0)).toBeLessThanOrEqual(WINDOW);

    // The later revisions were trimmed: older rounds dropped, the window recorded.
    const trimmed = revisions.filter((t) => t.trimmed);
    expect(trimmed.length).toBeGreaterThan(0);
    const last = revisions.at(-1)!;
    expect(last.trimmed?.window).toBe(WINDOW);
    expect(last.trimmed?.droppedRounds).toBeGreaterThan(0);

    // The latest draft and feedback are kept whole; the first draft is gone or shortened.
    const texts = last.messages.map((m) => m.content);
    expect(texts.at(-2)).toBe(draft(ROUNDS - 1));
    expect(texts.at(-1)).toContain(`FEEDBACK${ROUNDS}: check the birthplace.`);
    expect(texts[0]).toBe('ROLE:reasoner');
    expect(texts[1]).toContain('Question:');
    const first = texts.find((t) => t.includes('TAGR0'));
    if (first) expect(first).toContain(SHORTENED_MARKER);

    // The first revision had only one round to carry: nothing to trim.
    expect(revisions[0]?.trimmed).toBeUndefined();
  });

  test('without a budget, the same run fails: the model refuses the long conversation', async () => {
    const { result } = await run({ budget: false });
    expect(result.status).toBe('failed');
    expect(result.error?.name).toBe('InvalidRequestError');
    expect(result.error?.message).toMatch(/too long for scripted-small's context window of 1024/);
  });

  test('a reply that leaves no room for the question fails the side with the figures', async () => {
    const { result, calls } = await run({ maxTokens: 1000 });
    expect(result.status).toBe('failed');
    expect(calls).toHaveLength(0);
    expect(result.turns).toHaveLength(0);
    expect(result.error?.name).toBe('InvalidRequestError');
    expect(result.error?.message).toMatch(
      /^Reasoner's context window \(1,024 tokens\) cannot hold its prompt and the question \(about \d[\d,]* tokens\) plus a 1,000-token reply\. Pick a model with a larger window/,
    );
  });
});

describe('generators + judge with a small judge window', () => {
  test("the candidates are shortened to fit the judge's window; each stays numbered", async () => {
    const long = `Answer text ${Array.from({ length: 300 }, (_, i) => `a${i % 10}`).join(' ')}\nAnswer: Szeged`;
    const { result } = await runScripted(
      testSide({ type: 'generators-judge', generators: 3, layers: 1 }, [
        testRole('generator', 'scripted-main', { maxTokens: 400 }),
        testRole('judge', SMALL, { maxTokens: 64 }),
      ]),
      {
        'scripted-main': fastScript([{ reply: long }], { tokensPerSecond: 0 }),
        [SMALL]: fastScript([{ reply: 'Answer: Szeged' }]),
      },
      { contextWindows: { [SMALL]: WINDOW } },
    );
    expect(result.status).toBe('done');
    const judge = result.turns.find((t) => t.step === 'judge')!;
    expect(judge.trimmed).toMatchObject({ droppedRounds: 0, window: WINDOW });
    expect(judge.trimmed?.shortenedChars).toBeGreaterThan(0);
    const prompt = judge.messages.at(-1)!.content;
    for (const n of [1, 2, 3]) expect(prompt).toContain(`Answer ${n}:\nAnswer text`);
    expect(prompt.split(SHORTENED_MARKER)).toHaveLength(4);
    expect(judge.usage.promptTokens + 64).toBeLessThanOrEqual(WINDOW);
  });
});
