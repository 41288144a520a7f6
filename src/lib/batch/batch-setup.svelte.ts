/**
 * What the user sets up before a batch: the question set (shipped, a file, a URL, or GSM8K's
 * official file), how many items and how they are chosen, extra teams to compare besides the
 * experiment's Solo and Team, and how many items run at once when every model is on a server. Choices survive a reload (localStorage); sets loaded from a
 * file or URL live until the page closes (a started batch keeps its own copy of its items).
 */
import { shippedSets } from '../eval/sets';
import type { EvalSet } from '../eval/types';
import type { ThinkingSwitch } from '../engine/types';
import type { ModelRef, RoleKind, SideConfig } from '../team/config';
import { presetSide, type PresetId } from '../team/presets';
import { Persisted } from '../state/persisted.svelte';
import type { BatchSelection } from '../storage/batch-records';
import { clampItemsAtOnce, ITEMS_AT_ONCE_DEFAULT } from './items-at-once';
import { clampCount } from './select';
import { GSM8K_TEST_URL, loadSetFile, loadSetUrl } from './sources';
import type { SpecialistComparison } from '../tasks/specialist-comparison';

/** A kept comparison as read back from localStorage: null unless it has the fields used. */
function validComparison(value: unknown): SpecialistComparison | null {
  const c = value as Partial<SpecialistComparison> | null;
  return c &&
    typeof c.title === 'string' &&
    Array.isArray(c.configs) &&
    c.configs.length > 0 &&
    c.specialist &&
    typeof c.specialist.modelId === 'string' &&
    c.set &&
    typeof c.set.id === 'string' &&
    Array.isArray(c.set.items)
    ? (c as SpecialistComparison)
    : null;
}

