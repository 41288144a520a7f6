import { expect, test } from 'vitest';
import type { CatalogModel } from '../catalog/types';
import { defaultExperiment, presetSide } from '../team/presets';
import { scriptedModel } from '../testing/scripted-chat';
import { formatDuration, formatNumber, formatPercent } from './format';
import { batchConfigs, configProblems, planBatchModels, protocolName } from './plan';

const catalog: CatalogModel[] = [
  {
    id: 'scripted-a',
    label: 'A',
    engine: 'scripted',
    paramsB: null,
    variants: [
      {
        modelId: 'scripted-a',
        quantization: 'other',
        needsF16: false,
        vramMB: 10,
        downloadMB: 1,
        contextWindow: 4096,
        modelUrl: '',
      },
    ],
  },
];

test('configs: Solo, Team, then extra teams as Team 2, Team 3, copied', () => {
  const experiment = defaultExperiment(scriptedModel('scripted-a'));
  const extra = presetSide('generators-judge', scriptedModel('scripted-b'));
  const configs = batchConfigs(experiment, [extra]);
  expect(configs.map((c) => [c.id, c.label, c.side.protocol.type])).toEqual([
    ['solo', 'Solo', 'solo'],
    ['team', 'Team', 'critic-loop'],
    ['extra-1', 'Team 2', 'generators-judge'],
  ]);
  expect(configs[2]!.side).not.toBe(extra);
  expect(protocolName(configs[1]!.side)).toBe('Reasoner → Critic → Answerer');
  expect(configProblems(configs)).toEqual([]);
  const broken = batchConfigs(experiment, [{ ...extra, roles: [] }]);
  expect(configProblems(broken)[0]).toMatch(/^Team 2: /);
});

test('the plan counts each distinct model once and names every user; unknown models are listed', () => {
  const experiment = defaultExperiment(scriptedModel('scripted-a'));
  const plan = planBatchModels(
    batchConfigs(experiment, [presetSide('solo', scriptedModel('scripted-b'))]),
    catalog,
  );
  expect(plan.models.map((m) => m.variant.modelId)).toEqual(['scripted-a']);
  expect(plan.models[0]!.usedBy).toEqual([
    'Solo › Solo',
    'Team › Reasoner',
    'Team › Critic',
    'Team › Answerer',
  ]);
  expect(plan.unknown).toEqual([scriptedModel('scripted-b')]);
  expect(plan.agents).toBe(5);
  expect(plan.totalVramMB).toBe(10);
  expect(plan.totalDownloadMB).toBe(0);
});

test('display formats', () => {
  expect(formatDuration(850)).toBe('850 ms');
  expect(formatDuration(12_440)).toBe('12.4 s');
  expect(formatDuration(185_000)).toBe('3 min 05 s');
  expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  expect(formatDuration(null)).toBe('—');
  expect(formatPercent(0.4)).toBe('40.0%');
  expect(formatPercent(Number.NaN)).toBe('—');
  expect(formatNumber(1234.56)).toBe('1,234.6');
  expect(formatNumber(3.14159, 2)).toBe('3.14');
});
