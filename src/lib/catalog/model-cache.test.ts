import { afterEach, describe, expect, test, vi } from 'vitest';
import { browserCache } from '../../../workers/engines/scripted-engine';
import { isModelCachedOnPage } from './model-cache';
import { SCRIPTED_MODEL_CACHE, scriptedModelCached } from './scripted-cache';
import type { CatalogModel, ModelVariant } from './types';
import { WEBLLM_MODEL_CACHE } from './webllm-cache';
import { WLLAMA_CACHE_DIR, type OpfsDirectory } from './wllama-cache';

/** A CacheStorage stand-in that keeps what is put in it: cache name → URL → body. */
function memoryCaches(entries: Record<string, Record<string, string>> = {}): CacheStorage {
  const open = async (name: string) => {
    const cache = (entries[name] ??= {});
    const key = (request: RequestInfo | URL) =>
      typeof request === 'string' ? request : request instanceof URL ? request.href : request.url;
    return {
      match: async (request: RequestInfo | URL) => {
        const body = cache[key(request)];
        return body === undefined ? undefined : new Response(body);
      },
      put: async (request: RequestInfo | URL, response: Response) => {
        cache[key(request)] = await response.text();
      },
      delete: async (request: RequestInfo | URL) => delete cache[key(request)],
    } as unknown as Cache;
  };
  return { has: async (name: string) => name in entries, open } as unknown as CacheStorage;
}

/** An OPFS root with an empty wllama cache directory, noting in `seen` what was read. */
function opfsSpy(seen: string[]): () => Promise<OpfsDirectory> {
  const cacheDir: OpfsDirectory = {
    kind: 'directory',
    getDirectoryHandle: async () => {
      throw new Error('no subdirectories');
    },
    async *entries() {
      seen.push('listed');
      // A subdirectory: not a cached file.
      yield ['nested', cacheDir];
    },
  };
  return async () => ({
    kind: 'directory',
    getDirectoryHandle: async (name) => {
      seen.push(name);
      return cacheDir;
    },
    async *entries() {},
  });
}

const variant = (modelUrl: string, modelId = 'm'): ModelVariant => ({
  modelId,
  quantization: 'Q8_0',
  needsF16: false,
  vramMB: 0,
  downloadMB: 1,
  contextWindow: 512,
  modelUrl,
});
const model = (engine: CatalogModel['engine']): CatalogModel => ({
  id: 'x',
  label: 'x',
  engine,
  paramsB: null,
  variants: [],
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('isModelCachedOnPage', () => {
  test('a scripted model is cached once the scripted engine has recorded it', async () => {
    const storage = memoryCaches();
    vi.stubGlobal('caches', storage);
    vi.stubGlobal('location', { origin: 'http://127.0.0.1:4184' });
    const scripted = variant('', 'scripted-fast');
    expect(await isModelCachedOnPage(model('scripted'), scripted)).toBe(false);
    // Reading made no cache.
    expect(await storage.has(SCRIPTED_MODEL_CACHE)).toBe(false);
    // What the engine does in the worker after a download (same origin, same CacheStorage).
    await browserCache().add('scripted-fast');
    expect(await isModelCachedOnPage(model('scripted'), scripted)).toBe(true);
    expect(await scriptedModelCached('scripted-other', storage)).toBe(false);
    await browserCache().delete('scripted-fast');
    expect(await isModelCachedOnPage(model('scripted'), scripted)).toBe(false);
  });

  test('a WebLLM model is looked up in WebLLM’s cache', async () => {
    const url = 'https://huggingface.co/mlc-ai/M-MLC';
    const base = `${url}/resolve/main/`;
    const caches = memoryCaches({
      [WEBLLM_MODEL_CACHE]: {
        [`${base}tensor-cache.json`]: JSON.stringify({ records: [{ dataPath: 'a.bin' }] }),
        [`${base}a.bin`]: 'x',
      },
    });
    expect(await isModelCachedOnPage(model('webllm'), variant(url), { caches })).toBe(true);
    expect(await isModelCachedOnPage(model('webllm'), variant(`${url}2`), { caches })).toBe(false);
  });

  test('a GGUF model is looked up in wllama’s OPFS cache under its absolute URL', async () => {
    const seen: string[] = [];
    const stores = { opfs: opfsSpy(seen), baseUrl: 'http://127.0.0.1:4184/app/' };
    expect(
      await isModelCachedOnPage(model('wllama'), variant('test-models/tiny.gguf'), stores),
    ).toBe(false);
    expect(seen).toEqual([WLLAMA_CACHE_DIR, 'listed']);
  });

  test('a GGUF file from disk is never cached, and reading it touches no storage', async () => {
    const seen: string[] = [];
    const local = variant('blob:http://127.0.0.1:4184/1b2c');
    expect(await isModelCachedOnPage(model('wllama'), local, { opfs: opfsSpy(seen) })).toBe(false);
    expect(seen).toEqual([]);
  });

  test('a GGUF model URL that is not a .gguf file is a clear error', async () => {
    const stores = { opfs: opfsSpy([]), baseUrl: 'http://127.0.0.1/' };
    await expect(
      isModelCachedOnPage(model('wllama'), variant('https://e.org/model.bin'), stores),
    ).rejects.toThrow('"https://e.org/model.bin" does not name a .gguf file');
    await expect(
      isModelCachedOnPage(model('wllama'), variant('http://[bad'), stores),
    ).rejects.toMatchObject({ name: 'InvalidRequestError' });
  });

  test('an engine with no known cache layout is left to the engine (null)', async () => {
    const unknown = { ...model('wllama'), engine: 'other' as CatalogModel['engine'] };
    expect(await isModelCachedOnPage(unknown, variant('x'))).toBeNull();
  });

  test('no scripted entry without the cache or a Cache API', async () => {
    expect(await scriptedModelCached('scripted-fast', memoryCaches(), 'http://h')).toBe(false);
    expect(await scriptedModelCached('scripted-fast', undefined, 'http://h')).toBe(false);
    const other = memoryCaches({ [SCRIPTED_MODEL_CACHE]: { 'http://h/x': 'x' } });
    expect(await scriptedModelCached('scripted-fast', other, 'http://h')).toBe(false);
  });
});
