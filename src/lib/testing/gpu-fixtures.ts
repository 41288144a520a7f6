/** Adapters for tests: a hardware GPU (4 GiB buffers, 2 GiB storage bindings) and SwiftShader. */
import type { GpuSupport } from '../gpu/gpu-support';

/** An adapter that exists (hardware or software), so tests can spread it and change fields. */
type Adapter = Exclude<GpuSupport, { status: 'unavailable' }>;

export const hardwareGpu: Adapter = {
  status: 'available',
  shaderF16: true,
  vendor: 'nvidia',
  architecture: 'ada',
  description: '',
  maxBufferSize: 4 * 2 ** 30,
  maxStorageBufferBindingSize: 2 * 2 ** 30,
};

export const softwareGpu: Adapter = {
  ...hardwareGpu,
  status: 'software',
  architecture: 'swiftshader',
};
