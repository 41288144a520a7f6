import { describe, expect, it } from 'vitest';
import { extractYesNo, parseYesNo, scoreYesNo } from './extract-yesno';

describe('extractYesNo', () => {
  it.each([
    ['Yes', true],
    ['No.', false],
    ['yes, because the Pacific is larger.', true],
    ['No, it cannot.', false],
    ['**True**', true],
    ['False: penguins live in the south.', false],
    ['No it is not.', false],
  ])('reads the leading word of %j', (text, value) => {
    expect(extractYesNo(text)).toBe(value);
  });

  it('prefers a final "answer: ..." over earlier yes/no words', () => {
    expect(extractYesNo('No doubt about it. Spiders have 8 legs.\nAnswer: yes')).toBe(true);
    expect(extractYesNo('Yes, water boils at 100 degrees. So the answer is no.')).toBe(false);
    expect(extractYesNo('The answer is: yes. Final answer: no')).toBe(false);
    expect(extractYesNo('**Final Answer:** Yes')).toBe(true);
  });

  it('finds a yes/no word that starts a later sentence', () => {
    expect(extractYesNo('Everest is 8,849 m, Mont Blanc 4,806 m. Yes, it is taller.')).toBe(true);
    expect(extractYesNo('Let me think.\nNo.')).toBe(false);
  });

  it('does not read "no" inside a phrase as an answer', () => {
    expect(extractYesNo('No one knows for sure.')).toBeNull();
    expect(extractYesNo('There is no way to tell.')).toBeNull();
  });

  it('reads a yes/no word that ends the reply', () => {
    expect(extractYesNo('Given the dates, I would say yes.')).toBe(true);
  });

  it('does not read a choice as an answer', () => {
    expect(extractYesNo('Yes or no: I cannot decide.')).toBeNull();
    expect(extractYesNo('It could be either yes or no.')).toBeNull();
  });

  it('returns null when there is no clear answer', () => {
    expect(extractYesNo('')).toBeNull();
    expect(extractYesNo('I am not sure.')).toBeNull();
    expect(extractYesNo('Yesterday it rained.')).toBeNull();
  });
});

describe('parseYesNo and scoreYesNo', () => {
  it('parses gold answers', () => {
    expect(parseYesNo(' Yes ')).toBe(true);
    expect(parseYesNo('false')).toBe(false);
    expect(parseYesNo('maybe')).toBeNull();
    expect(parseYesNo('constructor')).toBeNull();
  });

  it('scores 1 only for the gold answer', () => {
    expect(scoreYesNo('Yes.', true)).toBe(1);
    expect(scoreYesNo('Yes.', false)).toBe(0);
    expect(scoreYesNo('Hmm.', false)).toBe(0);
    expect(scoreYesNo(null, true)).toBe(0);
  });
});
