/**
 * Before anything downloads: which distinct models an experiment needs, how big they are, and
 * whether the whole setup is likely to fit in memory. Agents on the same model share one
 * loaded copy, so memory grows with distinct models, not agents.
 */
import { resolveModel, type ResolvedModel } from '../catalog/resolve';
import type { CatalogModel } from '../catalog/types';
import type { ExperimentConfig, ModelRef, SideConfig } from '../team/config';

export interface PlannedModel extends ResolvedModel {
  ref: ModelRef;
  /** "Solo › Solo", "Team › Reasoner", … */
  usedBy: string[];
}

export interface ModelPlan {
  models: PlannedModel[];
  /** Refs the catalog does not know (e.g. from an old link). */
  unknown: ModelRef[];
  totalVramMB: number;
  totalDownloadMB: number;
  /** Number of roles across both sides. */
  agents: number;
}

export const modelKey = (ref: ModelRef) => `${ref.engine}:${ref.modelId}`;

/** The plan for an experiment's Solo and Team sides. */
export function planModels(config: ExperimentConfig, catalog: readonly CatalogModel[]): ModelPlan {
  return planSides(
    [
      { label: 'Solo', side: config.solo },
      { label: 'Team', side: config.team },
    ],
    catalog,
  );
}

/** The plan for any labelled sides (the benchmark runs several teams). */
export function planSides(
  sides: readonly { label: string; side: SideConfig }[],
  catalog: readonly CatalogModel[],
): ModelPlan {
  const byKey = new Map<string, PlannedModel>();
  const unknown = new Map<string, ModelRef>();
  let agents = 0;
  for (const { label, side } of sides) {
    for (const role of side.roles) {
      agents++;
      const key = modelKey(role.model);
      const user = `${label} › ${role.name}`;
      const planned = byKey.get(key);
      if (planned) {
        planned.usedBy.push(user);
        continue;
      }
      const resolved = resolveModel(catalog, role.model);
      if (!resolved) unknown.set(key, role.model);
      else byKey.set(key, { ...resolved, ref: role.model, usedBy: [user] });
    }
  }
  const models = [...byKey.values()];
  return {
    models,
    unknown: [...unknown.values()],
    totalVramMB: models.reduce((n, m) => n + m.variant.vramMB, 0),
    totalDownloadMB: models.reduce(
      (n, m) => n + (m.model.engine === 'scripted' ? 0 : m.variant.downloadMB),
      0,
    ),
    agents,
  };
}

/** A laptop-class GPU budget when the browser tells us nothing better (WebGPU hides VRAM). */
export const DEFAULT_GPU_BUDGET_MB = 4608;

export interface MemoryVerdict {
  fits: boolean;
  budgetMB: number;
  message: string;
}

/**
 * Compares the plan's GPU memory with what this device likely offers. WebGPU does not reveal
 * GPU memory; `navigator.deviceMemory` (GB of RAM, capped at 8 by browsers) bounds integrated
 * GPUs, which share RAM. The smaller of that half and the laptop budget is used.
 */
export function memoryVerdict(plan: ModelPlan, deviceMemoryGB: number | undefined): MemoryVerdict {
  const shared = deviceMemoryGB ? (deviceMemoryGB * 1024) / 2 : Infinity;
  const budgetMB = Math.min(DEFAULT_GPU_BUDGET_MB, shared);
  const fits = plan.totalVramMB <= budgetMB;
  const need = `${(plan.totalVramMB / 1024).toFixed(1)} GB`;
  const have = `${(budgetMB / 1024).toFixed(1)} GB`;
  const message = fits
    ? `Needs about ${need} of GPU memory; the budget for this device is about ${have}.`
    : `Needs about ${need} of GPU memory, more than the ~${have} this device likely offers. ` +
      (plan.models.length > 1
        ? 'Use one model for every role (they then share one copy), or pick smaller models.'
        : 'Pick a smaller model.');
  return { fits, budgetMB, message };
}
