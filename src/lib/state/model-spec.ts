import type { CatalogModel, ModelVariant } from '../catalog/types';
import type { ModelSpec } from '../engine/types';

/** What a worker needs to load `variant` of `model`. */
export function specFor(model: CatalogModel, variant: ModelVariant): ModelSpec {
  return {
    engine: model.engine,
    modelId: variant.modelId,
    contextWindow: variant.contextWindow,
    ...(model.script ? { script: structuredClone(model.script) } : {}),
  };
}
