/**
 * Repeat N: one side of the experiment run N times on its question, each run with other seeds
 * (every role's seed + 100 × i; run 0 keeps the side's own seeds), to see how stable its final
 * answer is: the distinct answers (by normal form) and how often each came. Runs go one after
 * another on the page's loaded models, through the same path as every run (lease, runSide).
 */
import type { AgentHost, AgentLease } from '../agents/agent-host.svelte';
import { contextWindowsOf, planModels } from '../agents/model-plan';
import { specFor } from '../agents/model-spec';
import type { CatalogModel } from '../catalog/types';
import { toAgentError } from '../engine/errors';
import { majorityVote, type VoteCount } from '../team/answers';
import { sideTotals } from '../team/budget';
import type { ExperimentConfig, SideConfig } from '../team/config';
import { runSide } from '../team/protocols/run-side';
import type { SideResult } from '../team/protocols/types';
import { experimentInput } from './experiment-run.svelte';
import type { RunStoreApi } from '../storage/api';
import { traceFromTurn } from '../storage/records';

/** The finished run a Repeat belongs to: its calls are logged as that run's traces. */
export interface RepeatParent {
  runId: string;
  store: RunStoreApi;
}

/** The seed step between repeats: apart from the seed + i that repeated calls of a role use. */
export const SEED_STEP = 100;
export const MAX_REPEATS = 20;

export interface RepeatOutcome {
  index: number;
  status: 'done' | 'failed' | 'stopped';
  answer: string;
  tokens: number;
  wallMs: number;
  error?: string;
}

export type RepeatPhase = 'idle' | 'loading' | 'running' | 'finished';

/** The side with every role's seed moved by SEED_STEP × index. */
export function reseeded(side: SideConfig, index: number): SideConfig {
  return {
    ...side,
    roles: side.roles.map((role) => ({ ...role, seed: role.seed + SEED_STEP * index })),
  };
}

export class RepeatRun {
  phase = $state<RepeatPhase>('idle');
  which = $state<'solo' | 'team' | null>(null);
  total = $state(0);
  outcomes = $state.raw<RepeatOutcome[]>([]);
  error = $state<string | null>(null);

  readonly #lease: AgentLease;
  #abort: AbortController | null = null;

  constructor(host: AgentHost) {
    this.#lease = host.lease('Repeat', () => this.stop());
  }

  get busy(): boolean {
    return this.phase === 'loading' || this.phase === 'running';
  }

  /** The finished runs' answers grouped by normal form, most common first. */
  get groups(): VoteCount[] {
    return majorityVote(this.outcomes.filter((o) => o.status === 'done').map((o) => o.answer))
      .counts;
  }

  async run(
    config: ExperimentConfig,
    which: 'solo' | 'team',
    n: number,
    catalog: readonly CatalogModel[],
    parent?: RepeatParent | null,
  ): Promise<void> {
    if (this.busy) return;
    const count = Math.max(1, Math.min(MAX_REPEATS, Math.round(n)));
    const abort = new AbortController();
    this.#abort = abort;
    this.which = which;
    this.total = count;
    this.outcomes = [];
    this.error = null;
    const side = config[which];
    const plan = planModels({ ...config, solo: side, team: side }, catalog);
    if (plan.unknown.length) {
      this.error = `Unknown model: ${plan.unknown.map((m) => m.modelId).join(', ')}`;
      this.phase = 'idle';
      return;
    }
    this.phase = 'loading';
    try {
      await this.#lease.load(
        plan.models.map((m) => specFor(m.model, m.variant, m.copy, m.ref.device)),
        () => {},
        abort.signal,
      );
    } catch (error) {
      const failure = toAgentError(error, 'ModelLoadError');
      this.error = failure.name === 'AbortError' ? null : failure.message;
      this.phase = 'idle';
      return;
    }
    this.phase = 'running';
    const input = experimentInput(config);
    const contextWindowOf = contextWindowsOf(plan);
    for (let i = 0; i < count && !abort.signal.aborted; i++) {
      const repeated = reseeded(side, i);
      const result = await runSide(repeated, input, {
        chat: this.#lease.chat,
        signal: abort.signal,
        emit: () => {},
        now: Date.now,
        contextWindowOf,
      });
      if (parent) this.#log(parent, { ...config, [which]: repeated }, which, i, result);
      const totals = sideTotals(result.turns);
      this.outcomes = [
        ...this.outcomes,
        {
          index: i,
          status:
            result.status === 'done' ? 'done' : result.status === 'stopped' ? 'stopped' : 'failed',
          answer: result.finalAnswer,
          tokens: totals.totalTokens,
          wallMs: totals.wallMs,
          ...(result.error ? { error: result.error.message } : {}),
        },
      ];
    }
    this.#abort = null;
    this.phase = 'finished';
  }

  stop(): void {
    this.#abort?.abort();
  }

  /**
   * Every model call of one repeat as a trace of the parent run's side, marked with the repeat and
   * the answer it came to (written once the repeat ends: its outcome needs that answer). A store
   * fault is the store's to report; it never stops the repeats.
   */
  #log(
    parent: RepeatParent,
    config: ExperimentConfig,
    which: 'solo' | 'team',
    index: number,
    result: SideResult,
  ): void {
    const run = { id: parent.runId, config };
    for (const turn of result.turns) {
      if (turn.reused) continue;
      const trace = {
        ...traceFromTurn(run, which, turn),
        repeat: { index, finalAnswer: result.finalAnswer },
      };
      void parent.store.addTrace(trace).catch(() => undefined);
    }
  }

  dispose(): void {
    this.#abort?.abort();
    this.#lease.release();
  }
}
