import { describe, expect, test } from 'vitest';
import { expectedItem, expectedOf, scoreExpected } from './expected-answer';
import { multihopSet } from './sets';
import { scoreItem } from './score-any-item';

describe('one rule for "correct"', () => {
  test('the expected answer is read as the kind of item it looks like', () => {
    expect(expectedItem('How many?', '1,200').kind).toBe('math');
    expect(expectedItem('How many?', '1,200').goldNumber).toBe(1200);
    expect(expectedItem('Is it?', 'Yes').kind).toBe('yesno');
    expect(expectedItem('Who?', 'Marie Curie').kind).toBe('multihop');
    const context = [{ title: 'A', sentences: ['One.'] }];
    expect(expectedItem('Is it?', 'yes', context).kind).toBe('multihop');
  });

  test('an answer that contains the expected one but is not it is not marked right', () => {
    // The old badge matched by substring and called this right; the benchmark scores it 0.
    const scores = scoreExpected('Paris, France', 'Capital?', 'Paris');
    expect(scores.correct).toBe(0);
    expect(scores.f1).toBeCloseTo(2 / 3);
    expect(scoreExpected('The Paris.', 'Capital?', 'Paris').correct).toBe(1);
  });

  test('math and yes/no answers are read as the benchmark reads them', () => {
    expect(scoreExpected('She has 18 eggs left.', 'How many?', '18').correct).toBe(1);
    expect(scoreExpected('She has 17 eggs left.', 'How many?', '18').correct).toBe(0);
    expect(scoreExpected('Yes, it is.', 'Is it?', 'yes').correct).toBe(1);
    expect(scoreExpected(null, 'Is it?', 'yes').correct).toBe(0);
  });

  test('on a shipped benchmark item, the mark equals the benchmark score', () => {
    const item = multihopSet.items[0]!;
    const config = { question: item.question, expectedAnswer: item.answer, context: item.context };
    const expected = expectedOf(config)!;
    for (const answer of [item.answer, `${item.answer} indeed`, 'something else']) {
      expect(scoreExpected(answer, expected.question, expected.answer, expected.context)).toEqual(
        scoreItem(item, answer),
      );
    }
    expect(expectedOf({ question: 'q', expectedAnswer: '  ' })).toBeUndefined();
  });
});
