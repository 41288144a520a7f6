import { describe, expect, it } from 'vitest';
import { loadStrategyQa } from './load-strategyqa';
import { readFixture } from './test-data';

describe('loadStrategyQa on the StrategyQA-format fixture', () => {
  const set = loadStrategyQa(readFixture('strategyqa.json'));

  it('keeps the qids and turns the boolean answers into yes/no golds', () => {
    expect(set).toMatchObject({ id: 'strategyqa', format: 'strategyqa', licence: 'MIT' });
    expect(set.items.map((item) => [item.id, item.kind, item.answer])).toEqual([
      ['fx00000000000000a001', 'yesno', 'no'],
      ['fx00000000000000a002', 'yesno', 'yes'],
      ['fx00000000000000a003', 'yesno', 'yes'],
      ['fx00000000000000a004', 'yesno', 'yes'],
    ]);
    expect(set.items[0]?.question).toBe('Could a penguin fly across the Strait of Dover?');
  });

  it('gives the model no context (the annotated facts are not passed on)', () => {
    expect(set.items.map((item) => item.context)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
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
