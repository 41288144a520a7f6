import { describe, expect, it } from 'vitest';
import {
  exactMatch,
  scoreAnswer,
  scoreAnswerBest,
  scoreAnswerOrZero,
  tokenF1,
} from './score-answer';

// Expected values computed with f1_score / exact_match_score of hotpot_evaluate_v1.py.
const OFFICIAL: [
  prediction: string,
  gold: string,
  em: boolean,
  f1: number,
  p: number,
  r: number,
][] = [
  ['The Eiffel Tower', 'eiffel tower', true, 1, 1, 1],
  ['Eiffel Tower!', 'the eiffel tower.', true, 1, 1, 1],
  ['theatre', 'the atre', false, 0, 0, 0],
  ['yes', 'Yes.', true, 1, 1, 1],
  ['yes', 'yes it is', false, 0, 0, 0],
  ['no', 'noanswer', false, 0, 0, 0],
  ['No answer', 'noanswer', false, 0, 0, 0],
  ['Paris, France', 'Paris', false, 2 / 3, 0.5, 1],
  ['the city of Paris', 'Paris France', false, 0.4, 1 / 3, 0.5],
  ['New York New York', 'New York', false, 2 / 3, 0.5, 1],
  ['\u201cHalvik\u201d', 'Halvik', false, 0, 0, 0],
  ['sheep\u2019s milk', "sheep's milk", false, 0.5, 0.5, 0.5],
  ['', '', true, 0, 0, 0],
  ['the', 'a', true, 0, 0, 0],
  ['Barack Obama', 'Obama Barack', false, 1, 1, 1],
  ['1,000', '1000', true, 1, 1, 1],
  ['18,500 spectators', '18,500', false, 2 / 3, 0.5, 1],
];

describe('scoreAnswer (HotpotQA rules)', () => {
  it.each(OFFICIAL)('%j vs %j', (prediction, gold, em, f1, precision, recall) => {
    expect(exactMatch(prediction, gold)).toBe(em);
    const score = scoreAnswer(prediction, gold);
    expect(score.em).toBe(em ? 1 : 0);
    expect(score.f1).toBeCloseTo(f1, 12);
    expect(score.precision).toBeCloseTo(precision, 12);
    expect(score.recall).toBeCloseTo(recall, 12);
  });

  it('gives F1 0 whenever one side is yes/no/noanswer and they differ', () => {
    expect(tokenF1('yes', 'no').f1).toBe(0);
    expect(tokenF1('no', 'no way').f1).toBe(0);
    expect(tokenF1('no way', 'no').f1).toBe(0);
    expect(tokenF1('No.', 'no').f1).toBe(1);
  });

  it('counts shared tokens as a multiset', () => {
    // shared: one b and one c
    const score = tokenF1('b b c', 'b c c');
    expect(score.precision).toBeCloseTo(2 / 3, 12);
    expect(score.recall).toBeCloseTo(2 / 3, 12);
  });
});

describe('scoreAnswerBest (2WikiMultiHopQA aliases)', () => {
  it('takes the best over the answer and its aliases', () => {
    const score = scoreAnswerBest('USA', 'United States of America', ['USA', 'US']);
    expect(score).toEqual({ em: 1, f1: 1, precision: 1, recall: 1 });
  });

  it("takes each metric's maximum separately, as update_answer does", () => {
    // vs 'p q': precision 1/2, recall 1; vs 'p q r s t u v w': precision 1, recall 1/2.
    const score = scoreAnswerBest('p q r s', 'p q', ['p q r s t u v w']);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(1);
    expect(score.f1).toBeCloseTo(2 / 3, 12);
    expect(score.em).toBe(0);
  });

  it('equals the HotpotQA score without aliases', () => {
    expect(scoreAnswerBest('Paris, France', 'Paris')).toEqual(
      scoreAnswer('Paris, France', 'Paris'),
    );
  });

  it('scores a missing prediction 0', () => {
    expect(scoreAnswerOrZero(null, 'x')).toEqual({ em: 0, f1: 0, precision: 0, recall: 0 });
    expect(scoreAnswerOrZero(undefined, 'x').f1).toBe(0);
    expect(scoreAnswerOrZero('x', 'x').em).toBe(1);
  });
});
