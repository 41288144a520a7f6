/**
 * What this device offers, as far as the browser says, and the warning for a device that is
 * likely too small: a phone, or a browser whose WebGPU is a software adapter. Browsers do not
 * reveal GPU memory; `navigator.deviceMemory` (GB of RAM, rounded down and capped, Chromium only)
 * and the adapter's buffer limits are the clues used here.
 */
import type { CatalogModel } from '../catalog/types';
import type { GpuSupport } from '../gpu/gpu-support';
import type { ModelPlan, PlannedModel } from './model-plan';

/** What the browser tells about the device. */
export interface DeviceFacts {
  /** `navigator.deviceMemory` in GB; undefined where the browser does not say. */
  deviceMemoryGB?: number;
  /** `navigator.userAgentData.mobile`; undefined where the browser does not say. */
  mobile?: boolean;
}

/** The facts from `navigator` (or a stand-in, for tests). */
export function readDeviceFacts(
  nav:
    | (Navigator & { deviceMemory?: number; userAgentData?: { mobile?: boolean } })
    | undefined = globalThis.navigator,
): DeviceFacts {
  const memory = nav?.deviceMemory;
  const mobile = nav?.userAgentData?.mobile;
  return {
    ...(typeof memory === 'number' && memory > 0 ? { deviceMemoryGB: memory } : {}),
    ...(typeof mobile === 'boolean' ? { mobile } : {}),
  };
}

/**
 * From this much `deviceMemory` on, the figure is a floor: browsers cap it (Chromium long at 8;
 * the Chromium here reports 16), so 8 means "8 GB or more".
 */
export const DEVICE_MEMORY_CAP_GB = 8;
/** A laptop-class GPU budget when the browser tells us nothing better (WebGPU hides VRAM). */
export const DEFAULT_GPU_BUDGET_MB = 4608;
/** Adapters whose largest buffer is below this are small GPUs (phones, old integrated ones). */
export const SMALL_GPU_BUFFER_BYTES = 2 ** 30;
/** On such an adapter, the budget is this many times its largest buffer. */
export const SMALL_GPU_BUFFERS = 4;
/** At or below this much RAM (GB), a device is treated like a phone. */
export const PHONE_MEMORY_GB = 4;

const MB = 1024 * 1024;
/** Memory in GB to one decimal; below 0.1 GB in MB, so a small model never reads "0.0 GB". */
export const formatGB = (mb: number) =>
  mb > 0 && mb < 102.4 ? `${Math.max(1, Math.round(mb))} MB` : `${(mb / 1024).toFixed(1)} GB`;

/** What the RAM figure means in words: browsers cap it, and some do not give it. */
export function describeRam(deviceMemoryGB: number | undefined): string {
  if (deviceMemoryGB === undefined) return 'unknown (this browser does not report it)';
  return deviceMemoryGB >= DEVICE_MEMORY_CAP_GB
    ? `${deviceMemoryGB} GB or more (browsers round the figure down and cap it)`
    : `about ${deviceMemoryGB} GB`;
}

/**
 * GPU memory the plan may use, and why: the laptop budget, at most half the RAM (integrated GPUs
 * share it), and on an adapter with small buffers (at most 1 GiB to a buffer or a binding) a
 * multiple of its largest buffer.
 */
export function gpuBudget(
  deviceMemoryGB: number | undefined,
  gpu: GpuSupport | null | undefined,
): { budgetMB: number; basis: string } {
  let budgetMB = DEFAULT_GPU_BUDGET_MB;
  let basis = 'a laptop-class guess: WebGPU does not reveal GPU memory';
  if (deviceMemoryGB !== undefined && (deviceMemoryGB * 1024) / 2 < budgetMB) {
    budgetMB = (deviceMemoryGB * 1024) / 2;
    basis = `half the ${deviceMemoryGB} GB of RAM the browser reports`;
  }
  if (gpu && gpu.status !== 'unavailable') {
    const largest = Math.min(
      gpu.maxBufferSize,
      gpu.maxStorageBufferBindingSize ?? gpu.maxBufferSize,
    );
    const byBuffers = (SMALL_GPU_BUFFERS * largest) / MB;
    if (largest < SMALL_GPU_BUFFER_BYTES && byBuffers < budgetMB) {
      budgetMB = byBuffers;
      basis = `the GPU allows buffers of at most ${Math.round(largest / MB)} MB, a small GPU`;
    }
  }
  return { budgetMB, basis };
}

