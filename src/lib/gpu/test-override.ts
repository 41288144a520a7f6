import type { GpuSupport } from './gpu-support';

/**
 * Test build only: `localStorage[PRETEND_GPU_KEY] = 'hardware'` makes the page treat its WebGPU
 * adapter as a real GPU (the test machines have only SwiftShader), so end-to-end tests can choose
 * the options a hardware adapter unlocks. A production build never reads the key: its
 * `import.meta.env.MODE` is 'production' and the branch is removed.
 */
export const PRETEND_GPU_KEY = 'playground:test-pretend-gpu';

export function withTestGpuOverride(
  gpu: GpuSupport,
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
  mode: string = import.meta.env.MODE,
): GpuSupport {
  if (mode !== 'test' || storage?.getItem(PRETEND_GPU_KEY) !== 'hardware') return gpu;
  if (gpu.status !== 'unavailable') return { ...gpu, status: 'available' };
  return {
    status: 'available',
    shaderF16: false,
    vendor: 'test',
    architecture: 'pretend-hardware',
    description: 'A pretend hardware adapter (test build)',
    maxBufferSize: 2 ** 31,
  };
}
