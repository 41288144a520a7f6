import { describe, expect, it } from 'vitest';
import { load2WikiMultiHopQa, loadHotpotQa } from './load-hotpotqa';
import { readSharedData } from './test-data';

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

describe('loadHotpotQa on the shared slices', () => {
  it('loads the 100 HotpotQA records', () => {
    const set = loadHotpotQa(readSharedData('hotpotqa-train-100.json'));
    expect(set.items).toHaveLength(100);
    expect(set.format).toBe('hotpotqa');
    const first = set.items[0];
    expect(first?.id).toBe('5a77ec115542992a6e59dff7');
    expect(first?.kind).toBe('multihop');
    expect(first?.question).toBe('If Gallu is a demon Lilu is what?');
    expect(first?.answer).toBe('a spirit');
    expect(first?.context).toHaveLength(10);
    expect(first?.context?.[0]?.title).toBe('Demon Dice');
    expect(first?.supportingFacts).toEqual([
      { title: 'Alû', sentence: 3 },
      { title: 'Lilu (mythology)', sentence: 0 },
    ]);
    expect(set.items[1]?.answer).toBe('yes');
    expect(first?.aliases).toBeUndefined();
  });

  it('loads the 60 2WikiMultiHopQA records', () => {
    const set = load2WikiMultiHopQa(readSharedData('2wikimultihopqa-dev-60.json'));
    expect(set.items).toHaveLength(60);
    expect(set.format).toBe('2wiki');
    expect(set.licence).toBe('Apache-2.0');
    const first = set.items[0];
    expect(first?.id).toBe('83bf3b5a0bd911eba7f7acde48001122');
    expect(first?.question).toBe("When did Lothair Ii's mother die?");
    expect(first?.answer).toBe('20 March 851');
    expect(first?.supportingFacts).toEqual([
      { title: 'Lothair II', sentence: 1 },
      { title: 'Ermengarde of Tours', sentence: 0 },
    ]);
  });

  it('has supporting facts that point at existing sentences', () => {
    for (const file of ['hotpotqa-train-100.json', '2wikimultihopqa-dev-60.json']) {
      for (const item of loadHotpotQa(readSharedData(file)).items) {
        for (const fact of item.supportingFacts ?? []) {
          const paragraph = item.context?.find((p) => p.title === fact.title);
          expect(paragraph?.sentences[fact.sentence]).toBeTypeOf('string');
        }
      }
    }
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
