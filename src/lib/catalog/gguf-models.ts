/**
 * GGUF models for the WebAssembly engine (wllama, llama.cpp compiled to wasm). They run on the
 * CPU in any modern browser, WebGPU or not: the way to real inference where WebGPU is missing or
 * is only a software emulation.
 *
 * Each entry names one file on Hugging Face and its download size. Sizes are the published file
 * sizes, from the Hugging Face file listings or from catalogs that pin the exact byte count (see
 * `sizeFrom`). Memory is an estimate: the file (weights are read into wasm memory) plus the KV
 * cache at the context the model is loaded with, plus llama.cpp's compute buffer.
 */
import { reasoningFlag } from './reasoning';
import type { CatalogModel, ModelVariant } from './types';

/** Context every GGUF model is loaded with: enough for the playground, cheap in memory. */
export const GGUF_CONTEXT = 4096;

/** Tokens per micro-batch llama.cpp uses while reading the prompt (its default). */
const UBATCH = 512;

export interface GgufRecord {
  /** Catalog id; ends in `-GGUF` so it can never collide with a WebLLM id. */
  id: string;
  label: string;
  /** Hugging Face repository, `owner/name`. */
  repo: string;
  /** File name in the repository's main branch. */
  file: string;
  quantization: 'Q4_K_M' | 'Q8_0' | 'F32';
  paramsB: number;
  /** Published file size in bytes (decimal MB where only that is published). */
  bytes: number;
  /** Where `bytes` comes from. */
  sizeFrom: string;
  /** Shape that sets the KV cache and compute buffer. */
  arch: { layers: number; heads: number; kvHeads: number; headDim: number };
  /** Longest context the model was trained for. */
  trainedContext: number;
  note?: string;
}

const MB = 1e6;

export const GGUF_RECORDS: readonly GgufRecord[] = [
  {
    id: 'SmolLM2-135M-Instruct-Q8_0-GGUF',
    label: 'SmolLM2-135M-Instruct (Q8_0)',
    repo: 'HuggingFaceTB/SmolLM2-135M-Instruct-GGUF',
    file: 'smollm2-135m-instruct-q8_0.gguf',
    quantization: 'Q8_0',
    paramsB: 0.135,
    bytes: 145 * MB,
    sizeFrom:
      'huggingface.co/mradermacher/SmolLM2-135M-Instruct-GGUF file list (Q8_0 of the same model: 145 MB)',
    arch: { layers: 30, heads: 9, kvHeads: 3, headDim: 64 },
    trainedContext: 8192,
  },
  {
    id: 'SmolLM2-360M-Instruct-Q8_0-GGUF',
    label: 'SmolLM2-360M-Instruct (Q8_0)',
    repo: 'HuggingFaceTB/SmolLM2-360M-Instruct-GGUF',
    file: 'smollm2-360m-instruct-q8_0.gguf',
    quantization: 'Q8_0',
    paramsB: 0.36,
    bytes: 386_404_992,
    sizeFrom: "wllama's example app model list (exact bytes); HF file page: 386 MB",
    arch: { layers: 32, heads: 15, kvHeads: 5, headDim: 64 },
    trainedContext: 8192,
  },
  {
    id: 'Qwen2.5-0.5B-Instruct-Q8_0-GGUF',
    label: 'Qwen2.5-0.5B-Instruct (Q8_0)',
    repo: 'Qwen/Qwen2.5-0.5B-Instruct-GGUF',
    file: 'qwen2.5-0.5b-instruct-q8_0.gguf',
    quantization: 'Q8_0',
    paramsB: 0.5,
    bytes: 675_710_816,
    sizeFrom: "wllama's example app model list (exact bytes)",
    arch: { layers: 24, heads: 14, kvHeads: 2, headDim: 64 },
    trainedContext: 32768,
  },
  {
    id: 'Qwen3-0.6B-Q8_0-GGUF',
    label: 'Qwen3-0.6B (Q8_0)',
    repo: 'Qwen/Qwen3-0.6B-GGUF',
    file: 'Qwen3-0.6B-Q8_0.gguf',
    quantization: 'Q8_0',
    paramsB: 0.6,
    bytes: 639_446_688,
    sizeFrom: 'a public model catalog pinning this file (exact bytes)',
    arch: { layers: 28, heads: 16, kvHeads: 8, headDim: 128 },
    trainedContext: 32768,
    note: 'Qwen3 thinks out loud (<think>…</think>) before it answers; give it enough max tokens.',
  },
  {
    id: 'Gemma-3-1B-it-Q4_K_M-GGUF',
    label: 'Gemma-3-1B-it (Q4_K_M)',
    repo: 'unsloth/gemma-3-1b-it-GGUF',
    file: 'gemma-3-1b-it-Q4_K_M.gguf',
    quantization: 'Q4_K_M',
    paramsB: 1,
    bytes: 806 * MB,
    sizeFrom: 'huggingface.co/unsloth/gemma-3-1b-it-GGUF file list (806 MB)',
    arch: { layers: 26, heads: 4, kvHeads: 1, headDim: 256 },
    trainedContext: 32768,
  },
  {
    id: 'Llama-3.2-1B-Instruct-Q4_K_M-GGUF',
    label: 'Llama-3.2-1B-Instruct (Q4_K_M)',
    repo: 'hugging-quants/Llama-3.2-1B-Instruct-Q4_K_M-GGUF',
    file: 'llama-3.2-1b-instruct-q4_k_m.gguf',
    quantization: 'Q4_K_M',
    paramsB: 1.2,
    bytes: 807_690_656,
    sizeFrom: "wllama's example app model list (exact bytes); bartowski's table: 0.81 GB",
    arch: { layers: 16, heads: 32, kvHeads: 8, headDim: 64 },
    trainedContext: 131072,
  },
  {
    id: 'Qwen2.5-1.5B-Instruct-Q4_K_M-GGUF',
    label: 'Qwen2.5-1.5B-Instruct (Q4_K_M)',
    repo: 'Qwen/Qwen2.5-1.5B-Instruct-GGUF',
    file: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
    quantization: 'Q4_K_M',
    paramsB: 1.5,
    bytes: 1_117_320_736,
    sizeFrom: 'a public project pinning this file by revision and SHA-256 (exact bytes)',
    arch: { layers: 28, heads: 12, kvHeads: 2, headDim: 128 },
    trainedContext: 32768,
  },
  {
    id: 'Qwen3-1.7B-Q4_K_M-GGUF',
    label: 'Qwen3-1.7B (Q4_K_M)',
    repo: 'ggml-org/Qwen3-1.7B-GGUF',
    file: 'Qwen3-1.7B-Q4_K_M.gguf',
    quantization: 'Q4_K_M',
    paramsB: 1.7,
    bytes: 1280 * MB,
    sizeFrom: 'huggingface.co/ggml-org/Qwen3-1.7B-GGUF model page (1.28 GB)',
    arch: { layers: 28, heads: 16, kvHeads: 8, headDim: 128 },
    trainedContext: 32768,
    note: 'Qwen3 thinks out loud (<think>…</think>) before it answers; give it enough max tokens.',
  },
];

