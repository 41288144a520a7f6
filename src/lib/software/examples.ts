/**
 * A code problem's visible checks: the examples its docstring shows (`>>> call` and the value on
 * the next line, as HumanEval writes them in Python and this playground in JavaScript), turned
 * into a `check(candidate)` test of the problem's own shape, so the official harness runs them.
 * The tester sees these; the hidden `test` is kept for scoring.
 */
import type { CodeProblem } from './types';

export interface CodeExample {
  /** The call, as written after `>>>` ("count_vowels('Hello World')"). */
  call: string;
  /** The value it should give, as written on the next line ("3"). */
  expected: string;
}

/** The examples in `prompt`: a `>>>` line with one line of value after it (JS comments' `*` dropped). */
export function codeExamples(prompt: string): CodeExample[] {
  const lines = prompt.split('\n').map((line) => line.replace(/^\s*(\*|\/\/)?\s?/, '').trimEnd());
  const examples: CodeExample[] = [];
  lines.forEach((line, i) => {
    const call = /^>>>\s?(.+)$/.exec(line.trim())?.[1]?.trim();
    const expected = lines[i + 1]?.trim() ?? '';
    // A multi-line call ("..."), a call with no value shown, or one that prints: not checkable.
    if (!call || !expected || expected.startsWith('>>>') || expected.startsWith('...')) return;
    if (/^("""|'''|\*\/)/.test(expected)) return;
    examples.push({ call, expected });
  });
  return examples;
}

/** A string literal both Python and JavaScript read (JSON's escapes are valid in both). */
const literal = (text: string) => JSON.stringify(text);

function pythonTest(examples: readonly CodeExample[]): string {
  const body = examples.map(
    ({ call, expected }) =>
      `    _got = ${call}\n` +
      `    assert _got == (${expected}), ${literal(`${call} returned `)} + repr(_got) + ${literal(`, expected ${expected}`)}`,
  );
  return `\n\ndef check(candidate):\n${body.length > 0 ? body.join('\n') : '    pass'}\n`;
}

function javascriptTest(examples: readonly CodeExample[]): string {
  const body = examples.map(
    ({ call, expected }) =>
      `  { const got = ${call}; assert(same(got, ${expected}), ${literal(`${call} returned `)} + JSON.stringify(got) + ${literal(`, expected ${expected}`)}); }`,
  );
  return `
function check(candidate) {
  function assert(condition, message) {
    if (!condition) {
      const error = new Error(message);
      error.name = 'AssertionError';
      throw error;
    }
  }
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
${body.join('\n')}
}
`;
}

/**
 * The problem with its hidden test replaced by its visible examples. With no example the test
 * checks nothing, so the run still catches a program that does not load (a syntax error).
 */
export function visibleProblem(problem: CodeProblem): CodeProblem & { examples: number } {
  const examples = codeExamples(problem.prompt);
  const { canonicalSolution: _hidden, ...rest } = problem;
  return {
    ...rest,
    test: problem.language === 'python' ? pythonTest(examples) : javascriptTest(examples),
    examples: examples.length,
  };
}
