import { describe, expect, test } from 'vitest';
import type { CatalogModel } from '../catalog/types';
import { defaultExperiment, presetSide } from '../team/presets';
import { memoryVerdict, planModels } from './model-plan';

const model = (id: string, vramMB: number, downloadMB: number): CatalogModel => ({
  id,
  label: id,
  engine: 'webllm',
  paramsB: 1,
  variants: [
    {
      modelId: `${id}-q4f16_1-MLC`,
      quantization: 'q4f16_1',
      needsF16: true,
      vramMB,
      downloadMB,
      contextWindow: 4096,
      modelUrl: '',
    },
  ],
});

const catalog = [model('small', 1000, 300), model('big', 3000, 900)];
const ref = (id: string) => ({ engine: 'webllm' as const, modelId: `${id}-q4f16_1-MLC` });

describe('planModels', () => {
  test('agents sharing a model count it once', () => {
    const plan = planModels(defaultExperiment(ref('small')), catalog);
    expect(plan.agents).toBe(4);
    expect(plan.models).toHaveLength(1);
    expect(plan.totalVramMB).toBe(1000);
    expect(plan.totalDownloadMB).toBe(300);
    expect(plan.models[0]?.usedBy).toEqual([
      'Solo › Solo',
      'Team › Reasoner',
      'Team › Critic',
      'Team › Answerer',
    ]);
  });

  test('distinct models add up, unknown ones are listed', () => {
    const config = {
      ...defaultExperiment(ref('small')),
      team: presetSide('critic-loop', ref('big')),
    };
    const plan = planModels(config, catalog);
    expect(plan.models.map((m) => m.model.id)).toEqual(['small', 'big']);
    expect(plan.totalVramMB).toBe(4000);
    const lost = planModels(defaultExperiment(ref('gone')), catalog);
    expect(lost.unknown).toEqual([ref('gone')]);
    expect(lost.models).toHaveLength(0);
  });
});

describe('memoryVerdict', () => {
  test('fits within the laptop budget', () => {
    const plan = planModels(defaultExperiment(ref('small')), catalog);
    expect(memoryVerdict(plan, undefined)).toMatchObject({ fits: true, budgetMB: 4608 });
  });

  test('a device with little memory gets a warning with a suggestion', () => {
    const config = {
      ...defaultExperiment(ref('small')),
      team: presetSide('critic-loop', ref('big')),
    };
    const verdict = memoryVerdict(planModels(config, catalog), 4);
    expect(verdict.fits).toBe(false);
    expect(verdict.budgetMB).toBe(2048);
    expect(verdict.message).toMatch(/Use one model for every role/);
  });
});
