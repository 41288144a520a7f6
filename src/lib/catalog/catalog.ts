import records from 'virtual:webllm-catalog';
import type { CatalogModel } from './types';
import { buildWebLLMCatalog } from './webllm-catalog';

/**
 * Every model the user can pick. The scripted test models are added in the test build only;
 * in a production build `import.meta.env.MODE` is 'production' and that import is dropped.
 */
export async function loadCatalog(): Promise<CatalogModel[]> {
  const models = buildWebLLMCatalog(records);
  if (import.meta.env.MODE === 'test') {
    const { scriptedCatalog } = await import('./scripted-models');
    return [...scriptedCatalog(), ...models];
  }
  return models;
}
