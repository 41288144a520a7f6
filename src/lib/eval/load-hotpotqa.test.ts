import { describe, expect, it } from 'vitest';
import { load2WikiMultiHopQa, loadHotpotQa } from './load-hotpotqa';
import { readFixture } from './test-data';

const record = {
  _id: 'q1',
  question: 'Who?',
  answer: 'Someone',
  context: [
    ['Title A', ['Sentence 0.', 'Sentence 1.']],
    ['Title B', ['Only sentence.']],
  ],
  supporting_facts: [
    ['Title A', 1],
    ['Title B', 0],
  ],
};

function withField(field: string, value: unknown): string {
  return JSON.stringify([record, { ...record, _id: 'q2', [field]: value }]);
}

describe('loadHotpotQa on the HotpotQA-format fixture', () => {
  const set = loadHotpotQa(readFixture('hotpotqa.json'));

  it('keeps the ids, questions and golds, with the HotpotQA metadata', () => {
    expect(set).toMatchObject({ id: 'hotpotqa', format: 'hotpotqa', licence: 'CC BY-SA 4.0' });
    expect(set.items.map((item) => [item.id, item.kind, item.answer])).toEqual([
      ['fx-hotpot-bridge-1', 'multihop', 'Tollund Cross'],
      ['fx-hotpot-comparison-2', 'multihop', 'yes'],
      ['fx-hotpot-comparison-3', 'multihop', 'the Vessa Brass Band'],
    ]);
    expect(set.items[1]?.question).toBe(
      'Are Lake Sørvik and Lake Amberlin both in the province of Vessa?',
    );
    expect(set.items.some((item) => item.aliases !== undefined)).toBe(false);
  });

  it('reads the context paragraphs in order, sentences as written (leading spaces kept)', () => {
    const first = set.items[0];
    expect(first?.context?.map((p) => p.title)).toEqual([
      'Harl Hills',
      'Marrowgate Bridge',
      'River Wend',
      'Edda Kvist',
    ]);
    expect(first?.context?.[3]?.sentences).toEqual([
      'Edda Kvist (1830–1902) was a civil engineer.',
      ' She was born in Tollund Cross, a market town on the Wend.',
      ' She later taught at the Orlen School of Building.',
    ]);
  });

  it('reads the supporting facts as (title, sentence index)', () => {
    expect(set.items.map((item) => item.supportingFacts)).toEqual([
      [
        { title: 'Marrowgate Bridge', sentence: 1 },
        { title: 'Edda Kvist', sentence: 1 },
      ],
      [
        { title: 'Lake Sørvik', sentence: 0 },
        { title: 'Lake Amberlin', sentence: 0 },
      ],
      [
        { title: 'Orlen Choir', sentence: 1 },
        { title: 'Vessa Brass Band', sentence: 0 },
      ],
    ]);
  });
});

describe('load2WikiMultiHopQa on the 2WikiMultiHopQA-format fixture', () => {
  const set = load2WikiMultiHopQa(readFixture('2wikimultihopqa.json'));

  it('keeps the ids, golds and facts, with the 2Wiki metadata', () => {
    expect(set).toMatchObject({ id: '2wikimultihopqa', format: '2wiki', licence: 'Apache-2.0' });
    expect(set.items.map((item) => [item.id, item.answer])).toEqual([
      ['fx2wiki0000000000000000000000001', '3 June 1801'],
      ['fx2wiki0000000000000000000000002', 'Salt Meridian'],
      ['fx2wiki0000000000000000000000003', 'Jiri Moravec'],
    ]);
    expect(set.items[0]?.question).toBe('When was the father of Ansel Moravec born?');
    expect(set.items[0]?.context?.map((p) => p.title)).toEqual([
      'Ansel Moravec',
      'Brell',
      'Tomas Moravec',
    ]);
    expect(set.items[0]?.supportingFacts).toEqual([
      { title: 'Ansel Moravec', sentence: 1 },
      { title: 'Tomas Moravec', sentence: 0 },
    ]);
  });
});

