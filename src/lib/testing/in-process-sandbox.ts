/**
 * The real sandbox runtimes (QuickJS, Pyodide, mathjs, MiniSearch) behind a SandboxHost, run in
 * the test's own process instead of workers: for tests of what the tools compute. Nothing is
 * locked down and nothing can be ended, so no test may run an endless program through it (the
 * worker tests, tests/e2e/sandbox.e2e.ts, cover those).
 */
import { createSandboxWorkerApi } from '../../../workers/sandbox/sandbox-worker-api';
import { SandboxHost, type SandboxBackend } from '../sandbox/sandbox-host';

export function inProcessSandbox(): SandboxHost {
  return new SandboxHost({
    makeBackend: (): SandboxBackend => {
      const api = createSandboxWorkerApi();
      return {
        prepare: (runtime, indexURL) => api.prepare(runtime, indexURL),
        run: (request) => api.run(request),
        died: new Promise(() => {}),
        terminate: () => {},
      };
    },
  });
}
