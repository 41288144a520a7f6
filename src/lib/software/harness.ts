/**
 * Runs one completion against a problem's tests, as openai/human-eval's `check_correctness`
 * (`human_eval/execution.py`) does: the program is
 * `prompt + completion + "\n" + test + "\n" + "check(<entry_point>)"`, and it passes when it
 * raises nothing within the time limit.
 *
 * Python runs in Pyodide. Like the official `unsafe_execute`, the program is `exec`uted with
 * fresh globals (`{}`), its stdout and stderr swallowed and its stdin unreadable: a program that
 * prints a lot neither fails nor fills the sandbox's output cap, and one that calls `input()`
 * fails at once instead of waiting. A small wrapper does this inside the sandbox and reports the
 * exception's type, message and program line.
 *
 * JavaScript runs in QuickJS with no wrapper: `check` throws on a wrong candidate, and a thrown
 * error named `AssertionError` counts as `failed` (the test defines its own `assert`).
 *
 * The time limit defaults to 10 s where the official uses 3 s: CPython compiled to WebAssembly
 * runs a few times slower than native, and a page shares its machine with a model being run on
 * it. A right HumanEval solution takes milliseconds, so the longer limit only makes an endless
 * completion cost more time.
 */
import { DEFAULT_OUTPUT_CAP } from '../sandbox/types';
import type { SandboxRun } from '../sandbox/sandbox-host';
import type { CodeProblem, CodeSandbox, HarnessResult } from './types';

/** Wall-clock limit per problem, in milliseconds. */
export const DEFAULT_HARNESS_TIMEOUT_MS = 10_000;

export interface HarnessOptions {
  /** Wall-clock limit of the run (default `DEFAULT_HARNESS_TIMEOUT_MS`). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The program the official harness builds, character for character. */
export function buildProgram(problem: CodeProblem, completion: string): string {
  return `${problem.prompt}${completion}\n${problem.test}\ncheck(${problem.entryPoint})`;
}

/**
 * Runs `program` like `exec(program, {})` under the official `swallow_io`, and ends with
 * `[kind, type name, message, line]` as the run's value (kind: passed / failed / error).
 * `JSON.stringify` of a string is a valid Python string literal.
 */
function pythonWrapper(program: string): string {
  return `import io as _io, sys as _sys, traceback as _tb
_program = ${JSON.stringify(program)}
class _Swallow(_io.StringIO):
    def read(self, *a, **k): raise IOError
    def readline(self, *a, **k): raise IOError
    def readlines(self, *a, **k): raise IOError
    def readable(self, *a, **k): return False
def _run():
    sink = _Swallow()
    saved = (_sys.stdout, _sys.stderr, _sys.stdin)
    _sys.stdout = _sys.stderr = _sys.stdin = sink
    try:
        exec(compile(_program, "<program>", "exec"), {})
        return ["passed", "", "", 0]
    except BaseException as e:
        syntax = isinstance(e, SyntaxError)
        line = (e.lineno or 0) if syntax and e.filename == "<program>" else 0
        for frame in _tb.extract_tb(e.__traceback__):
            if frame.filename == "<program>":
                line = frame.lineno or 0
        kind = "failed" if isinstance(e, AssertionError) else "error"
        return [kind, type(e).__name__, (e.msg if syntax else str(e)) or "", line]
    finally:
        _sys.stdout, _sys.stderr, _sys.stdin = saved
_run()
`;
}

/** `Type: message`, or the type alone when the message is empty. */
const describe = (type: string, message: string): string =>
  message === '' ? type : `${type}: ${message}`;

function isOutcome(value: unknown): value is [string, string, string, number] {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    value.slice(0, 3).every((part) => typeof part === 'string') &&
    typeof value[3] === 'number'
  );
}

/** A failed sandbox run (not the program's own exception) as a result. */
function fromSandboxError(run: SandboxRun): HarnessResult {
  const error = run.error ?? { name: 'CodeError', message: 'The run failed without a reason.' };
  switch (error.name) {
    case 'TimeoutError':
      return { passed: false, status: 'timed out', message: error.message };
    case 'CodeError':
      return { passed: false, status: 'error', message: error.message };
    default:
      return { passed: false, status: 'error', message: error.message, sandboxError: error.name };
  }
}

function pythonResult(run: SandboxRun, program: string): HarnessResult {
  if (!run.ok) return fromSandboxError(run);
  let outcome: unknown = null;
  try {
    outcome = run.value === null ? null : (JSON.parse(run.value) as unknown);
  } catch {
    // Reported below as an unreadable outcome.
  }
  if (!isOutcome(outcome)) {
    return { passed: false, status: 'error', message: 'The harness could not read the outcome.' };
  }
  const [kind, type, text, line] = outcome;
  if (kind === 'passed') return { passed: true, status: 'passed', message: '' };
  const source = line > 0 ? program.split('\n')[line - 1]?.trim() : undefined;
  const where = line > 0 ? ` (line ${line}${source ? `: ${source}` : ''})` : '';
  return {
    passed: false,
    status: kind === 'failed' ? 'failed' : 'error',
    message: `${describe(type, text)}${where}`,
  };
}

function javascriptResult(run: SandboxRun): HarnessResult {
  if (run.ok) return { passed: true, status: 'passed', message: '' };
  if (run.error?.name === 'CodeError' && /^AssertionError\b/u.test(run.error.message)) {
    return { passed: false, status: 'failed', message: run.error.message };
  }
  return fromSandboxError(run);
}

/** Runs `completion` against `problem`'s tests in `sandbox`. Never throws. */
export async function runCompletion(
  sandbox: CodeSandbox,
  problem: CodeProblem,
  completion: string,
  options: HarnessOptions = {},
): Promise<HarnessResult> {
  const program = buildProgram(problem, completion);
  const python = problem.language === 'python';
  const run = await sandbox.run(
    {
      language: problem.language,
      code: python ? pythonWrapper(program) : program,
      outputCap: DEFAULT_OUTPUT_CAP,
      timeoutMs: options.timeoutMs ?? DEFAULT_HARNESS_TIMEOUT_MS,
    },
    options.signal ? { signal: options.signal } : {},
  );
  return python ? pythonResult(run, program) : javascriptResult(run);
}
