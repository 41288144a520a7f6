import { describe, expect, test } from 'vitest';
import type { CatalogModel } from '../catalog/types';
import { defaultExperiment } from '../team/presets';
import { planModels, sharedBySides, withSecondCopies } from './model-plan';
import { runSummary } from './run-summary';

const webllm = (id: string, downloadMB: number | null): CatalogModel => ({
  id,
  label: id,
  engine: 'webllm',
  paramsB: 1,
  variants: [
    {
      modelId: `${id}-MLC`,
      quantization: 'q4f32_1',
      needsF16: false,
      vramMB: 1000,
      downloadMB,
      contextWindow: 4096,
      modelUrl: '',
    },
  ],
});
const scripted: CatalogModel = {
  id: 'scripted-a',
  label: 'Scripted test model: a',
  engine: 'scripted',
  paramsB: 0,
  variants: [{ modelId: 'scripted-a', contextWindow: 4096, downloadMB: 0, vramMB: 0 }],
} as CatalogModel;

const catalog = [webllm('qwen', 900), webllm('llama', 500), webllm('mystery', null), scripted];
const ref = (id: string) =>
  id.startsWith('scripted')
    ? { engine: 'scripted' as const, modelId: id }
    : { engine: 'webllm' as const, modelId: `${id}-MLC` };
const plan = (solo: string, team = solo) =>
  planModels(defaultExperiment(ref(solo), ref(team)), catalog);

describe('runSummary', () => {
  test('two models: their downloads add up', () => {
    expect(runSummary(plan('qwen', 'llama'))).toBe('2 models · ≈ 1.4 GB download');
  });

  test('one model on both sides: they take turns, or the Team gets its own copy', () => {
    const shared = plan('qwen');
    const options = { shared: sharedBySides(shared) };
    expect(runSummary(shared, options)).toBe(
      '1 model · ≈ 900 MB download · both sides share qwen-MLC (take turns)',
    );
    // A second copy reads the same files: one download, still one model to fetch.
    expect(runSummary(withSecondCopies(shared), { ...options, secondCopy: true })).toBe(
      '1 model · ≈ 900 MB download · Team gets its own copy of qwen-MLC',
    );
  });

  test('cached models are not counted as a download', () => {
    const p = plan('qwen', 'llama');
    expect(runSummary(p, { isCached: (id) => id === 'qwen-MLC' })).toBe(
      '2 models · ≈ 500 MB download',
    );
    expect(runSummary(p, { isCached: () => true })).toBe('2 models · all cached');
    // Not known yet: counted.
    expect(runSummary(p, { isCached: () => undefined })).toBe('2 models · ≈ 1.4 GB download');
  });

  test('an unknown size is named, never counted as 0', () => {
    expect(runSummary(plan('qwen', 'mystery'))).toBe(
      '2 models · ≈ 900 MB download + 1 of unknown size',
    );
    expect(runSummary(plan('mystery'))).toBe('1 model · download size unknown');
  });

  test('the scripted test engine downloads nothing', () => {
    expect(runSummary(plan('scripted-a'))).toBe('1 model · nothing to download');
  });

  test('problems and unknown models come first: they are why Run is off', () => {
    const p = planModels(
      defaultExperiment(ref('qwen'), { engine: 'webllm', modelId: 'gone-MLC' }),
      catalog,
    );
    expect(runSummary(p, { problems: 2 })).toBe(
      '2 problems to fix · unknown model: gone-MLC · 1 model · ≈ 900 MB download',
    );
  });
});
