/**
 * Filtering the explorer's rows: by role, model, protocol, outcome and a text search, in one pass
 * over rows whose search text is already lower-cased (call-rows.ts). Cheap enough to run on every
 * keystroke over tens of thousands of calls.
 */
import type { Outcome } from '../specialist/curated-call';
import type { ProtocolType } from '../team/config';
import type { CallRow } from './call-rows';

/** '' for a facet means any value. */
export interface CallFilter {
  role: string;
  model: string;
  protocol: string;
  outcome: Outcome | '';
  text: string;
}

export const NO_FILTER: CallFilter = { role: '', model: '', protocol: '', outcome: '', text: '' };

export function filterCalls(rows: readonly CallRow[], filter: CallFilter): CallRow[] {
  const text = filter.text.trim().toLowerCase();
  const { role, model, protocol, outcome } = filter;
  if (!text && !role && !model && !protocol && !outcome) return rows.slice();
  const shown: CallRow[] = [];
  for (const row of rows) {
    if (role && row.roleName !== role) continue;
    if (model && row.modelId !== model) continue;
    if (protocol && row.protocol !== protocol) continue;
    if (outcome && row.outcome !== outcome) continue;
    if (text && !row.search.includes(text)) continue;
    shown.push(row);
  }
  return shown;
}

/** The values each facet takes among the rows, sorted, for the filter menus. */
export interface CallFacets {
  roles: string[];
  models: string[];
  protocols: ProtocolType[];
}

export function callFacets(rows: readonly CallRow[]): CallFacets {
  const roles = new Set<string>();
  const models = new Set<string>();
  const protocols = new Set<ProtocolType>();
  for (const row of rows) {
    roles.add(row.roleName);
    models.add(row.modelId);
    if (row.protocol) protocols.add(row.protocol);
  }
  const sorted = <T extends string>(set: Set<T>) => [...set].sort((a, b) => a.localeCompare(b));
  return { roles: sorted(roles), models: sorted(models), protocols: sorted(protocols) };
}
