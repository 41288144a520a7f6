import { describe, expect, it } from 'vitest';
import { scoreFacts, scoreJoint } from './score-facts';

describe('scoreFacts (update_sp)', () => {
  it('scores equal sets as EM 1', () => {
    const gold = [
      { title: 'A', sentence: 0 },
      { title: 'B', sentence: 2 },
    ];
    expect(scoreFacts([...gold].reverse(), gold)).toEqual({
      em: 1,
      precision: 1,
      recall: 1,
      f1: 1,
    });
  });

  it('computes precision, recall and F1 from tp, fp and fn', () => {
    const score = scoreFacts(
      [
        ['A', 0],
        ['B', 1],
        ['C', 0],
      ],
      [
        ['A', 0],
        ['B', 2],
      ],
    );
    expect(score.em).toBe(0);
    expect(score.precision).toBeCloseTo(1 / 3, 12);
    expect(score.recall).toBeCloseTo(1 / 2, 12);
    expect(score.f1).toBeCloseTo(0.4, 12);
  });

  it('ignores duplicate facts (set semantics)', () => {
    const score = scoreFacts(
      [
        ['A', 0],
        ['A', 0],
      ],
      [['A', 0]],
    );
    expect(score).toEqual({ em: 1, precision: 1, recall: 1, f1: 1 });
  });

  it('gives EM 1 and the rest 0 for two empty sets, as the script does', () => {
    expect(scoreFacts([], [])).toEqual({ em: 1, precision: 0, recall: 0, f1: 0 });
    expect(scoreFacts([], [['A', 0]])).toEqual({ em: 0, precision: 0, recall: 0, f1: 0 });
  });

  it('compares titles case-sensitively in HotpotQA mode', () => {
    expect(scoreFacts([['paris', 0]], [['Paris', 0]]).em).toBe(0);
  });

  it('lower-cases titles in 2wiki mode', () => {
    expect(scoreFacts([['paris', 0]], [['Paris', 0]], '2wiki')).toEqual({
      em: 1,
      precision: 1,
      recall: 1,
      f1: 1,
    });
    expect(scoreFacts([['Paris', 1]], [['Paris', 0]], '2wiki').em).toBe(0);
  });

  it('keeps case variants as separate entries in 2wiki mode, like normalize_sp', () => {
    // Official: set() first, then lower-case into a list -> both predicted entries count as tp.
    const score = scoreFacts(
      [
        ['Paris', 0],
        ['PARIS', 0],
        ['Lyon', 0],
      ],
      [['paris', 0]],
      '2wiki',
    );
    expect(score.precision).toBeCloseTo(2 / 3, 12);
    expect(score.recall).toBe(1);
  });
});

describe('scoreJoint', () => {
  it('multiplies precisions, recalls and EMs, and takes F1 of the products', () => {
    const joint = scoreJoint(
      { em: 1, precision: 0.5, recall: 1 },
      { em: 1, precision: 0.8, recall: 0.5 },
    );
    expect(joint.em).toBe(1);
    expect(joint.precision).toBeCloseTo(0.4, 12);
    expect(joint.recall).toBeCloseTo(0.5, 12);
    expect(joint.f1).toBeCloseTo((2 * 0.4 * 0.5) / 0.9, 12);
  });

  it('is EM 0 when either part is not exact', () => {
    const joint = scoreJoint(
      { em: 0, precision: 1, recall: 1 },
      { em: 1, precision: 1, recall: 1 },
    );
    expect(joint.em).toBe(0);
    expect(joint.f1).toBe(1);
  });

  it('is 0 when a product is 0, and for a missing part', () => {
    expect(
      scoreJoint({ em: 0, precision: 0, recall: 0 }, { em: 1, precision: 1, recall: 1 }),
    ).toEqual({ em: 0, precision: 0, recall: 0, f1: 0 });
    expect(scoreJoint(null, { em: 1, precision: 1, recall: 1 }).f1).toBe(0);
    expect(scoreJoint({ em: 1, precision: 1, recall: 1 }, null).em).toBe(0);
  });

  it('multiplies an evidence part too (2WikiMultiHopQA)', () => {
    const one = { em: 1, precision: 1, recall: 1 };
    const joint = scoreJoint(one, one, { em: 0, precision: 0.5, recall: 0.5 });
    expect(joint).toEqual({ em: 0, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(scoreJoint(one, one, null).f1).toBe(0);
  });
});
