import { describe, expect, it } from 'vitest';
import { EvalLoadError } from '../eval/load-util';
import { HUMANEVAL_URL, loadHumanEval, type HumanEvalRecord } from './humaneval';

const record = (overrides: Partial<Record<keyof HumanEvalRecord, unknown>> = {}) => ({
  task_id: 'HumanEval/0',
  prompt: 'def add(a, b):\n    """Add."""\n',
  canonical_solution: '    return a + b\n',
  test: '\n\ndef check(candidate):\n    assert candidate(1, 2) == 3\n',
  entry_point: 'add',
  ...overrides,
});
const line = (overrides: Partial<Record<keyof HumanEvalRecord, unknown>> = {}) =>
  JSON.stringify(record(overrides));

describe('loadHumanEval', () => {
  it('reads each line as a Python problem, keeping the texts exactly', () => {
    const set = loadHumanEval(`${line()}\n${line({ task_id: 'HumanEval/1' })}\n`);
    expect(set).toMatchObject({
      id: 'humaneval',
      name: 'HumanEval',
      source: HUMANEVAL_URL,
      licence: 'MIT',
    });
    expect(set.problems).toEqual([
      {
        id: 'HumanEval/0',
        language: 'python',
        prompt: 'def add(a, b):\n    """Add."""\n',
        entryPoint: 'add',
        test: '\n\ndef check(candidate):\n    assert candidate(1, 2) == 3\n',
        canonicalSolution: '    return a + b\n',
      },
      expect.objectContaining({ id: 'HumanEval/1' }),
    ]);
  });

  it('skips white-space lines, accepts CRLF and a BOM, and takes metadata overrides', () => {
    const text = `\ufeff${line()}\r\n   \r\n${line({ task_id: 'X/2' })}\r\n`;
    const set = loadHumanEval(text, { id: 'mine', name: 'Mine', licence: 'CC0' });
    expect(set.problems.map((p) => p.id)).toEqual(['HumanEval/0', 'X/2']);
    expect(set).toMatchObject({ id: 'mine', name: 'Mine', licence: 'CC0' });
  });

  it('takes the language for the whole file, and a record without a solution', () => {
    const js = {
      task_id: 'JS/0',
      prompt: 'function add(a, b) {\n',
      test: 'function check(candidate) {\n  if (candidate(1, 2) !== 3) throw new Error();\n}\n',
      entry_point: 'add',
    };
    const [problem] = loadHumanEval(JSON.stringify(js), { language: 'javascript' }).problems;
    expect(problem?.language).toBe('javascript');
    expect(problem).not.toHaveProperty('canonicalSolution');
  });

  it.each([
    [`${line()}\n{`, /^HumanEval line 2: not valid JSON \(/u],
    [`${line()}\n\n[1]`, /^HumanEval line 3: expected an object$/u],
    [line({ task_id: undefined }), /^HumanEval line 1: missing "task_id"$/u],
    [line({ task_id: 7 }), /^HumanEval line 1: "task_id" must be a string$/u],
    [line({ task_id: ' ' }), /^HumanEval line 1: "task_id" is empty$/u],
    [line({ prompt: null }), /^HumanEval line 1 \(HumanEval\/0\): missing "prompt"$/u],
    [line({ test: ['x'] }), /^HumanEval line 1 \(HumanEval\/0\): "test" must be a string$/u],
    [
      line({ entry_point: undefined }),
      /^HumanEval line 1 \(HumanEval\/0\): missing "entry_point"$/u,
    ],
    [
      line({ entry_point: 'add(1)' }),
      /^HumanEval line 1 \(HumanEval\/0\): "entry_point" must be a function name, not "add\(1\)"$/u,
    ],
    [
      line({ canonical_solution: 3 }),
      /^HumanEval line 1 \(HumanEval\/0\): "canonical_solution" must be a string$/u,
    ],
    [
      line({ test: 'assert add(1, 2) == 3' }),
      /^HumanEval line 1 \(HumanEval\/0\): "test" does not define check\(candidate\)$/u,
    ],
    [
      `${line()}\n${line()}`,
      /^HumanEval line 2: duplicate "task_id" "HumanEval\/0" \(first on line 1\)$/u,
    ],
    ['\n \n', /^HumanEval: the file holds no problems$/u],
  ])('rejects %j with a specific message', (text, message) => {
    expect(() => loadHumanEval(text)).toThrow(EvalLoadError);
    expect(() => loadHumanEval(text)).toThrow(message);
  });

  it('wants a JavaScript test to define check as a function', () => {
    const text = line({ test: 'def check(candidate):\n    pass\n' });
    expect(() => loadHumanEval(text, { language: 'javascript' })).toThrow(
      /does not define check\(candidate\)$/u,
    );
  });
});
