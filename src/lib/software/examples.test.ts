import { describe, expect, it } from 'vitest';
import { inProcessSandbox } from '../testing/in-process-sandbox';
import { codeExamples, visibleProblem } from './examples';
import { runCompletion } from './harness';
import { playgroundCodeSet } from './problems';

describe('codeExamples', () => {
  it('reads Python doctest examples and JavaScript ones behind comment stars', () => {
    expect(
      codeExamples(
        'def f(x):\n    """ Doubles.\n    >>> f(2)\n    4\n    >>> f(-1)\n    -2\n    """\n',
      ),
    ).toEqual([
      { call: 'f(2)', expected: '4' },
      { call: 'f(-1)', expected: '-2' },
    ]);
    expect(codeExamples("/**\n * >>> g('a')\n * 'A'\n */\nfunction g(s) {\n")).toEqual([
      { call: "g('a')", expected: "'A'" },
    ]);
  });

  it('skips examples with no value shown, multi-line calls and the docstring end', () => {
    expect(codeExamples('    >>> f(1)\n    >>> f(2)\n    """\n')).toEqual([]);
    expect(codeExamples('    >>> f(1,\n    ... 2)\n    3\n')).toEqual([]);
    expect(codeExamples('    >>> f(1)\n    """\n')).toEqual([]);
  });
});

describe('visibleProblem on the shipped problems (real QuickJS and Pyodide, in process)', () => {
  const sandbox = inProcessSandbox();

  it('every shipped problem shows at least one example, and its reference passes them', async () => {
    for (const problem of playgroundCodeSet.problems) {
      const visible = visibleProblem(problem);
      expect(visible.examples, problem.id).toBeGreaterThan(0);
      expect(visible.test).not.toBe(problem.test);
      expect('canonicalSolution' in visible).toBe(false);
      const result = await runCompletion(sandbox, visible, problem.canonicalSolution ?? '');
      expect(result, problem.id).toMatchObject({ passed: true });
    }
  }, 120_000);

  it('a wrong solution fails its examples, saying what it returned', async () => {
    const python = playgroundCodeSet.problems.find((p) => p.entryPoint === 'count_vowels')!;
    const wrong = await runCompletion(sandbox, visibleProblem(python), '    return 0\n');
    expect(wrong.status).toBe('failed');
    expect(wrong.message).toContain("count_vowels('Hello World') returned 0, expected 3");
    const js = playgroundCodeSet.problems.find((p) => p.entryPoint === 'titleCase')!;
    const wrongJs = await runCompletion(sandbox, visibleProblem(js), '  return text;\n}\n');
    expect(wrongJs.status).toBe('failed');
    expect(wrongJs.message).toContain(
      `titleCase('the QUICK brown fox') returned "the QUICK brown fox", expected 'The Quick Brown Fox'`,
    );
  }, 60_000);
});
