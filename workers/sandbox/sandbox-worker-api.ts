/**
 * The API a sandbox worker offers the page over comlink: it loads a language runtime once, then
 * runs code in it. One worker per language; the page ends a worker whose run overstays its limit
 * (sandbox-host.ts) and starts a fresh one for the next run.
 */
import type {
  SandboxLanguage,
  SandboxRunRequest,
  SandboxRunResult,
} from '../../src/lib/sandbox/types';
import { loadQuickJS, runJavaScript } from './js-runner';
import { loadPython, runPython } from './python-runner';

export interface SandboxWorkerDeps {
  /** Called once a runtime is loaded, before any code runs (removes network and storage). */
  lockDown?: () => void;
  now?: () => number;
}

export interface SandboxRunInput extends SandboxRunRequest {
  /** Plain JSON values set as globals/variables before the code runs. */
  globals?: Record<string, unknown>;
}

export function createSandboxWorkerApi({
  lockDown = () => {},
  now = () => performance.now(),
}: SandboxWorkerDeps = {}) {
  let pythonIndexURL: string | undefined;
  /** The language this worker serves: after lockdown it can load no other runtime. */
  let serves: SandboxLanguage | null = null;
  return {
    /** Loads the runtime (Pyodide from `indexURL`); resolves with the milliseconds it took. */
    async prepare(language: SandboxLanguage, indexURL?: string): Promise<{ loadMs: number }> {
      if (serves && serves !== language)
        throw new Error(`This sandbox runs ${serves}; ${language} needs a sandbox of its own.`);
      serves = language;
      const started = now();
      if (language === 'python') {
        pythonIndexURL = indexURL;
        await loadPython(indexURL);
      } else {
        await loadQuickJS();
      }
      lockDown();
      return { loadMs: now() - started };
    },

    run(input: SandboxRunInput): Promise<SandboxRunResult> {
      const { code, outputCap, timeoutMs, globals } = input;
      return input.language === 'python'
        ? runPython(code, {
            outputCap,
            ...(globals ? { globals } : {}),
            ...(pythonIndexURL ? { indexURL: pythonIndexURL } : {}),
            now,
          })
        : runJavaScript(code, { outputCap, timeoutMs, ...(globals ? { globals } : {}), now });
    },
  };
}

export type SandboxWorkerApi = ReturnType<typeof createSandboxWorkerApi>;
