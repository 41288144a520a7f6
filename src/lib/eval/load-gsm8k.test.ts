import { describe, expect, it } from 'vitest';
import { GSM8K_TEST_URL, loadGsm8k } from './load-gsm8k';
import { readFixture } from './test-data';

const line = (question: string, answer: string): string => JSON.stringify({ question, answer });

describe('loadGsm8k on the GSM8K-format fixture', () => {
  const set = loadGsm8k(readFixture('gsm8k.jsonl'));

  it('numbers the lines as ids and takes the gold after "####"', () => {
    expect(set.format).toBe('gsm8k');
    expect(set.source).toBe(GSM8K_TEST_URL);
    expect(set.licence).toBe('MIT');
    expect(set.items.map((item) => [item.id, item.kind, item.answer, item.goldNumber])).toEqual([
      ['gsm8k-1', 'math', '81', 81],
      ['gsm8k-2', 'math', '1560000', 1560000],
      ['gsm8k-3', 'math', '-7', -7],
      ['gsm8k-4', 'math', '45', 45],
      ['gsm8k-5', 'math', '9', 9],
    ]);
  });

  it('keeps the question as written, curly apostrophe included, and no context', () => {
    expect(set.items[1]?.question).toBe(
      'Mira’s town has 2,400 households, and each pays $650 a year for water. How many dollars does the town collect for water in a year?',
    );
    expect(set.items.some((item) => item.context !== undefined)).toBe(false);
  });
});

describe('loadGsm8k on small inputs', () => {
  it('skips blank lines, accepts CRLF and a BOM, and removes commas from the gold', () => {
    const text = `\ufeff${line('Q1', 'x\n#### 1,200')}\r\n\r\n${line('Q2', '#### -3')}\r\n`;
    const set = loadGsm8k(text);
    expect(set.items.map((item) => [item.id, item.answer, item.goldNumber])).toEqual([
      ['gsm8k-1', '1200', 1200],
      ['gsm8k-2', '-3', -3],
    ]);
  });

  it('accepts a JSON array of the same records', () => {
    expect(loadGsm8k(JSON.stringify([{ question: 'Q', answer: '#### 4' }])).items).toHaveLength(1);
  });

  it.each([
    [`${line('Q', '#### 1')}\n{`, /^GSM8K line 2: not valid JSON \(/],
    [`${line('Q', '#### 1')}\n[1]`, /^GSM8K line 2: expected an object$/],
    [`${line('Q', '#### 1')}\n{"question":"Q"}`, /^GSM8K line 2: missing "answer"$/],
    [`{"answer":"#### 1"}`, /^GSM8K line 1: missing "question"$/],
    [
      `${line('Q', '#### 1')}\n\n${line('Q', 'It is 4.')}`,
      /^GSM8K line 3: "answer" has no final "#### N"$/,
    ],
    [line('Q', '#### 1.2.3'), /^GSM8K line 1: the final answer "#### 1.2.3" is not a number$/],
    ['\n\n', /^GSM8K: the file holds no items$/],
  ])('rejects %j with a specific message', (text, message) => {
    expect(() => loadGsm8k(text)).toThrow(message);
  });
});
