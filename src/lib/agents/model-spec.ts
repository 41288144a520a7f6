import type { CatalogModel, ModelVariant } from '../catalog/types';
import type { ModelDevice, ModelSpec } from '../engine/types';
import { apiKeys } from '../remote/api-keys';

/**
 * What a worker needs to load `variant` of `model` (its `copy`-th loaded copy, past the first;
 * `device` 'gpu' runs a GGUF model on WebGPU, and is ignored for other engines).
 */
export function specFor(
  model: CatalogModel,
  variant: ModelVariant,
  copy = 1,
  device?: ModelDevice,
): ModelSpec {
  return {
    ...(copy > 1 ? { copy } : {}),
    ...(device === 'gpu' && model.engine === 'wllama' ? { device } : {}),
    engine: model.engine,
    modelId: variant.modelId,
    contextWindow: variant.contextWindow,
    // The WebAssembly engine loads the GGUF file itself; WebLLM finds its files by model id.
    ...(model.engine === 'wllama' ? { modelUrl: absoluteUrl(variant.modelUrl) } : {}),
    // A custom MLC model brings its own weights and library; catalog ones are found by id.
    ...(model.engine === 'webllm' && variant.modelLibUrl
      ? { modelUrl: variant.modelUrl, modelLibUrl: variant.modelLibUrl }
      : {}),
    // A remote model: its server, its name there, and the key (from memory, never stored with the model).
    ...(model.engine === 'remote'
      ? {
          modelUrl: variant.modelUrl,
          serverModel: variant.serverModel,
          ...(apiKeys.get(variant.modelUrl) ? { apiKey: apiKeys.get(variant.modelUrl) } : {}),
        }
      : {}),
    ...(model.script ? { script: structuredClone(model.script) } : {}),
  };
}

/**
 * A URL relative to the page (the test build's models live under the site's base) made absolute
 * here, because the worker would resolve it against its own script's location.
 */
function absoluteUrl(url: string): string {
  const base = globalThis.document?.baseURI;
  if (!base) return url;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}
