import { describe, expect, test } from 'vitest';
import type { CatalogModel } from '../catalog/types';
import { AgentError } from '../engine/errors';
import { defaultExperiment, presetSide } from '../team/presets';
import type { AgentLease } from './agent-host.svelte';
import { loadPlan, unknownModelsMessage, type PlanLoading } from './load-plan';
import { planModels, withSecondCopies } from './model-plan';
import type { LoadProgress, ModelSpec } from '../engine/types';

const model = (id: string): CatalogModel => ({
  id,
  label: id,
  engine: 'wllama',
  paramsB: 0.1,
  variants: [
    {
      modelId: `${id}-Q8_0`,
      quantization: 'Q8_0',
      needsF16: false,
      vramMB: 100,
      downloadMB: 50,
      contextWindow: 2048,
      modelUrl: `/models/${id}.gguf`,
    },
  ],
});
const catalog = [model('a'), model('b')];
const ref = (id: string) => ({ engine: 'wllama' as const, modelId: `${id}-Q8_0` });
const twoModels = { ...defaultExperiment(ref('a')), team: presetSide('critic-loop', ref('b')) };

const progress = (fraction: number): LoadProgress => ({
  phase: 'download',
  fraction,
  loadedBytes: null,
  totalBytes: null,
  text: `${fraction * 100}%`,
});

/** A lease that reports two progress steps per model, then runs `then` (may throw). */
function fakeLease(then: (specs: readonly ModelSpec[]) => void = () => {}) {
  const loaded: ModelSpec[][] = [];
  const lease: Pick<AgentLease, 'load'> = {
    async load(specs, onProgress) {
      loaded.push([...specs]);
      for (const [index, spec] of specs.entries()) {
        onProgress(index, spec, progress(0.5));
        onProgress(index, spec, progress(1));
      }
      then(specs);
      return [];
    },
  };
  return { lease, loaded };
}

describe('loadPlan', () => {
  test('loads every planned model in order, reporting each one’s place and progress', async () => {
    const plan = planModels(twoModels, catalog);
    const { lease, loaded } = fakeLease();
    const seen: PlanLoading[] = [];
    const outcome = await loadPlan(lease, plan.models, new AbortController().signal, (l) =>
      seen.push(l),
    );
    expect(outcome).toEqual({ status: 'loaded' });
    expect(loaded[0]?.map((s) => s.modelId)).toEqual(['a-Q8_0', 'b-Q8_0']);
    expect(
      seen.map((l) => [l.index, l.total, l.model.variant.modelId, l.progress.fraction]),
    ).toEqual([
      [0, 2, 'a-Q8_0', 0.5],
      [0, 2, 'a-Q8_0', 1],
      [1, 2, 'b-Q8_0', 0.5],
      [1, 2, 'b-Q8_0', 1],
    ]);
  });

  test('a second copy is asked for as a load of its own', async () => {
    const plan = withSecondCopies(planModels(defaultExperiment(ref('a')), catalog));
    const { lease, loaded } = fakeLease();
    await loadPlan(lease, plan.models, new AbortController().signal);
    expect(loaded[0]?.map((s) => s.copy ?? 1)).toEqual([1, 2]);
  });

  test('a failed load gives its error, named as a load error when it had no name', async () => {
    const plan = planModels(twoModels, catalog);
    const { lease } = fakeLease(() => {
      throw new Error('The file is not a GGUF model.');
    });
    const outcome = await loadPlan(lease, plan.models, new AbortController().signal);
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.name).toBe('ModelLoadError');
    expect(outcome.error.message).toBe('The file is not a GGUF model.');
  });

  test('an aborted load, or one that ends after Stop, is stopped; progress after Stop is dropped', async () => {
    const plan = planModels(twoModels, catalog);
    const thrown = fakeLease(() => {
      throw new AgentError('AbortError', 'Stopped.');
    });
    expect(await loadPlan(thrown.lease, plan.models, new AbortController().signal)).toEqual({
      status: 'stopped',
    });

    const abort = new AbortController();
    const seen: PlanLoading[] = [];
    const lease: Pick<AgentLease, 'load'> = {
      async load(specs, onProgress) {
        onProgress(0, specs[0]!, progress(0.5));
        abort.abort();
        onProgress(0, specs[0]!, progress(1));
        return [];
      },
    };
    expect(await loadPlan(lease, plan.models, abort.signal, (l) => seen.push(l))).toEqual({
      status: 'stopped',
    });
    expect(seen.map((l) => l.progress.fraction)).toEqual([0.5]);
  });
});

test('unknownModelsMessage names every model the catalog does not know', () => {
  const plan = planModels({ ...twoModels, solo: presetSide('solo', ref('x')) }, catalog);
  expect(unknownModelsMessage(plan)).toBe('Unknown model: x-Q8_0');
  expect(unknownModelsMessage(planModels(twoModels, catalog))).toBe('');
});
