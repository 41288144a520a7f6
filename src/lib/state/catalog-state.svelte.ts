/**
 * The model catalog as the page shows it, with whether each variant is already in the
 * browser's cache. Cache questions the page cannot answer itself go through the agent host.
 */
import type { AgentHost } from '../agents/agent-host.svelte';
import { loadCatalog } from '../catalog/catalog';
import type { CatalogModel, ModelVariant } from '../catalog/types';
import { toAgentError, type AgentError } from '../engine/errors';
import { customToCatalog } from '../catalog/custom-models';
import { isModelCachedOnPage } from '../catalog/model-cache';
import type { CustomModel } from '../share/schema';
import { specFor } from '../agents/model-spec';
import { Persisted } from './persisted.svelte';

export class CatalogState {
  /** The built-in catalog. */
  base = $state.raw<CatalogModel[]>([]);
  /** Custom models by URL (kept across reloads). */
  readonly #customUrls = new Persisted<CustomModel[]>('playground:custom-models', []);
  /** Custom models from local files (this session only: their blob: URLs die with the page). */
  #customFiles = $state.raw<CustomModel[]>([]);
  /** Every model the user can pick: custom ones first. */
  models = $derived<CatalogModel[]>([
    ...this.#customUrls.current.map((m) => customToCatalog(m, 'url')),
    ...this.#customFiles.map((m) => customToCatalog(m, 'file')),
    ...this.base,
  ]);
  /** modelId → cached; absent while unknown. */
  cached = $state.raw<Record<string, boolean>>({});
  /** modelId → when it was last used (epoch ms), kept across reloads: the storage panel's "last used". */
  readonly lastUsed = new Persisted<Record<string, number>>('playground:models-last-used', {});
  error = $state.raw<AgentError | null>(null);
  readonly #host: AgentHost;

  constructor(host: AgentHost) {
    this.#host = host;
  }

  async init(): Promise<void> {
    this.base = await loadCatalog();
  }

  /** Adds (or replaces) a custom model. A local file's model lives until the page closes. */
  addCustom(model: CustomModel, source: 'url' | 'file' = 'url'): void {
    const without = (list: CustomModel[]) => list.filter((m) => m.id !== model.id);
    this.#customFiles = without(this.#customFiles);
    this.#customUrls.current = without(this.#customUrls.current);
    if (source === 'file') this.#customFiles = [...this.#customFiles, model];
    else this.#customUrls.current = [...this.#customUrls.current, model];
  }

  removeCustom(id: string): void {
    this.#customFiles = this.#customFiles.filter((m) => m.id !== id);
    this.#customUrls.current = this.#customUrls.current.filter((m) => m.id !== id);
  }

  /** The definition of a custom model, for share links; null for local files and others. */
  customDefinition(id: string): CustomModel | null {
    return this.#customUrls.current.find((m) => m.id === id) ?? null;
  }

  isLocalFile(id: string): boolean {
    return this.#customFiles.some((m) => m.id === id);
  }

  find(id: string): CatalogModel | undefined {
    return this.models.find((m) => m.id === id);
  }

  async refreshCached(model: CatalogModel, variant: ModelVariant): Promise<void> {
    try {
      // Read on the page: asking a worker would start one and load its engine just for that.
      const cached =
        (await isModelCachedOnPage(model, variant)) ??
        (await this.#host.isCached(specFor(model, variant)));
      this.cached = { ...this.cached, [variant.modelId]: cached };
    } catch (error) {
      this.error = toAgentError(error, 'CacheError');
    }
  }

  /** A model was used: it is in the cache now, and this is its last use. */
  markCached(modelId: string, now = Date.now()): void {
    this.cached = { ...this.cached, [modelId]: true };
    this.lastUsed.current = { ...this.lastUsed.current, [modelId]: now };
  }

  async deleteCached(model: CatalogModel, variant: ModelVariant): Promise<void> {
    this.error = null;
    try {
      await this.#host.deleteCached(specFor(model, variant));
      this.cached = { ...this.cached, [variant.modelId]: false };
    } catch (error) {
      this.error = toAgentError(error, 'CacheError');
    }
  }
}
