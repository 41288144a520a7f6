/**
 * The model catalog as the page shows it, with whether each variant is already in the
 * browser's cache. Cache questions go to a worker of their own (the engines live in workers).
 */
import { AgentWorkerBridge } from '../agents/agent-worker-bridge';
import { loadCatalog } from '../catalog/catalog';
import type { CatalogModel, ModelVariant } from '../catalog/types';
import { toAgentError, type AgentError } from '../engine/errors';
import { specFor } from './model-spec';

export class CatalogState {
  models = $state.raw<CatalogModel[]>([]);
  /** modelId → cached; absent while unknown. */
  cached = $state.raw<Record<string, boolean>>({});
  error = $state.raw<AgentError | null>(null);
  readonly #bridge: AgentWorkerBridge;

  constructor(bridge: AgentWorkerBridge = new AgentWorkerBridge()) {
    this.#bridge = bridge;
  }

  async init(): Promise<void> {
    this.models = await loadCatalog();
  }

  find(id: string): CatalogModel | undefined {
    return this.models.find((m) => m.id === id);
  }

  async refreshCached(model: CatalogModel, variant: ModelVariant): Promise<void> {
    try {
      const cached = await this.#bridge.isCached(specFor(model, variant));
      this.cached = { ...this.cached, [variant.modelId]: cached };
    } catch (error) {
      this.error = toAgentError(error, 'CacheError');
    }
  }

  markCached(modelId: string): void {
    this.cached = { ...this.cached, [modelId]: true };
  }

  async deleteCached(model: CatalogModel, variant: ModelVariant): Promise<void> {
    this.error = null;
    try {
      await this.#bridge.deleteCached(specFor(model, variant));
      this.cached = { ...this.cached, [variant.modelId]: false };
    } catch (error) {
      this.error = toAgentError(error, 'CacheError');
    }
  }
}
