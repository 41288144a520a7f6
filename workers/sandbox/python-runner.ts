/**
 * Runs Python in Pyodide (CPython compiled to WebAssembly, shipped by its npm package). Each run
 * gets a fresh namespace; stdout and stderr are captured up to the cap, and a program that keeps
 * printing past it is stopped with an error. `import js` reaches only the empty object given as
 * `jsglobals`, not the worker's globals; the worker entry also removes the network and storage
 * APIs from its own scope once Pyodide is loaded (lockdown.ts).
 *
 * Python cannot be interrupted from outside without cross-origin isolation (Pyodide's interrupt
 * buffer needs SharedArrayBuffer), so the page enforces the time limit by ending the worker.
 */
import { loadPyodide, type PyodideAPI } from 'pyodide';
import type { SandboxRunResult } from '../../src/lib/sandbox/types';
import { OutputCollector } from './output-collector';

let runtime: Promise<PyodideAPI> | null = null;

/** Loads Pyodide once per worker, from `indexURL` (its files' folder; default: beside the module). */
export function loadPython(indexURL?: string): Promise<PyodideAPI> {
  runtime ??= loadPyodide({
    ...(indexURL ? { indexURL } : {}),
    jsglobals: {},
    // Start-up messages are not a run's output.
    stdout: () => {},
    stderr: () => {},
  }).catch((error: unknown) => {
    runtime = null;
    throw error;
  });
  return runtime;
}

/** Thrown by the output writer once the cap is reached: it ends the program. */
const OUTPUT_LIMIT = 'output limit reached';

export interface PythonRunOptions {
  outputCap: number;
  /** Plain JSON values set as variables before the code runs (a tool's arguments). */
  globals?: Record<string, unknown>;
  indexURL?: string;
  now?: () => number;
}

/** The last expression's value as JSON where it converts, else Python's repr. */
function valueText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const proxy = value as {
    toJs?: (o: object) => unknown;
    toString(): string;
    destroy?: () => void;
  };
  if (typeof proxy.toJs === 'function') {
    try {
      const plain = proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
      return JSON.stringify(plain) ?? proxy.toString();
    } catch {
      return proxy.toString();
    } finally {
      proxy.destroy?.();
    }
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The last line of a Python traceback ("ZeroDivisionError: division by zero"), else the text. */
function tracebackSummary(message: string): string {
  const lines = message.trim().split('\n');
  return lines.at(-1) || message;
}

export async function runPython(
  code: string,
  options: PythonRunOptions,
): Promise<SandboxRunResult> {
  const now = options.now ?? (() => performance.now());
  const py = await loadPython(options.indexURL);
  const output = new OutputCollector(options.outputCap);
  const decoder = new TextDecoder();
  let stoppedAtCap = false;
  const writer = (stream: 'stdout' | 'stderr') => ({
    write(buffer: Uint8Array): number {
      if (output.full) {
        stoppedAtCap = true;
        throw new Error(OUTPUT_LIMIT);
      }
      output.write(stream, decoder.decode(buffer, { stream: true }));
      return buffer.length;
    },
  });
  py.setStdout(writer('stdout'));
  py.setStderr(writer('stderr'));
  const namespace = py.globals.get('dict')();
  for (const [name, value] of Object.entries(options.globals ?? {}))
    namespace.set(name, py.toPy(value));
  const started = now();
  try {
    const value: unknown = await py.runPythonAsync(code, { globals: namespace });
    return {
      ok: true,
      value: valueText(value),
      stdout: output.stdout,
      stderr: output.stderr,
      truncated: output.truncated,
      ms: now() - started,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      value: null,
      stdout: output.stdout,
      stderr: output.stderr,
      truncated: output.truncated,
      error: {
        name: 'CodeError',
        message: stoppedAtCap
          ? `Stopped: the program printed more than ${options.outputCap} characters.`
          : tracebackSummary(message),
      },
      ms: now() - started,
    };
  } finally {
    namespace.destroy();
    py.setStdout({ batched: () => {} });
    py.setStderr({ batched: () => {} });
  }
}
