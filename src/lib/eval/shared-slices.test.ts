/**
 * The loaders and `detect-format` on the real benchmark slices in `../shared/data/`. They run
 * where that folder exists (CI); on a fresh clone they are skipped with one line saying why, and
 * the same code is tested on the project's own fixtures in the loaders' test files.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat, loadEvalFile } from './detect-format';
import { GSM8K_TEST_URL, loadGsm8k } from './load-gsm8k';
import { load2WikiMultiHopQa, loadHotpotQa } from './load-hotpotqa';
import { loadStrategyQa } from './load-strategyqa';
import { loadSvamp } from './load-svamp';
import { readSharedData, skipWithoutSharedData } from './test-data';

describe.skipIf(skipWithoutSharedData())('the real benchmark slices in ../shared/data/', () => {
  describe('detectFormat', () => {
    it.each([
      ['hotpotqa-train-100.json', 'hotpotqa', 100],
      ['2wikimultihopqa-dev-60.json', '2wiki', 60],
      ['gsm8k-test.jsonl', 'gsm8k', 1319],
      ['svamp.json', 'svamp', 1000],
      ['strategyqa-dev.json', 'strategyqa', 229],
    ])('recognises %s by content alone', (file, format, count) => {
      const text = readSharedData(file);
      expect(detectFormat(text, 'dropped.json')).toBe(format);
      const set = loadEvalFile(text, 'dropped.json');
      expect(set.format).toBe(format);
      expect(set.items).toHaveLength(count);
    });
  });

  describe('loadHotpotQa', () => {
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

    it.each(['hotpotqa-train-100.json', '2wikimultihopqa-dev-60.json'])(
      '%s: every supporting fact points at an existing, non-empty sentence',
      (file) => {
        const missing = loadHotpotQa(readSharedData(file)).items.flatMap((item) =>
          (item.supportingFacts ?? [])
            .filter((fact) => {
              const paragraph = item.context?.find((p) => p.title === fact.title);
              return (paragraph?.sentences[fact.sentence] ?? '').trim() === '';
            })
            .map((fact) => `${item.id}: [${fact.title}, ${fact.sentence}]`),
        );
        expect(missing).toEqual([]);
      },
    );
  });

  describe('loadGsm8k', () => {
    it('loads 1,319 problems with numeric golds', () => {
      const set = loadGsm8k(readSharedData('gsm8k-test.jsonl'));
      expect(set.items).toHaveLength(1319);
      expect(set.source).toBe(GSM8K_TEST_URL);
      expect(set.format).toBe('gsm8k');
      const first = set.items[0];
      expect(first?.id).toBe('gsm8k-1');
      expect(first?.kind).toBe('math');
      expect(first?.question).toMatch(/^Janet’s ducks lay 16 eggs per day/);
      expect(first?.answer).toBe('18');
      expect(first?.goldNumber).toBe(18);
      expect(set.items.every((item) => Number.isInteger(item.goldNumber))).toBe(true);
      // Commas removed, negatives kept.
      expect(set.items.some((item) => item.goldNumber === 1450000)).toBe(true);
      expect(set.items.some((item) => item.goldNumber === -10)).toBe(true);
    });
  });

  describe('loadSvamp', () => {
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

  describe('loadStrategyQa', () => {
    it('loads 229 yes/no questions', () => {
      const set = loadStrategyQa(readSharedData('strategyqa-dev.json'));
      expect(set.items).toHaveLength(229);
      expect(set.format).toBe('strategyqa');
      const first = set.items[0];
      expect(first?.id).toBe('e0044a7b4d146d611e73');
      expect(first?.kind).toBe('yesno');
      expect(first?.question).toBe(
        'Will the Albany in Georgia reach a hundred thousand occupants before the one in New York?',
      );
      expect(first?.answer).toBe('no');
      expect(first?.context).toBeUndefined();
      expect(set.items.filter((item) => item.answer === 'yes')).toHaveLength(107);
    });
  });
});
