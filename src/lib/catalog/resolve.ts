import type { ModelRef } from '../team/config';
import { chooseVariant } from './choose-variant';
import type { GpuSupport } from '../gpu/gpu-support';
import type { CatalogModel, ModelVariant } from './types';

export interface ResolvedModel {
  model: CatalogModel;
  variant: ModelVariant;
}

/** Finds the catalog model and exact variant a role's ModelRef names. */
export function resolveModel(
  catalog: readonly CatalogModel[],
  ref: ModelRef,
): ResolvedModel | null {
  for (const model of catalog) {
    if (model.engine !== ref.engine) continue;
    const variant = model.variants.find((v) => v.modelId === ref.modelId);
    if (variant) return { model, variant };
  }
  return null;
}

/** The ModelRef for a catalog model, using the variant this GPU can run. */
export function refFor(model: CatalogModel, gpu: GpuSupport): ModelRef | null {
  const variant = chooseVariant(model, gpu).variant;
  return variant ? { engine: model.engine, modelId: variant.modelId } : null;
}
