import type { GpuSupport } from '../gpu/gpu-support';
import type { CatalogModel, ModelVariant } from './types';

export interface VariantChoice {
  variant: ModelVariant | null;
  /** Why this variant, in words a user can act on. */
  reason: string;
}

const ORDER_WITH_F16 = ['q4f16_1', 'q4f32_1', 'q0f16', 'q0f32', 'other'];
const ORDER_WITHOUT_F16 = ['q4f32_1', 'q0f32', 'other'];

/**
 * Picks the variant this adapter can run: 4-bit weights with 16-bit math where the GPU has
 * `shader-f16` (smallest and fastest), else 4-bit weights with 32-bit math.
 */
export function chooseVariant(model: CatalogModel, gpu: GpuSupport): VariantChoice {
  if (model.engine === 'wllama') {
    return {
      variant: model.variants[0] ?? null,
      reason: 'Runs on your CPU with WebAssembly (llama.cpp): no GPU or WebGPU needed.',
    };
  }
  if (model.engine === 'remote') {
    return {
      variant: model.variants[0] ?? null,
      reason: 'Runs on its server: nothing is downloaded into this browser.',
    };
  }
  if (model.engine !== 'webllm') {
    return { variant: model.variants[0] ?? null, reason: 'Runs without WebGPU.' };
  }
  const f16 = gpu.status !== 'unavailable' && gpu.shaderF16;
  const order = f16 ? ORDER_WITH_F16 : ORDER_WITHOUT_F16;
  for (const quant of order) {
    const variant = model.variants.find((v) => v.quantization === quant && (f16 || !v.needsF16));
    if (!variant) continue;
    const reason = f16
      ? quant === 'q4f16_1'
        ? 'Your GPU supports shader-f16, so the 4-bit weights with 16-bit math (smallest, fastest) are used.'
        : `Only the ${quant} build of this model exists.`
      : `Your GPU lacks shader-f16, so the ${quant} build (32-bit math) is used; it needs more memory.`;
    return { variant, reason };
  }
  return {
    variant: null,
    reason: 'Every build of this model needs shader-f16, which your GPU does not offer.',
  };
}
