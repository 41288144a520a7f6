/// <reference lib="webworker" />
/**
 * Sandbox worker entry: runs untrusted code (a tool's, a model's program) in QuickJS or Pyodide.
 * No DOM; network, storage and script loading are removed from its scope once a runtime is
 * loaded (lockdown.ts).
 */
import { expose } from 'comlink';
import { lockDownCodeGeneration, lockDownGlobals } from './sandbox/lockdown';
import { createSandboxWorkerApi } from './sandbox/sandbox-worker-api';

expose(
  createSandboxWorkerApi({
    lockDown: () => {
      lockDownGlobals(self);
      lockDownCodeGeneration(self);
    },
  }),
);
