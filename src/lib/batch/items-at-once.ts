/**
 * How many items of a batch run at once. Items run side by side only when every model of every
 * config is on a server (which queues and batches calls itself); a model in this tab generates
 * one reply at a time, so items would only wait for each other there, and their times would no
 * longer be their own.
 */
import type { CatalogModel } from '../catalog/types';
import type { BatchConfig } from '../storage/batch-records';
import { planBatchModels } from './plan';

export const ITEMS_AT_ONCE_DEFAULT = 8;
export const ITEMS_AT_ONCE_MIN = 1;
export const ITEMS_AT_ONCE_MAX = 64;
/**
 * Connections a browser keeps open to one server over HTTP/1.1 (Chrome's and Firefox's limit per
 * host and port): past it, calls wait in the browser for a free connection. Ollama, vLLM and
 * llama.cpp's server speak HTTP/1.1; a server behind HTTPS with HTTP/2 has no such limit.
 */
export const BROWSER_CONNECTIONS_PER_SERVER = 6;

/** A whole number within 1–64; anything else (NaN, a stored oddity) is the default. */
export function clampItemsAtOnce(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return ITEMS_AT_ONCE_DEFAULT;
  return Math.min(ITEMS_AT_ONCE_MAX, Math.max(ITEMS_AT_ONCE_MIN, Math.round(value)));
}

/** Whether a model takes several calls at once: a model on a server (or a scripted stand-in). */
export const servesParallelCalls = (model: CatalogModel): boolean =>
  model.engine === 'remote' || model.script?.parallelCalls === true;

/** Whether the configs' items may run at once; if not, why (for the setting's hint). */
export type ParallelItems = { parallel: true } | { parallel: false; reason: string };

export function parallelItems(
  configs: readonly BatchConfig[],
  catalog: readonly CatalogModel[],
): ParallelItems {
  const plan = planBatchModels(configs, catalog);
  const unknown = plan.unknown[0];
  if (unknown) return { parallel: false, reason: `the catalog does not know ${unknown.modelId}` };
  const inTab = plan.models.find((m) => !servesParallelCalls(m.model));
  if (!inTab) return { parallel: true };
  const user = inTab.usedBy[0] ?? 'a config';
  const others = inTab.usedBy.length > 1 ? ` and ${inTab.usedBy.length - 1} more` : '';
  return {
    parallel: false,
    reason: `${inTab.variant.modelId} (${user}${others}) runs in this tab, one call at a time`,
  };
}

/** The items a batch runs at once: its setting when every model is on a server, else 1. */
export function effectiveItemsAtOnce(
  requested: number | undefined,
  configs: readonly BatchConfig[],
  catalog: readonly CatalogModel[],
): number {
  return parallelItems(configs, catalog).parallel ? clampItemsAtOnce(requested ?? 1) : 1;
}
