/**
 * What crosses the boundary between the page and a code sandbox (a worker running QuickJS or
 * Pyodide). Plain data only: it goes over comlink (structured clone).
 */

/**
 * What a sandbox runs: code (JavaScript in QuickJS, Python in Pyodide), or a built-in tool
 * (`math`: the calculator's expression; `lookup`: a search of the question's paragraphs). Each
 * runtime gets a worker of its own.
 */
export type SandboxRuntime = 'javascript' | 'python' | 'math' | 'lookup';

/** How a run ended when it did not end normally. */
export type SandboxErrorName =
  /** The code threw (a JS exception, a Python traceback). */
  | 'CodeError'
  /** The wall-clock limit passed: the run was stopped (the worker ended when it would not stop). */
  | 'TimeoutError'
  /** The runtime could not start (its files did not load). */
  | 'SandboxLoadError'
  /** The worker died under the run (out of memory, a crash). */
  | 'SandboxCrashedError'
  /** The user stopped it. */
  | 'AbortError';

export interface SandboxRunRequest {
  language: SandboxRuntime;
  /** The program, the expression (math) or the query (lookup). */
  code: string;
  /** Bytes of stdout + stderr kept; what comes after is dropped and `truncated` set. */
  outputCap: number;
  /** Wall-clock limit of the run in milliseconds (the runtime's start-up is not counted). */
  timeoutMs: number;
}

export interface SandboxRunResult {
  ok: boolean;
  /**
   * The value of the last expression (JS: the script's completion value; Python: the last
   * expression), as JSON where it can be, else as text; null when there is none.
   */
  value: string | null;
  stdout: string;
  stderr: string;
  /** Output went past the cap and the rest was dropped. */
  truncated: boolean;
  error?: { name: SandboxErrorName; message: string };
  /** Milliseconds the code ran (without the runtime's start-up). */
  ms: number;
}

/** 64 KiB of output: plenty for a tool's answer, and a model reads only a part of it anyway. */
export const DEFAULT_OUTPUT_CAP = 64 * 1024;
