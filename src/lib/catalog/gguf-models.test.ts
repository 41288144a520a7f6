import { describe, expect, test } from 'vitest';
import records from 'virtual:webllm-catalog';
import type { GpuSupport } from '../gpu/gpu-support';
import { specFor } from '../agents/model-spec';
import { chooseVariant } from './choose-variant';
import { defaultModelId, hasUsableGpu, wasmThreads } from './default-model';
import {
  DEFAULT_GGUF_ID,
  GGUF_CONTEXT,
  GGUF_RECORDS,
  buildGgufCatalog,
  estimateRamMB,
} from './gguf-models';
import { refFor, resolveModel } from './resolve';
import { testGgufCatalog } from './test-gguf-models';
import { buildWebLLMCatalog } from './webllm-catalog';

const gpu = (status: 'available' | 'software'): GpuSupport => ({
  status,
  shaderF16: false,
  vendor: 'test',
  architecture: status === 'software' ? 'swiftshader' : 'test',
  description: '',
  maxBufferSize: 2 ** 30,
});
const noGpu: GpuSupport = { status: 'unavailable', reason: 'test' };

describe('GGUF catalog', () => {
  const gguf = buildGgufCatalog();
  const webllm = buildWebLLMCatalog(records);

  test('lists the popular small GGUF models, each a Hugging Face file', () => {
    expect(gguf.map((m) => m.id)).toEqual(
      expect.arrayContaining([
        'SmolLM2-135M-Instruct-Q8_0-GGUF',
        'SmolLM2-360M-Instruct-Q8_0-GGUF',
        'Qwen2.5-0.5B-Instruct-Q8_0-GGUF',
        'Qwen2.5-1.5B-Instruct-Q4_K_M-GGUF',
        'Qwen3-0.6B-Q8_0-GGUF',
        'Qwen3-1.7B-Q4_K_M-GGUF',
        'Llama-3.2-1B-Instruct-Q4_K_M-GGUF',
        'Gemma-3-1B-it-Q4_K_M-GGUF',
      ]),
    );
    for (const model of gguf) {
      expect(model.engine).toBe('wllama');
      const [variant] = model.variants;
      expect(variant?.modelUrl).toMatch(
        /^https:\/\/huggingface\.co\/[\w.-]+\/[\w.-]+\/resolve\/main\/[\w.-]+\.gguf$/,
      );
      expect(variant?.downloadMB).toBeGreaterThan(100);
      expect(variant?.contextWindow).toBe(GGUF_CONTEXT);
      expect(variant?.vramMB).toBe(0);
      // Memory: at least the weights, plus a KV cache and buffers, but not absurdly more.
      expect(variant?.ramMB).toBeGreaterThan(variant!.downloadMB!);
      expect(variant?.ramMB).toBeLessThan(variant!.downloadMB! + 1500);
    }
  });

  test('ids never collide with WebLLM ids, and each says it is a GGUF build', () => {
    const webllmIds = new Set(webllm.flatMap((m) => [m.id, ...m.variants.map((v) => v.modelId)]));
    for (const model of gguf) {
      expect(model.id).toMatch(/-GGUF$/);
      expect(webllmIds.has(model.id)).toBe(false);
    }
    expect(new Set(GGUF_RECORDS.map((r) => r.id)).size).toBe(GGUF_RECORDS.length);
  });

  test('is sorted smallest download first, and records where each size comes from', () => {
    const sizes = gguf.map((m) => m.variants[0]!.downloadMB!);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    for (const record of GGUF_RECORDS) expect(record.sizeFrom).not.toBe('');
  });

  test('memory estimate adds the KV cache at the loaded context', () => {
    const arch = { layers: 24, heads: 14, kvHeads: 2, headDim: 64 };
    // 2 (K and V) × 24 layers × 4096 positions × 2 KV heads × 64 dims × 2 bytes ≈ 50 MB.
    const kvOnly = estimateRamMB(0, { ...arch, heads: 0 }, 4096);
    expect(kvOnly).toBe(50);
    expect(estimateRamMB(0, arch, 8192)).toBeGreaterThan(estimateRamMB(0, arch, 4096));
  });

  test('runs without WebGPU, so every GPU status gets a variant and a ModelRef', () => {
    const model = gguf[0]!;
    for (const g of [gpu('available'), gpu('software'), noGpu]) {
      expect(chooseVariant(model, g).variant).toBe(model.variants[0]);
      expect(chooseVariant(model, g).reason).toMatch(/CPU/);
      const ref = refFor(model, g);
      expect(ref).toEqual({ engine: 'wllama', modelId: model.id });
      expect(resolveModel(gguf, ref!)?.model).toBe(model);
    }
  });

  test('specFor passes the GGUF URL to the worker (and only for wllama models)', () => {
    const model = gguf.find((m) => m.id === DEFAULT_GGUF_ID)!;
    const spec = specFor(model, model.variants[0]!);
    expect(spec).toEqual({
      engine: 'wllama',
      modelId: DEFAULT_GGUF_ID,
      contextWindow: 4096,
      modelUrl:
        'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q8_0.gguf',
    });
    const qwen = webllm.find((m) => m.id === 'Qwen2.5-0.5B-Instruct')!;
    expect(specFor(qwen, qwen.variants[0]!).modelUrl).toBeUndefined();
  });
});

describe('test GGUF models', () => {
  test('are served by the site itself, clearly labelled', () => {
    const [tiny, corrupt] = testGgufCatalog();
    expect(tiny?.id).toBe('tiny-random-GGUF');
    expect(tiny?.label).toMatch(/random-weights.*gibberish/);
    expect(tiny?.variants[0]?.modelUrl).toBe(
      `${import.meta.env.BASE_URL}test-models/tiny-chat.gguf`,
    );
    expect(tiny?.variants[0]?.contextWindow).toBe(2048);
    expect(corrupt?.id).toBe('tiny-corrupt-GGUF');
    expect(corrupt?.variants[0]?.modelUrl).toMatch(/test-models\/tiny-chat-corrupt\.gguf$/);
  });
});

describe('default model', () => {
  const catalog = [...buildWebLLMCatalog(records), ...buildGgufCatalog()];

  test('a real GPU gets the smallest WebLLM model it can run', () => {
    const id = defaultModelId(catalog, gpu('available'));
    expect(catalog.find((m) => m.id === id)?.engine).toBe('webllm');
  });

  test('no WebGPU, or a software adapter, gets a CPU model', () => {
    expect(defaultModelId(catalog, noGpu)).toBe(DEFAULT_GGUF_ID);
    expect(defaultModelId(catalog, gpu('software'))).toBe(DEFAULT_GGUF_ID);
    expect(hasUsableGpu(gpu('software'))).toBe(false);
  });

  test('falls back to any CPU model, then to anything', () => {
    const others = catalog.filter((m) => m.id !== DEFAULT_GGUF_ID);
    expect(catalog.find((m) => m.id === defaultModelId(others, noGpu))?.engine).toBe('wllama');
    const gpuOnly = catalog.filter((m) => m.engine === 'webllm');
    expect(defaultModelId(gpuOnly, noGpu)).toBe(gpuOnly[0]?.id);
    expect(defaultModelId([], noGpu)).toBeUndefined();
  });
});

describe('WebAssembly threads', () => {
  test('one thread unless the page is cross-origin isolated, then half the cores', () => {
    expect(wasmThreads(false, 16)).toBe(1);
    expect(wasmThreads(true, 16)).toBe(8);
    expect(wasmThreads(true, 1)).toBe(1);
  });
});
