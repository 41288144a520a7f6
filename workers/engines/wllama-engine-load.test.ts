import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { LoadModelParams } from '@wllama/wllama/esm/index.js';
import type { ModelSpec } from '../../src/lib/engine/types';

/** What the engine handed to wllama's `loadModel`, one entry per load. */
const loads = vi.hoisted(() => [] as LoadModelParams[]);
/** How many times a cached model file was removed. */
const removed = vi.hoisted(() => ({ count: 0 }));
/** What the stand-in's llama.cpp logs while loading (e.g. how many layers went to the GPU). */
const loadLog = vi.hoisted(() => ({ lines: [] as string[] }));

// A stand-in for wllama: the file is "downloaded" at once and the load only records its options.
vi.mock('@wllama/wllama/esm/index.js', () => {
  const file = new Blob(['GGUF', new Uint8Array(28)]);
  class ModelManager {
    cacheManager = { delete: async () => {} };
    async getModels() {
      return [];
    }
    async getModelOrDownload() {
      return {
        size: file.size,
        open: async () => [file],
        remove: async () => {
          removed.count++;
        },
      };
    }
  }
  class Wllama {
    #loaded = false;
    #logger: { debug: (...args: unknown[]) => void };
    constructor(_paths: unknown, config: { logger: { debug: (...args: unknown[]) => void } }) {
      this.#logger = config.logger;
    }
    setCompat() {}
    async loadModel(_blobs: Blob[], params: LoadModelParams) {
      loads.push(params);
      // wllama hands llama.cpp's INFO lines to the logger's `debug`.
      for (const line of loadLog.lines) this.#logger.debug(line);
      this.#loaded = true;
    }
    getLoadedContextInfo() {
      return { n_vocab: 280, n_ctx: 4096 };
    }
    isModelLoaded() {
      return this.#loaded;
    }
    async exit() {}
  }
  return { ModelManager, Wllama };
});
vi.mock('@wllama/wllama/esm/wasm/wllama.wasm?url', () => ({ default: '/wllama.wasm' }));

const { ALL_LAYERS, WllamaEngine } = await import('./wllama-engine');

const spec: ModelSpec = {
  engine: 'wllama',
  modelId: 'tiny-random-GGUF',
  contextWindow: 4096,
  modelUrl: 'https://models.example.org/tiny.gguf',
};

describe('WllamaEngine.load: where the model runs', () => {
  beforeEach(() => {
    loads.length = 0;
    loadLog.lines = [];
    vi.unstubAllGlobals();
  });

  test('a spec without a device loads on the CPU: no layer on WebGPU', async () => {
    const progress: string[] = [];
    await new WllamaEngine().load(spec, (p) => progress.push(p.text));
    expect(loads).toEqual([expect.objectContaining({ n_gpu_layers: 0, n_ctx: 4096 })]);
    expect(progress).toContain('Initialising tiny.gguf (WebAssembly, 1 thread)');
  });

  test("device 'gpu' offloads every layer to WebGPU, and the progress says WebGPU", async () => {
    vi.stubGlobal('navigator', { gpu: {}, hardwareConcurrency: 2 });
    const progress: string[] = [];
    await new WllamaEngine().load({ ...spec, device: 'gpu' }, (p) => progress.push(p.text));
    expect(loads).toEqual([expect.objectContaining({ n_gpu_layers: ALL_LAYERS, n_ctx: 4096 })]);
    expect(progress).toContain('Initialising tiny.gguf (WebGPU)');
  });

  test('the ready message says how many layers llama.cpp put on WebGPU', async () => {
    vi.stubGlobal('navigator', { gpu: {}, hardwareConcurrency: 2 });
    loadLog.lines = ['load_tensors: offloaded 3/3 layers to GPU'];
    const progress: string[] = [];
    await new WllamaEngine().load({ ...spec, device: 'gpu' }, (p) => progress.push(p.text));
    expect(progress.at(-1)).toBe('tiny.gguf is ready (3 of 3 layers on WebGPU)');
  });

  test('a GPU load where llama.cpp kept every layer on the CPU fails instead of passing as GPU', async () => {
    vi.stubGlobal('navigator', { gpu: {}, hardwareConcurrency: 2 });
    loadLog.lines = ['load_tensors: offloaded 0/3 layers to GPU'];
    await expect(
      new WllamaEngine().load({ ...spec, device: 'gpu' }, () => {}),
    ).rejects.toMatchObject({
      name: 'ModelLoadError',
      message:
        'tiny.gguf could not run on the GPU: llama.cpp put none of its 3 layers on WebGPU. Set it to run on the CPU.',
    });
    // The file is fine: it stays in the cache for a CPU load.
    expect(removed.count).toBe(0);
    // llama.cpp's own words when WebGPU gives no adapter (as a CPU load prints it: wllama stubs
    // its adapter request to null there).
    loadLog.lines = [
      // As llama.cpp prints it: with its line break.
      'ggml_webgpu: Failed to get an adapter: WebGPU not available on this browser (requestAdapter returned null)\n',
    ];
    await expect(
      new WllamaEngine().load({ ...spec, device: 'gpu' }, () => {}),
    ).rejects.toMatchObject({
      name: 'ModelLoadError',
      message:
        'tiny.gguf could not run on the GPU: llama.cpp\'s WebGPU backend said "Failed to get an adapter: ' +
        'WebGPU not available on this browser (requestAdapter returned null)". Set it to run on the CPU.',
    });
    // On the CPU the same log is expected, not an error.
    await expect(new WllamaEngine().load(spec, () => {})).resolves.toEqual({ fromCache: false });
  });
});

test("device 'gpu' without WebGPU fails with a named error that says what to do, loading nothing", async () => {
  loads.length = 0;
  vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
  const load = new WllamaEngine().load({ ...spec, device: 'gpu' }, () => {});
  await expect(load).rejects.toMatchObject({
    name: 'ModelLoadError',
    message:
      'tiny.gguf is set to run on the GPU, but this browser has no WebGPU. Set it to run on the CPU.',
  });
  expect(loads).toEqual([]);
  vi.unstubAllGlobals();
});
