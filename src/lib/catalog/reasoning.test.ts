import { describe, expect, test } from 'vitest';
import { canSwitchThinking, reasoningOf, thinkingFor } from './reasoning';

describe('reasoningOf', () => {
  test('Qwen3 and Qwen3.5 think and can be switched, in WebLLM and GGUF ids alike', () => {
    for (const id of [
      'Qwen3-0.6B-q4f32_1-MLC',
      'Qwen3-1.7B-q4f16_1-MLC',
      'Qwen3-0.6B-Q8_0-GGUF',
      'Qwen3-1.7B-Q4_K_M-GGUF',
      'Qwen3.5-0.8B-q4f32_1-MLC',
      'custom:qwen3-4b',
      'qwen3:4b', // Ollama's name, as a remote server lists it
    ])
      expect(reasoningOf(id), id).toBe('switchable');
  });

  test('DeepSeek-R1 distills and Qwen3 Thinking-2507 always think', () => {
    expect(reasoningOf('DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC')).toBe('always');
    expect(reasoningOf('Qwen3-4B-Thinking-2507-q4f16_1-MLC')).toBe('always');
    expect(canSwitchThinking('DeepSeek-R1-Distill-Llama-8B-q4f32_1-MLC')).toBe(false);
  });

  test('models that do not think, Qwen2.5 and Qwen3 Instruct-2507 among them, are not reasoning models', () => {
    for (const id of [
      'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
      'Qwen2.5-0.5B-Instruct-Q8_0-GGUF',
      'Qwen3-4B-Instruct-2507-q4f16_1-MLC',
      'Qwen30-fake',
      'SmolLM2-360M-Instruct-q4f32_1-MLC',
      'Llama-3.2-1B-Instruct-q4f32_1-MLC',
      'scripted-team',
    ])
      expect(reasoningOf(id), id).toBeNull();
  });

  test('scripted test models named scripted-think… are switchable', () => {
    expect(reasoningOf('scripted-thinker')).toBe('switchable');
  });
});

describe('thinkingFor', () => {
  test("passes a role's setting only to a model that takes it", () => {
    expect(thinkingFor('Qwen3-0.6B-q4f32_1-MLC', 'off')).toBe('off');
    expect(thinkingFor('Qwen3-0.6B-q4f32_1-MLC', undefined)).toBeUndefined();
    expect(thinkingFor('Qwen2.5-0.5B-Instruct-q4f32_1-MLC', 'off')).toBeUndefined();
    expect(thinkingFor('DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC', 'off')).toBeUndefined();
  });
});
