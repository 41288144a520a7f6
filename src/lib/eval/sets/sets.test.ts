import { describe, expect, it } from 'vitest';
import { parseNumber } from '../extract-number';
import { parseYesNo } from '../extract-yesno';
import { mathSet, multihopSet, shippedSets, yesNoSet } from './index';

describe('shipped sets', () => {
  it('have 20, 20 and 10 items, unique ids, and the project licence', () => {
    expect(multihopSet.items).toHaveLength(20);
    expect(mathSet.items).toHaveLength(20);
    expect(yesNoSet.items).toHaveLength(10);
    for (const set of shippedSets) {
      expect(set.source).toBe('Written for this playground');
      expect(set.licence).toBe('MIT (this project)');
      expect(new Set(set.items.map((item) => item.id)).size).toBe(set.items.length);
      expect(set.items.every((item) => item.question.trim().length > 0)).toBe(true);
    }
  });

  it('multihop: 4 to 6 paragraphs, unique titles, facts point at existing sentences', () => {
    for (const item of multihopSet.items) {
      expect(item.kind).toBe('multihop');
      const context = item.context ?? [];
      expect(context.length).toBeGreaterThanOrEqual(4);
      expect(context.length).toBeLessThanOrEqual(6);
      expect(new Set(context.map((p) => p.title)).size).toBe(context.length);
      const facts = item.supportingFacts ?? [];
      expect(facts.length).toBeGreaterThanOrEqual(2);
      for (const fact of facts) {
        const paragraph = context.find((p) => p.title === fact.title);
        expect(paragraph?.sentences[fact.sentence], `${item.id} ${fact.title}`).toBeTypeOf(
          'string',
        );
      }
      // At least one distractor paragraph that no fact points at.
      const used = new Set(facts.map((f) => f.title));
      expect(context.some((p) => !used.has(p.title))).toBe(true);
      expect(item.answer.trim().length).toBeGreaterThan(0);
    }
  });

  it('multihop: answers that are not yes/no appear in a supporting sentence or, for comparisons, the question', () => {
    for (const item of multihopSet.items) {
      if (parseYesNo(item.answer) !== null) continue;
      const supporting = (item.supportingFacts ?? [])
        .map((f) => item.context?.find((p) => p.title === f.title)?.sentences[f.sentence] ?? '')
        .join(' ');
      const core = item.answer.replace(/^the /u, '');
      expect(`${supporting} ${item.question}`, item.id).toContain(core);
    }
  });

  it('math: integer answers whose text parses to the gold number', () => {
    for (const item of mathSet.items) {
      expect(item.kind).toBe('math');
      expect(Number.isInteger(item.goldNumber)).toBe(true);
      expect(parseNumber(item.answer)).toBe(item.goldNumber);
    }
  });

  it('yes/no: answers are yes or no', () => {
    for (const item of yesNoSet.items) {
      expect(item.kind).toBe('yesno');
      expect(['yes', 'no']).toContain(item.answer);
    }
  });
});
