import { describe, expect, test } from 'vitest';
import type { CatalogModel } from '../catalog/types';
import { specKey } from './agent-host.svelte';
import { modelKey } from './model-plan';
import { specFor } from './model-spec';

const gguf: CatalogModel = {
  id: 'SmolLM2-135M-Instruct',
  label: 'SmolLM2-135M-Instruct (Q8_0)',
  engine: 'wllama',
  paramsB: 0.135,
  variants: [
    {
      modelId: 'SmolLM2-135M-Instruct-Q8_0-GGUF',
      quantization: 'Q8_0',
      needsF16: false,
      vramMB: 0,
      downloadMB: 145,
      contextWindow: 4096,
      modelUrl: 'https://models.example.org/smol.gguf',
      ramMB: 300,
    },
  ],
};
const mlc: CatalogModel = {
  ...gguf,
  id: 'Qwen',
  engine: 'webllm',
  variants: [{ ...gguf.variants[0]!, modelId: 'Qwen-q4f32_1-MLC', quantization: 'q4f32_1' }],
};

describe('a GGUF model on the GPU is a load of its own', () => {
  test("specFor carries device 'gpu' for GGUF models only", () => {
    const variant = gguf.variants[0]!;
    expect(specFor(gguf, variant).device).toBeUndefined();
    expect(specFor(gguf, variant, 1, 'gpu')).toMatchObject({ device: 'gpu' });
    expect(specFor(gguf, variant, 2, 'gpu')).toMatchObject({ device: 'gpu', copy: 2 });
    expect(specFor(mlc, mlc.variants[0]!, 1, 'gpu').device).toBeUndefined();
  });

  test('the host and the plan key the GPU load apart from the CPU load of the same file', () => {
    const cpu = specFor(gguf, gguf.variants[0]!);
    const gpu = specFor(gguf, gguf.variants[0]!, 1, 'gpu');
    expect(specKey(cpu)).not.toBe(specKey(gpu));
    // A role's ModelRef finds the same load as the spec it was planned into.
    const ref = { engine: 'wllama' as const, modelId: cpu.modelId };
    expect(specKey({ ...ref, device: 'gpu' })).toBe(specKey(gpu));
    expect(specKey(ref)).toBe(specKey(cpu));
    expect(specKey({ ...ref, device: 'gpu', copy: 2 })).toBe(
      specKey(specFor(gguf, gguf.variants[0]!, 2, 'gpu')),
    );
    expect(modelKey({ ...ref, device: 'gpu' })).not.toBe(modelKey(ref));
  });
});
