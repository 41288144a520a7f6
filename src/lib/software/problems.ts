/**
 * Six small code problems written for this playground (MIT, this project) in HumanEval's exact
 * format: four in Python and two in JavaScript, each with a reference solution and a
 * `check(candidate)` test of several assertions. The JavaScript tests define their own `assert`
 * inside `check` (QuickJS has no `node:assert`) and throw errors named `AssertionError`.
 */
import { readHumanEvalRecord, type HumanEvalRecord } from './humaneval';
import type { CodeSet } from './types';

export const PYTHON_RECORDS: readonly HumanEvalRecord[] = [
  {
    task_id: 'Playground/0',
    prompt: `

def count_vowels(text: str) -> int:
    """ Count the vowels (a, e, i, o, u, in either case) in text.
    >>> count_vowels('Hello World')
    3
    """
`,
    canonical_solution: `    return sum(1 for c in text.lower() if c in 'aeiou')
`,
    test: `

def check(candidate):
    assert candidate('Hello World') == 3
    assert candidate('') == 0
    assert candidate('rhythm') == 0
    assert candidate('AEIOU aeiou') == 10
    assert candidate('Queueing') == 5
`,
    entry_point: 'count_vowels',
  },
  {
    task_id: 'Playground/1',
    prompt: `from typing import List


def running_max(numbers: List[int]) -> List[int]:
    """ Return a list whose i-th element is the largest of numbers[0] .. numbers[i].
    >>> running_max([1, 3, 2, 5, 4])
    [1, 3, 3, 5, 5]
    """
`,
    canonical_solution: `    result = []
    for n in numbers:
        result.append(n if not result else max(result[-1], n))
    return result
`,
    test: `

def check(candidate):
    assert candidate([1, 3, 2, 5, 4]) == [1, 3, 3, 5, 5]
    assert candidate([]) == []
    assert candidate([-2, -5, -1]) == [-2, -2, -1]
    assert candidate([7]) == [7]
    assert candidate([4, 4, 4]) == [4, 4, 4]
`,
    entry_point: 'running_max',
  },
  {
    task_id: 'Playground/2',
    prompt: `

def is_balanced(brackets: str) -> bool:
    """ Return True if every opening bracket in brackets ("(", "[" or "{") is closed by the
    matching bracket in the right order. Other characters are ignored.
    >>> is_balanced('([]{})')
    True
    >>> is_balanced('([)]')
    False
    """
`,
    canonical_solution: `    pairs = {')': '(', ']': '[', '}': '{'}
    stack = []
    for c in brackets:
        if c in '([{':
            stack.append(c)
        elif c in pairs:
            if not stack or stack.pop() != pairs[c]:
                return False
    return not stack
`,
    test: `

def check(candidate):
    assert candidate('([]{})') == True
    assert candidate('([)]') == False
    assert candidate('') == True
    assert candidate('((') == False
    assert candidate('})') == False
    assert candidate('f(x[0]) + {y}') == True
`,
    entry_point: 'is_balanced',
  },
  {
    task_id: 'Playground/3',
    prompt: `

def run_length(text: str) -> str:
    """ Encode text by writing each run of one repeated character as the character followed
    by the run's length.
    >>> run_length('aaabcc')
    'a3b1c2'
    """
`,
    canonical_solution: `    out = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] == text[i]:
            j += 1
        out.append(text[i] + str(j - i))
        i = j
    return ''.join(out)
`,
    test: `

def check(candidate):
    assert candidate('aaabcc') == 'a3b1c2'
    assert candidate('') == ''
    assert candidate('x') == 'x1'
    assert candidate('aaaaaaaaaaaa') == 'a12'
    assert candidate('abab') == 'a1b1a1b1'
`,
    entry_point: 'run_length',
  },
];

export const JAVASCRIPT_RECORDS: readonly HumanEvalRecord[] = [
  {
    task_id: 'Playground/4',
    prompt: `/**
 * Split items into arrays of size items each, in order; the last may be shorter.
 * >>> chunk([1, 2, 3, 4, 5], 2)
 * [[1, 2], [3, 4], [5]]
 */
function chunk(items, size) {
`,
    canonical_solution: `  const chunks = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
`,
    test: `
function check(candidate) {
  function assert(condition, message) {
    if (!condition) {
      const error = new Error(message);
      error.name = 'AssertionError';
      throw error;
    }
  }
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  assert(same(candidate([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]), 'chunk([1, 2, 3, 4, 5], 2)');
  assert(same(candidate([], 3), []), 'chunk([], 3)');
  assert(same(candidate([1, 2, 3], 3), [[1, 2, 3]]), 'chunk([1, 2, 3], 3)');
  assert(same(candidate(['a', 'b'], 5), [['a', 'b']]), "chunk(['a', 'b'], 5)");
  assert(same(candidate([1, 2, 3], 1), [[1], [2], [3]]), 'chunk([1, 2, 3], 1)');
}
`,
    entry_point: 'chunk',
  },
  {
    task_id: 'Playground/5',
    prompt: `/**
 * Capitalise the first letter of every word in text and lower-case the rest; words are
 * separated by single spaces.
 * >>> titleCase('the QUICK brown fox')
 * 'The Quick Brown Fox'
 */
function titleCase(text) {
`,
    canonical_solution: `  return text
    .split(' ')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(' ');
}
`,
    test: `
function check(candidate) {
  function assert(condition, message) {
    if (!condition) {
      const error = new Error(message);
      error.name = 'AssertionError';
      throw error;
    }
  }
  assert(candidate('the QUICK brown fox') === 'The Quick Brown Fox', "titleCase('the QUICK brown fox')");
  assert(candidate('') === '', "titleCase('')");
  assert(candidate('a') === 'A', "titleCase('a')");
  assert(candidate('hELLO wORLD') === 'Hello World', "titleCase('hELLO wORLD')");
  assert(candidate('x 42 y') === 'X 42 Y', "titleCase('x 42 y')");
}
`,
    entry_point: 'titleCase',
  },
];

/** The shipped set of code problems: the Python ones first, then the JavaScript ones. */
export const playgroundCodeSet: CodeSet = {
  id: 'playground-code',
  name: 'Small code problems (6)',
  source: 'Written for this playground',
  licence: 'MIT (this project)',
  problems: [
    ...PYTHON_RECORDS.map((record, i) =>
      readHumanEvalRecord(record, 'python', `Playground Python item ${i + 1}`),
    ),
    ...JAVASCRIPT_RECORDS.map((record, i) =>
      readHumanEvalRecord(record, 'javascript', `Playground JavaScript item ${i + 1}`),
    ),
  ],
};
