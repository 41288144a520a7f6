/**
 * The calculator tool: evaluates one math expression with mathjs, configured as its security
 * guide advises for untrusted input (https://mathjs.org/docs/expressions/security.html): the
 * functions that could define new functions, import code or re-enter the parser are replaced by
 * ones that throw. Expressions cannot assign variables or define functions either: each
 * evaluation starts from an empty scope. It runs in a sandbox worker like the code runtimes.
 */
import { all, create, type MathJsInstance } from 'mathjs';
import type { SandboxRunResult } from '../../src/lib/sandbox/types';

/** Functions an untrusted expression may not call (mathjs's list, plus re-entry points). */
export const DISABLED_FUNCTIONS = [
  'import',
  'createUnit',
  'reviver',
  'evaluate',
  'parse',
  'compile',
  'simplify',
  'simplifyConstant',
  'simplifyCore',
  'derivative',
  'resolve',
  'parser',
  'rationalize',
  'chain',
] as const;

/** Longest expression read (a calculator's input, not a program). */
export const MAX_EXPRESSION_LENGTH = 2_000;

let instance: { math: MathJsInstance; evaluate: MathJsInstance['evaluate'] } | null = null;

function limitedMath() {
  if (instance) return instance;
  const math = create(all ?? {}, { number: 'number' });
  // Keep the real evaluate before it is replaced for expressions.
  const evaluate = math.evaluate.bind(math);
  const disabled = Object.fromEntries(
    DISABLED_FUNCTIONS.map((name) => [
      name,
      () => {
        throw new Error(`Function ${name} is disabled`);
      },
    ]),
  );
  math.import(disabled, { override: true });
  instance = { math, evaluate };
  return instance;
}

/** Loads the calculator (mathjs) once per worker. */
export function loadMath(): void {
  limitedMath();
}

export interface MathRunOptions {
  now?: () => number;
}

function failure(message: string, ms: number): SandboxRunResult {
  return {
    ok: false,
    value: null,
    stdout: '',
    stderr: '',
    truncated: false,
    error: { name: 'CodeError', message },
    ms,
  };
}

/** Evaluates `expression`; the result is formatted with up to 14 significant digits. */
export function runMath(expression: string, options: MathRunOptions = {}): SandboxRunResult {
  const now = options.now ?? (() => performance.now());
  const started = now();
  if (expression.length > MAX_EXPRESSION_LENGTH)
    return failure(`The expression is longer than ${MAX_EXPRESSION_LENGTH} characters.`, 0);
  if (!expression.trim()) return failure('The expression is empty.', 0);
  const { math, evaluate } = limitedMath();
  try {
    // A fresh scope: assignments land in it and are dropped with it.
    const result: unknown = evaluate(expression, new Map());
    if (typeof result === 'function')
      return failure(
        'The expression defines a function; give a value to compute.',
        now() - started,
      );
    const value = math.format(result, { precision: 14 });
    return { ok: true, value, stdout: '', stderr: '', truncated: false, ms: now() - started };
  } catch (error) {
    return failure(error instanceof Error ? error.message : String(error), now() - started);
  }
}
