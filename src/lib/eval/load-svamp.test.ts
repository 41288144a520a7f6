import { describe, expect, it } from 'vitest';
import { loadSvamp } from './load-svamp';
import { readSharedData } from './test-data';

const record = { ID: 's1', Body: 'Tom has 3 apples.', Question: 'How many?', Answer: 3.0 };

describe('loadSvamp on the shared file', () => {
  it('loads 1,000 problems', () => {
    const set = loadSvamp(readSharedData('svamp.json'));
    expect(set.items).toHaveLength(1000);
    expect(set.format).toBe('svamp');
    const first = set.items[0];
    expect(first?.id).toBe('chal-1');
    expect(first?.kind).toBe('math');
    expect(first?.question).toBe(
      'Each pack of dvds costs 76 dollars. If there is a discount of 25 dollars on each pack How much do you have to pay to buy each pack?',
    );
    expect(first?.answer).toBe('51');
    expect(first?.goldNumber).toBe(51);
  });
});

describe('loadSvamp on small inputs', () => {
  it('accepts a numeric string answer', () => {
    const item = loadSvamp(JSON.stringify([{ ...record, Answer: '2.5' }])).items[0];
    expect(item?.goldNumber).toBe(2.5);
    expect(item?.answer).toBe('2.5');
  });

  it.each([
    ['nope', /^SVAMP: not valid JSON \(/],
    [JSON.stringify([{ ...record, Answer: undefined }]), /^SVAMP item 1 \(s1\): missing "Answer"$/],
    [
      JSON.stringify([{ ...record, Answer: 'many' }]),
      /^SVAMP item 1 \(s1\): "Answer" must be a number$/,
    ],
    [JSON.stringify([{ ...record, Body: undefined }]), /^SVAMP item 1 \(s1\): missing "Body"$/],
    [JSON.stringify([record, record]), /^SVAMP item 2: duplicate id "s1"$/],
  ])('rejects %j with a specific message', (text, message) => {
    expect(() => loadSvamp(text)).toThrow(message);
  });
});
