/**
 * Filtering the explorer's rows: by source (runs or benchmarks), role, model, protocol, outcome
 * and a text search, in one pass
 * over rows whose search text is already lower-cased (call-rows.ts). Cheap enough to run on every
 * keystroke over tens of thousands of calls.
 */
import type { Outcome } from '../specialist/curated-call';
import type { ProtocolType } from '../team/config';
import type { CallRow, CallSource } from './call-rows';

/** '' for a facet means any value. */
export interface CallFilter {
  source: CallSource | '';
  role: string;
  model: string;
  protocol: string;
  outcome: Outcome | '';
  text: string;
}

export const NO_FILTER: CallFilter = {
  source: '',
  role: '',
  model: '',
  protocol: '',
  outcome: '',
  text: '',
};

/** The rows that match; `rows` itself when every row does (so nothing downstream recomputes). */
export function filterCalls(rows: readonly CallRow[], filter: CallFilter): readonly CallRow[] {
  const text = searchText(filter);
  const { source, role, model, protocol, outcome } = filter;
  if (!text && !source && !role && !model && !protocol && !outcome) return rows;
  const shown: CallRow[] = [];
  for (const row of rows) {
    if (source && row.source !== source) continue;
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
      filter.source === last.source &&
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
  /** Run calls first, then benchmark calls, where there are any. */
  sources: CallSource[];
  roles: string[];
  models: string[];
  protocols: ProtocolType[];
}

export function callFacets(rows: readonly CallRow[]): CallFacets {
  const roles = new Set<string>();
  const models = new Set<string>();
  const protocols = new Set<ProtocolType>();
  let runs = false;
  let benchmarks = false;
  for (const row of rows) {
    if (row.source === 'benchmark') benchmarks = true;
    else runs = true;
    roles.add(row.roleName);
    models.add(row.modelId);
    if (row.protocol) protocols.add(row.protocol);
  }
  const sorted = <T extends string>(set: Set<T>) => [...set].sort((a, b) => a.localeCompare(b));
  const sources: CallSource[] = [];
  if (runs) sources.push('run');
  if (benchmarks) sources.push('benchmark');
  return { sources, roles: sorted(roles), models: sorted(models), protocols: sorted(protocols) };
}
