import type { Quantization } from './types';

/** Parameter counts for ids that do not spell theirs out, in billions. */
const KNOWN_PARAMS: Record<string, number> = {
  'phi-1_5': 1.4,
  'phi-2': 2.7,
  'Phi-3-mini': 3.8,
  'Phi-3.5-mini': 3.8,
  'Phi-4-mini': 3.8,
  'gemma-4-E2B': 5.1,
};

/** Parameter count in billions read from a model id ('Qwen2.5-0.5B-Instruct' → 0.5). */
export function paramsFromId(modelId: string): number | null {
  for (const [prefix, params] of Object.entries(KNOWN_PARAMS)) {
    if (modelId.startsWith(prefix)) return params;
  }
  const match = /(?:^|[-_])(\d+(?:[._]\d+)?)([BM])(?=[-_]|$)/i.exec(modelId);
  if (!match?.[1] || !match[2]) return null;
  const value = Number(match[1].replace('_', '.'));
  return match[2].toUpperCase() === 'M' ? value / 1000 : value;
}

/** Bits stored per weight: 4-bit groups of 32 carry one 16-bit scale (4 + 16/32). */
const BITS_PER_WEIGHT: Record<Quantization, number> = {
  q4f16_1: 4.5,
  q4f32_1: 4.5,
  q0f16: 16,
  q0f32: 32,
  // llama.cpp K-quants mix block types; Q4_K_M averages about 4.85 bits, Q8_0 8.5.
  Q4_K_M: 4.85,
  Q8_0: 8.5,
  F32: 32,
  other: 16,
};

/**
 * Estimated download in MB: parameters × bits per weight, plus ~5 MB of tokenizer, config and
 * model library. An estimate, and labelled so in the UI; the exact size shows while downloading.
 */
export function estimateDownloadMB(paramsB: number | null, quantization: Quantization): number {
  if (paramsB === null) return 0;
  return Math.round((paramsB * 1e9 * BITS_PER_WEIGHT[quantization]) / 8 / 1e6 + 5);
}
