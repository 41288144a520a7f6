import { describe, expect, it } from 'vitest';
import { detectFormat, loadEvalFile } from './detect-format';
import { EvalLoadError } from './load-util';
import { readFixture } from './test-data';

describe('detectFormat on the fixtures', () => {
  it.each([
    ['hotpotqa.json', 'hotpotqa', 3],
    ['2wikimultihopqa.json', '2wiki', 3],
    ['gsm8k.jsonl', 'gsm8k', 5],
    ['svamp.json', 'svamp', 4],
    ['strategyqa.json', 'strategyqa', 4],
  ])('recognises %s by content alone', (file, format, count) => {
    const text = readFixture(file);
    expect(detectFormat(text, 'dropped.json')).toBe(format);
    const set = loadEvalFile(text, 'dropped.json');
    expect(set.format).toBe(format);
    expect(set.items).toHaveLength(count);
  });

  it('lets the content win over a misleading name', () => {
    expect(detectFormat(readFixture('svamp.json'), 'gsm8k-test.jsonl')).toBe('svamp');
    expect(detectFormat(readFixture('gsm8k.jsonl'), 'hotpot_dev.json')).toBe('gsm8k');
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
      '"data.json" is not in a known format (expected one of HotpotQA, 2WikiMultiHopQA, GSM8K, SVAMP, StrategyQA, HumanEval)',
    );
  });
});

describe('a HumanEval file', () => {
  const line = (id: string) =>
    JSON.stringify({
      task_id: id,
      prompt: 'def add(a, b):\n    """Add two numbers.\n    >>> add(1, 2)\n    3\n    """\n',
      canonical_solution: '    return a + b\n',
      test: '\n\ndef check(candidate):\n    assert candidate(1, 2) == 3\n',
      entry_point: 'add',
    });

  it('is recognised by its fields and loads as a code set of Python functions', () => {
    const text = `${line('HumanEval/0')}\n${line('HumanEval/1')}\n`;
    expect(detectFormat(text, 'problems.jsonl')).toBe('humaneval');
    const set = loadEvalFile(text, 'problems.jsonl');
    expect(set.format).toBe('humaneval');
    expect(set.items.map((i) => [i.id, i.kind, i.category])).toEqual([
      ['HumanEval/0', 'code', 'Python'],
      ['HumanEval/1', 'code', 'Python'],
    ]);
    expect(set.items[0]!.software).toMatchObject({
      kind: 'function',
      problem: { entryPoint: 'add' },
    });
    expect(set.items[0]!.question).toContain('def add(a, b):');
  });

  it('named HumanEval but broken: the loader says which line and field', () => {
    expect(() => loadEvalFile('{"task_id":"HumanEval/0","prompt":"x"}', 'HumanEval.jsonl')).toThrow(
      /HumanEval line 1 \(HumanEval\/0\): .*"test"/,
    );
  });
});
