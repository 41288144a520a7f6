/**
 * What the model picker lists: one entry per catalog model with its size, memory, context window
 * and a one-line note (why it cannot run here, when it cannot), grouped by engine, filtered by
 * what the user types, recently used first.
 */
import { formatDownload, formatMB } from '../format';
import type { GpuSupport } from '../gpu/gpu-support';
import { chooseVariant } from './choose-variant';
import { hasUsableGpu, needsMissingGpu } from './default-model';
import type { CatalogModel, ModelVariant } from './types';

export type PickerGroupId = 'recent' | 'custom' | 'remote' | 'webllm' | 'wllama' | 'scripted';

/** Group names, as the WebGPU notice (GpuNotice) names them. */
export const GROUP_LABELS: Record<PickerGroupId, string> = {
  recent: 'Recently used',
  custom: 'Custom models',
  remote: 'Remote servers (OpenAI-compatible)',
  webllm: 'WebGPU (WebLLM)',
  wllama: 'CPU, WebAssembly (wllama)',
  scripted: 'Scripted test models',
};

/** How many models "Recently used" keeps. */
export const RECENT_MAX = 5;

export interface PickerEntry {
  model: CatalogModel;
  /** The build this browser would load; null when none can run here. */
  variant: ModelVariant | null;
  group: Exclude<PickerGroupId, 'recent'>;
  /** Whether this browser can run it (a GPU model needs WebGPU, a build this GPU supports). */
  runnable: boolean;
  download: string;
  memory: string;
  context: string;
  /** One line: why it cannot run here, or what to know about it. */
  note: string;
  /** Lower-case text the filter searches: name, ids, family, engine, quantisation. */
  haystack: string;
}

export interface PickerGroup {
  id: PickerGroupId;
  label: string;
  /** What holds for the whole group here (e.g. "needs WebGPU, not available here"). */
  note: string;
  entries: PickerEntry[];
}

function groupOf(model: CatalogModel): PickerEntry['group'] {
  if (model.engine === 'remote') return 'remote';
  if (model.custom) return 'custom';
  return model.engine;
}

export function pickerEntry(model: CatalogModel, gpu: GpuSupport, threads = 1): PickerEntry {
  const choice = chooseVariant(model, gpu);
  const variant = choice.variant;
  const missingGpu = needsMissingGpu(model, gpu);
  const runnable = variant !== null && !missingGpu;
  const scripted = model.engine === 'scripted';
  const remote = model.engine === 'remote';

  const download =
    scripted || remote
      ? 'no download'
      : variant && variant.downloadMB !== null
        ? `${formatDownload(variant.downloadMB)} download`
        : 'download size unknown';
  const memoryMB = variant ? (model.engine === 'webllm' ? variant.vramMB : variant.ramMB) : 0;
  const memory = scripted
    ? 'no memory to speak of'
    : remote
      ? 'runs on the server'
      : memoryMB
        ? `≈ ${formatMB(memoryMB)} ${model.engine === 'webllm' ? 'GPU memory' : 'RAM'}`
        : 'memory unknown';
  const context = variant ? `${variant.contextWindow.toLocaleString('en')}-token context` : '';

  let note: string;
  if (missingGpu) note = 'Cannot run here: it needs WebGPU, which this browser does not offer.';
  else if (!variant) note = `Cannot run here: ${choice.reason}`;
  else if (model.engine === 'webllm' && gpu.status === 'software')
    note = "Very slow here: this browser's WebGPU runs on the CPU (a software adapter).";
  else if (model.note) note = model.note;
  else if (remote)
    note = `Served by ${model.custom?.hosts.join(', ') || 'a remote server'}: prompts are sent there.`;
  else if (model.custom)
    note = `Custom model (${model.custom.source === 'file' ? 'local file' : model.custom.hosts.join(', ')}).`;
  else if (model.engine === 'wllama')
    note = `Runs on the CPU with WebAssembly (${threads} ${threads > 1 ? 'threads' : 'thread'}).`;
  else if (scripted) note = 'Scripted replies, for tests.';
  else note = `Runs on the GPU (${variant.quantization}).`;

  const haystack = [
    model.label,
    model.id,
    ...model.variants.flatMap((v) => [v.modelId, v.quantization]),
    model.engine,
    GROUP_LABELS[groupOf(model)],
    model.paramsB ? `${model.paramsB}B` : '',
  ]
    .join(' ')
    .toLowerCase();

  return {
    model,
    variant,
    group: groupOf(model),
    runnable,
    download,
    memory,
    context,
    note,
    haystack,
  };
}

/** Entries matching every word of `query` (any order, any case); all of them for ''. */
export function filterEntries(entries: readonly PickerEntry[], query: string): PickerEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => words.every((w) => e.haystack.includes(w)));
}

/** Group notes that hold for this browser. */
export function groupNote(id: PickerGroupId, gpu: GpuSupport): string {
  if (id !== 'webllm') return '';
  if (gpu.status === 'unavailable') return 'needs WebGPU, not available here';
  if (gpu.status === 'software') return 'very slow on this software GPU';
  return '';
}

/**
 * The groups to show: "Recently used" first (only when nothing is typed), then custom models,
 * then the engine that runs best here, then the other, then scripted test models. Within a
 * group, recently used models come first when filtering.
 */
export function groupEntries(
  entries: readonly PickerEntry[],
  gpu: GpuSupport,
  options: { query?: string; recent?: readonly string[] } = {},
): PickerGroup[] {
  const query = options.query?.trim() ?? '';
  const recent = options.recent ?? [];
  const matching = filterEntries(entries, query);
  const rank = (e: PickerEntry) => {
    const i = recent.indexOf(e.model.id);
    return i === -1 ? recent.length : i;
  };
  const engines: PickerEntry['group'][] = hasUsableGpu(gpu)
    ? ['custom', 'remote', 'webllm', 'wllama', 'scripted']
    : ['custom', 'remote', 'wllama', 'webllm', 'scripted'];
  const groups: PickerGroup[] = [];
  if (!query) {
    const recentEntries = recent
      .map((id) => entries.find((e) => e.model.id === id))
      .filter((e): e is PickerEntry => e !== undefined);
    if (recentEntries.length)
      groups.push({ id: 'recent', label: GROUP_LABELS.recent, note: '', entries: recentEntries });
  }
  for (const id of engines) {
    let inGroup = matching.filter((e) => e.group === id);
    if (query)
      inGroup = inGroup
        .map((e, i) => ({ e, i }))
        .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
        .map((x) => x.e);
    if (inGroup.length)
      groups.push({ id, label: GROUP_LABELS[id], note: groupNote(id, gpu), entries: inGroup });
  }
  return groups;
}

/** The recently used list with `id` put first, at most `max` long. */
export function pushRecent(list: readonly string[], id: string, max = RECENT_MAX): string[] {
  return [id, ...list.filter((x) => x !== id)].slice(0, max);
}
