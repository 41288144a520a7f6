/**
 * Where the scripted test engine (test build only) records which models are "downloaded": one
 * entry per model id in CacheStorage, shared by the page and every worker of the origin. The
 * engine (workers/engines/scripted-engine.ts) writes it; the page reads it here, so that the test
 * build checks its cache marks without a worker, as production does for the real engines.
 */

export const SCRIPTED_MODEL_CACHE = 'scripted-models';

/** The request URL a scripted model's entry is stored under. */
export function scriptedCacheKey(modelId: string, origin: string): string {
  return new URL(`/__scripted__/${encodeURIComponent(modelId)}`, origin).href;
}

export async function scriptedModelCached(
  modelId: string,
  storage: CacheStorage | undefined = globalThis.caches,
  origin: string = globalThis.location?.origin ?? '',
): Promise<boolean> {
  // `has` first: `open` would create the cache as a side effect.
  if (!storage || !(await storage.has(SCRIPTED_MODEL_CACHE))) return false;
  const cache = await storage.open(SCRIPTED_MODEL_CACHE);
  return (await cache.match(scriptedCacheKey(modelId, origin))) !== undefined;
}
