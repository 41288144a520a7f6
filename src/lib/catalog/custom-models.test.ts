import { describe, expect, test } from 'vitest';
import { customModelId, customModelProblems, customToCatalog, hostsOf } from './custom-models';

describe('custom models', () => {
  test('ids are custom: slugs', () => {
    expect(customModelId('My Tiny Model!')).toBe('custom:my-tiny-model');
    expect(customModelId('???')).toBe('custom:model');
  });

  test('a GGUF URL must be https (or local) and end in .gguf', () => {
    const ok = { id: 'custom:a', engine: 'wllama' as const, modelUrl: 'https://h.example/m.gguf' };
    expect(customModelProblems(ok)).toEqual([]);
    expect(customModelProblems({ ...ok, modelUrl: 'javascript:alert(1)' }).join(' ')).toMatch(
      /https/,
    );
    expect(customModelProblems({ ...ok, modelUrl: 'https://h.example/m.bin' })).toEqual([
      'A GGUF model URL must point at a .gguf file.',
    ]);
    expect(customModelProblems({ ...ok, modelUrl: 'http://127.0.0.1:4174/m.gguf' })).toEqual([]);
  });

  test('an MLC model needs its model library URL', () => {
    const mlc = { id: 'custom:b', engine: 'webllm' as const, modelUrl: 'https://h.example/w/' };
    expect(customModelProblems(mlc)).toEqual(['Model library URL is required.']);
    expect(customModelProblems({ ...mlc, modelLibUrl: 'https://libs.example/x.wasm' })).toEqual([]);
  });

  test('catalog entries name their hosts and carry the library URL', () => {
    const mlc = {
      id: 'custom:b',
      engine: 'webllm' as const,
      modelUrl: 'https://h.example/w/',
      modelLibUrl: 'https://libs.example/x.wasm',
      label: 'Mine',
    };
    expect(hostsOf(mlc)).toEqual(['h.example', 'libs.example']);
    const entry = customToCatalog(mlc);
    expect(entry.label).toBe('Mine (custom: h.example, libs.example)');
    expect(entry.variants[0]).toMatchObject({
      modelId: 'custom:b',
      modelLibUrl: 'https://libs.example/x.wasm',
    });
    expect(customToCatalog(mlc, 'file').label).toBe('Mine (custom: local file, this session only)');
  });
});
