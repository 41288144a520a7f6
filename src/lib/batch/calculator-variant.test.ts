import { describe, expect, test } from 'vitest';
import { presetSide } from '../team/presets';
import { validateSide } from '../team/config';
import { scriptedModel } from '../testing/scripted-chat';
import type { BatchConfig } from '../storage/batch-records';
import { calculatorVariant } from './calculator-variant';

const model = scriptedModel('scripted-main');
const config = (id: string, label: string, preset: Parameters<typeof presetSide>[0]) =>
  ({ id, label, side: presetSide(preset, model) }) satisfies BatchConfig;

describe('calculatorVariant', () => {
  test('Solo gets the calculator on its one role, labelled, valid, the original untouched', () => {
    const solo = config('solo', 'Solo', 'solo');
    const variant = calculatorVariant(solo, [solo])!;
    expect(variant.label).toBe('Solo + calculator');
    expect(variant.roles[0]!.tools).toEqual({ builtIn: ['calculator'], custom: [], maxSteps: 4 });
    expect(validateSide(variant)).toEqual([]);
    expect(solo.side.roles[0]!.tools).toBeUndefined();
  });

  test('a critic loop: the reasoner computes with it; critic and answerer are left alone', () => {
    const team = config('team', 'Team', 'critic-loop');
    const variant = calculatorVariant(team, [team])!;
    expect(variant.roles.map((r) => [r.kind, r.tools?.builtIn ?? null])).toEqual([
      ['reasoner', ['calculator']],
      ['critic', null],
      ['answerer', null],
    ]);
  });

  test('nothing to add, or the variant already in the batch: null', () => {
    const agent = config('extra-1', 'Tool agent', 'tool-agent');
    expect(calculatorVariant(agent, [agent])).toBeNull();
    const solo = config('solo', 'Solo', 'solo');
    const added = { id: 'extra-2', label: 'Team 3', side: calculatorVariant(solo, [])! };
    expect(calculatorVariant(solo, [solo, added])).toBeNull();
  });
});
