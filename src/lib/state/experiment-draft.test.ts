import { describe, expect, test } from 'vitest';
import { validateSide } from '../team/config';
import { ExperimentDraft } from './experiment-draft.svelte';

const model = { engine: 'webllm', modelId: 'Qwen3-0.6B-q4f32_1-MLC' } as const;
/** A draft kept in memory only (no storage). */
const draft = () => new ExperimentDraft(() => model, undefined);

describe('ExperimentDraft thinking switch', () => {
  test('sets one role, or every role of a side, and back to the default removes the field', () => {
    const d = draft();
    const [first, second] = d.config.team.roles;
    if (!first || !second) throw new Error('the default team has two roles or more');
    d.setThinking('team', first.id, 'off');
    expect(d.config.team.roles.map((r) => r.thinking)).toEqual([
      'off',
      ...d.config.team.roles.slice(1).map(() => undefined),
    ]);
    d.setThinking('team', null, 'on');
    expect(d.config.team.roles.every((r) => r.thinking === 'on')).toBe(true);
    expect(d.config.solo.roles.some((r) => 'thinking' in r)).toBe(false);
    d.setThinking('team', null, undefined);
    expect(d.config.team.roles.some((r) => 'thinking' in r)).toBe(false);
  });

  test("a new preset keeps the side's common switch, not a mixed one", () => {
    const d = draft();
    d.setThinking('team', null, 'off');
    d.applyPreset('team', 'generators-judge');
    expect(d.config.team.roles.length).toBeGreaterThan(1);
    expect(d.config.team.roles.every((r) => r.thinking === 'off')).toBe(true);
    const id = d.config.team.roles[0]?.id ?? '';
    d.setThinking('team', id, 'on');
    d.applyPreset('team', 'reasoner-answerer');
    expect(d.config.team.roles.some((r) => 'thinking' in r)).toBe(false);
  });
});

describe('ExperimentDraft escalation check', () => {
  test('the critic check brings a critic on the small model; the others take it away', () => {
    const d = draft();
    d.applyPreset('team', 'escalation');
    const large = { engine: 'remote', modelId: 'custom:big' } as const;
    d.updateRole('team', 'large', { model: large });
    expect(d.config.team.roles.map((r) => r.kind)).toEqual(['small', 'large']);
    d.setEscalationCheck('team', { kind: 'critic' });
    expect(d.config.team.protocol).toEqual({ type: 'escalation', check: { kind: 'critic' } });
    expect(d.config.team.roles.map((r) => [r.kind, r.model.modelId])).toEqual([
      ['small', model.modelId],
      ['large', 'custom:big'],
      ['critic', model.modelId],
    ]);
    d.setEscalationCheck('team', { kind: 'critic' });
    expect(d.config.team.roles).toHaveLength(3);
    d.setEscalationCheck('team', { kind: 'format', format: 'number' });
    expect(d.config.team.roles.map((r) => r.kind)).toEqual(['small', 'large']);
    expect(validateSide(d.config.team)).toEqual([]);
  });

  test('other protocols are left alone', () => {
    const d = draft();
    const before = d.config.team;
    d.setEscalationCheck('team', { kind: 'critic' });
    expect(d.config.team).toEqual(before);
  });
});