/** RAM the CPU models may use: half the RAM the browser reports; null when it reports none. */
export function ramBudgetMB(deviceMemoryGB: number | undefined): number | null {
  return deviceMemoryGB === undefined ? null : (deviceMemoryGB * 1024) / 2;
}

/** Whether the device looks like a phone: the browser says so, or it has little RAM. */
export function isPhoneLike(facts: DeviceFacts): boolean {
  return (
    facts.mobile === true ||
    (facts.deviceMemoryGB !== undefined && facts.deviceMemoryGB <= PHONE_MEMORY_GB)
  );
}

/** Memory a model needs where it runs, in MB (RAM for CPU models); null when unknown. */
const needOf = (m: Pick<PlannedModel, 'model' | 'variant'>): number | null =>
  m.model.engine === 'wllama' ? (m.variant.ramMB ?? null) : m.variant.vramMB;

/**
 * The smallest catalog model that suits a small device: a GGUF model on the CPU (no GPU needed)
 * with a known memory need, within the RAM budget where the browser reports RAM. Custom and
 * test-only models are never suggested.
 */
export function smallestSuitable(
  catalog: readonly CatalogModel[],
  deviceMemoryGB: number | undefined,
): { model: CatalogModel; ramMB: number } | null {
  const budget = ramBudgetMB(deviceMemoryGB) ?? Infinity;
  const fits = catalog
    .filter((m) => m.engine === 'wllama' && !m.custom && !m.testOnly)
    .map((model) => ({ model, ramMB: model.variants[0]?.ramMB }))
    .filter((m): m is { model: CatalogModel; ramMB: number } => m.ramMB !== undefined)
    .filter((m) => m.ramMB <= budget)
    .sort((a, b) => a.ramMB - b.ramMB);
  return fits[0] ?? null;
}

export interface DeviceWarning {
  /** Why this device is a concern, in words. */
  reason: string;
  /** The smaller model to try, if the catalog has one. */
  suggestion: CatalogModel | null;
  message: string;
}

/**
 * A clear warning when this device is likely too small for the plan (a phone, or a software
 * WebGPU adapter for a plan with GPU models), naming the smallest suitable catalog model; null
 * when there is nothing to say (no such device, or the plan is no bigger than that model).
 */
export function deviceWarning(
  plan: ModelPlan,
  facts: DeviceFacts,
  gpu: GpuSupport | null | undefined,
  catalog: readonly CatalogModel[],
): DeviceWarning | null {
  const real = plan.models.filter((m) => m.model.engine !== 'scripted');
  if (!real.length) return null;
  const onGpu = real.filter(
    (m) => m.model.engine === 'webllm' || (m.model.engine === 'wllama' && m.ref.device === 'gpu'),
  );
  let reason: string;
  if (isPhoneLike(facts)) {
    const why = [
      ...(facts.mobile ? ['the browser reports a mobile device'] : []),
      ...(facts.deviceMemoryGB !== undefined && facts.deviceMemoryGB <= PHONE_MEMORY_GB
        ? [`it reports ${facts.deviceMemoryGB} GB of RAM`]
        : []),
    ].join(' and ');
    reason = `This looks like a phone (${why}): larger models may crash the tab or run very slowly.`;
  } else if (gpu?.status === 'software' && onGpu.length) {
    reason =
      `This browser's WebGPU is a software adapter (${gpu.architecture || gpu.vendor || 'no GPU'}): ` +
      `${onGpu.map((m) => m.variant.modelId).join(', ')} would run on the CPU at a crawl.`;
  } else return null;

  const suggested = smallestSuitable(catalog, facts.deviceMemoryGB);
  // Nothing smaller to offer: every model in the plan is already at most that size, on the CPU.
  if (
    suggested &&
    real.every((m) => !onGpu.includes(m) && (needOf(m) ?? Infinity) <= suggested.ramMB)
  )
    return null;
  const suggestion = suggested?.model ?? null;
  const message = suggested
    ? `${reason} Try ${suggested.model.label} on the CPU, the smallest model in the catalog ` +
      `(about ${formatGB(suggested.ramMB)} of RAM).`
    : `${reason} Pick the smallest model you can.`;
  return { reason, suggestion, message };
}
