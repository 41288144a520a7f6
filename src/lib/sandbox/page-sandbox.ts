/**
 * The page's one SandboxHost, made on the first tool call (never at start-up: an untouched page
 * starts no worker, fetches no runtime and does not even load the host's code). Runs and batches
 * share it, so a runtime loaded once (Pyodide's ~13 MB) serves every later call.
 */
import type { ToolSandbox } from '../tools/tool-runner';
import type { SandboxHost } from './sandbox-host';

let host: Promise<SandboxHost> | null = null;

function pageHost(): Promise<SandboxHost> {
  host ??= Promise.all([import('./sandbox-host'), import('./worker-backend')]).then(
    ([{ SandboxHost }, { pyodideIndexURL, workerSandboxBackend }]) =>
      new SandboxHost({ makeBackend: workerSandboxBackend, pythonIndexURL: pyodideIndexURL() }),
  );
  return host;
}

/** The page's sandboxes, as the protocols use them. */
export const pageSandbox: ToolSandbox = {
  run: async (request, options) => (await pageHost()).run(request, options),
};
