import { describe, expect, test } from 'vitest';
import {
  CUSTOM_CONTEXT_WINDOW,
  customModelId,
  customModelProblems,
  customToCatalog,
  hostsOf,
} from './custom-models';

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

  test('a size the host did not give stays unknown (null), never 0', () => {
    const gguf = {
      id: 'custom:g',
      engine: 'wllama' as const,
      modelUrl: 'https://h.example/m.gguf',
    };
    expect(customToCatalog(gguf).variants[0]?.downloadMB).toBeNull();
    const known = customToCatalog({ ...gguf, downloadBytes: 324_000_000 });
    expect(known.variants[0]?.downloadMB).toBe(324);
  });

  test("the model's own context window is used when smaller than the default, kept as the maximum when larger", () => {
    const mlc = {
      id: 'custom:b',
      engine: 'webllm' as const,
      modelUrl: 'https://h.example/w/',
      modelLibUrl: 'https://libs.example/x.wasm',
    };
    expect(customToCatalog({ ...mlc, contextLength: 1024 }).variants[0]).toMatchObject({
      contextWindow: 1024,
    });
    expect(customToCatalog({ ...mlc, contextLength: 1024 }).variants[0]?.maxContextWindow).toBe(
      undefined,
    );
    expect(customToCatalog({ ...mlc, contextLength: 32768 }).variants[0]).toMatchObject({
      contextWindow: CUSTOM_CONTEXT_WINDOW,
      maxContextWindow: 32768,
    });
    expect(customToCatalog(mlc).variants[0]?.contextWindow).toBe(CUSTOM_CONTEXT_WINDOW);
  });

  test('a remote model: its server (private network allowed), its name there, nothing to download', () => {
    const remote = {
      id: 'custom:qwen3-lan',
      engine: 'remote' as const,
      modelUrl: 'http://192.168.1.20:11434/v1',
      serverModel: 'qwen3:4b',
      label: 'qwen3:4b · Ollama',
    };
    expect(customModelProblems(remote)).toEqual([]);
    expect(customModelProblems({ ...remote, serverModel: ' ' })).toEqual([
      "Pick one of the server's models.",
    ]);
    expect(customModelProblems({ ...remote, modelUrl: 'http://example.org/v1' })[0]).toMatch(
      /^Server address must be an https: address, or http: on localhost or a private network/,
    );
    const entry = customToCatalog(remote);
    expect(entry).toMatchObject({
      engine: 'remote',
      label: 'qwen3:4b · Ollama (remote: 192.168.1.20:11434)',
      custom: { source: 'url', hosts: ['192.168.1.20:11434'] },
    });
    expect(entry.variants[0]).toMatchObject({
      modelId: 'custom:qwen3-lan',
      serverModel: 'qwen3:4b',
      modelUrl: 'http://192.168.1.20:11434/v1',
      downloadMB: 0,
      vramMB: 0,
      ramMB: 0,
      contextWindow: CUSTOM_CONTEXT_WINDOW,
    });
    expect(customToCatalog({ ...remote, contextLength: 32_768 }).variants[0]?.contextWindow).toBe(
      32_768,
    );
  });
});
