import { describe, expect, test } from 'vitest';
import { gpuChoice, keepDevice, withDevice } from './device-choice';
import type { GpuSupport } from './gpu-support';
import { PRETEND_GPU_KEY, withTestGpuOverride } from './test-override';
import { hardwareGpu, softwareGpu } from '../testing/gpu-fixtures';

const hardware = hardwareGpu;
const software = softwareGpu;
const none: GpuSupport = { status: 'unavailable', reason: 'no navigator.gpu' };
const gguf = { engine: 'wllama', modelId: 'SmolLM2-135M-Instruct-Q8_0-GGUF' } as const;
const other = { engine: 'wllama', modelId: 'Qwen3-0.6B-Q8_0-GGUF' } as const;
const mlc = { engine: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' } as const;

describe('running a GGUF model on WebGPU', () => {
  test('only a hardware adapter allows it; otherwise one line says why', () => {
    expect(gpuChoice(hardware)).toEqual({ usable: true });
    expect(gpuChoice(software)).toEqual({
      usable: false,
      reason: expect.stringMatching(/software adapter \(swiftshader\), slower than the CPU\.$/),
    });
    expect(gpuChoice(none)).toEqual({ usable: false, reason: expect.stringMatching(/no WebGPU/) });
  });

  test('the choice is set on GGUF refs only, and CPU leaves no field', () => {
    expect(withDevice(gguf, 'gpu')).toEqual({ ...gguf, device: 'gpu' });
    expect(withDevice({ ...gguf, device: 'gpu' }, 'cpu')).toEqual(gguf);
    expect(withDevice(mlc, 'gpu')).toEqual(mlc);
  });

  test('picking another model keeps GPU for a GGUF model on a hardware adapter only', () => {
    const onGpu = { ...gguf, device: 'gpu' } as const;
    expect(keepDevice(other, onGpu, hardware)).toEqual({ ...other, device: 'gpu' });
    expect(keepDevice(other, onGpu, software)).toEqual(other);
    expect(keepDevice(mlc, onGpu, hardware)).toEqual(mlc);
    expect(keepDevice(other, gguf, hardware)).toEqual(other);
  });
});

describe('the test build can pretend the adapter is hardware', () => {
  const storage = (value: string | null) => ({ getItem: () => value });

  test('in test mode with the key set, a software or missing adapter counts as hardware', () => {
    expect(withTestGpuOverride(software, storage('hardware'), 'test').status).toBe('available');
    expect(withTestGpuOverride(none, storage('hardware'), 'test').status).toBe('available');
    expect(withTestGpuOverride(software, storage(null), 'test')).toBe(software);
  });

  test('a production build ignores the key', () => {
    expect(withTestGpuOverride(software, storage('hardware'), 'production')).toBe(software);
    expect(PRETEND_GPU_KEY).toMatch(/^playground:/);
  });
});
