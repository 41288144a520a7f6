import { describe, expect, test } from 'vitest';
import { mathSet, multihopSet, yesNoSet } from './sets';
import type { EvalItem } from './types';
import { formatContext } from '../team/prompts';
import { draftConclusion, referencesToFacts } from './score-item';
import { scoreItem } from './score-any-item';

const twoWikiItem: EvalItem = {
  id: 'w1',
  kind: 'multihop',
  question: 'Who directed it?',
  answer: 'Jane Roe',
  aliases: ['J. Roe'],
  context: [{ title: 'The Film', sentences: ['The Film is a film.', 'Jane Roe directed it.'] }],
  supportingFacts: [{ title: 'The Film', sentence: 1 }],
};

describe('references to supporting facts', () => {
  test('sentence numbers shown to models start at 1; the data’s indices at 0', () => {
    // The numbering the models see: "2. Jane Roe directed it." is index 1 in the data.
    expect(formatContext(twoWikiItem.context!)).toContain('2. Jane Roe directed it.');
    expect(referencesToFacts(['[The Film, sentence 2]'])).toEqual([
      { title: 'The Film', sentence: 1 },
    ]);
  });

  test('text that is not a reference, and sentence 0, are left out', () => {
    expect(referencesToFacts(['The Film, sentence 2', '[The Film, sentence 0]', '[A, B]'])).toEqual(
      [],
    );
  });
});

describe('draftConclusion', () => {
  test('does not read a Conclusion inside thinking', () => {
    expect(draftConclusion('<think>\nConclusion: Eastbrook\n</think>\nConclusion: Szeged')).toBe(
      'Szeged',
    );
    expect(draftConclusion('Conclusion: Eastbrook? no\n</think>\nSteps: none')).toBeNull();
    expect(draftConclusion('<think>\nConclusion: Eastbrook')).toBeNull();
  });
  test('reads the last Conclusion line, with markdown and quotes removed', () => {
    expect(draftConclusion('Steps:\n1. x\nConclusion: Szeged\nReferences:\n[A, sentence 1]')).toBe(
      'Szeged',
    );
    expect(draftConclusion('Conclusion: A\nConclusion: **"B"**')).toBe('B');
    expect(draftConclusion('**Conclusion:** Halvik')).toBe('Halvik');
  });

  test('a label on its own line takes the next line; none gives null', () => {
    expect(draftConclusion('Conclusion:\n  Merrow\nReferences:')).toBe('Merrow');
    expect(draftConclusion('Conclusion:\nReferences:\n[A, sentence 1]')).toBeNull();
    expect(draftConclusion('Answer: Szeged')).toBeNull();
  });
});

describe('scoreItem', () => {
  test('multi-hop: EM and F1 over the gold and its aliases; facts only for citing sides', () => {
    expect(scoreItem(twoWikiItem, 'J. Roe')).toEqual({ correct: 1, em: 1, f1: 1 });
    expect(scoreItem(twoWikiItem, 'Roe')).toMatchObject({ correct: 0, em: 0 });
    expect(scoreItem(twoWikiItem, 'Roe').f1).toBeCloseTo(2 / 3, 10);
    const cited = scoreItem(twoWikiItem, 'Jane Roe', {
      cites: true,
      references: ['[The Film, sentence 2]', '[The Film, sentence 1]'],
    });
    expect(cited.facts).toEqual({ em: 0, precision: 0.5, recall: 1, f1: 2 / 3 });
    expect(cited.joint?.precision).toBe(0.5);
    expect(cited.joint?.em).toBe(0);
  });

  test('2WikiMultiHopQA compares fact titles lower-cased; HotpotQA as written', () => {
    const refs = ['[the film, sentence 2]'];
    expect(
      scoreItem(twoWikiItem, 'x', { cites: true, references: refs, format: '2wiki' }).facts?.em,
    ).toBe(1);
    expect(
      scoreItem(twoWikiItem, 'x', { cites: true, references: refs, format: 'hotpotqa' }).facts?.em,
    ).toBe(0);
  });

  test('a missing answer scores 0 everywhere', () => {
    const missing = scoreItem(multihopSet.items[0]!, null, { cites: true, references: [] });
    expect(missing.correct).toBe(0);
    expect(missing.facts?.f1).toBe(0);
    expect(missing.joint).toEqual({ em: 0, precision: 0, recall: 0, f1: 0 });
  });

  test('math: the extracted number against the gold number', () => {
    const item = mathSet.items[0]!; // 21
    expect(scoreItem(item, '21 loaves')).toEqual({ correct: 1, extracted: '21' });
    expect(scoreItem(item, 'The answer is 21.0')).toEqual({ correct: 1, extracted: '21' });
    expect(scoreItem(item, '12')).toEqual({ correct: 0, extracted: '12' });
    expect(scoreItem(item, 'I do not know')).toEqual({ correct: 0, extracted: null });
  });

  test('yes/no: the extracted answer against the gold', () => {
    const item = yesNoSet.items[0]!; // yes
    expect(scoreItem(item, 'Yes, it is.')).toEqual({ correct: 1, extracted: 'yes' });
    expect(scoreItem(item, 'No.')).toEqual({ correct: 0, extracted: 'no' });
    expect(scoreItem(item, 'Hard to say')).toEqual({ correct: 0, extracted: null });
  });
});
