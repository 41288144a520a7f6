import { describe, expect, test } from 'vitest';
import { presetSide } from '../team/presets';
import type { ModelRef, SideConfig } from '../team/config';
import { canonicalJson, entryKey, entryRef, swapOutcome } from './votes';

const QWEN: ModelRef = { engine: 'webllm', modelId: 'Qwen3-0.6B-q4f16_1-MLC' };
const GEMMA: ModelRef = { engine: 'wllama', modelId: 'gemma-3-270m', device: 'gpu' };

describe('canonicalJson', () => {
  test('sorts keys at every level and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  test('gives the same text whatever order the fields were written in', () => {
    expect(canonicalJson({ x: 1, y: [2, 3] })).toBe(canonicalJson({ y: [2, 3], x: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});

describe('entryKey', () => {
  const side = presetSide('critic-loop', QWEN);

  test('names the protocol and each role kind and model, nothing else', () => {
    const parsed = JSON.parse(entryKey(side)) as unknown;
    expect(parsed).toEqual({
      protocol: {
        type: 'critic-loop',
        maxRounds: side.protocol.type === 'critic-loop' ? side.protocol.maxRounds : -1,
      },
      roles: side.roles.map((role) => ({
        kind: role.kind,
        model: { engine: 'webllm', modelId: QWEN.modelId },
      })),
    });
  });

  test('ignores the label, prompts, sampling settings and role ids', () => {
    const tuned: SideConfig = {
      ...side,
      label: 'Renamed',
      roles: side.roles.map((role) => ({
        ...role,
        id: `${role.id}-x`,
        name: 'Other',
        systemPrompt: 'Be brief.',
        temperature: 1.5,
        seed: 99,
      })),
    };
    expect(entryKey(tuned)).toBe(entryKey(side));
  });

  test('does not depend on the order fields were written in', () => {
    const reordered: SideConfig = {
      roles: side.roles.map((role) => ({
        ...role,
        model: { modelId: QWEN.modelId, engine: 'webllm' },
      })),
      protocol: { ...side.protocol },
      label: side.label,
    };
    expect(entryKey(reordered)).toBe(entryKey(side));
  });

  test('changes with the protocol, its settings, a model, the engine or the device', () => {
    const keys = [
      entryKey(side),
      entryKey(presetSide('reasoner-answerer', QWEN)),
      entryKey({ ...side, protocol: { type: 'critic-loop', maxRounds: 5 } }),
      entryKey(presetSide('critic-loop', GEMMA)),
      entryKey(presetSide('critic-loop', { ...GEMMA, device: undefined })),
      entryKey(presetSide('critic-loop', { ...QWEN, engine: 'remote' })),
      entryKey(presetSide('critic-loop', { default: QWEN, critic: GEMMA })),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('entryRef pairs the key with the label', () => {
    expect(entryRef(side)).toEqual({ key: entryKey(side), label: side.label });
  });
});

test('swapOutcome swaps left and right and keeps ties and both-bad', () => {
  expect(swapOutcome('left')).toBe('right');
  expect(swapOutcome('right')).toBe('left');
  expect(swapOutcome('tie')).toBe('tie');
  expect(swapOutcome('both-bad')).toBe('both-bad');
});
