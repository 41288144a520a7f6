import { describe, expect, test } from 'vitest';
import records from 'virtual:webllm-catalog';
import type { GpuSupport } from '../gpu/gpu-support';
import { buildGgufCatalog } from './gguf-models';
import {
  GROUP_LABELS,
  filterEntries,
  groupEntries,
  pickerEntry,
  pushRecent,
} from './picker-entries';
import type { CatalogModel } from './types';
import { buildWebLLMCatalog } from './webllm-catalog';

const realGpu: GpuSupport = {
  status: 'available',
  shaderF16: true,
  vendor: 'test',
  architecture: 'test',
  description: '',
  maxBufferSize: 2 ** 30,
};
const softwareGpu: GpuSupport = { ...realGpu, status: 'software', shaderF16: false };
const noGpu: GpuSupport = { status: 'unavailable', reason: 'no navigator.gpu' };

const webllm = buildWebLLMCatalog(records);
const GGUF_MODELS = buildGgufCatalog();
const custom: CatalogModel = {
  ...GGUF_MODELS[0]!,
  id: 'custom:mine',
  label: 'My model',
  custom: { source: 'url', hosts: ['example.org'] },
};
const models: CatalogModel[] = [custom, ...webllm, ...GGUF_MODELS];
const entries = (gpu: GpuSupport) => models.map((m) => pickerEntry(m, gpu));

describe('picker entries', () => {
  test('group by engine, with the names the WebGPU notice uses, best engine first', () => {
    const withGpu = groupEntries(entries(realGpu), realGpu).map((g) => g.label);
    expect(withGpu).toEqual(['Custom models', 'WebGPU (WebLLM)', 'CPU, WebAssembly (wllama)']);
    const without = groupEntries(entries(noGpu), noGpu);
    expect(without.map((g) => g.label)).toEqual([
      'Custom models',
      'CPU, WebAssembly (wllama)',
      'WebGPU (WebLLM)',
    ]);
    expect(without.find((g) => g.id === 'webllm')?.note).toMatch(/needs WebGPU/);
    expect(GROUP_LABELS.wllama).toBe('CPU, WebAssembly (wllama)');
  });

  test('each entry has size, memory, context and a note; GPU models without WebGPU say why', () => {
    const qwen = webllm.find((m) => m.id === 'Qwen2.5-0.5B-Instruct')!;
    const here = pickerEntry(qwen, realGpu);
    expect(here.runnable).toBe(true);
    expect(here.download).toMatch(/^≈ \d+ MB download$/);
    expect(here.memory).toMatch(/GPU memory$/);
    expect(here.context).toMatch(/^[\d,]+-token context$/);
    const missing = pickerEntry(qwen, noGpu);
    expect(missing.runnable).toBe(false);
    expect(missing.note).toMatch(/needs WebGPU/);
    expect(pickerEntry(qwen, softwareGpu).note).toMatch(/Very slow here/);
    const cpu = pickerEntry(GGUF_MODELS[0]!, noGpu);
    expect(cpu.runnable).toBe(true);
    expect(cpu.memory).toMatch(/RAM$/);
  });

  test('filter by name, family, engine and quantisation; every word must match', () => {
    const all = entries(realGpu);
    const ids = (q: string) => filterEntries(all, q).map((e) => e.model.id);
    expect(ids('')).toHaveLength(all.length);
    expect(ids('qwen').length).toBeGreaterThan(2);
    expect(ids('qwen').every((id) => /qwen/i.test(id))).toBe(true);
    expect(ids('wllama').every((id) => models.find((m) => m.id === id)?.engine === 'wllama')).toBe(
      true,
    );
    expect(ids('q8_0 smollm2').length).toBeGreaterThan(0);
    // The custom model is a copy of a SmolLM2 GGUF build: its files match too.
    expect(ids('q8_0 smollm2').every((id) => /SmolLM2/.test(id) || id === custom.id)).toBe(true);
    expect(ids('q8_0 smollm2')).toContain('SmolLM2-135M-Instruct-Q8_0-GGUF');
    expect(ids('no such model')).toEqual([]);
  });

  test('recently used come first: their own group when nothing is typed, first in a group when filtering', () => {
    const all = entries(realGpu);
    const lastCpu = GGUF_MODELS.at(-1)!.id;
    const groups = groupEntries(all, realGpu, { recent: [lastCpu] });
    expect(groups[0]?.label).toBe('Recently used');
    expect(groups[0]?.entries.map((e) => e.model.id)).toEqual([lastCpu]);
    const filtered = groupEntries(all, realGpu, { recent: [lastCpu], query: 'gguf' });
    expect(filtered.some((g) => g.id === 'recent')).toBe(false);
    expect(filtered.find((g) => g.id === 'wllama')?.entries[0]?.model.id).toBe(lastCpu);
  });

  test('pushRecent puts a model first, once, and keeps a few', () => {
    expect(pushRecent(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    expect(pushRecent(['a', 'b', 'c'], 'd', 3)).toEqual(['d', 'a', 'b']);
  });

  test('remote models have their own group, no download and no memory here', () => {
    const remote: CatalogModel = {
      id: 'custom:qwen3-ollama',
      label: 'qwen3:4b · Ollama (remote: localhost:11434)',
      engine: 'remote',
      paramsB: null,
      custom: { source: 'url', hosts: ['localhost:11434'] },
      variants: [
        {
          modelId: 'custom:qwen3-ollama',
          quantization: 'other',
          needsF16: false,
          vramMB: 0,
          ramMB: 0,
          downloadMB: 0,
          contextWindow: 4096,
          modelUrl: 'http://localhost:11434/v1',
          serverModel: 'qwen3:4b',
        },
      ],
    };
    const entry = pickerEntry(remote, noGpu);
    expect(entry).toMatchObject({
      group: 'remote',
      runnable: true,
      download: 'no download',
      memory: 'runs on the server',
      note: 'Served by localhost:11434: prompts are sent there.',
    });
    const groups = groupEntries([entry, ...entries(noGpu)], noGpu).map((g) => g.label);
    expect(groups.slice(0, 2)).toEqual(['Custom models', 'Remote servers (OpenAI-compatible)']);
  });
});
