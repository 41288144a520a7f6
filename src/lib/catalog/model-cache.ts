/**
 * Whether a model is in the browser's cache, answered on the page from each engine's own
 * storage, so that checking never starts an agent worker or fetches an engine (WebLLM's 2 MB,
 * wllama's wasm): an untouched page loads neither.
 */
import { AgentError } from '../engine/errors';
import { scriptedModelCached } from './scripted-cache';
import type { CatalogModel, ModelVariant } from './types';
import { webllmModelCached } from './webllm-cache';
import { wllamaModelCached, type OpfsDirectory } from './wllama-cache';

/** The browser storage the engines cache in (real by default; fakes in tests). */
export interface CacheStores {
  caches?: CacheStorage | undefined;
  opfs?: () => Promise<OpfsDirectory | null>;
  /** The page's base URL, that relative model URLs resolve against. */
  baseUrl?: string | undefined;
}

/**
 * True or false when the page can tell from the engine's storage; null when only the engine
 * can (an engine this page knows no cache layout for).
 */
export async function isModelCachedOnPage(
  model: CatalogModel,
  variant: ModelVariant,
  stores: CacheStores = {},
): Promise<boolean | null> {
  const storage = 'caches' in stores ? stores.caches : globalThis.caches;
  switch (model.engine) {
    case 'webllm':
      return webllmModelCached(variant.modelUrl, storage);
    case 'scripted':
      return scriptedModelCached(variant.modelId, storage);
    case 'wllama': {
      const url = ggufUrl(variant, stores.baseUrl ?? globalThis.document?.baseURI);
      // A file picked from disk is read as it is and never cached (WllamaEngine.load).
      if (url.startsWith('blob:')) return false;
      return wllamaModelCached(url, stores.opfs);
    }
    case 'remote':
      return false; // Served elsewhere: nothing of it is kept in this browser.
    default:
      return null;
  }
}

/** The absolute GGUF URL the WebAssembly engine caches the model under (its `modelUrl`). */
function ggufUrl(variant: ModelVariant, base: string | undefined): string {
  let url: string;
  try {
    url = new URL(variant.modelUrl, base).href;
  } catch {
    throw new AgentError('InvalidRequestError', `"${variant.modelUrl}" is not a valid URL.`);
  }
  if (!url.startsWith('blob:') && !/\.gguf(\?.*)?$/i.test(url)) {
    throw new AgentError(
      'InvalidRequestError',
      `"${variant.modelUrl}" does not name a .gguf file; the WebAssembly engine loads GGUF models only.`,
    );
  }
  return url;
}
