import type { EngineKind, ScriptedScript } from '../engine/types';
import type { Reasoning } from './reasoning';

/**
 * Weight quantisation of one variant: WebLLM's names (`q4f16_1`, …) for WebGPU models, llama.cpp's
 * (`Q4_K_M`, `Q8_0`, `F32`) for GGUF models.
 */
export type Quantization =
  'q4f16_1' | 'q4f32_1' | 'q0f16' | 'q0f32' | 'Q4_K_M' | 'Q8_0' | 'F32' | 'other';

/** One downloadable build of a model. */
export interface ModelVariant {
  /** Engine-level id (WebLLM `model_id`, or a GGUF catalog id such as 'SmolLM2-360M-Instruct-Q8_0-GGUF'). */
  modelId: string;
  quantization: Quantization;
  /** Needs the WebGPU `shader-f16` feature. */
  needsF16: boolean;
  /**
   * GPU memory the engine says it needs, in MB (0 for models that run on the CPU); null when
   * unknown (a custom WebLLM model).
   */
  vramMB: number | null;
  /**
   * Download size in MB: estimated from parameter count and quantisation for WebLLM models, the
   * published file size for GGUF models, what the host reported for custom models; null when
   * unknown (shown as "size unknown", never as 0).
   */
  downloadMB: number | null;
  /** Context window the model is loaded with, in tokens. */
  contextWindow: number;
  /**
   * Weights location: WebLLM's model URL (for showing the host), or the GGUF file itself (absolute,
   * or relative to the site's base for the test build's models).
   */
  modelUrl: string;
  /** Remote models: the model's name on its server. */
  serverModel?: string;
  /** Custom MLC models: the model library (.wasm) URL. */
  modelLibUrl?: string;
  /** CPU models: estimated memory (RAM) while loaded at `contextWindow`, in MB. */
  ramMB?: number;
  /** The longest context the model was trained for, when more than `contextWindow`. */
  maxContextWindow?: number;
}

/** A model as the user picks it: one entry, several variants. */
export interface CatalogModel {
  /** Stable id of the model family member, e.g. 'Qwen2.5-0.5B-Instruct'. */
  id: string;
  label: string;
  engine: EngineKind;
  /** Parameter count in billions, when known. */
  paramsB: number | null;
  variants: ModelVariant[];
  /**
   * A reasoning model (thinks in `<think>…</think>` first): 'switchable' when thinking can be
   * turned off per call (Qwen3), 'always' when it cannot (DeepSeek-R1 distills). From the id
   * (reasoning.ts); absent for other models.
   */
  reasoning?: Reasoning;
  /** Something a user should know before picking it (e.g. "thinks out loud first"). */
  note?: string;
  /** Only for scripted test models. */
  script?: ScriptedScript;
  /** A model of the test build only (scripted, or random weights): never suggested to a user. */
  testOnly?: boolean;
  /** Models the user (or a shared link) added by URL or from a local file. */
  custom?: { source: 'url' | 'file'; hosts: string[] };
}
