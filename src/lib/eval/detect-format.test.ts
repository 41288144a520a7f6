import { describe, expect, it } from 'vitest';
import { detectFormat, loadEvalFile } from './detect-format';
import { EvalLoadError } from './load-util';
import { readSharedData } from './test-data';

describe('detectFormat on the shared files', () => {
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

describe('detectFormat', () => {
  const hotpot = JSON.stringify([
    { question: 'Q', answer: 'A', context: [], supporting_facts: [] },
  ]);

  it('uses the name to tell 2Wiki from HotpotQA when the fields do not', () => {
    expect(detectFormat(hotpot, 'dev.json')).toBe('hotpotqa');
    expect(detectFormat(hotpot, '2WikiMultihopQA-dev.json')).toBe('2wiki');
  });

  it('falls back to the name when the text cannot be read, so the loader explains', () => {
    expect(detectFormat('{ broken', 'gsm8k-test.jsonl')).toBe('gsm8k');
    expect(() => loadEvalFile('{ broken', 'gsm8k-test.jsonl')).toThrow(
      /^GSM8K line 1: not valid JSON/,
    );
  });

  it('returns null for unknown content and name', () => {
    expect(detectFormat('[{"foo": 1}]', 'data.json')).toBeNull();
    expect(detectFormat('hello', '')).toBeNull();
  });

  it('throws a clear error for an unknown file', () => {
    expect(() => loadEvalFile('[{"foo": 1}]', 'data.json')).toThrow(EvalLoadError);
    expect(() => loadEvalFile('[{"foo": 1}]', 'data.json')).toThrow(
      '"data.json" is not in a known format (expected one of HotpotQA, 2WikiMultiHopQA, GSM8K, SVAMP, StrategyQA)',
    );
  });
});
