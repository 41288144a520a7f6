import { expect, it } from 'vitest';
import { datasetCard, splitDataset, writeDataset } from './index';
import { EMAIL, call, piiCall, toolCall } from './testing/calls';

it('curated calls become a masked, split dataset whose card matches its files', () => {
  const calls = [
    ...Array.from({ length: 8 }, (_v, i) => call({ id: `c${i}` })),
    piiCall(),
    toolCall(),
    call({ id: 'dropped', keep: false }),
    call({ id: 'wrong', outcome: 'wrong' }),
  ];
  const { train, validation } = splitDataset(calls, {
    seed: 9,
    validationShare: 0.2,
    onlyKept: true,
    onlyRight: true,
  });
  const files = [train, validation].map((part) => writeDataset(part, 'sharegpt', { mask: true }));
  const lines = files.map((f) => f.split('\n').filter(Boolean).length);
  expect(lines).toEqual([8, 2]);
  expect(files.join('')).not.toContain(EMAIL);
  const card = datasetCard({
    format: 'sharegpt',
    train,
    validation,
    sources: [],
    masked: true,
    createdAt: new Date(0),
  });
  expect(card).toContain(`- Examples: 10 (train ${lines[0]}, validation ${lines[1]})`);
  expect(card).toContain('| Reasoner (reasoner) | 1 |');
});
