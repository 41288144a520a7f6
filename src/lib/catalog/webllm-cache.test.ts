import { describe, expect, test } from 'vitest';
import { WEBLLM_MODEL_CACHE, webllmBaseUrl, webllmModelCached } from './webllm-cache';

/** A CacheStorage stand-in: cache name → URL → body. */
function fakeCaches(entries: Record<string, Record<string, string>>): CacheStorage {
  const open = async (name: string) =>
    ({
      match: async (url: string) => {
        const body = entries[name]?.[url];
        return body === undefined ? undefined : new Response(body);
      },
    }) as unknown as Cache;
  return { has: async (name: string) => name in entries, open } as unknown as CacheStorage;
}

const MODEL = 'https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC';
const BASE = `${MODEL}/resolve/main/`;
const manifest = JSON.stringify({
  records: [{ dataPath: 'params_shard_0.bin' }, { dataPath: 'params_shard_1.bin' }],
});

describe('webllmModelCached', () => {
  test('builds the same base URL as WebLLM', () => {
    expect(webllmBaseUrl(MODEL)).toBe(BASE);
    expect(webllmBaseUrl(`${MODEL}/resolve/v2/`)).toBe(`${MODEL}/resolve/v2/`);
  });

  test('true only when the manifest and every shard are cached', async () => {
    const all: Record<string, string> = {
      [`${BASE}tensor-cache.json`]: manifest,
      [`${BASE}params_shard_0.bin`]: 'x',
      [`${BASE}params_shard_1.bin`]: 'y',
    };
    expect(await webllmModelCached(MODEL, fakeCaches({ [WEBLLM_MODEL_CACHE]: all }))).toBe(true);
    const missing: Record<string, string> = { ...all };
    delete missing[`${BASE}params_shard_1.bin`];
    expect(await webllmModelCached(MODEL, fakeCaches({ [WEBLLM_MODEL_CACHE]: missing }))).toBe(
      false,
    );
  });

  test('false without the cache, the manifest, or a Cache API', async () => {
    expect(await webllmModelCached(MODEL, fakeCaches({}))).toBe(false);
    expect(await webllmModelCached(MODEL, fakeCaches({ [WEBLLM_MODEL_CACHE]: {} }))).toBe(false);
    expect(await webllmModelCached(MODEL, undefined)).toBe(false);
  });
});
