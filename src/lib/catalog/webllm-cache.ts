/**
 * Whether a WebLLM model's weights are in the browser cache, answered on the page without
 * loading WebLLM (2 MB gzip) into a worker. Mirrors web-llm's `hasModelInCache` for its default
 * Cache API storage: the model's `tensor-cache.json` and every shard it lists, in the
 * 'webllm/model' cache, keyed by `<model URL>/resolve/main/<file>`.
 */

export const WEBLLM_MODEL_CACHE = 'webllm/model';

/** WebLLM's `cleanModelUrl`: https://huggingface.co/U/M → https://huggingface.co/U/M/resolve/main/ */
export function webllmBaseUrl(modelUrl: string): string {
  let url = modelUrl.endsWith('/') ? modelUrl : `${modelUrl}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url).href;
}

export async function webllmModelCached(
  modelUrl: string,
  storage: CacheStorage | undefined = globalThis.caches,
): Promise<boolean> {
  // `has` first: `open` would create the cache as a side effect.
  if (!storage || !(await storage.has(WEBLLM_MODEL_CACHE))) return false;
  const cache = await storage.open(WEBLLM_MODEL_CACHE);
  const base = webllmBaseUrl(modelUrl);
  const manifest = await cache.match(new URL('tensor-cache.json', base).href);
  if (!manifest) return false;
  const { records } = (await manifest.json()) as { records?: { dataPath: string }[] };
  if (!Array.isArray(records)) return false;
  for (const record of records) {
    if (!(await cache.match(new URL(record.dataPath, base).href))) return false;
  }
  return true;
}
