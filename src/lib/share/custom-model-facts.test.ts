import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { CustomModelSchema } from './schema';

const model = { id: 'custom:m', engine: 'wllama', modelUrl: 'https://h.example/m.gguf' };

describe('CustomModelSchema: optional size and context', () => {
  test('older custom models without them still parse', () => {
    expect(v.safeParse(CustomModelSchema, model).success).toBe(true);
  });

  test('whole, bounded numbers are accepted', () => {
    const parsed = v.safeParse(CustomModelSchema, {
      ...model,
      downloadBytes: 324_000_000,
      contextLength: 1024,
    });
    expect(parsed.success).toBe(true);
  });

  test('negative, fractional or absurd values are refused', () => {
    for (const bad of [
      { downloadBytes: -1 },
      { downloadBytes: 1.5 },
      { contextLength: 0 },
      { contextLength: 1e9 },
      { contextLength: '1024' },
    ]) {
      expect(v.safeParse(CustomModelSchema, { ...model, ...bad }).success).toBe(false);
    }
  });
});
