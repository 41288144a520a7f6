import type { WebLLMCatalogRecord } from '../../../vite-plugins/webllm-catalog';
import { estimateDownloadMB, paramsFromId } from './estimate-download';
import { reasoningFlag } from './reasoning';
import type { CatalogModel, ModelVariant, Quantization } from './types';

/** Models whose largest variant needs more GPU memory than this are left out (laptop budget). */
export const MAX_VRAM_MB = 4608;

const QUANT = /-(q4f16_1|q4f32_1|q0f16|q0f32)-MLC(-1k)?$/;

function variantOf(record: WebLLMCatalogRecord): { base: string; variant: ModelVariant } {
  const match = QUANT.exec(record.modelId);
  const quantization = (match?.[1] ?? 'other') as Quantization;
  const base = match ? record.modelId.slice(0, match.index) + (match[2] ?? '') : record.modelId;
  const paramsB = paramsFromId(record.modelId);
  return {
    base,
    variant: {
      modelId: record.modelId,
      quantization,
      needsF16: record.requiredFeatures.includes('shader-f16') || quantization.includes('f16'),
      vramMB: record.vramMB,
      downloadMB: estimateDownloadMB(paramsB, quantization),
      contextWindow: record.contextWindow,
      modelUrl: record.modelUrl,
    },
  };
}

/**
 * Groups WebLLM's prebuilt list into catalog models: chat models only, each variant within
 * the laptop memory budget, smallest first.
 */
export function buildWebLLMCatalog(records: WebLLMCatalogRecord[]): CatalogModel[] {
  const byBase = new Map<string, ModelVariant[]>();
  for (const record of records) {
    if (record.modelType !== 'llm' || record.vramMB > MAX_VRAM_MB) continue;
    const { base, variant } = variantOf(record);
    byBase.set(base, [...(byBase.get(base) ?? []), variant]);
  }
  return [...byBase.entries()]
    .map(([id, variants]) => ({
      id,
      label: id.replace(/-MLC(-1k)?$/, '').replace(/-1k$/, ' (1k context)'),
      engine: 'webllm' as const,
      paramsB: paramsFromId(id),
      variants,
      ...reasoningFlag(id),
    }))
    .sort((a, b) => (a.paramsB ?? 99) - (b.paramsB ?? 99) || a.id.localeCompare(b.id));
}
