/** What the browser's WebGPU can do for us, found once at start-up. */
export type GpuSupport =
  | { status: 'unavailable'; reason: string }
  | {
      /** 'software': a CPU emulation such as SwiftShader; WebGPU in name only, far too slow. */
      status: 'available' | 'software';
      shaderF16: boolean;
      vendor: string;
      architecture: string;
      description: string;
      /** Largest single buffer the adapter allows, in bytes. */
      maxBufferSize: number;
      /** Largest storage buffer a shader can bind, in bytes (where the probe read it). */
      maxStorageBufferBindingSize?: number;
    };

interface AdapterLike {
  features: { has(name: string): boolean };
  limits: { maxBufferSize: number; maxStorageBufferBindingSize?: number };
  info?: {
    vendor?: string;
    architecture?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(options?: {
    powerPreference?: 'high-performance' | 'low-power';
  }): Promise<AdapterLike | null>;
}

/** Probes `navigator.gpu` (or a stand-in, for tests). Never throws. */
export async function probeGpu(gpu: GpuLike | undefined = navigatorGpu()): Promise<GpuSupport> {
  if (!gpu) {
    return {
      status: 'unavailable',
      reason: 'This browser does not offer WebGPU (navigator.gpu is missing).',
    };
  }
  let adapter: AdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { status: 'unavailable', reason: `Asking for a GPU adapter failed: ${String(error)}` };
  }
  if (!adapter) {
    return {
      status: 'unavailable',
      reason: 'WebGPU is present but offered no GPU adapter (blocklisted driver, or GPU disabled).',
    };
  }
  const info = adapter.info ?? {};
  const architecture = info.architecture ?? '';
  const software =
    info.isFallbackAdapter === true ||
    adapter.isFallbackAdapter === true ||
    /swiftshader/i.test(architecture);
  return {
    status: software ? 'software' : 'available',
    shaderF16: adapter.features.has('shader-f16'),
    vendor: info.vendor ?? '',
    architecture,
    description: info.description ?? '',
    maxBufferSize: adapter.limits.maxBufferSize,
    ...(adapter.limits.maxStorageBufferBindingSize
      ? { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize }
      : {}),
  };
}

function navigatorGpu(): GpuLike | undefined {
  return typeof navigator === 'undefined'
    ? undefined
    : (navigator as Navigator & { gpu?: GpuLike }).gpu;
}
