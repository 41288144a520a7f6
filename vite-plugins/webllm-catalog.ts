/**
 * Exposes WebLLM's prebuilt model list to the page as `virtual:webllm-catalog`, trimmed to
 * plain data at build time, so the page knows every model without loading WebLLM itself
 * (WebLLM is several megabytes and belongs in the agent worker chunk only).
 */
import type { Plugin } from 'vite';

const ID = 'virtual:webllm-catalog';
const RESOLVED = '\0' + ID;

export interface WebLLMCatalogRecord {
  modelId: string;
  /** Hugging Face repository URL of the weights. */
  modelUrl: string;
  vramMB: number;
  lowResource: boolean;
  contextWindow: number;
  requiredFeatures: string[];
  modelType: 'llm' | 'embedding' | 'vlm';
}

export function webllmCatalog(): Plugin {
  return {
    name: 'webllm-catalog',
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const { prebuiltAppConfig, ModelType } = await import('@mlc-ai/web-llm');
      const records: WebLLMCatalogRecord[] = prebuiltAppConfig.model_list.map((m) => ({
        modelId: m.model_id,
        modelUrl: m.model,
        vramMB: m.vram_required_MB ?? 0,
        lowResource: m.low_resource_required ?? false,
        contextWindow: m.overrides?.context_window_size ?? 4096,
        requiredFeatures: m.required_features ?? [],
        modelType:
          m.model_type === ModelType.embedding
            ? 'embedding'
            : m.model_type === ModelType.VLM
              ? 'vlm'
              : 'llm',
      }));
      return `export default ${JSON.stringify(records)};`;
    },
  };
}
