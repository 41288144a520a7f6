import { expect, test } from 'vitest';
import records from 'virtual:webllm-catalog';

test('the WebLLM catalog reaches the page as plain data', () => {
  expect(records.length).toBeGreaterThan(20);
  expect(records.find((r) => r.modelId === 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC')).toMatchObject({
    contextWindow: 4096,
  });
});
