/**
 * Before anything downloads: which distinct models an experiment needs, how big they are, and
 * whether the whole setup is likely to fit in memory. Agents on the same model share one
 * loaded copy, so memory grows with distinct models, not agents.
 */
import { resolveModel, type ResolvedModel } from '../catalog/resolve';
import type { CatalogModel } from '../catalog/types';
import type { GpuSupport } from '../gpu/gpu-support';
import type { ExperimentConfig, ModelRef, SideConfig } from '../team/config';
import { contextTooSmallMessage } from '../team/context-budget';
import { worstCaseCalls } from '../team/context-worst-case';
import type { ProtocolInput } from '../team/prompts';
import { describeRam, formatGB, gpuBudget, ramBudgetMB } from './device-plan';

export { DEFAULT_GPU_BUDGET_MB } from './device-plan';

export interface PlannedModel extends ResolvedModel {
  ref: ModelRef;
  /** "Solo › Solo", "Team › Reasoner", … */
  usedBy: string[];
  /** 2 for a second loaded copy of a model the other side also uses; absent for the first. */
  copy?: number;
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

/** A model as the plan counts it: a GGUF model on WebGPU is a load of its own, beside the CPU one. */
export const modelKey = (ref: ModelRef) =>
  `${ref.engine}:${ref.modelId}${ref.device === 'gpu' && ref.engine === 'wllama' ? '@gpu' : ''}`;

/** A planned model's own key: its model, and its copy past the first. */
export const plannedKey = (m: PlannedModel) =>
  `${modelKey(m.ref)}${m.copy && m.copy > 1 ? `#${m.copy}` : ''}`;

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

/**
 * The plan with a second loaded copy of every model both sides use: Solo keeps the first, the
 * Team gets its own, so the two sides run at once instead of taking turns (twice the memory,
 * the same download: both copies read the one cached set of files).
 */
export function withSecondCopies(plan: ModelPlan): ModelPlan {
  const shared = sharedBySides(plan);
  if (!shared.length) return plan;
  const models = plan.models.flatMap((m) => {
    if (!shared.includes(m)) return [m];
    const solo = m.usedBy.filter((u) => u.startsWith('Solo ›'));
    const team = m.usedBy.filter((u) => u.startsWith('Team ›'));
    return [
      { ...m, usedBy: solo },
      { ...m, usedBy: team, copy: 2 },
    ];
  });
  return {
    ...plan,
    models,
    totalVramMB: models.reduce((n, m) => n + (gpuMemOf(m) ?? 0), 0),
  };
}

/**
 * The context window (tokens) of each role's model as the plan loads it, for the protocols'
 * context budgets (ProtocolDeps.contextWindowOf); null for a model the plan does not hold.
 */
export function contextWindowsOf(plan: ModelPlan): (role: { model: ModelRef }) => number | null {
  const windows = new Map(plan.models.map((m) => [modelKey(m.ref), m.variant.contextWindow]));
  return (role) => windows.get(modelKey(role.model)) ?? null;
}

/** Models both sides use (on their first copy): their calls take turns on one loaded copy. */
export function sharedBySides(plan: ModelPlan): PlannedModel[] {
  return plan.models.filter(
    (m) =>
      !m.copy &&
      m.usedBy.some((u) => u.startsWith('Solo ›')) &&
      m.usedBy.some((u) => u.startsWith('Team ›')),
  );
}

/** Whether a planned model runs on WebGPU: WebLLM models, and GGUF models set to the GPU. */
export const runsOnGpu = (m: Pick<PlannedModel, 'model' | 'ref'>): boolean =>
  m.model.engine === 'webllm' || (m.model.engine === 'wllama' && m.ref.device === 'gpu');

/**
 * GPU memory a model needs, in MB: WebLLM's figure, or a GGUF model's RAM estimate when it runs
 * on WebGPU (llama.cpp puts the same weights, cache and buffers there); 0 on the CPU; null when
 * unknown.
 */
export const gpuMemOf = (m: Pick<PlannedModel, 'model' | 'variant' | 'ref'>): number | null =>
  m.model.engine !== 'wllama'
    ? m.variant.vramMB // WebLLM's figure (a scripted test model's pretend one)
    : m.ref.device === 'gpu'
      ? (m.variant.ramMB ?? null)
      : 0;

/** RAM a CPU model needs, in MB (0 for the scripted test engine and GPU models, null when unknown). */
const ramOf = (m: PlannedModel): number | null =>
  m.model.engine === 'wllama' && !runsOnGpu(m) ? (m.variant.ramMB ?? null) : 0;

export interface SecondCopyVerdict {
  /** Whether a second copy of the shared models likely fits this device. */
  fits: boolean;
  /** Extra memory a second copy takes, in MB (known sizes only). */
  extraMB: number;
  message: string;
}

/**
 * Whether loading a second copy of the models both sides share is likely to fit: the plan with
 * the copies must pass the same memory check as any plan (GPU budget for WebGPU models; for CPU
 * models, half the device's RAM where the browser tells it).
 */
export function secondCopyVerdict(
  plan: ModelPlan,
  deviceMemoryGB: number | undefined,
  gpu?: GpuSupport | null,
): SecondCopyVerdict {
  const shared = sharedBySides(plan);
  if (!shared.length) return { fits: false, extraMB: 0, message: 'No model is shared.' };
  const gpuExtra = shared.filter(runsOnGpu).reduce((n, m) => n + (gpuMemOf(m) ?? 0), 0);
  const ramExtra = shared.reduce((n, m) => n + (ramOf(m) ?? 0), 0);
  const extraMB = gpuExtra + ramExtra;
  const unknown = shared
    .filter((m) => (runsOnGpu(m) ? gpuMemOf(m) === null : ramOf(m) === null))
    .map((m) => m.variant.modelId);
  const more = `about ${formatGB(extraMB)} more memory`;
  const { budgetMB: gpuBudgetMB } = gpuBudget(deviceMemoryGB, gpu);
  if (gpuExtra > 0 && plan.totalVramMB + gpuExtra > gpuBudgetMB)
    return {
      fits: false,
      extraMB,
      message: `A second copy needs ${more}, beyond the ~${formatGB(gpuBudgetMB)} of GPU memory this device likely offers.`,
    };
  const ramTotal = plan.models.reduce((n, m) => n + (ramOf(m) ?? 0), 0) + ramExtra;
  const ramBudgetMB = deviceMemoryGB ? (deviceMemoryGB * 1024) / 2 : Infinity;
  if (ramExtra > 0 && ramTotal > ramBudgetMB)
    return {
      fits: false,
      extraMB,
      message: `A second copy needs ${more}, beyond the ~${formatGB(ramBudgetMB)} of RAM this browser can likely use.`,
    };
  const unknownNote = unknown.length ? ` (${unknown.join(', ')}: size unknown)` : '';
  return {
    fits: true,
    extraMB,
    message: extraMB > 0 ? `Takes ${more}${unknownNote}.` : `Takes no extra memory${unknownNote}.`,
  };
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
  // One file, downloaded once, even where it loads twice (on the GPU and on the CPU).
  const files = [...new Map(real.map((m) => [m.variant.modelId, m])).values()];
  return {
    models,
    unknown: [...unknown.values()],
    totalVramMB: models.reduce((n, m) => n + (gpuMemOf(m) ?? 0), 0),
    totalDownloadMB: files.reduce((n, m) => n + (m.variant.downloadMB ?? 0), 0),
    unknownDownload: files
      .filter((m) => m.variant.downloadMB === null)
      .map((m) => m.variant.modelId),
    unknownMemory: files
      .filter((m) =>
        m.model.engine === 'webllm' ? m.variant.vramMB === null : m.variant.ramMB === undefined,
      )
      .map((m) => m.variant.modelId),
    agents,
  };
}

export interface MemoryVerdict {
  fits: boolean;
  /** GPU memory budget for this device, in MB. */
  budgetMB: number;
  /** RAM budget for the CPU models, in MB; null when the browser does not report RAM. */
  ramBudgetMB: number | null;
  message: string;
}

/**
 * Compares the plan with what this device likely offers. GPU models (WebLLM, and GGUF models
 * set to the GPU) against a GPU budget: WebGPU does not reveal GPU memory, so a laptop-class
 * figure, at most half of `navigator.deviceMemory` (integrated GPUs share RAM), and less on an
 * adapter with small buffers (`gpu`'s limits). CPU models against half the RAM the browser
 * reports, or "unknown" where it reports none.
 */
export function memoryVerdict(
  plan: ModelPlan,
  deviceMemoryGB: number | undefined,
  gpu?: GpuSupport | null,
): MemoryVerdict {
  const { budgetMB, basis } = gpuBudget(deviceMemoryGB, gpu);
  const ramBudget = ramBudgetMB(deviceMemoryGB);
  const gpuModels = plan.models.filter(runsOnGpu);
  const cpuModels = plan.models.filter((m) => m.model.engine === 'wllama' && !runsOnGpu(m));
  const ramMB = cpuModels.reduce((n, m) => n + (m.variant.ramMB ?? 0), 0);
  const gpuFits = plan.totalVramMB <= budgetMB;
  const ramFits = ramBudget === null || ramMB <= ramBudget;
  const fits = gpuFits && ramFits;
  const parts = [
    gpuModels.length
      ? gpuMessage(plan, gpuModels, budgetMB, basis)
      : 'Runs on the CPU: no GPU memory needed.',
    ...(cpuModels.length ? [ramMessage(plan, cpuModels, ramMB, ramBudget, deviceMemoryGB)] : []),
  ];
  if (!fits)
    parts.push(
      plan.models.length > 1
        ? 'Use one model for every role (they then share one copy), or pick smaller models.'
        : 'Pick a smaller model.',
    );
  return { fits, budgetMB, ramBudgetMB: ramBudget, message: parts.join(' ') };
}

function gpuMessage(
  plan: ModelPlan,
  gpuModels: PlannedModel[],
  budgetMB: number,
  basis: string,
): string {
  // GPU models whose need is not known are named, not counted as 0.
  const gpuUnknown = gpuModels.filter((m) => gpuMemOf(m) === null).map((m) => m.variant.modelId);
  const unknownNote = gpuUnknown.length ? `${gpuUnknown.join(', ')}: size unknown` : '';
  let need: string;
  if (plan.totalVramMB > 0 || !gpuUnknown.length) {
    need = `about ${formatGB(plan.totalVramMB)} of GPU memory`;
    if (unknownNote) need += ` (plus ${unknownNote})`;
  } else {
    need = `an unknown amount of GPU memory (${unknownNote})`;
  }
  const have = formatGB(budgetMB);
  return plan.totalVramMB <= budgetMB
    ? `Needs ${need}; the budget for this device is about ${have} (${basis}).`
    : `Needs ${need}, more than the ~${have} this device likely offers (${basis}).`;
}

/** What the CPU models (WebAssembly) need: RAM, against half of what the browser reports. */
function ramMessage(
  plan: ModelPlan,
  cpuModels: PlannedModel[],
  ramMB: number,
  ramBudget: number | null,
  deviceMemoryGB: number | undefined,
): string {
  const unknown = plan.unknownMemory.filter((id) =>
    cpuModels.some((m) => m.variant.modelId === id),
  );
  const need = [
    ...(ramMB > 0 ? [`about ${formatGB(ramMB)}`] : []),
    ...(unknown.length ? [`${unknown.join(', ')}: size unknown`] : []),
  ].join('; plus ');
  const device = `the device's RAM is ${describeRam(deviceMemoryGB)}`;
  if (ramBudget === null) return `Memory (RAM): ${need}; ${device}.`;
  return ramMB <= ramBudget
    ? `Memory (RAM): ${need}; ${device}, about ${formatGB(ramBudget)} of it for models.`
    : `Memory (RAM): ${need}, more than the ~${formatGB(ramBudget)} for models here (${device}).`;
}

export interface ContextWarning {
  /** 'cannot-fit': the side will fail at this role; 'trimmed': its calls will be cut to fit. */
  level: 'cannot-fit' | 'trimmed';
  message: string;
}

const count = (n: number) => n.toLocaleString('en');

/**
 * Roles whose worst-case call (every reply as long as its max tokens, every round used) would
 * not fit their model's context window: those whose calls will be trimmed, and those that
 * cannot run at all (the system prompt, question and reply alone do not fit).
 */
export function contextWarnings(
  sides: readonly { label: string; side: SideConfig }[],
  input: ProtocolInput,
  catalog: readonly CatalogModel[],
): ContextWarning[] {
  const warnings: ContextWarning[] = [];
  for (const { label, side } of sides) {
    for (const call of worstCaseCalls(side, input)) {
      const { role } = call;
      const window = resolveModel(catalog, role.model)?.variant.contextWindow;
      if (!window) continue;
      const reserve = role.maxTokens;
      if (call.minimumTokens + reserve > window)
        warnings.push({
          level: 'cannot-fit',
          message: `${label} › ${contextTooSmallMessage(role.name, window, call.minimumTokens, reserve)}`,
        });
      else if (call.promptTokens + reserve > window)
        warnings.push({
          level: 'trimmed',
          message:
            `${label} › ${role.name}: at worst a call needs about ` +
            `${count(call.promptTokens + reserve)} tokens with its ${count(reserve)}-token reply` +
            (call.rounds ? ` (${call.rounds} rounds of drafts and feedback)` : '') +
            `, more than ${role.model.modelId}'s ${count(window)}-token window: ` +
            (call.rounds
              ? 'older rounds will be shortened or dropped to fit.'
              : 'the texts handed to it will be shortened to fit.'),
        });
    }
  }
  return warnings;
}
