import { afterEach, describe, expect, test, vi } from 'vitest';
import { shippedSets } from '../eval/sets';
import { presetSide } from '../team/presets';
import { TEST_SET } from '../testing/batch-fixtures';
import { BatchSetup } from './batch-setup.svelte';

const qwen3 = { engine: 'webllm', modelId: 'Qwen3-0.6B-q4f32_1-MLC' } as const;

describe('BatchSetup extra teams', () => {
  test("an extra team's thinking switch is set on every role, and cleared back to the default", () => {
    const setup = new BatchSetup();
    setup.addExtra('reasoner-answerer', qwen3);
    setup.addExtra('solo', qwen3);
    setup.setExtraThinking(0, 'off');
    const [first, second] = setup.extras.current;
    expect(first?.roles.length).toBeGreaterThan(1);
    expect(first?.roles.every((r) => r.thinking === 'off')).toBe(true);
    expect(second?.roles.some((r) => 'thinking' in r)).toBe(false);
    setup.setExtraThinking(0, undefined);
    expect(setup.extras.current[0]?.roles.some((r) => 'thinking' in r)).toBe(false);
  });

  test("an extra escalation team's small and large models are set apart", () => {
    const setup = new BatchSetup();
    setup.addExtra('escalation', qwen3);
    const large = { engine: 'remote', modelId: 'custom:big' } as const;
    setup.setExtraModel(0, large, 'large');
    expect(setup.extras.current[0]?.roles.map((r) => [r.kind, r.model.modelId])).toEqual([
      ['small', qwen3.modelId],
      ['large', 'custom:big'],
    ]);
    setup.setExtraModel(0, qwen3);
    expect(setup.extras.current[0]?.roles.every((r) => r.model.modelId === qwen3.modelId)).toBe(
      true,
    );
  });
});

describe('BatchSetup items at once', () => {
  afterEach(() => vi.unstubAllGlobals());

  test('defaults to 8, keeps whole numbers within 1–64, and survives a reload', () => {
    const saved = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (key: string, value: string) => void saved.set(key, value),
    });
    const setup = new BatchSetup();
    expect(setup.itemsAtOnce).toBe(8);
    setup.itemsAtOnce = 16;
    expect(new BatchSetup().itemsAtOnce).toBe(16);
    setup.itemsAtOnce = 500;
    expect(setup.itemsAtOnce).toBe(64);
    setup.itemsAtOnce = 0;
    expect(setup.itemsAtOnce).toBe(1);
    setup.itemsAtOnce = 3.6;
    expect(new BatchSetup().itemsAtOnce).toBe(4);
    // A stored value that is not a number falls back to the default.
    saved.set('playground:batch-items-at-once', '"lots"');
    expect(new BatchSetup().itemsAtOnce).toBe(8);
  });
});

describe('BatchSetup specialist comparison', () => {
  afterEach(() => vi.unstubAllGlobals());

  const specialist = { engine: 'wllama', modelId: 'custom:spec' } as const;
  function comparison() {
    const team = presetSide('reasoner-answerer', qwen3);
    return {
      title: 'Specialist for "Sums" (Reasoner)',
      specialist,
      roleName: 'Reasoner',
      set: { ...TEST_SET, id: 'specialist:k:reasoner', items: TEST_SET.items.slice(0, 3) },
      configs: [
        { id: 'solo', label: 'Specialist Solo', side: presetSide('solo', specialist) },
        { id: 'team', label: 'Original team', side: team },
        {
          id: 'extra-1',
          label: 'Team with the specialist as Reasoner',
          side: {
            ...team,
            roles: team.roles.map((r) => (r.name === 'Reasoner' ? { ...r, model: specialist } : r)),
          },
        },
      ],
      notes: [],
      createdAt: 1,
    };
  }

  test('chooses its set with all its items, survives a reload, and ends back on a shipped set', () => {
    const saved = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (key: string, value: string) => void saved.set(key, value),
    });
    const setup = new BatchSetup();
    setup.compare(comparison());
    expect(setup.set?.id).toBe('specialist:k:reasoner');
    expect(setup.selection).toEqual({ mode: 'first', count: 3 });

    const reloaded = new BatchSetup();
    expect(reloaded.comparison?.title).toBe('Specialist for "Sums" (Reasoner)');
    expect(reloaded.set?.items).toHaveLength(3);
    // Plain data, as a batch record must be to go into IndexedDB (a state proxy cannot be cloned).
    expect(() => structuredClone(reloaded.comparison)).not.toThrow();
    expect(() => structuredClone(reloaded.set)).not.toThrow();

    const other = { engine: 'wllama', modelId: 'custom:spec-2' } as const;
    reloaded.setSpecialist(other);
    const models = reloaded.comparison!.configs.map((c) =>
      c.side.roles.map((r) => `${r.name}:${r.model.modelId}`),
    );
    expect(models[0]!.every((m) => m.endsWith('custom:spec-2'))).toBe(true);
    expect(models[1]!.every((m) => m.endsWith(qwen3.modelId))).toBe(true);
    expect(models[2]).toEqual(
      comparison().configs[2]!.side.roles.map(
        (r) => `${r.name}:${r.name === 'Reasoner' ? 'custom:spec-2' : qwen3.modelId}`,
      ),
    );

    reloaded.endComparison();
    expect(reloaded.comparison).toBeNull();
    expect(reloaded.sets.some((s) => s.id === 'specialist:k:reasoner')).toBe(false);
    expect(reloaded.set?.id).toBe(shippedSets[0]?.id);
    expect(new BatchSetup().comparison).toBeNull();
  });

  test('a kept comparison that is not one is dropped', () => {
    const saved = new Map([['playground:batch-comparison', '{"title":3}']]);
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (key: string, value: string) => void saved.set(key, value),
    });
    expect(new BatchSetup().comparison).toBeNull();
    expect(saved.get('playground:batch-comparison')).toBe('null');
  });
});
