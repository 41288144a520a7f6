import type { CatalogModel } from '../catalog/types';
import type { ModelRef } from '../team/config';
import type { GpuSupport } from './gpu-support';

/**
 * Whether a GGUF model may be run on WebGPU here, and if not, why, in one line. Only a hardware
 * adapter counts: a software one (SwiftShader) runs WebGPU on the CPU, slower than WebAssembly.
 */
export function gpuChoice(gpu: GpuSupport): { usable: true } | { usable: false; reason: string } {
  if (gpu.status === 'available') return { usable: true };
  if (gpu.status === 'software')
    return {
      usable: false,
      reason: `GPU: this browser's WebGPU is a software adapter (${gpu.architecture || gpu.vendor || 'no GPU'}), slower than the CPU.`,
    };
  return { usable: false, reason: 'GPU: this browser offers no WebGPU adapter.' };
}

/**
 * The ref for `next` (just picked) keeping the user's "Run on" choice where it still applies:
 * a GGUF model on a usable GPU keeps 'gpu'; anything else runs as its engine does.
 */
export function keepDevice(next: ModelRef, previous: ModelRef, gpu: GpuSupport): ModelRef {
  const { device: _dropped, ...plain } = next;
  return next.engine === 'wllama' && previous.device === 'gpu' && gpuChoice(gpu).usable
    ? { ...plain, device: 'gpu' }
    : plain;
}

/** The ref with the user's choice of where a GGUF model runs (CPU: no device field). */
export function withDevice(ref: ModelRef, device: 'cpu' | 'gpu'): ModelRef {
  const { device: _dropped, ...plain } = ref;
  return device === 'gpu' && ref.engine === 'wllama' ? { ...plain, device } : plain;
}

/** Whether a catalog model's ref can carry a device choice (GGUF models only). */
export const hasDeviceChoice = (model: CatalogModel | undefined) => model?.engine === 'wllama';
