import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessSandbox } from '../testing/in-process-sandbox';
import type { SandboxHost, SandboxRun } from '../sandbox/sandbox-host';
import type { SandboxRunRequest } from '../sandbox/types';
import { buildProgram, DEFAULT_HARNESS_TIMEOUT_MS, runCompletion } from './harness';
import type { CodeProblem, CodeSandbox } from './types';

const square: CodeProblem = {
  id: 'T/0',
  language: 'python',
  prompt: 'def square(n: int) -> int:\n    """Return n * n."""\n',
  entryPoint: 'square',
  test: '\n\ndef check(candidate):\n    assert candidate(2) == 4\n    assert candidate(3) == 9\n',
  canonicalSolution: '    return n * n\n',
};

const squareJs: CodeProblem = {
  id: 'T/1',
  language: 'javascript',
  prompt: '/** Return n * n. */\nfunction square(n) {\n',
  entryPoint: 'square',
  test: [
    'function check(candidate) {',
    '  const fail = (m) => { const e = new Error(m); e.name = "AssertionError"; throw e; };',
    '  if (candidate(2) !== 4) fail("square(2)");',
    '  if (candidate(3) !== 9) fail("square(3)");',
    '}',
  ].join('\n'),
};

/** A sandbox that answers every run with `result` and records the requests. */
function fakeSandbox(result: Partial<SandboxRun>): CodeSandbox & { requests: SandboxRunRequest[] } {
  const requests: SandboxRunRequest[] = [];
  return {
    requests,
    run: (request) => {
      requests.push(request);
      const run: SandboxRun = {
        ok: false,
        value: null,
        stdout: '',
        stderr: '',
        truncated: false,
        ms: 1,
        loadMs: 0,
        ...result,
      };
      return Promise.resolve(run);
    },
  };
}

describe('buildProgram', () => {
  it('joins prompt, completion, test and the check call as the official harness does', () => {
    expect(buildProgram(square, '    return n * n')).toBe(
      `${square.prompt}    return n * n\n${square.test}\ncheck(square)`,
    );
  });
});

describe('runCompletion with a fake sandbox', () => {
  it('reports a run stopped at its time limit as timed out', async () => {
    const sandbox = fakeSandbox({
      error: { name: 'TimeoutError', message: 'Stopped after 10 s: the program did not finish.' },
    });
    const result = await runCompletion(sandbox, square, '    while True: pass\n');
    expect(result).toEqual({
      passed: false,
      status: 'timed out',
      message: 'Stopped after 10 s: the program did not finish.',
    });
    expect(sandbox.requests[0]?.timeoutMs).toBe(DEFAULT_HARNESS_TIMEOUT_MS);
    expect(sandbox.requests[0]?.language).toBe('python');
  });

  it('passes its own time limit and runs JavaScript as the program itself', async () => {
    const sandbox = fakeSandbox({ ok: true });
    const result = await runCompletion(sandbox, squareJs, '  return n * n;\n}', {
      timeoutMs: 3000,
    });
    expect(result).toEqual({ passed: true, status: 'passed', message: '' });
    expect(sandbox.requests[0]).toMatchObject({
      language: 'javascript',
      timeoutMs: 3000,
      code: buildProgram(squareJs, '  return n * n;\n}'),
    });
  });

  it("names the sandbox's own failures apart from the program's", async () => {
    const sandbox = fakeSandbox({
      error: { name: 'SandboxLoadError', message: 'The python runtime could not load: 404' },
    });
    expect(await runCompletion(sandbox, square, '    return n * n\n')).toEqual({
      passed: false,
      status: 'error',
      message: 'The python runtime could not load: 404',
      sandboxError: 'SandboxLoadError',
    });
  });

  it('does not count a Python run whose outcome it cannot read as passed', async () => {
    const result = await runCompletion(fakeSandbox({ ok: true, value: '42' }), square, '');
    expect(result).toMatchObject({ passed: false, status: 'error' });
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

describe('runCompletion in Python (Pyodide, in process)', { timeout: 60_000 }, () => {
  const run = (completion: string) => runCompletion(sandbox, square, completion);

  it('passes a right completion, and a reply that repeats the whole def', async () => {
    expect(await run('    return n * n\n')).toEqual({
      passed: true,
      status: 'passed',
      message: '',
    });
    const repeated = 'def square(n: int) -> int:\n    return n ** 2\n';
    expect(await run(repeated)).toMatchObject({ passed: true, status: 'passed' });
  });

  it('fails a wrong completion, naming the failing assertion and its line', async () => {
    expect(await run('    return n + n\n')).toEqual({
      passed: false,
      status: 'failed',
      message: 'AssertionError (line 9: assert candidate(3) == 9)',
    });
  });

  it("keeps an assertion's own message", async () => {
    const result = await run('    assert n < 0, "n must be negative"\n');
    expect(result.status).toBe('failed');
    expect(result.message).toBe(
      'AssertionError: n must be negative (line 3: assert n < 0, "n must be negative")',
    );
  });

  it('reports an exception as an error with its type and message', async () => {
    expect(await run('    return n / 0\n')).toEqual({
      passed: false,
      status: 'error',
      message: 'ZeroDivisionError: division by zero (line 3: return n / 0)',
    });
  });

  it('reports a syntax error as an error', async () => {
    const result = await run('    return n *\n');
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/^SyntaxError: invalid syntax \(line 3: return n \*\)$/u);
  });

  it('swallows output as the official harness does, and gives input() nothing', async () => {
    const chatty = '    for i in range(20000):\n        print("x" * 10)\n    return n * n\n';
    expect(await run(chatty)).toMatchObject({ passed: true, status: 'passed' });
    const asking = '    return int(input())\n';
    expect(await run(asking)).toMatchObject({ passed: false, status: 'error' });
  });
});

describe('runCompletion in JavaScript (QuickJS, in process)', () => {
  const run = (completion: string) => runCompletion(sandbox, squareJs, completion);

  it('passes a right completion and fails a wrong one with its assertion', async () => {
    expect(await run('  return n * n;\n}\n')).toEqual({
      passed: true,
      status: 'passed',
      message: '',
    });
    expect(await run('  return n + n;\n}\n')).toEqual({
      passed: false,
      status: 'failed',
      message: 'AssertionError: square(3)',
    });
  });

  it('reports a thrown error, and a reply that repeats the open function, as errors', async () => {
    expect(await run('  return n.toFixed(-1);\n}\n')).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/^RangeError: /u),
    });
    const repeated = await run('function square(n) {\n  return n * n;\n}\n');
    expect(repeated).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/^SyntaxError: /u),
    });
  });
});
