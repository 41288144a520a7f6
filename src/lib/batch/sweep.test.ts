import { describe, expect, test } from 'vitest';
import { presetSide } from '../team/presets';
import type { BatchConfig } from '../storage/batch-records';
import { applySetting, findSweeps, parseSweepValues, settingValue, sweepSettings } from './sweep';

const model = { engine: 'scripted' as const, modelId: 'scripted-team' };
const other = { engine: 'scripted' as const, modelId: 'scripted-b' };
const gj = presetSide('generators-judge', model);
const configs = (sides: ReturnType<typeof presetSide>[]): BatchConfig[] =>
  sides.map((side, i) => ({ id: `c${i}`, label: `Config ${i}`, side }));

describe('sweeps', () => {
  test('the settings a side offers follow its protocol', () => {
    expect(sweepSettings(gj)).toEqual(['generators', 'layers', 'temperature', 'judgeModel']);
    expect(sweepSettings(presetSide('critic-loop', model))).toEqual(['maxRounds', 'temperature']);
    expect(sweepSettings(presetSide('solo', model))).toEqual(['temperature']);
  });

  test('applySetting changes that setting only, and labels the side with it', () => {
    const k5 = applySetting(gj, 'generators', 5);
    expect(k5.protocol).toEqual({ type: 'generators-judge', generators: 5, layers: 1 });
    expect(k5.label).toBe('Generators + Judge · K = 5');
    expect(gj.protocol).toMatchObject({ generators: 3 }); // the original is untouched
    const judged = applySetting(gj, 'judgeModel', other);
    expect(judged.roles.find((r) => r.kind === 'judge')!.model).toEqual(other);
    expect(judged.roles.find((r) => r.kind === 'generator')!.model).toEqual(model);
    const warm = applySetting(gj, 'temperature', 1.2);
    expect(warm.roles.map((r) => r.temperature)).toEqual([1.2, 1.2]);
    expect(settingValue(warm, 'temperature')).toBe(1.2);
  });

  test('K = 1, 3, 5 with everything else equal is one sweep, in the order of K', () => {
    const sides = [5, 1, 3].map((k) => applySetting(gj, 'generators', k));
    const sweeps = findSweeps(configs([presetSide('solo', model), ...sides]));
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0]!.setting).toBe('generators');
    expect(sweeps[0]!.points.map((p) => [p.configId, p.value])).toEqual([
      ['c2', 1],
      ['c3', 3],
      ['c1', 5],
    ]);
  });

  test('configs that differ in two settings are no sweep; two points are not enough', () => {
    const a = applySetting(gj, 'generators', 1);
    const b = applySetting(applySetting(gj, 'generators', 3), 'layers', 2);
    const c = applySetting(gj, 'generators', 5);
    expect(findSweeps(configs([a, b, c]))).toEqual([]);
    expect(findSweeps(configs([a, c]))).toEqual([]);
    expect(findSweeps(configs([a, c]), 2)).toHaveLength(1);
  });

  test("the judge's model sweeps by model id", () => {
    const third = { engine: 'scripted' as const, modelId: 'scripted-c' };
    const sides = [model, other, third].map((m) => applySetting(gj, 'judgeModel', m));
    const [sweep] = findSweeps(configs(sides));
    expect(sweep!.setting).toBe('judgeModel');
    expect(sweep!.points.map((p) => p.value)).toEqual([
      'scripted-b',
      'scripted-c',
      'scripted-team',
    ]);
  });

  test('values are read with clear errors', () => {
    expect(parseSweepValues('1, 3 5', 'generators')).toEqual({ ok: true, values: [1, 3, 5] });
    expect(parseSweepValues('5,1,5', 'generators')).toEqual({ ok: true, values: [1, 5] });
    expect(parseSweepValues('0.2, 0.7', 'temperature')).toEqual({ ok: true, values: [0.2, 0.7] });
    expect(parseSweepValues('', 'generators')).toMatchObject({ ok: false });
    expect(parseSweepValues('1, two', 'generators')).toEqual({
      ok: false,
      problem: '"two" is not a number.',
    });
    expect(parseSweepValues('1.5', 'generators')).toMatchObject({ problem: /whole numbers/ });
    expect(parseSweepValues('9', 'generators')).toEqual({
      ok: false,
      problem: 'Generators (K) goes from 1 to 8; 9 is outside.',
    });
  });
});
