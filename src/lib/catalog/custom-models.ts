/**
 * Models a user adds by URL (a GGUF file, or MLC weights plus model library) or picks from disk
 * (a GGUF file), turned into catalog entries. Their ids start with `custom:` so shared links can
 * tell them from catalog models; URL models travel in links, local files cannot.
 */
import { CUSTOM_MODEL_PREFIX, urlProblem } from '../share/model-urls';
import type { CustomModel } from '../share/schema';
import { reasoningFlag } from './reasoning';
import type { CatalogModel, ModelVariant } from './types';

/**
 * Context window custom models are loaded with at most (and when their own is not known): enough
 * for the playground, cheap in memory, as for the catalog's GGUF models.
 */
export const CUSTOM_CONTEXT_WINDOW = 4096;

/** The window a custom model loads with: its own when smaller than the default. */
function contextOf(model: CustomModel): Pick<ModelVariant, 'contextWindow' | 'maxContextWindow'> {
  const own = model.contextLength;
  if (own === undefined) return { contextWindow: CUSTOM_CONTEXT_WINDOW };
  return own > CUSTOM_CONTEXT_WINDOW
    ? { contextWindow: CUSTOM_CONTEXT_WINDOW, maxContextWindow: own }
    : { contextWindow: own };
}

export function customModelId(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 60);
  return `${CUSTOM_MODEL_PREFIX}${slug || 'model'}`;
}

/** Problems with a custom model the user typed in; empty when it can be added. */
export function customModelProblems(model: CustomModel): string[] {
  const problems: string[] = [];
  if (model.engine === 'remote') {
    const url = urlProblem(model.modelUrl, { localNetwork: true });
    if (url) problems.push(`Server address ${url}.`);
    if (!model.serverModel?.trim()) problems.push("Pick one of the server's models.");
    return problems;
  }
  const url = urlProblem(model.modelUrl);
  if (url) problems.push(`Model URL ${url}.`);
  if (model.engine === 'wllama' && !/\.gguf(?:[?#].*)?$/i.test(model.modelUrl)) {
    problems.push('A GGUF model URL must point at a .gguf file.');
  }
  if (model.engine === 'webllm') {
    const lib = model.modelLibUrl ? urlProblem(model.modelLibUrl) : 'is required';
    if (lib) problems.push(`Model library URL ${lib}.`);
  }
  return problems;
}

export function hostsOf(model: CustomModel): string[] {
  const urls = [model.modelUrl, model.modelLibUrl].filter((u): u is string => !!u);
  return [...new Set(urls.flatMap((u) => (URL.canParse(u) ? [new URL(u).host] : [])))];
}

/**
 * A catalog entry for a model on an OpenAI-compatible server: no download, no memory here, the
 * server's context window where it told one (else the custom default, a safe floor: Ollama's
 * default window is 4,096 tokens).
 */
function remoteToCatalog(model: CustomModel): CatalogModel {
  const hosts = hostsOf(model);
  const name = model.label?.trim() || model.serverModel || model.id;
  return {
    id: model.id,
    label: `${name} (remote: ${hosts.join(', ')})`,
    engine: 'remote',
    paramsB: null,
    custom: { source: 'url', hosts },
    variants: [
      {
        modelId: model.id,
        quantization: 'other',
        needsF16: false,
        vramMB: 0,
        ramMB: 0,
        downloadMB: 0,
        contextWindow: model.contextLength ?? CUSTOM_CONTEXT_WINDOW,
        modelUrl: model.modelUrl,
        ...(model.serverModel ? { serverModel: model.serverModel } : {}),
      },
    ],
  };
}

/** A catalog entry for a custom model. `source: 'file'` marks a local file (blob: URL). */
export function customToCatalog(model: CustomModel, source: 'url' | 'file' = 'url'): CatalogModel {
  if (model.engine === 'remote') return remoteToCatalog(model);
  const hosts = source === 'file' ? [] : hostsOf(model);
  const where = source === 'file' ? 'local file, this session only' : hosts.join(', ');
  return {
    id: model.id,
    label: `${model.label?.trim() || model.id.slice(CUSTOM_MODEL_PREFIX.length)} (custom: ${where})`,
    engine: model.engine,
    paramsB: null,
    custom: { source, hosts },
    // From the id the user gave it (custom:qwen3-…), as the engines read it.
    ...reasoningFlag(model.id),
    variants: [
      {
        modelId: model.id,
        quantization: 'other',
        needsF16: false,
        // A GGUF model runs on the CPU; a custom MLC model's GPU memory is not known.
        vramMB: model.engine === 'wllama' ? 0 : null,
        downloadMB: model.downloadBytes === undefined ? null : model.downloadBytes / 1e6,
        ...contextOf(model),
        modelUrl: model.modelUrl,
        ...(model.modelLibUrl ? { modelLibUrl: model.modelLibUrl } : {}),
      },
    ],
  };
}
