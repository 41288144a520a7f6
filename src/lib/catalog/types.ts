import type { EngineKind, ScriptedScript } from '../engine/types';

/** Weight quantisation of one variant, as WebLLM names it. */
export type Quantization = 'q4f16_1' | 'q4f32_1' | 'q0f16' | 'q0f32' | 'other';

/** One downloadable build of a model. */
export interface ModelVariant {
  /** Engine-level id (WebLLM `model_id`). */
  modelId: string;
  quantization: Quantization;
  /** Needs the WebGPU `shader-f16` feature. */
  needsF16: boolean;
  /** GPU memory the engine says it needs, in MB. */
  vramMB: number;
  /** Estimated download size in MB (from parameter count and quantisation). */
  downloadMB: number;
  contextWindow: number;
  /** Weights location (for showing the host). */
  modelUrl: string;
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
  /** Only for scripted test models. */
  script?: ScriptedScript;
}
