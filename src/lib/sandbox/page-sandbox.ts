/**
 * The page's one SandboxHost, made on the first tool call (never at start-up: an untouched page
 * starts no worker and fetches no runtime). Runs and batches share it, so a runtime loaded once
 * (Pyodide's ~13 MB) serves every later call.
 */
import type { ToolSandbox } from '../tools/tool-runner';
import { SandboxHost } from './sandbox-host';
import { pyodideIndexURL, workerSandboxBackend } from './worker-backend';

let host: SandboxHost | null = null;

function pageHost(): SandboxHost {
  host ??= new SandboxHost({
    makeBackend: workerSandboxBackend,
    pythonIndexURL: pyodideIndexURL(),
  });
  return host;
}

/** The page's sandboxes, as the protocols use them. */
export const pageSandbox: ToolSandbox = {
  run: (request, options) => pageHost().run(request, options),
};
