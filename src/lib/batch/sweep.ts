/**
 * Sweeps: one setting of a config varied across a batch's configs (generators K, mixture-of-
 * agents layers, critic rounds, samples, review and test rounds, temperature, the judge's model),
 * to see how accuracy and cost move with it.
 *
 * A sweep is not stored as such: configs that are the same except for one setting *are* a sweep,
 * found from the configs themselves (`findSweeps`). So a batch set up by hand, a results file
 * from the headless runner and a batch made with the Sweep control all show it alike.
 */
import { LIMITS, type ModelRef, type ProtocolConfig, type SideConfig } from '../team/config';
import type { BatchConfig } from '../storage/batch-records';

export type SweepSetting =
  | 'generators'
  | 'layers'
  | 'maxRounds'
  | 'samples'
  | 'reviewRounds'
  | 'testRounds'
  | 'temperature'
  | 'judgeModel';

/** Each setting's name as the page shows it, and its bounds (numbers) where it has any. */
export const SWEEP_SETTINGS: Readonly<
  Record<SweepSetting, { name: string; short: string; min?: number; max?: number }>
> = {
  generators: { name: 'Generators (K)', short: 'K', ...LIMITS.generators },
  layers: { name: 'Mixture-of-agents layers', short: 'layers', ...LIMITS.layers },
  maxRounds: { name: 'Critic rounds', short: 'rounds', ...LIMITS.criticRounds },
  samples: { name: 'Samples', short: 'samples', ...LIMITS.samples },
  reviewRounds: { name: 'Review rounds', short: 'reviews', ...LIMITS.reviewRounds },
  testRounds: { name: 'Test rounds', short: 'tests', ...LIMITS.testRounds },
  temperature: { name: 'Temperature (every role)', short: 'T', ...LIMITS.temperature },
  judgeModel: { name: "The judge's model", short: 'judge' },
};

const PROTOCOL_FIELDS: Partial<Record<ProtocolConfig['type'], SweepSetting[]>> = {
  'generators-judge': ['generators', 'layers'],
  'critic-loop': ['maxRounds'],
  'self-consistency': ['samples'],
  'software-team': ['reviewRounds', 'testRounds'],
};

type ProtocolField = Exclude<SweepSetting, 'temperature' | 'judgeModel'>;
const isProtocolField = (s: SweepSetting): s is ProtocolField =>
  s !== 'temperature' && s !== 'judgeModel';

/** The settings a side can be swept over. */
export function sweepSettings(side: SideConfig): SweepSetting[] {
  const settings: SweepSetting[] = [...(PROTOCOL_FIELDS[side.protocol.type] ?? [])];
  settings.push('temperature');
  if (side.roles.some((r) => r.kind === 'judge')) settings.push('judgeModel');
  return settings;
}

export type SweepValue = number | string;

/** A side's value of a setting; undefined where it has none (roles at different temperatures). */
export function settingValue(side: SideConfig, setting: SweepSetting): SweepValue | undefined {
  if (isProtocolField(setting)) {
    const value = (side.protocol as Record<string, unknown>)[setting];
    return typeof value === 'number' ? value : undefined;
  }
  if (setting === 'temperature') {
    const first = side.roles[0]?.temperature;
    return first !== undefined && side.roles.every((r) => r.temperature === first)
      ? first
      : undefined;
  }
  const judges = side.roles.filter((r) => r.kind === 'judge');
  return judges.length === 1 ? judges[0]!.model.modelId : undefined;
}

/** The side with the setting at `value` (a model for the judge), labelled with it. */
export function applySetting(
  side: SideConfig,
  setting: SweepSetting,
  value: number | ModelRef,
): SideConfig {
  const copy = structuredClone(side);
  const shown = typeof value === 'number' ? String(value) : value.modelId;
  copy.label = `${side.label} · ${SWEEP_SETTINGS[setting].short} = ${shown}`;
  if (isProtocolField(setting)) {
    if (typeof value !== 'number') throw new Error(`${setting} takes a number`);
    (copy.protocol as Record<string, unknown>)[setting] = value;
  } else if (setting === 'temperature') {
    if (typeof value !== 'number') throw new Error('temperature takes a number');
    for (const role of copy.roles) role.temperature = value;
  } else {
    if (typeof value === 'number') throw new Error("the judge's model takes a model");
    for (const role of copy.roles) if (role.kind === 'judge') role.model = { ...value };
  }
  return copy;
}

export type ParsedValues = { ok: true; values: number[] } | { ok: false; problem: string };

/** "1, 3, 5" → [1, 3, 5]: numbers within the setting's bounds (integers but for temperature). */
export function parseSweepValues(text: string, setting: SweepSetting): ParsedValues {
  const { name, min, max } = SWEEP_SETTINGS[setting];
  const parts = text
    .split(/[\s,;]+/u)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0)
    return { ok: false, problem: `Give the values of ${name}, e.g. 1, 3, 5.` };
  const values: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!Number.isFinite(value)) return { ok: false, problem: `"${part}" is not a number.` };
    if (setting !== 'temperature' && !Number.isInteger(value))
      return { ok: false, problem: `${name} takes whole numbers, not ${part}.` };
    if ((min !== undefined && value < min) || (max !== undefined && value > max))
      return { ok: false, problem: `${name} goes from ${min} to ${max}; ${part} is outside.` };
    if (!values.includes(value)) values.push(value);
  }
  if (values.length > 8) return { ok: false, problem: 'At most 8 values in one sweep.' };
  return { ok: true, values: values.sort((a, b) => a - b) };
}

/** The side with the setting blanked out and no label: equal keys differ only in the setting. */
function keyWithout(side: SideConfig, setting: SweepSetting): string {
  const copy = structuredClone(side) as SideConfig & Record<string, unknown>;
  copy.label = '';
  if (isProtocolField(setting)) (copy.protocol as Record<string, unknown>)[setting] = '*';
  else if (setting === 'temperature') for (const role of copy.roles) role.temperature = -1;
  else
    for (const role of copy.roles)
      if (role.kind === 'judge') role.model = { engine: role.model.engine, modelId: '*' };
  return JSON.stringify(copy);
}

export interface Sweep {
  setting: SweepSetting;
  /** The configs of the sweep, in the order of their values (numbers ascending). */
  points: { configId: string; label: string; value: SweepValue }[];
}

/**
 * The sweeps among a batch's configs: for each setting, the groups of at least `minPoints`
 * configs (default 3; 2 for a plain comparison is already the summary table) that are equal but
 * for that setting, each with a distinct value. A config may be in sweeps of several settings.
 */
export function findSweeps(configs: readonly BatchConfig[], minPoints = 3): Sweep[] {
  const sweeps: Sweep[] = [];
  const settings = Object.keys(SWEEP_SETTINGS) as SweepSetting[];
  for (const setting of settings) {
    const groups = new Map<string, Sweep['points']>();
    for (const config of configs) {
      if (!sweepSettings(config.side).includes(setting)) continue;
      const value = settingValue(config.side, setting);
      if (value === undefined) continue;
      const key = keyWithout(config.side, setting);
      const points = groups.get(key) ?? [];
      if (points.some((p) => p.value === value)) continue; // a repeat of a value: not a new point
      points.push({ configId: config.id, label: config.label, value });
      groups.set(key, points);
    }
    for (const points of groups.values()) {
      if (points.length < minPoints) continue;
      points.sort((a, b) =>
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : String(a.value).localeCompare(String(b.value)),
      );
      sweeps.push({ setting, points });
    }
  }
  return sweeps;
}
