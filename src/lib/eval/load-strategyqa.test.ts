import { describe, expect, it } from 'vitest';
import { loadStrategyQa } from './load-strategyqa';
import { readSharedData } from './test-data';

describe('loadStrategyQa on the shared dev file', () => {
  it('loads 229 yes/no questions', () => {
    const set = loadStrategyQa(readSharedData('strategyqa-dev.json'));
    expect(set.items).toHaveLength(229);
    expect(set.format).toBe('strategyqa');
    const first = set.items[0];
    expect(first?.id).toBe('e0044a7b4d146d611e73');
    expect(first?.kind).toBe('yesno');
    expect(first?.question).toBe(
      'Will the Albany in Georgia reach a hundred thousand occupants before the one in New York?',
    );
    expect(first?.answer).toBe('no');
    expect(first?.context).toBeUndefined();
    expect(set.items.filter((item) => item.answer === 'yes')).toHaveLength(107);
  });
});

describe('loadStrategyQa on small inputs', () => {
  it('maps true to yes and accepts "true"/"false" strings', () => {
    const set = loadStrategyQa(
      JSON.stringify([
        { qid: 'a', question: 'Q?', answer: true },
        { qid: 'b', question: 'Q?', answer: 'False' },
      ]),
    );
    expect(set.items.map((item) => item.answer)).toEqual(['yes', 'no']);
  });

  it.each([
    [
      '[{"qid":"a","question":"Q?"}]',
      /^StrategyQA item 1 \(a\): missing "answer" \(the StrategyQA test split has none\)$/,
    ],
    [
      '[{"qid":"a","question":"Q?","answer":1}]',
      /^StrategyQA item 1 \(a\): "answer" must be true or false$/,
    ],
    ['[{"qid":"a","answer":true}]', /^StrategyQA item 1 \(a\): missing "question"$/],
    ['{"qid":"a"}', /^StrategyQA: expected a JSON array of items$/],
  ])('rejects %j with a specific message', (text, message) => {
    expect(() => loadStrategyQa(text)).toThrow(message);
  });
});
