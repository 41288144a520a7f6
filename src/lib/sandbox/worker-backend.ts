/**
 * The product's sandbox backend: a dedicated module worker (workers/sandbox.worker.ts) behind
 * comlink. Its death (an uncaught error, a message that cannot be read) resolves `died`; a worker
 * that dies without a sound is caught by the host's run limit instead.
 */
import { wrap } from 'comlink';
import type { SandboxWorkerApi } from '../../../workers/sandbox/sandbox-worker-api';
import type { SandboxBackend } from './sandbox-host';
import type { SandboxRuntime } from './types';

export function createSandboxWorker(): Worker {
  return new Worker(new URL('../../../workers/sandbox.worker.ts', import.meta.url), {
    type: 'module',
    name: 'sandbox',
  });
}

export function workerSandboxBackend(
  _language: SandboxRuntime,
  factory: () => Worker = createSandboxWorker,
): SandboxBackend {
  const worker = factory();
  const remote = wrap<SandboxWorkerApi>(worker);
  const died = new Promise<string>((resolve) => {
    worker.addEventListener('error', (event) =>
      resolve(
        `The sandbox worker stopped: ${event.message || 'it crashed (out of memory, or a runtime fault)'}.`,
      ),
    );
    worker.addEventListener('messageerror', () =>
      resolve('The sandbox worker sent a message that could not be read.'),
    );
  });
  return {
    prepare: (language, indexURL) => remote.prepare(language, indexURL),
    run: (request) => remote.run(request),
    died,
    terminate: () => worker.terminate(),
  };
}

/** Where the build serves Pyodide's files (vite-plugins/pyodide-files.ts), as an absolute URL. */
export function pyodideIndexURL(base = import.meta.env.BASE_URL, origin = location.href): string {
  return new URL(`${base}pyodide/${__PYODIDE_VERSION__}/`, origin).href;
}
