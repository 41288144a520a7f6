import { describe, expect, test } from 'vitest';
import type { ModelSpec } from '../../src/lib/engine/types';
import { appConfigFor, webllmError } from './webllm-engine';

const spec: ModelSpec = {
  engine: 'webllm',
  modelId: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
  contextWindow: 4096,
};

describe('webllmError', () => {
  test('a network failure while loading is a retryable download error naming the host', () => {
    const e = webllmError(new TypeError('Failed to fetch'), spec, 'load');
    expect(e.name).toBe('ModelDownloadError');
    expect(e.message).toMatch(
      /Could not download Qwen2.5-0.5B-Instruct-q4f32_1-MLC from huggingface.co/,
    );
  });

  test('a custom model names its own host', () => {
    const custom = {
      ...spec,
      modelUrl: 'https://models.example.org/m/',
      modelLibUrl: 'https://x.org/lib.wasm',
    };
    expect(webllmError(new TypeError('Failed to fetch'), custom, 'load').message).toContain(
      'models.example.org',
    );
  });

  test('device loss, missing f16 and context overflow get their own names', () => {
    const lost = Object.assign(new Error('Device was lost'), { name: 'DeviceLostError' });
    expect(webllmError(lost, spec, 'chat').name).toBe('DeviceLostError');
    const f16 = new Error('This model requires WebGPU extension shader-f16, which is not enabled');
    expect(webllmError(f16, spec, 'load').name).toBe('WebGPUUnavailableError');
    const ctx = Object.assign(new Error('too long'), { name: 'ContextWindowSizeExceededError' });
    expect(webllmError(ctx, spec, 'chat').name).toBe('InvalidRequestError');
  });

  test('anything else is a load or generation error by stage', () => {
    expect(webllmError(new Error('weird'), spec, 'load').name).toBe('ModelLoadError');
    expect(webllmError(new Error('weird'), spec, 'chat').name).toBe('GenerationError');
  });
});

describe('appConfigFor', () => {
  test('catalog models use the prebuilt list; custom ones are added in front', () => {
    expect(appConfigFor(spec).model_list.some((m) => m.model_id === spec.modelId)).toBe(true);
    const custom = appConfigFor({
      ...spec,
      modelId: 'my-model',
      modelUrl: 'https://h.example/m',
      modelLibUrl: 'https://h.example/lib.wasm',
    });
    expect(custom.model_list[0]).toEqual({
      model: 'https://h.example/m',
      model_id: 'my-model',
      model_lib: 'https://h.example/lib.wasm',
    });
  });

  test('a custom model without a library URL is refused', () => {
    expect(() => appConfigFor({ ...spec, modelUrl: 'https://h.example/m' })).toThrow(
      /model library/,
    );
  });
});
