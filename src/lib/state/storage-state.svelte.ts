/**
 * What the browser keeps for this playground: every cached model of every engine (found on the
 * page, in each engine's own storage), its size and last use, the total against the browser's
 * estimate, and whether the storage is persistent (not cleared first when space runs low).
 */
import { isModelCachedOnPage } from '../catalog/model-cache';
import type { CatalogModel, ModelVariant } from '../catalog/types';
import type { CatalogState } from './catalog-state.svelte';

export interface StoredModel {
  model: CatalogModel;
  variant: ModelVariant;
  /** The published download size in MB (what the cache holds); null when unknown. */
  sizeMB: number | null;
  lastUsed: number | null;
}

export interface StorageApi {
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

export class StorageState {
  models = $state.raw<StoredModel[]>([]);
  usageBytes = $state<number | null>(null);
  quotaBytes = $state<number | null>(null);
  persisted = $state<boolean | null>(null);
  checking = $state(false);
  /** Set when the browser refused to make storage persistent. */
  persistRefused = $state(false);

  readonly #catalog: CatalogState;
  readonly #storage: StorageApi | undefined;

  constructor(
    catalog: CatalogState,
    storage: StorageApi | undefined = globalThis.navigator?.storage,
  ) {
    this.#catalog = catalog;
    this.#storage = storage;
  }

  /** Looks through every engine's cache for every model of the catalog. */
  async refresh(): Promise<void> {
    this.checking = true;
    try {
      const found: StoredModel[] = [];
      for (const model of this.#catalog.models) {
        for (const variant of model.variants) {
          const cached = await isModelCachedOnPage(model, variant).catch(() => null);
          if (!cached) continue;
          found.push({
            model,
            variant,
            sizeMB: variant.downloadMB,
            lastUsed: this.#catalog.lastUsed.current[variant.modelId] ?? null,
          });
        }
      }
      found.sort((a, b) => (b.lastUsed ?? 0) - (a.lastUsed ?? 0));
      this.models = found;
      const estimate = await this.#storage?.estimate?.().catch(() => undefined);
      this.usageBytes = estimate?.usage ?? null;
      this.quotaBytes = estimate?.quota ?? null;
      this.persisted = (await this.#storage?.persisted?.().catch(() => null)) ?? null;
    } finally {
      this.checking = false;
    }
  }

  /** Deletes one model's files (through its engine), then looks again. */
  async remove(entry: StoredModel): Promise<void> {
    await this.#catalog.deleteCached(entry.model, entry.variant);
    await this.refresh();
  }

  /** Asks the browser to keep this site's storage until the user clears it. */
  async persist(): Promise<void> {
    const granted = (await this.#storage?.persist?.().catch(() => false)) ?? false;
    this.persisted = granted;
    this.persistRefused = !granted;
  }

  /** The models' total size in MB (known sizes only). */
  get totalMB(): number {
    return this.models.reduce((sum, m) => sum + (m.sizeMB ?? 0), 0);
  }
}
