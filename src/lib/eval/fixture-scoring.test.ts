/**
 * The scorers on items loaded from the project's own fixtures (official formats, written for this
 * project): what a loaded gold scores against itself and against typical model answers.
 */
import { describe, expect, it } from 'vitest';
import { extractPredictedNumber, scoreNumber } from './extract-number';
import { parseYesNo, scoreYesNo } from './extract-yesno';
import { loadGsm8k } from './load-gsm8k';
import { load2WikiMultiHopQa, loadHotpotQa } from './load-hotpotqa';
import { loadStrategyQa } from './load-strategyqa';
import { loadSvamp } from './load-svamp';
import { scoreAnswer, scoreAnswerBest } from './score-answer';
import { scoreFacts, scoreJoint } from './score-facts';
import { readFixture } from './test-data';
import type { EvalItem } from './types';

function itemAt(items: readonly EvalItem[], index: number): EvalItem {
  const item = items[index];
  if (item === undefined) throw new Error(`the fixture has no item ${index + 1}`);
  return item;
}

describe('HotpotQA scoring on the fixture', () => {
  const items = loadHotpotQa(readFixture('hotpotqa.json')).items;

  it('scores every gold answer and gold fact set against itself as exact', () => {
    for (const item of items) {
      const facts = item.supportingFacts ?? [];
      expect(facts).toHaveLength(2);
      const answer = scoreAnswer(item.answer, item.answer);
      const fact = scoreFacts(facts, facts);
      expect([item.id, answer.em, fact.em, scoreJoint(answer, fact).em]).toEqual([
        item.id,
        1,
        1,
        1,
      ]);
    }
  });

  it('scores a longer answer and a distractor fact by the official formulas', () => {
    const bridge = itemAt(items, 0);
    // "tollund cross market town" vs "tollund cross": 2 shared tokens of 4 predicted, 2 gold.
    const answer = scoreAnswer('Tollund Cross, a market town', bridge.answer);
    expect(answer.em).toBe(0);
    expect(answer.precision).toBeCloseTo(0.5, 12);
    expect(answer.recall).toBe(1);
    expect(answer.f1).toBeCloseTo(2 / 3, 12);
    // Both gold facts plus one from the distractor "River Wend".
    const facts = scoreFacts(
      [...(bridge.supportingFacts ?? []), { title: 'River Wend', sentence: 0 }],
      bridge.supportingFacts ?? [],
    );
    expect(facts.em).toBe(0);
    expect(facts.precision).toBeCloseTo(2 / 3, 12);
    expect(facts.recall).toBe(1);
    expect(facts.f1).toBeCloseTo(0.8, 12);
    const joint = scoreJoint(answer, facts);
    expect(joint.precision).toBeCloseTo(1 / 3, 12);
    expect(joint.recall).toBe(1);
    expect(joint.f1).toBeCloseTo(0.5, 12);
  });

  it('treats the yes gold as a special answer and drops the article of an entity gold', () => {
    const yes = itemAt(items, 1);
    expect(yes.answer).toBe('yes');
    expect(scoreAnswer('Yes.', yes.answer).em).toBe(1);
    expect(scoreAnswer('yes, both are', yes.answer).f1).toBe(0);
    expect(scoreAnswer('no', yes.answer).f1).toBe(0);
    const band = itemAt(items, 2);
    expect(scoreAnswer('Vessa Brass Band', band.answer).em).toBe(1);
    expect(scoreAnswer('the Orlen Choir', band.answer).f1).toBe(0);
  });
});

describe('2WikiMultiHopQA scoring on the fixture', () => {
  const set = load2WikiMultiHopQa(readFixture('2wikimultihopqa.json'));
  const item = itemAt(set.items, 0);

  it('lower-cases fact titles in 2wiki mode only', () => {
    const predicted: [string, number][] = [
      ['ansel moravec', 1],
      ['tomas moravec', 0],
    ];
    const gold = item.supportingFacts ?? [];
    expect(scoreFacts(predicted, gold, '2wiki')).toEqual({
      em: 1,
      precision: 1,
      recall: 1,
      f1: 1,
    });
    expect(scoreFacts(predicted, gold, 'hotpotqa')).toEqual({
      em: 0,
      precision: 0,
      recall: 0,
      f1: 0,
    });
  });

  it('scores a reordered date as full F1 but not an exact match', () => {
    expect(item.aliases).toBeUndefined();
    expect(scoreAnswerBest('June 3, 1801', item.answer, item.aliases)).toEqual({
      em: 0,
      f1: 1,
      precision: 1,
      recall: 1,
    });
  });
});

describe('numeric scoring on the GSM8K and SVAMP fixtures', () => {
  it('reads each GSM8K worked solution back as its own gold', () => {
    const items = loadGsm8k(readFixture('gsm8k.jsonl')).items;
    const solutions = readFixture('gsm8k.jsonl')
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { answer: string }).answer);
    expect(solutions).toHaveLength(items.length);
    expect(solutions.map((solution) => extractPredictedNumber(solution))).toEqual(
      items.map((item) => item.goldNumber),
    );
    expect(items.map((item, i) => scoreNumber(solutions[i], item.goldNumber ?? NaN))).toEqual(
      items.map(() => 1),
    );
  });

  it('takes the last number of a reply without a cue, commas removed', () => {
    const [rolls, water] = loadGsm8k(readFixture('gsm8k.jsonl')).items;
    expect(scoreNumber('96 - 15 = 81, so she sells 81 rolls', rolls?.goldNumber ?? NaN)).toBe(1);
    expect(scoreNumber('She bakes 96 rolls.', rolls?.goldNumber ?? NaN)).toBe(0);
    expect(scoreNumber('They collect $1,560,000.', water?.goldNumber ?? NaN)).toBe(1);
  });

  it('matches a decimal SVAMP gold exactly', () => {
    const ribbon = itemAt(loadSvamp(readFixture('svamp.json')).items, 2);
    expect(ribbon.goldNumber).toBe(5.25);
    expect(scoreNumber('The ribbon is now 5.25 metres long.', ribbon.goldNumber ?? NaN)).toBe(1);
    expect(scoreNumber('About 5.3 metres.', ribbon.goldNumber ?? NaN)).toBe(0);
  });
});

describe('yes/no scoring on the StrategyQA fixture', () => {
  it('scores replies against the loaded yes/no golds', () => {
    const items = loadStrategyQa(readFixture('strategyqa.json')).items;
    const golds = items.map((item) => parseYesNo(item.answer));
    expect(golds).toEqual([false, true, true, true]);
    const [penguin, album] = golds;
    expect(scoreYesNo('No. Penguins cannot fly.', penguin ?? true)).toBe(1);
    expect(scoreYesNo('Yes.', penguin ?? true)).toBe(0);
    expect(scoreYesNo('Answer: yes', album ?? false)).toBe(1);
  });
});
