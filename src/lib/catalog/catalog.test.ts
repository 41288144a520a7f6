import { describe, expect, test } from 'vitest';
import records from 'virtual:webllm-catalog';
import type { GpuSupport } from '../gpu/gpu-support';
import { chooseVariant } from './choose-variant';
import { estimateDownloadMB, paramsFromId } from './estimate-download';
import { buildGgufCatalog } from './gguf-models';
import { reasoningOf } from './reasoning';
import { MAX_VRAM_MB, buildWebLLMCatalog } from './webllm-catalog';

const gpu = (shaderF16: boolean): GpuSupport => ({
  status: 'available',
  shaderF16,
  vendor: 'test',
  architecture: 'test',
  description: '',
  maxBufferSize: 2 ** 30,
});

describe('WebLLM catalog', () => {
  const catalog = buildWebLLMCatalog(records);

  test('holds small chat models only, within the laptop memory budget', () => {
    expect(catalog.length).toBeGreaterThan(10);
    for (const model of catalog) {
      for (const v of model.variants) expect(v.vramMB).toBeLessThanOrEqual(MAX_VRAM_MB);
    }
    expect(catalog.some((m) => /embed/i.test(m.id))).toBe(false);
  });

  test('groups quantisations of one model into variants', () => {
    const qwen = catalog.find((m) => m.id === 'Qwen2.5-0.5B-Instruct');
    expect(qwen?.variants.map((v) => v.quantization).sort()).toEqual(
      ['q0f16', 'q0f32', 'q4f16_1', 'q4f32_1'].sort(),
    );
    expect(qwen?.paramsB).toBe(0.5);
  });

  test('flags reasoning models from their ids: Qwen3 can switch thinking, others are not flagged', () => {
    const qwen3 = catalog.find((m) => m.id === 'Qwen3-0.6B');
    expect(qwen3?.reasoning).toBe('switchable');
    expect(catalog.find((m) => m.id === 'Qwen2.5-0.5B-Instruct')).not.toHaveProperty('reasoning');
    for (const model of catalog) expect(model.reasoning ?? null).toBe(reasoningOf(model.id));
    const gguf = buildGgufCatalog();
    expect(gguf.find((m) => m.id === 'Qwen3-0.6B-Q8_0-GGUF')?.reasoning).toBe('switchable');
    expect(gguf.filter((m) => m.reasoning).map((m) => m.id)).toEqual(
      gguf.filter((m) => m.id.startsWith('Qwen3')).map((m) => m.id),
    );
  });

  test('is sorted smallest first', () => {
    const sizes = catalog.map((m) => m.paramsB ?? 99);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
  });
});

describe('chooseVariant', () => {
  const qwen = buildWebLLMCatalog(records).find((m) => m.id === 'Qwen2.5-0.5B-Instruct')!;

  test('prefers q4f16 where shader-f16 exists', () => {
    const choice = chooseVariant(qwen, gpu(true));
    expect(choice.variant?.modelId).toBe('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    expect(choice.reason).toMatch(/shader-f16/);
  });

  test('falls back to q4f32 without shader-f16, and says why', () => {
    const choice = chooseVariant(qwen, gpu(false));
    expect(choice.variant?.modelId).toBe('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    expect(choice.reason).toMatch(/lacks shader-f16/);
  });

  test('finds nothing when every build needs f16 and the GPU has none', () => {
    const f16Only = { ...qwen, variants: qwen.variants.filter((v) => v.needsF16) };
    expect(chooseVariant(f16Only, gpu(false)).variant).toBeNull();
  });
});

describe('download estimate', () => {
  test('reads parameter counts from ids', () => {
    expect(paramsFromId('SmolLM2-360M-Instruct-q4f16_1-MLC')).toBeCloseTo(0.36);
    expect(paramsFromId('Qwen2.5-1.5B-Instruct')).toBe(1.5);
    expect(paramsFromId('stablelm-2-zephyr-1_6b-q4f16_1-MLC')).toBe(1.6);
    expect(paramsFromId('phi-2-q4f16_1-MLC')).toBe(2.7);
    expect(paramsFromId('mystery-model')).toBeNull();
  });

  test('scales with bits per weight', () => {
    expect(estimateDownloadMB(1, 'q4f16_1')).toBe(568);
    expect(estimateDownloadMB(1, 'q0f32')).toBe(4005);
    expect(estimateDownloadMB(null, 'q4f16_1')).toBe(0);
  });
});
