import { describe, expect, it } from 'vitest';
import { GSM8K_TEST_URL, loadGsm8k } from './load-gsm8k';
import { readSharedData } from './test-data';

const line = (question: string, answer: string): string => JSON.stringify({ question, answer });

describe('loadGsm8k on the shared test split', () => {
  it('loads 1,319 problems with numeric golds', () => {
    const set = loadGsm8k(readSharedData('gsm8k-test.jsonl'));
    expect(set.items).toHaveLength(1319);
    expect(set.source).toBe(GSM8K_TEST_URL);
    expect(set.format).toBe('gsm8k');
    const first = set.items[0];
    expect(first?.id).toBe('gsm8k-1');
    expect(first?.kind).toBe('math');
    expect(first?.question).toMatch(/^Janet’s ducks lay 16 eggs per day/);
    expect(first?.answer).toBe('18');
    expect(first?.goldNumber).toBe(18);
    expect(set.items.every((item) => Number.isInteger(item.goldNumber))).toBe(true);
    // Commas removed, negatives kept.
    expect(set.items.some((item) => item.goldNumber === 1450000)).toBe(true);
    expect(set.items.some((item) => item.goldNumber === -10)).toBe(true);
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
