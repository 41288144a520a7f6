import { describe, expect, it } from 'vitest';
import { clusterLabels, words } from './cluster-labels';

const MATH = [
  'A farmer has 12 apples and buys 30 more apples. How many apples does the farmer have?',
  'Tom sells 5 apples each day for 7 days. How many apples did Tom sell in total?',
  'A train travels 60 miles per hour for 3 hours. How many miles does the train travel?',
  'Sara has 4 boxes with 9 apples in each box. How many apples are there in total?',
];
const WEATHER = [
  'What is the weather forecast for Lisbon tomorrow? Will it rain?',
  'Will it rain in Paris this weekend? Tell me the weather forecast.',
  'What temperature and weather should I expect in Oslo tomorrow?',
  'Is rain in the forecast for Berlin? What will the weather be like?',
];
const TRANSLATION = [
  'Translate "good morning" into French.',
  'Please translate this sentence into Spanish: where is the station?',
  'How do you say "thank you" in German? Translate it for me.',
  'Translate the word "library" into Portuguese and French.',
];

describe('clusterLabels', () => {
  // Clusters interleaved, and numbered out of order, as k-means could give them.
  const texts = [...MATH, ...WEATHER, ...TRANSLATION];
  const assignments = [...MATH.map(() => 2), ...WEATHER.map(() => 0), ...TRANSLATION.map(() => 1)];

  it("picks each cluster's own words", () => {
    const labels = clusterLabels(texts, assignments);
    expect(labels.map((l) => l.cluster)).toEqual([0, 1, 2]);
    expect(labels[0]?.words).toEqual(expect.arrayContaining(['weather', 'forecast', 'rain']));
    expect(labels[1]?.words[0]).toBe('translate');
    expect(labels[1]?.words).toContain('french');
    expect(labels[2]?.words[0]).toBe('apples');
    for (const label of labels) expect(label.words).toHaveLength(3);
  });

  it('keeps a word every cluster uses out of the labels', () => {
    const shared = texts.map((t) => `question: ${t}`);
    const labels = clusterLabels(shared, assignments, 3);
    for (const label of labels) expect(label.words).not.toContain('question');
  });

  it('returns topN words, fewer when a cluster has fewer', () => {
    expect(clusterLabels(texts, assignments, 1).map((l) => l.words)).toEqual([
      ['weather'],
      ['translate'],
      ['apples'],
    ]);
    expect(clusterLabels(['Rain?', 'Snow today'], [0, 1], 5)).toEqual([
      { cluster: 0, words: ['rain'] },
      { cluster: 1, words: ['snow', 'today'] },
    ]);
  });

  it('rejects texts and assignments of different lengths', () => {
    expect(() => clusterLabels(['a'], [0, 1])).toThrow(RangeError);
  });
});

describe('words', () => {
  it('lower-cases, drops stop words, digits, single letters and possessive s', () => {
    expect(words("What is Tom's 2nd café order? A latte, x 3")).toEqual([
      'tom',
      'nd',
      'café',
      'order',
      'latte',
    ]);
  });
});
