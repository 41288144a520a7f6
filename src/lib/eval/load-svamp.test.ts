import { describe, expect, it } from 'vitest';
import { loadSvamp } from './load-svamp';
import { readFixture } from './test-data';

const record = { ID: 's1', Body: 'Tom has 3 apples.', Question: 'How many?', Answer: 3.0 };

describe('loadSvamp on the SVAMP-format fixture', () => {
  const set = loadSvamp(readFixture('svamp.json'));

  it('keeps the ids, joins Body and Question, and reads the numeric Answer', () => {
    expect(set).toMatchObject({ id: 'svamp', format: 'svamp', licence: 'MIT' });
    expect(set.items.map((item) => [item.id, item.kind, item.answer, item.goldNumber])).toEqual([
      ['fx-svamp-1', 'math', '53', 53],
      ['fx-svamp-2', 'math', '12', 12],
      ['fx-svamp-3', 'math', '5.25', 5.25],
      ['fx-svamp-4', 'math', '84', 84],
    ]);
    expect(set.items[0]?.question).toBe(
      'A shelf holds 34 books. Lena puts 19 more books on it How many books are on the shelf now?',
    );
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
