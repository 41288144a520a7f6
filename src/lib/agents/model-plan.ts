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
  /** GPU memory of the models whose need is known, in MB. */
  totalVramMB: number;
  /** Download of the models whose size is known, in MB. */
  totalDownloadMB: number;
  /** Models (variant ids) whose download size is unknown (custom models the host did not size). */
  unknownDownload: string[];
  /** Models whose memory need is unknown (custom MLC models' GPU memory, custom GGUF RAM). */
  unknownMemory: string[];
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
  const real = models.filter((m) => m.model.engine !== 'scripted');
  return {
    models,
    unknown: [...unknown.values()],
    totalVramMB: models.reduce((n, m) => n + (m.variant.vramMB ?? 0), 0),
    totalDownloadMB: real.reduce((n, m) => n + (m.variant.downloadMB ?? 0), 0),
    unknownDownload: real
      .filter((m) => m.variant.downloadMB === null)
      .map((m) => m.variant.modelId),
    unknownMemory: real
      .filter((m) =>
        m.model.engine === 'webllm' ? m.variant.vramMB === null : m.variant.ramMB === undefined,
      )
      .map((m) => m.variant.modelId),
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
  const have = `${(budgetMB / 1024).toFixed(1)} GB`;
  if (!plan.models.some((m) => m.model.engine === 'webllm')) {
    return { fits, budgetMB, message: cpuMessage(plan) };
  }
  // GPU models whose need is not known are named, not counted as 0.
  const gpuUnknown = plan.models
    .filter((m) => m.model.engine === 'webllm' && m.variant.vramMB === null)
    .map((m) => m.variant.modelId);
  const unknownNote = gpuUnknown.length ? `${gpuUnknown.join(', ')}: size unknown` : '';
  let need: string;
  if (plan.totalVramMB > 0 || !gpuUnknown.length) {
    need = `about ${(plan.totalVramMB / 1024).toFixed(1)} GB of GPU memory`;
    if (unknownNote) need += ` (plus ${unknownNote})`;
  } else {
    need = `an unknown amount of GPU memory (${unknownNote})`;
  }
  const message = fits
    ? `Needs ${need}; the budget for this device is about ${have}.`
    : `Needs ${need}, more than the ~${have} this device likely offers. ` +
      (plan.models.length > 1
        ? 'Use one model for every role (they then share one copy), or pick smaller models.'
        : 'Pick a smaller model.');
  return { fits, budgetMB, message };
}

/** What a setup that runs on the CPU only (WebAssembly, or scripted) needs: RAM, not GPU memory. */
function cpuMessage(plan: ModelPlan): string {
  const cpu = plan.models.filter((m) => m.model.engine === 'wllama');
  if (!cpu.length) return 'Runs on the CPU: no GPU memory needed.';
  const ramMB = cpu.reduce((n, m) => n + (m.variant.ramMB ?? 0), 0);
  const unknown = plan.unknownMemory.filter((id) => cpu.some((m) => m.variant.modelId === id));
  const parts = [
    ...(ramMB > 0 ? [`about ${(ramMB / 1024).toFixed(1)} GB`] : []),
    ...(unknown.length ? [`${unknown.join(', ')}: size unknown`] : []),
  ];
  return `Runs on the CPU: no GPU memory needed. Memory (RAM): ${parts.join('; plus ')}.`;
}
