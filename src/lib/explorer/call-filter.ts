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

/** The rows that match; `rows` itself when every row does (so nothing downstream recomputes). */
export function filterCalls(rows: readonly CallRow[], filter: CallFilter): readonly CallRow[] {
  const text = searchText(filter);
  const { role, model, protocol, outcome } = filter;
  if (!text && !role && !model && !protocol && !outcome) return rows;
  const shown: CallRow[] = [];
  for (const row of rows) {
    if (role && row.roleName !== role) continue;
    if (model && row.modelId !== model) continue;
    if (protocol && row.protocol !== protocol) continue;
    if (outcome && row.outcome !== outcome) continue;
    if (text && !row.search.includes(text)) continue;
    shown.push(row);
  }
  return shown.length === rows.length ? rows : shown;
}

const searchText = (filter: CallFilter) => filter.text.trim().toLowerCase();

/**
 * filterCalls that remembers its last answer: while the user types on (the new search text holds
 * the old one, the other filters unchanged, same rows), it filters the last matches, not all rows.
 */
export class CallFilterCache {
  #rows: readonly CallRow[] | null = null;
  #filter: CallFilter = NO_FILTER;
  #shown: readonly CallRow[] = [];

  filter(rows: readonly CallRow[], filter: CallFilter): readonly CallRow[] {
    const last = this.#filter;
    const narrows =
      rows === this.#rows &&
      filter.role === last.role &&
      filter.model === last.model &&
      filter.protocol === last.protocol &&
      filter.outcome === last.outcome &&
      searchText(filter).includes(searchText(last));
    const shown = filterCalls(narrows ? this.#shown : rows, filter);
    this.#rows = rows;
    this.#filter = { ...filter };
    this.#shown = shown;
    return shown;
  }
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
