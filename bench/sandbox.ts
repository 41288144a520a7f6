/**
 * The code sandboxes on the benchmark page (test build only): `window.sandbox` is the product's
 * SandboxHost with real workers (QuickJS, Pyodide from pyodide/<version>/), for the sandbox e2e
 * tests (tests/e2e/sandbox.e2e.ts) and the bench's tool figures.
 */
import { SandboxHost } from '../src/lib/sandbox/sandbox-host';
import type { SandboxRuntime } from '../src/lib/sandbox/types';
import { pyodideIndexURL, workerSandboxBackend } from '../src/lib/sandbox/worker-backend';

declare global {
  interface Window {
    sandbox: SandboxHost;
    /** Sandbox workers started so far, by language. */
    sandboxWorkersStarted: Record<SandboxRuntime, number>;
  }
}

window.sandboxWorkersStarted = { javascript: 0, python: 0, math: 0, lookup: 0 };
window.sandbox = new SandboxHost({
  makeBackend: (language) => {
    window.sandboxWorkersStarted[language]++;
    return workerSandboxBackend(language);
  },
  pythonIndexURL: pyodideIndexURL(),
});
