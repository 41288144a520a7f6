/**
 * The page's catalog, handed to every model picker through Svelte context, so a picker deep in a
 * view can show cached marks and every model (with why some cannot run) without each view
 * passing the catalog down.
 */
import { getContext, setContext } from 'svelte';
import type { CatalogState } from './catalog-state.svelte';

const KEY = Symbol('catalog');

/** Call during App's initialisation. */
export function setCatalogContext(catalog: CatalogState): void {
  setContext(KEY, catalog);
}

/** The catalog App put in context; undefined outside App (component tests). */
export function getCatalogContext(): CatalogState | undefined {
  return getContext<CatalogState | undefined>(KEY);
}
