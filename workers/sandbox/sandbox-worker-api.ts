/**
 * The API a sandbox worker offers the page over comlink: it loads one runtime, then runs code
 * (or a tool's input) in it. One worker per runtime; each runtime's code is its own chunk, loaded
 * only by the worker that serves it. The page ends a worker whose run overstays its limit
 * (sandbox-host.ts) and starts a fresh one for the next run.
 */
import type { ContextParagraph } from '../../src/lib/eval/types';
import type {
  SandboxRunRequest,
  SandboxRunResult,
  SandboxRuntime,
} from '../../src/lib/sandbox/types';

export interface SandboxWorkerDeps {
  /** Called once a runtime is loaded, before any code runs (removes network and storage). */
  lockDown?: () => void;
  now?: () => number;
}

export interface SandboxRunInput extends SandboxRunRequest {
  /**
   * Plain JSON values set as globals/variables before the code runs. The look-up reads
   * `paragraphs` (the question's context) and `limit` (hits wanted) from here.
   */
  globals?: Record<string, unknown>;
}

type Runner = (input: SandboxRunInput) => Promise<SandboxRunResult> | SandboxRunResult;

function isParagraphs(value: unknown): value is ContextParagraph[] {
  return (
    Array.isArray(value) &&
    value.every(
      (p: unknown) =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as ContextParagraph).title === 'string' &&
        Array.isArray((p as ContextParagraph).sentences),
    )
  );
}

/** Loads a runtime's code and returns its runner. */
async function loadRunner(
  runtime: SandboxRuntime,
  indexURL: string | undefined,
  now: () => number,
): Promise<Runner> {
  switch (runtime) {
    case 'python': {
      const { loadPython, runPython } = await import('./python-runner');
      await loadPython(indexURL);
      return ({ code, outputCap, globals }) =>
        runPython(code, {
          outputCap,
          ...(globals ? { globals } : {}),
          ...(indexURL ? { indexURL } : {}),
          now,
        });
    }
    case 'javascript': {
      const { loadQuickJS, runJavaScript } = await import('./js-runner');
      await loadQuickJS();
      return ({ code, outputCap, timeoutMs, globals }) =>
        runJavaScript(code, { outputCap, timeoutMs, ...(globals ? { globals } : {}), now });
    }
    case 'math': {
      const { loadMath, runMath } = await import('./math-runner');
      loadMath();
      return ({ code }) => runMath(code, { now });
    }
    case 'lookup': {
      const { runLookup } = await import('./lookup-runner');
      return ({ code, globals }) => {
        const paragraphs = globals?.['paragraphs'];
        const limit = globals?.['limit'];
        return runLookup(code, {
          paragraphs: isParagraphs(paragraphs) ? paragraphs : [],
          ...(typeof limit === 'number' ? { limit } : {}),
          now,
        });
      };
    }
  }
}

export function createSandboxWorkerApi({
  lockDown = () => {},
  now = () => performance.now(),
}: SandboxWorkerDeps = {}) {
  /** The runtime this worker serves: after lockdown it can load no other. */
  let serves: SandboxRuntime | null = null;
  let runner: Promise<Runner> | null = null;
  return {
    /** Loads the runtime (Pyodide from `indexURL`); resolves with the milliseconds it took. */
    async prepare(runtime: SandboxRuntime, indexURL?: string): Promise<{ loadMs: number }> {
      if (serves && serves !== runtime)
        throw new Error(`This sandbox runs ${serves}; ${runtime} needs a sandbox of its own.`);
      serves = runtime;
      const started = now();
      runner ??= loadRunner(runtime, indexURL, now);
      await runner;
      lockDown();
      return { loadMs: now() - started };
    },

    async run(input: SandboxRunInput): Promise<SandboxRunResult> {
      if (!runner || input.language !== serves)
        throw new Error(`This sandbox is not prepared for ${input.language}.`);
      return (await runner)(input);
    },
  };
}

export type SandboxWorkerApi = ReturnType<typeof createSandboxWorkerApi>;
