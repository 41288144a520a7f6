import type { GpuSupport } from '../gpu/gpu-support';
import { chooseVariant } from './choose-variant';
import { DEFAULT_GGUF_ID } from './gguf-models';
import type { CatalogModel } from './types';

/** Whether WebGPU here is a real GPU (a software adapter such as SwiftShader is not). */
export function hasUsableGpu(gpu: GpuSupport): boolean {
  return gpu.status === 'available';
}

/** Whether `model` cannot run in this browser: a GPU model where WebGPU offers no adapter. */
export function needsMissingGpu(model: CatalogModel, gpu: GpuSupport): boolean {
  return model.engine === 'webllm' && gpu.status === 'unavailable';
}

/** The models this browser can run (GPU models only where WebGPU offers an adapter). */
export function runnableModels(models: readonly CatalogModel[], gpu: GpuSupport): CatalogModel[] {
  return models.filter((m) => !needsMissingGpu(m, gpu));
}

/**
 * The model selected when the user has not chosen one: with a real GPU, the smallest WebLLM
 * model it can run; without one (no WebGPU, or a software adapter), a CPU model (GGUF on
 * WebAssembly), so the playground works in every browser.
 */
export function defaultModelId(
  models: readonly CatalogModel[],
  gpu: GpuSupport,
): string | undefined {
  if (hasUsableGpu(gpu)) {
    const gpuModel = models.find((m) => m.engine === 'webllm' && chooseVariant(m, gpu).variant);
    if (gpuModel) return gpuModel.id;
  }
  const cpuModels = models.filter((m) => m.engine === 'wllama');
  const cpuModel = cpuModels.find((m) => m.id === DEFAULT_GGUF_ID) ?? cpuModels[0];
  return (cpuModel ?? models[0])?.id;
}

/** How many threads the WebAssembly engine uses here (the same rule as the engine's). */
export function wasmThreads(
  isolated = globalThis.crossOriginIsolated === true,
  cores = globalThis.navigator?.hardwareConcurrency || 1,
): number {
  return isolated ? Math.max(1, Math.floor(cores / 2)) : 1;
}