/** The file's download URL on Hugging Face. */
export function huggingFaceUrl(repo: string, file: string): string {
  return `https://huggingface.co/${repo}/resolve/main/${file}`;
}

/**
 * Estimated memory in MB while loaded: the weights, the KV cache (16-bit K and V for every layer
 * at `context`), and the compute buffer (dominated by one micro-batch's attention scores).
 */
export function estimateRamMB(
  fileBytes: number,
  arch: GgufRecord['arch'],
  context: number,
): number {
  const kv = 2 * arch.layers * context * arch.kvHeads * arch.headDim * 2;
  const compute = arch.heads * context * UBATCH * 4;
  return Math.round((fileBytes + kv + compute) / MB);
}

/** The catalog entry for one GGUF record: one variant, loaded at GGUF_CONTEXT (or less). */
export function ggufModel(record: GgufRecord, modelUrl?: string): CatalogModel {
  const contextWindow = Math.min(GGUF_CONTEXT, record.trainedContext);
  const variant: ModelVariant = {
    modelId: record.id,
    quantization: record.quantization,
    needsF16: false,
    vramMB: 0,
    downloadMB: record.bytes / MB,
    contextWindow,
    modelUrl: modelUrl ?? huggingFaceUrl(record.repo, record.file),
    ramMB: estimateRamMB(record.bytes, record.arch, contextWindow),
    ...(record.trainedContext > contextWindow ? { maxContextWindow: record.trainedContext } : {}),
  };
  return {
    id: record.id,
    label: record.label,
    engine: 'wllama',
    paramsB: record.paramsB,
    variants: [variant],
    ...reasoningFlag(record.id),
    ...(record.note ? { note: record.note } : {}),
  };
}

/** The GGUF models, smallest download first. */
export function buildGgufCatalog(records: readonly GgufRecord[] = GGUF_RECORDS): CatalogModel[] {
  return [...records].sort((a, b) => a.bytes - b.bytes).map((record) => ggufModel(record));
}

/** The CPU model picked when nothing else is chosen: small, fast on a CPU, answers sensibly. */
export const DEFAULT_GGUF_ID = 'Qwen2.5-0.5B-Instruct-Q8_0-GGUF';