describe.each([
  ['hotpotqa.json', 'hotpotqa'],
  ['2wikimultihopqa.json', '2wiki'],
] as const)('the %s fixture', (file, flavour) => {
  it('has supporting facts that point at existing, non-empty sentences', () => {
    const missing = loadHotpotQa(readFixture(file), flavour).items.flatMap((item) =>
      (item.supportingFacts ?? [])
        .filter((fact) => {
          const paragraph = item.context?.find((p) => p.title === fact.title);
          return (paragraph?.sentences[fact.sentence] ?? '').trim() === '';
        })
        .map((fact) => `${item.id}: [${fact.title}, ${fact.sentence}]`),
    );
    expect(missing).toEqual([]);
  });
});

describe('loadHotpotQa on small inputs', () => {
  it('reads answer_aliases (2Wiki)', () => {
    const set = load2WikiMultiHopQa(JSON.stringify([{ ...record, answer_aliases: ['X', 'Y'] }]));
    expect(set.items[0]?.aliases).toEqual(['X', 'Y']);
  });

  it('reads the Hugging Face column layout', () => {
    const hf = {
      id: 'h1',
      question: 'Q?',
      answer: 'A',
      context: { title: ['T'], sentences: [['s0', 's1']] },
      supporting_facts: { title: ['T'], sent_id: [1] },
    };
    const item = loadHotpotQa(JSON.stringify([hf])).items[0];
    expect(item?.context).toEqual([{ title: 'T', sentences: ['s0', 's1'] }]);
    expect(item?.supportingFacts).toEqual([{ title: 'T', sentence: 1 }]);
  });

  it('lets the caller override the metadata', () => {
    const set = loadHotpotQa(JSON.stringify([record]), 'hotpotqa', { name: 'My slice' });
    expect(set.name).toBe('My slice');
    expect(set.id).toBe('hotpotqa');
  });

  it.each([
    ['{', /^HotpotQA: not valid JSON \(/],
    ['{}', /^HotpotQA: expected a JSON array of items$/],
    ['[]', /^HotpotQA: the file holds no items$/],
    ['[1]', /^HotpotQA item 1: expected an object$/],
    [withField('answer', undefined), /^HotpotQA item 2 \(q2\): missing "answer"$/],
    [withField('answer', 3), /^HotpotQA item 2 \(q2\): "answer" must be a string$/],
    [withField('question', null), /^HotpotQA item 2 \(q2\): missing "question"$/],
    [withField('context', undefined), /^HotpotQA item 2 \(q2\): missing "context"$/],
    [withField('context', 'x'), /item 2 \(q2\): "context" must be a list of \[title, sentences\]/],
    [
      withField('context', [['T']]),
      /item 2 \(q2\): "context" entry 0 must be a \[title, sentences\]/,
    ],
    [withField('context', [['T', [1]]]), /"context" entry 0 \("T"\): the sentences must be/],
    [withField('supporting_facts', undefined), /item 2 \(q2\): missing "supporting_facts"/],
    [withField('supporting_facts', [['T', -1]]), /"supporting_facts" entry 0: the sentence index/],
    [withField('supporting_facts', [[0, 1]]), /"supporting_facts" entry 0: the title must be/],
    [withField('answer_aliases', 'X'), /item 2 \(q2\): "answer_aliases" must be a list of strings/],
    [withField('_id', 'q1'), /^HotpotQA item 2: duplicate id "q1"$/],
  ])('rejects %j with a specific message', (text, message) => {
    expect(() => loadHotpotQa(text)).toThrow(message);
  });

  it('names 2WikiMultiHopQA in its errors', () => {
    expect(() => load2WikiMultiHopQa('[{}]')).toThrow(
      /^2WikiMultiHopQA item 1: missing "question"$/,
    );
  });
});
