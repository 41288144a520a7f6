import records from 'virtual:webllm-catalog';
import { buildGgufCatalog } from './gguf-models';
import type { CatalogModel } from './types';
import { buildWebLLMCatalog } from './webllm-catalog';

/**
 * Every model the user can pick: WebLLM's (WebGPU) and the GGUF models (CPU, WebAssembly). The
 * scripted test models and the tiny GGUF test models are added in the test build only; in a
 * production build `import.meta.env.MODE` is 'production' and those imports are dropped.
 */
export async function loadCatalog(): Promise<CatalogModel[]> {
  const models = [...buildWebLLMCatalog(records), ...buildGgufCatalog()];
  if (import.meta.env.MODE === 'test') {
    const [{ scriptedCatalog }, { testGgufCatalog }] = await Promise.all([
      import('./scripted-models'),
      import('./test-gguf-models'),
    ]);
    return [...scriptedCatalog(), ...testGgufCatalog(), ...models];
  }
  return models;
}
