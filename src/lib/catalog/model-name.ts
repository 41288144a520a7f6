/**
 * What a model is called on screen: its catalog name, or its id where the catalog lacks it.
 */
import type { ModelRef, RoleKind, SideConfig } from '../team/config';
import { resolveModel } from './resolve';
import type { CatalogModel } from './types';

export function modelName(catalog: readonly CatalogModel[], ref: ModelRef): string {
  return resolveModel(catalog, ref)?.model.label ?? ref.modelId;
}

/** The name of the model a side's role of a kind runs on (undefined without such a role). */
export function roleModelName(
  catalog: readonly CatalogModel[],
  side: SideConfig,
  kind: RoleKind,
): string | undefined {
  const role = side.roles.find((r) => r.kind === kind);
  return role ? modelName(catalog, role.model) : undefined;
}
