import { describe, expect, it } from 'vitest';
import {
  extractGsm8kAnswerText,
  extractGsm8kGold,
  extractPredictedNumber,
  findNumbers,
  GSM8K_TEST_URL,
  numbersEqual,
  parseNumber,
  scoreNumber,
} from './extract-number';

describe('GSM8K gold (extract_answer in grade_school_math/dataset.py)', () => {
  it('takes the number after "#### " and removes commas', () => {
    expect(extractGsm8kAnswerText('She makes 9 * 2 = $18.\n#### 18')).toBe('18');
    expect(extractGsm8kAnswerText('...\n#### 1,450,000')).toBe('1450000');
    expect(extractGsm8kGold('#### -10')).toBe(-10);
    expect(extractGsm8kGold('#### 2.5')).toBe(2.5);
  });

  it('returns null where the official script says [invalid]', () => {
    expect(extractGsm8kAnswerText('The answer is 18')).toBeNull();
    expect(extractGsm8kAnswerText('####18')).toBeNull();
    expect(extractGsm8kGold('#### ,')).toBeNull();
  });

  it('uses the first "#### N", as re.search does', () => {
    expect(extractGsm8kAnswerText('#### 3\n#### 4')).toBe('3');
  });

  it('exports the official test-set URL', () => {
    expect(GSM8K_TEST_URL).toBe(
      'https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data/test.jsonl',
    );
  });
});

describe('parseNumber', () => {
  it.each([
    ['18', 18],
    ['18.0', 18],
    ['$1,234.50', 1234.5],
    ['-7', -7],
    ['\u22123', -3],
    ['.5', 0.5],
    ['5.', 5],
  ])('%j -> %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it('rejects text that is not a number', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('twelve')).toBeNull();
    expect(parseNumber('1-2')).toBeNull();
  });
});

describe('findNumbers', () => {
  it('reads thousands commas, decimals, signs and dollars', () => {
    expect(findNumbers('Pay $1,200.50 for 3 items, -4 degrees, .5 left')).toEqual([
      1200.5, 3, -4, 0.5,
    ]);
  });

  it('does not read a hyphen between numbers or after a word as a sign', () => {
    expect(findNumbers('10-5 = 5')).toEqual([10, 5, 5]);
    expect(findNumbers('COVID-19')).toEqual([19]);
  });

  it('splits a list written with commas and no spaces only where grouping is wrong', () => {
    expect(findNumbers('1,2,3')).toEqual([1, 2, 3]);
    expect(findNumbers('12,345,678')).toEqual([12345678]);
  });

  it('does not take a sentence-final full stop as a decimal point', () => {
    expect(findNumbers('It costs 42.')).toEqual([42]);
  });
});

describe('extractPredictedNumber', () => {
  it('takes the last number when there is no answer cue', () => {
    expect(extractPredictedNumber('3 + 4 = 7, then 7 * 2 = 14')).toBe(14);
    expect(extractPredictedNumber('No numbers here')).toBeNull();
  });

  it('prefers the number after "The answer is" over the last number', () => {
    expect(extractPredictedNumber('The answer is 42. Check: 6 * 7 = 42, plus 3 more words')).toBe(
      42,
    );
    expect(extractPredictedNumber('So the answer is $1,234.\nStep 2 cost 5')).toBe(1234);
  });

  it('does not take "the answer isn\'t" as a cue', () => {
    expect(extractPredictedNumber("The answer isn't 5, it is 6")).toBe(6);
  });

  it('uses the last cue when there are several', () => {
    expect(extractPredictedNumber('The answer is 5. Wait, no. The answer is 6.')).toBe(6);
  });

  it('falls back to the last number when a cue has no number on its line', () => {
    expect(extractPredictedNumber('The answer is below.\n12 apples')).toBe(12);
  });

  it('reads #### N, Answer: N and \\boxed{N}', () => {
    expect(extractPredictedNumber('9 * 2 = 18\n#### 18')).toBe(18);
    expect(extractPredictedNumber('Answer: -3 degrees')).toBe(-3);
    expect(extractPredictedNumber('so $\\boxed{72}$ in total, 3 ways')).toBe(72);
  });

  it('handles negatives, decimals and trailing .0', () => {
    expect(extractPredictedNumber('It falls to -4 degrees.')).toBe(-4);
    expect(extractPredictedNumber('Each costs 2.25 dollars')).toBe(2.25);
    expect(extractPredictedNumber('The answer is 18.0')).toBe(18);
  });
});

describe('scoring numbers', () => {
  it('compares numerically', () => {
    expect(numbersEqual(18, 18.0)).toBe(true);
    expect(numbersEqual(0.1 + 0.2, 0.3)).toBe(true);
    expect(numbersEqual(18, 18.01)).toBe(false);
    expect(scoreNumber('The answer is $18.00.', 18)).toBe(1);
    expect(scoreNumber('#### 1,450,000', 1450000)).toBe(1);
    expect(scoreNumber('I get 17', 18)).toBe(0);
  });

  it('scores a missing or number-free prediction 0', () => {
    expect(scoreNumber(null, 1)).toBe(0);
    expect(scoreNumber(undefined, 1)).toBe(0);
    expect(scoreNumber('I do not know', 1)).toBe(0);
  });
});