export class BatchSetup {
  /** Sets loaded from files or URLs, newest last. */
  loaded = $state.raw<EvalSet[]>([]);
  readonly setId = new Persisted<string>('playground:batch-set', shippedSets[0]?.id ?? '');
  readonly count = new Persisted<number>('playground:batch-count', 10);
  readonly mode = new Persisted<BatchSelection['mode']>('playground:batch-mode', 'first');
  readonly seed = new Persisted<number>('playground:batch-seed', 1);
  readonly extras = new Persisted<SideConfig[]>('playground:batch-extra-teams', []);
  readonly #itemsAtOnce = new Persisted<number>(
    'playground:batch-items-at-once',
    ITEMS_AT_ONCE_DEFAULT,
  );
  /**
   * A specialist comparison from the Traces tab: while set, the batch runs its configs on its
   * held-out set instead of the experiment's sides and the extra teams (which stay as they are).
   */
  readonly #comparison = new Persisted<SpecialistComparison | null>(
    'playground:batch-comparison',
    null,
  );
  /** The last load's problem, shown as is. */
  error = $state<string | null>(null);
  /** What is being loaded now ('Fetching …'), or null. */
  pending = $state<string | null>(null);

  constructor() {
    const comparison = validComparison(this.comparison);
    if (comparison) this.loaded = [comparison.set];
    else if (this.#comparison.current !== null) this.#comparison.current = null;
  }

  /** A plain copy (no state proxies: a batch record is cloned into IndexedDB). */
  get comparison(): SpecialistComparison | null {
    return $state.snapshot(this.#comparison.current) as SpecialistComparison | null;
  }

  /** Runs the comparison next: its set chosen, all of its items, its configs. */
  compare(comparison: SpecialistComparison): void {
    this.#comparison.current = comparison;
    this.#add(comparison.set);
    this.mode.current = 'first';
    this.count.current = comparison.set.items.length;
  }

  /** Back to the experiment's sides and the extra teams; the held-out set goes too. */
  endComparison(): void {
    const id = this.#comparison.current?.set.id;
    this.#comparison.current = null;
    this.loaded = this.loaded.filter((s) => s.id !== id);
    if (this.setId.current === id) this.setId.current = shippedSets[0]?.id ?? '';
  }

  /** Another specialist model: the specialist alone, and in its role in the team (never the original team). */
  setSpecialist(model: ModelRef): void {
    const comparison = this.#comparison.current;
    if (!comparison) return;
    const takes = (configId: string, roleName: string) =>
      configId === 'solo' || (configId !== 'team' && roleName === comparison.roleName);
    this.#comparison.current = {
      ...comparison,
      specialist: { ...model },
      configs: comparison.configs.map((c) => ({
        ...c,
        side: {
          ...c.side,
          roles: c.side.roles.map((r) => (takes(c.id, r.name) ? { ...r, model: { ...model } } : r)),
        },
      })),
    };
  }

  get sets(): EvalSet[] {
    return [...shippedSets, ...this.loaded];
  }

  get set(): EvalSet | undefined {
    return this.sets.find((s) => s.id === this.setId.current);
  }

  /** The selection to run, N clamped to the chosen set. */
  get selection(): BatchSelection {
    const size = this.set?.items.length ?? 0;
    const count = clampCount(this.count.current, size);
    return this.mode.current === 'random'
      ? { mode: 'random', count, seed: Math.round(this.seed.current) || 0 }
      : { mode: 'first', count };
  }

  /** Items run at once when every model is on a server (1–64; default 8). */
  get itemsAtOnce(): number {
    return clampItemsAtOnce(this.#itemsAtOnce.current);
  }

  set itemsAtOnce(value: number) {
    this.#itemsAtOnce.current = clampItemsAtOnce(value);
  }

  #add(set: EvalSet): void {
    this.loaded = [...this.loaded.filter((s) => s.id !== set.id), set];
    this.setId.current = set.id;
    this.error = null;
  }

  async #load(what: string, load: () => Promise<EvalSet>): Promise<void> {
    this.pending = what;
    this.error = null;
    try {
      this.#add(await load());
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.pending = null;
    }
  }

  loadFile(file: File): Promise<void> {
    return this.#load(`Reading ${file.name}…`, () => loadSetFile(file));
  }

  loadUrl(url: string): Promise<void> {
    return this.#load(`Fetching ${url}…`, () => loadSetUrl(url));
  }

  loadGsm8k(): Promise<void> {
    return this.#load('Fetching the GSM8K test split…', () => loadSetUrl(GSM8K_TEST_URL));
  }

  addExtra(preset: PresetId, model: ModelRef): void {
    this.extras.current = [...this.extras.current, presetSide(preset, model)];
  }

  /** Adds ready-made sides (an escalation config's always-small and always-large baselines). */
  addExtraSides(sides: readonly SideConfig[]): void {
    this.extras.current = [...this.extras.current, ...sides];
  }

  removeExtra(index: number): void {
    this.extras.current = this.extras.current.filter((_, i) => i !== index);
  }

  /** Sets the thinking switch of every role of an extra team (undefined: the model's default). */
  setExtraThinking(index: number, thinking: ThinkingSwitch | undefined): void {
    this.extras.current = this.extras.current.map((side, i) =>
      i === index
        ? {
            ...side,
            roles: side.roles.map(({ thinking: _old, ...role }) =>
              thinking ? { ...role, thinking } : role,
            ),
          }
        : side,
    );
  }

  /** Puts every role of an extra team on a model; with `kind`, only the roles of that kind. */
  setExtraModel(index: number, model: ModelRef, kind?: RoleKind): void {
    this.extras.current = this.extras.current.map((side, i) =>
      i === index
        ? {
            ...side,
            roles: side.roles.map((r) =>
              kind === undefined || r.kind === kind ? { ...r, model } : r,
            ),
          }
        : side,
    );
  }
}

let shared: BatchSetup | null = null;

/** The page's one BatchSetup (created on first use). */
export function batchSetup(): BatchSetup {
  shared ??= new BatchSetup();
  return shared;
}
