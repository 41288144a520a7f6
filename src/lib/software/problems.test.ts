import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessSandbox } from '../testing/in-process-sandbox';
import type { SandboxHost } from '../sandbox/sandbox-host';
import { runCompletion } from './harness';
import { loadHumanEval } from './humaneval';
import { JAVASCRIPT_RECORDS, playgroundCodeSet, PYTHON_RECORDS } from './problems';
import type { CodeSandbox } from './types';

/** A plausible wrong completion for each problem: each gets at least one assertion wrong. */
const WRONG: Record<string, string> = {
  'Playground/0': "    return sum(1 for c in text if c in 'aeiou')\n", // misses capitals
  'Playground/1': '    return sorted(numbers)\n',
  'Playground/2': "    return brackets.count('(') == brackets.count(')')\n",
  'Playground/3': '    return text\n',
  'Playground/4': '  return [items];\n}\n',
  'Playground/5': '  return text.toUpperCase();\n}\n',
};

/** A completion that raises (Python) or throws (JavaScript) a non-assertion error. */
const RAISES = {
  python: '    return {}["missing"]\n',
  javascript: '  return undefined.length;\n}\n',
};

describe('the playground code problems', () => {
  it('are four Python and two JavaScript problems with unique ids and solutions', () => {
    const { problems } = playgroundCodeSet;
    expect(problems.map((p) => p.language)).toEqual([
      'python',
      'python',
      'python',
      'python',
      'javascript',
      'javascript',
    ]);
    expect(new Set(problems.map((p) => p.id)).size).toBe(6);
    for (const problem of problems) expect(problem.canonicalSolution?.length).toBeGreaterThan(0);
    expect(Object.keys(WRONG)).toEqual(problems.map((p) => p.id));
  });

  it("are in HumanEval's exact format: written as JSON Lines they load back unchanged", () => {
    const jsonl = (records: readonly object[]) => records.map((r) => JSON.stringify(r)).join('\n');
    const python = loadHumanEval(jsonl(PYTHON_RECORDS)).problems;
    const js = loadHumanEval(jsonl(JAVASCRIPT_RECORDS), { language: 'javascript' }).problems;
    expect([...python, ...js]).toEqual(playgroundCodeSet.problems);
    for (const record of [...PYTHON_RECORDS, ...JAVASCRIPT_RECORDS]) {
      expect(Object.keys(record).sort()).toEqual([
        'canonical_solution',
        'entry_point',
        'prompt',
        'task_id',
        'test',
      ]);
    }
  });

  it('each test has several assertions', () => {
    for (const problem of playgroundCodeSet.problems) {
      const asserts = problem.test.match(/^\s+assert\b/gmu) ?? [];
      expect(asserts.length, problem.id).toBeGreaterThanOrEqual(5);
    }
  });
});

let sandbox: SandboxHost;
beforeAll(async () => {
  sandbox = inProcessSandbox();
  // Pyodide and QuickJS load once here (seconds on a busy machine), not inside a test's time.
  await sandbox.run({ language: 'python', code: '1', outputCap: 100, timeoutMs: 120_000 });
  await sandbox.run({ language: 'javascript', code: '1', outputCap: 100, timeoutMs: 60_000 });
}, 180_000);
afterAll(() => sandbox.dispose());

describe('the playground problems through the harness', { timeout: 60_000 }, () => {
  const problems = playgroundCodeSet.problems.map((p) => [p.id, p] as const);

  it.each(problems)('%s: the canonical solution passes', async (_id, problem) => {
    const result = await runCompletion(sandbox, problem, problem.canonicalSolution ?? '');
    expect(result).toEqual({ passed: true, status: 'passed', message: '' });
  });

  it.each(problems)('%s: a wrong solution fails with its assertion', async (id, problem) => {
    const result = await runCompletion(sandbox, problem, WRONG[id] ?? '');
    expect(result.passed).toBe(false);
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/^AssertionError\b/u);
  });

  it('a Python solution that raises gives an error with its type and message', async () => {
    const [problem] = playgroundCodeSet.problems;
    expect(problem).toBeDefined();
    if (!problem) return;
    expect(await runCompletion(sandbox, problem, RAISES.python)).toEqual({
      passed: false,
      status: 'error',
      message: `KeyError: 'missing' (line 8: return {}["missing"])`,
    });
  });

  it('a JavaScript solution that throws gives an error with its type', async () => {
    const problem = playgroundCodeSet.problems.find((p) => p.language === 'javascript');
    expect(problem).toBeDefined();
    if (!problem) return;
    const result = await runCompletion(sandbox, problem, RAISES.javascript);
    expect(result).toMatchObject({ passed: false, status: 'error' });
    expect(result.message).toMatch(/^TypeError: /u);
  });
});

describe('a solution that never returns', () => {
  // Not run in process: nothing could stop it there. The real sandbox ends the worker at the
  // limit (sandbox-host.test.ts, tests/e2e/sandbox.e2e.ts); here a fake reports that it did.
  it('is reported as timed out, with the limit asked for', async () => {
    const asked: number[] = [];
    const timingOut: CodeSandbox = {
      run: (request) => {
        asked.push(request.timeoutMs);
        return Promise.resolve({
          ok: false,
          value: null,
          stdout: '',
          stderr: '',
          truncated: false,
          error: { name: 'TimeoutError', message: 'Stopped after 3 s.' },
          ms: 3250,
          loadMs: 0,
        });
      },
    };
    const [problem] = playgroundCodeSet.problems;
    if (!problem) throw new Error('no problem');
    const result = await runCompletion(timingOut, problem, '    while True:\n        pass\n', {
      timeoutMs: 3000,
    });
    expect(result).toEqual({ passed: false, status: 'timed out', message: 'Stopped after 3 s.' });
    expect(asked).toEqual([3000]);
  });
});
