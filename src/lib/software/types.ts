/**
 * Shapes for code problems (HumanEval and sets in its format) and for the result of running one
 * completion against a problem's tests.
 */
import type { SandboxRunOptions, SandboxRun } from '../sandbox/sandbox-host';
import type { SandboxErrorName, SandboxRunRequest } from '../sandbox/types';

/** The language a problem is written in, and so the sandbox its program runs in. */
export type CodeLanguage = 'python' | 'javascript';

/** One problem in HumanEval's shape: a prompt to complete and a `check(candidate)` test. */
export interface CodeProblem {
  /** HumanEval's `task_id` ("HumanEval/0"); unique within its set. */
  id: string;
  language: CodeLanguage;
  /** The code the model completes: imports, the signature and a docstring. */
  prompt: string;
  /** The function the test calls: the program ends with `check(<entryPoint>)`. */
  entryPoint: string;
  /** Defines `check(candidate)`, which fails (raises or throws) on a wrong candidate. */
  test: string;
  /** The reference completion (what follows the prompt), where the set has one. */
  canonicalSolution?: string;
}

/** A named list of code problems with where they came from and under which licence. */
export interface CodeSet {
  id: string;
  name: string;
  /** A URL, or a note such as 'Written for this playground'. */
  source: string;
  licence: string;
  problems: CodeProblem[];
}

/**
 * How a run of a completion ended, in the official harness's words: `passed`, `timed out`, or
 * (where the official says `failed: <exception>`) `failed` for a failing assertion and `error`
 * for any other exception, the program's syntax errors included.
 */
export type HarnessStatus = 'passed' | 'failed' | 'timed out' | 'error';

export interface HarnessResult {
  /** True only for `passed`: pass@1 counts these. */
  passed: boolean;
  status: HarnessStatus;
  /**
   * Empty when it passed; else one line: the exception's type and message, and for Python the
   * program line it came from ("AssertionError at line 14: assert candidate(3) == 9").
   */
  message: string;
  /**
   * Set when the sandbox, not the program, ended the run (its runtime did not load, its worker
   * crashed, the user stopped it): a benchmark may count these apart from the model's failures.
   */
  sandboxError?: Exclude<SandboxErrorName, 'CodeError' | 'TimeoutError'>;
}

/** What the harness needs of a sandbox: `SandboxHost.run` (a test passes a fake or in-process one). */
export interface CodeSandbox {
  run(request: SandboxRunRequest, options?: SandboxRunOptions): Promise<SandboxRun>;
}
