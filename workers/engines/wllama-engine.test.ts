import { describe, expect, test } from 'vitest';
import type { ChatRequest, ModelSpec } from '../../src/lib/engine/types';
import {
  ALL_LAYERS,
  downloadError,
  NO_THINK,
  wllamaChatParams,
  wllamaLoadParams,
} from './wllama-engine';

const url = 'https://models.example.org/org/repo/resolve/main/tiny.gguf';

describe('wllama downloadError', () => {
  test("wllama's 'HTTP 404' becomes a not-found message naming the file", () => {
    // What @wllama/wllama's cache manager throws for a response that is not ok.
    const e = downloadError(new Error(`Failed to fetch ${url}: HTTP 404`), url, 'tiny.gguf');
    expect(e.name).toBe('ModelDownloadError');
    expect(e.message).toBe(
      'The model file was not found at models.example.org/org/repo/resolve/main/tiny.gguf (HTTP 404). ' +
        'Check the URL: the file may have been moved, renamed or removed.',
    );
  });

  test('refused access and server errors say so', () => {
    const refused = downloadError(new Error(`Failed to fetch ${url}: HTTP 403`), url, 'tiny.gguf');
    expect(refused.message).toMatch(/refused access to .*tiny\.gguf \(HTTP 403\)/);
    const down = downloadError(new Error(`Failed to fetch ${url}: HTTP 500`), url, 'tiny.gguf');
    expect(down.message).toMatch(/server at models\.example\.org failed .*\(HTTP 500\)/);
  });

  test('a network failure keeps the connection message, with one full stop', () => {
    const e = downloadError(new TypeError('Failed to fetch'), url, 'tiny.gguf');
    expect(e.name).toBe('ModelDownloadError');
    expect(e.message).toMatch(/^Could not download tiny\.gguf from .*unreachable\)\.$/);
  });

  test('a full disk is a cache error', () => {
    const full = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    expect(downloadError(full, url, 'tiny.gguf').name).toBe('CacheError');
  });
});

describe('wllamaChatParams: the thinking switch', () => {
  const qwen3 = 'Qwen3-0.6B-Q8_0-GGUF';
  const request = (thinking?: 'on' | 'off'): ChatRequest => ({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'First question' },
      { role: 'assistant', content: 'First answer' },
      { role: 'user', content: 'Where was she born?' },
    ],
    sampling: { temperature: 0, max_tokens: 32 },
    ...(thinking ? { thinking } : {}),
  });

  test("off: Qwen3's /no_think ends the last user message, and the template kwarg is false", () => {
    const params = wllamaChatParams(request('off'), qwen3);
    expect(params.messages.map((m) => m.content)).toEqual([
      'Be brief.',
      'First question',
      'First answer',
      `Where was she born?${NO_THINK}`,
    ]);
    expect(NO_THINK).toBe(' /no_think');
    expect(params.chat_template_kwargs).toEqual({ enable_thinking: false });
  });

  test('on: the messages are left alone and the kwarg is true', () => {
    const params = wllamaChatParams(request('on'), qwen3);
    expect(params.messages).toEqual(request().messages);
    expect(params.chat_template_kwargs).toEqual({ enable_thinking: true });
  });

  test('no switch, or a model that cannot switch, changes nothing', () => {
    for (const [thinking, model] of [
      [undefined, qwen3],
      ['off', 'Qwen2.5-0.5B-Instruct-Q8_0-GGUF'],
    ] as const) {
      const params = wllamaChatParams(request(thinking), model);
      expect(params.messages).toEqual(request().messages);
      expect(params).not.toHaveProperty('chat_template_kwargs');
    }
  });

  test('the request itself is not changed, and sampling is kept', () => {
    const original = request('off');
    const params = wllamaChatParams(original, qwen3);
    expect(original.messages[3]?.content).toBe('Where was she born?');
    expect(params).toMatchObject({ temperature: 0, max_tokens: 32 });
  });
});

describe('wllama load options', () => {
  const spec: ModelSpec = {
    engine: 'wllama',
    modelId: 'tiny-random-GGUF',
    contextWindow: 4096,
    modelUrl: 'https://models.example.org/tiny.gguf',
  };

  test('on the CPU (no device), no layer goes to WebGPU, so wllama never asks for an adapter', () => {
    expect(wllamaLoadParams(spec, 1)).toEqual({
      n_ctx: 4096,
      n_threads: 1,
      n_gpu_layers: 0,
      n_parallel: 1,
    });
  });

  test("device 'gpu' offloads every layer to WebGPU, with the same context and threads", () => {
    const params = wllamaLoadParams({ ...spec, device: 'gpu' }, 4);
    expect(params).toEqual({ n_ctx: 4096, n_threads: 4, n_gpu_layers: ALL_LAYERS, n_parallel: 1 });
    expect(ALL_LAYERS).toBeGreaterThan(1000);
  });
});

describe('wllamaChatParams: grammars', () => {
  const base: ChatRequest = { messages: [{ role: 'user', content: 'hi' }], sampling: {} };

  test("a request's grammar is wllama's grammar, and takes the place of the JSON one", () => {
    const grammar = 'root ::= "yes" | "no"';
    expect(wllamaChatParams({ ...base, grammar }, 'tiny').grammar).toBe(grammar);
    expect(
      wllamaChatParams({ ...base, grammar, responseFormat: { type: 'json_object' } }, 'tiny')
        .grammar,
    ).toBe(grammar);
  });

  test('JSON mode alone still gets the JSON grammar; a plain request none', () => {
    expect(
      wllamaChatParams({ ...base, responseFormat: { type: 'json_object' } }, 'tiny').grammar,
    ).toMatch(/^root ::= object/);
    expect(wllamaChatParams(base, 'tiny')).not.toHaveProperty('grammar');
  });
});
