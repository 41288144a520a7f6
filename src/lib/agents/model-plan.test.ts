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

describe('unknown sizes', () => {
  const custom: CatalogModel = {
    id: 'custom:mine',
    label: 'mine',
    engine: 'webllm',
    paramsB: null,
    custom: { source: 'url', hosts: ['h.example'] },
    variants: [
      {
        modelId: 'custom:mine',
        quantization: 'other',
        needsF16: false,
        vramMB: null,
        downloadMB: null,
        contextWindow: 4096,
        modelUrl: 'https://h.example/w/',
      },
    ],
  };
  const mine = { engine: 'webllm' as const, modelId: 'custom:mine' };

  test('a model of unknown size is listed, not counted as 0', () => {
    const config = { ...defaultExperiment(ref('small')), team: presetSide('solo', mine) };
    const plan = planModels(config, [...catalog, custom]);
    expect(plan.totalDownloadMB).toBe(300);
    expect(plan.totalVramMB).toBe(1000);
    expect(plan.unknownDownload).toEqual(['custom:mine']);
    expect(plan.unknownMemory).toEqual(['custom:mine']);
  });

  test('the memory verdict says "unknown" instead of "0.0 GB"', () => {
    const verdict = memoryVerdict(planModels(defaultExperiment(mine), [custom]), undefined);
    expect(verdict.message).not.toMatch(/0\.0 GB/);
    expect(verdict.message).toMatch(/custom:mine: size unknown/);
  });

  test('a setup on the CPU only needs no GPU memory, and a GGUF model of unknown memory says so', () => {
    const gguf: CatalogModel = {
      ...custom,
      id: 'custom:g',
      engine: 'wllama',
      variants: [{ ...custom.variants[0]!, modelId: 'custom:g', vramMB: 0, downloadMB: 324 }],
    };
    const g = { engine: 'wllama' as const, modelId: 'custom:g' };
    const plan = planModels(defaultExperiment(g), [gguf]);
    expect(plan.totalDownloadMB).toBe(324);
    expect(plan.unknownDownload).toEqual([]);
    const verdict = memoryVerdict(plan, undefined);
    expect(verdict.fits).toBe(true);
    expect(verdict.message).not.toMatch(/0\.0 GB/);
    expect(verdict.message).toMatch(
      /^Runs on the CPU: no GPU memory needed\..*custom:g: size unknown/,
    );
  });
});
