/**
 * Runs an experiment: plans and loads the models (one at a time), then runs Solo and Team at
 * the same time on the same question, streaming both. Stop cancels everything in flight; a
 * side that fails ends on its own while the other finishes.
 */
import type { AgentHost, AgentLease } from '../agents/agent-host.svelte';
import { contextWindowsOf, planModels, withSecondCopies } from '../agents/model-plan';
import {
  chatOnCopies,
  loadPlan,
  unknownModelsMessage,
  type PlanLoading,
} from '../agents/load-plan';
import type { CatalogModel } from '../catalog/types';
import { toAgentError, type AgentError } from '../engine/errors';
import { fairSampleCount, sideTotals } from '../team/budget';
import { LIMITS, type ExperimentConfig, type ModelRef, type SideConfig } from '../team/config';
import { presetSide } from '../team/presets';
import { runSide } from '../team/protocols/run-side';
import type { ProtocolInput } from '../team/prompts';
import { expectedItem } from '../eval/expected-answer';
import type { ProtocolEvent, ReplayPlan, TeamChat, Turn } from '../team/protocols/types';
import type { RunStoreApi } from '../storage/api';
import type { ForkOf, RunRecord } from '../storage/records';
import { recordSide } from '../storage/run-recorder';
import { TokenSink } from '../render/token-sink';
import { SideState } from './side-state.svelte';
import { pageSandbox } from '../sandbox/page-sandbox';
import type { ToolSandbox } from '../tools/tool-runner';

export type RunPhase = 'idle' | 'loading' | 'running' | 'finished';

/** A fork's edit: a turn's new reply, or a new system prompt for its role. */
export type ForkEdit = { output: string } | { systemPrompt: string };

/** A fork of a finished run: which turn was edited, to what, and the parent's turns. */
export interface ForkPlan {
  which: 'solo' | 'team';
  turnIndex: number;
  /** The edited turn's new reply; absent when its role's prompt was edited instead. */
  output?: string;
  /** The role whose system prompt was edited (the turn and what follows run with it). */
  promptOf?: string;
  parent: { solo: readonly Turn[]; team: readonly Turn[] };
  /** The parent's History entry (null when it was not recorded). */
  parentRunId: string | null;
}

/** What both sides of an experiment are given: the question, its context, the answer's kind. */
export function experimentInput(config: ExperimentConfig): ProtocolInput {
  return {
    question: config.question,
    ...(config.context ? { context: config.context } : {}),
    // The expected answer's kind (a number, yes or no, a short answer), for the format check.
    ...(config.expectedAnswer?.trim()
      ? { answerKind: expectedItem(config.question, config.expectedAnswer, config.context).kind }
      : {}),
  };
}

export type ShownSide = 'solo' | 'team';

/** The last run's Solo and Team, kept on screen while a new run starts (see `shown`). */
export interface PreviousRun {
  config: ExperimentConfig | null;
  solo: SideState | null;
  team: SideState | null;
}

export class ExperimentRun {
  phase = $state<RunPhase>('idle');
  loading = $state.raw<PlanLoading | null>(null);
  loadError = $state.raw<AgentError | null>(null);
  solo = $state.raw(new SideState());
  team = $state.raw(new SideState());
  /**
   * While a new run loads and starts, each side's last result stays shown (stale) until that
   * side's first token, or its end, replaces it: the page does not empty and jump.
   */
  previous = $state.raw<PreviousRun | null>(null);
  /** Optional fairness column: Solo's model, self-consistency, with the Team's token budget. */
  fair = new SideState();
  fairSamples = $state<number | null>(null);
  /** Why the fairness column was asked for but not run (the Team did not finish). */
  fairSkipped = $state<string | null>(null);
  /** Page clock when the sides started; the timeline's zero. */
  startedAt = $state(0);
  /** What the last Unload did, or why a run was stopped from elsewhere. */
  notice = $state<string | null>(null);
  /** The experiment as it was when the current (or last) run started. */
  config = $state.raw<ExperimentConfig | null>(null);

  /** Where runs are recorded as they happen (set once the history store has opened). */
  store: RunStoreApi | null = null;
  /** The history id of the current (or last) run. */
  runId = $state<string | null>(null);
  /** The run shown is a fork: what was edited (null for other runs). */
  forkOf = $state.raw<ForkPlan | null>(null);
  /** A fork's parent turns, for the turn-by-turn comparison. */
  parentTurns = $state.raw<{ solo: readonly Turn[]; team: readonly Turn[] } | null>(null);

  readonly #host: AgentHost;
  readonly #lease: AgentLease;
  readonly #now: () => number;
  #record: RunRecord | null = null;
  #abort: AbortController | null = null;
  /** The context window of each role's model in the current run. */
  #contextWindowOf: (role: { model: ModelRef }) => number | null = () => null;
  readonly #sink = new TokenSink<string>((key, text, tokens) => this.#applyText(key, text, tokens));

  /** `now` is epoch milliseconds with sub-millisecond resolution: stored turn times are comparable. */
  readonly #toolSandbox: ToolSandbox | null;

  /** `toolSandbox`: where tool-using roles' tools run (the page's sandboxes by default). */
  constructor(
    host: AgentHost,
    now = () => performance.timeOrigin + performance.now(),
    toolSandbox: ToolSandbox | null = pageSandbox,
  ) {
    this.#toolSandbox = toolSandbox;
    this.#host = host;
    this.#now = now;
    this.#lease = host.lease('Solo vs Team', (reason) => {
      this.notice = `Stopped: ${reason}.`;
      this.stop();
    });
  }

  /** Whether the page holds any loaded model (this view's or another's). */
  get modelsLoaded(): boolean {
    return this.#host.models.length > 0;
  }

  get busy(): boolean {
    return this.phase === 'loading' || this.phase === 'running';
  }

  /** What the page shows for a side: this run's, or the last run's (stale) until this one streams. */
  shown(which: ShownSide): { side: SideState; config: ExperimentConfig | null; stale: boolean } {
    const previous = this.previous?.[which];
    return previous
      ? { side: previous, config: this.previous!.config, stale: true }
      : { side: this[which], config: this.config, stale: false };
  }

  /** The page's one owner of models (for runs that share this one's models, as Repeat). */
  get host(): AgentHost {
    return this.#host;
  }

  get workerCount(): number {
    return this.#host.workerCount;
  }

  async run(
    config: ExperimentConfig,
    catalog: readonly CatalogModel[],
    options: {
      fairness?: boolean;
      /** Load a second copy of each model both sides use, so they run at once (see the Plan). */
      secondCopy?: boolean;
      /** A fork of the finished run shown: reuse its turns up to the edited one (see fork()). */
      fork?: ForkPlan;
    } = {},
  ): Promise<void> {
    if (this.busy) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.loadError = null;
    this.notice = null;
    this.fairSkipped = null;
    const basePlan = planModels(config, catalog);
    const plan = options.secondCopy ? withSecondCopies(basePlan) : basePlan;
    if (plan.unknown.length > 0) {
      this.loadError = toAgentError(
        { name: 'InvalidRequestError', message: unknownModelsMessage(plan) },
        'InvalidRequestError',
      );
      return;
    }
    this.#keepPrevious();
    this.config = config;
    this.#contextWindowOf = contextWindowsOf(plan);
    this.phase = 'loading';
    const loaded = await loadPlan(this.#lease, plan.models, abort.signal, (loading) => {
      this.loading = loading;
    });
    this.loading = null;
    if (loaded.status === 'failed') {
      this.loadError = loaded.error;
      // The previous run's panels would read as this run's: only the error stays.
      for (const side of [this.solo, this.team, this.fair]) side.clear();
      this.previous = null;
    } else if (loaded.status === 'stopped') this.#restorePrevious();
    if (loaded.status !== 'loaded') {
      this.phase = 'idle';
      return;
    }
    this.phase = 'running';
    this.fair.clear();
    this.fairSamples = null;
    this.startedAt = this.#now();
    const fork = options.fork;
    this.#record = await this.#createRecord(
      config,
      fork && fork.parentRunId
        ? { runId: fork.parentRunId, side: fork.which, turnIndex: fork.turnIndex }
        : undefined,
    );
    this.runId = this.#record?.id ?? null;
    this.forkOf = fork ?? null;
    if (!fork) this.parentTurns = null;
    const input = experimentInput(config);
    const replay = (which: 'solo' | 'team'): ReplayPlan | undefined =>
      fork
        ? {
            turns: fork.parent[which],
            ...(which !== fork.which
              ? { editedIndex: Infinity }
              : fork.output !== undefined
                ? { editedIndex: fork.turnIndex, editedOutput: fork.output }
                : { editedIndex: fork.turnIndex - 1 }),
          }
        : undefined;
    await Promise.all([
      this.#runSide('solo', config.solo, input, abort.signal, undefined, replay('solo')),
      this.#runSide(
        'team',
        config.team,
        input,
        abort.signal,
        chatOnCopies(this.#lease, plan, 2),
        replay('team'),
      ),
    ]);
    this.#sink.flush();
    this.previous = null;
    await this.#finishRecord(abort.signal.aborted);
    if (options.fairness && !abort.signal.aborted)
      await this.#runFairness(config, input, abort.signal);
    this.phase = 'finished';
    this.#abort = null;
  }

  async #runSide(
    which: 'solo' | 'team' | 'fair',
    side: SideConfig,
    input: ProtocolInput,
    signal: AbortSignal,
    chat: TeamChat = this.#lease.chat,
    replay?: ReplayPlan,
  ): Promise<void> {
    const state = this[which];
    state.reset(this.#now());
    const record =
      this.store && this.#record && which !== 'fair'
        ? recordSide(this.store, this.#record, which, { now: this.#now })
        : null;
    const emit = (event: ProtocolEvent) => {
      record?.(event);
      if (event.type === 'token')
        return this.#sink.push(`${which}:${event.turnIndex}`, event.delta);
      if (event.type === 'turn-end' || event.type === 'side-end') this.#sink.flush();
      state.apply(event);
      if (event.type === 'side-end' && which !== 'fair') this.#dropPrevious(which);
    };
    await runSide(side, input, {
      chat,
      signal,
      emit,
      now: this.#now,
      contextWindowOf: this.#contextWindowOf,
      ...(this.#toolSandbox ? { toolSandbox: this.#toolSandbox } : {}),
      ...(replay ? { replay } : {}),
    });
  }

  /**
   * Forks the finished run shown: the turn `turnIndex` of `which` gets `output` as its reply, the
   * turns before it (and the whole other side) are reused as they were, and only the calls after
   * the edited turn run. The fork is a new run in History, linked to its parent.
   */
  async fork(
    which: 'solo' | 'team',
    turnIndex: number,
    edit: ForkEdit,
    catalog: readonly CatalogModel[],
  ): Promise<void> {
    const parentConfig = this.config;
    const solo = this.solo.result;
    const team = this.team.result;
    const turn = this[which].result?.turns.find((t) => t.index === turnIndex);
    if (this.busy || !parentConfig || !solo || !team || !turn) return;
    const config = structuredClone($state.snapshot(parentConfig)) as ExperimentConfig;
    if ('systemPrompt' in edit) {
      const role = config[which].roles.find((r) => r.id === turn.roleId);
      if (!role) return;
      role.systemPrompt = edit.systemPrompt;
    }
    this.parentTurns = { solo: solo.turns, team: team.turns };
    await this.run(config, catalog, {
      fork: {
        which,
        turnIndex,
        ...('output' in edit ? { output: edit.output } : { promptOf: turn.roleId }),
        parent: { solo: solo.turns, team: team.turns },
        parentRunId: this.runId,
      },
    });
  }

  async #createRecord(config: ExperimentConfig, forkOf?: ForkOf): Promise<RunRecord | null> {
    try {
      return (await this.store?.createRun(config, forkOf)) ?? null;
    } catch {
      return null; // The store reports its own faults; a run never fails for want of history.
    }
  }

  async #finishRecord(stopped: boolean): Promise<void> {
    const record = this.#record;
    if (!this.store || !record) return;
    const statuses = [this.solo.result?.status, this.team.result?.status];
    const status = stopped ? 'stopped' : statuses.includes('failed') ? 'failed' : 'done';
    const sides = {
      ...(this.solo.result ? { solo: this.solo.result } : {}),
      ...(this.team.result ? { team: this.team.result } : {}),
    };
    await this.store.finishRun(record.id, status, sides).catch(() => {});
  }

  /**
   * "Solo with the Team's budget": the Solo model sampled as many times as the Team's tokens
   * would pay for (self-consistency, majority answer), so a user can tell whether the Team won
   * by teamwork or by spending more.
   */
  async #runFairness(
    config: ExperimentConfig,
    input: ProtocolInput,
    signal: AbortSignal,
  ): Promise<void> {
    const soloTurns = this.solo.result?.turns ?? [];
    const teamTurns = this.team.result?.turns ?? [];
    const model = config.solo.roles[0]?.model;
    const fit = fairSampleCount(sideTotals(teamTurns), sideTotals(soloTurns));
    if (this.team.result?.status !== 'done') {
      this.fairSkipped =
        'The fairness column was not run: the Team did not finish, so it has no token budget to match.';
      return;
    }
    if (!model || fit === null || fit < 1) {
      this.fairSkipped =
        "The fairness column was not run: the Team's tokens do not buy Solo a call.";
      return;
    }
    const samples = Math.min(LIMITS.samples.max, Math.max(LIMITS.samples.min, fit));
    this.fairSamples = samples;
    const base = presetSide('self-consistency', model);
    // Solo's thinking switch too: its calls' tokens, which set the sample count, were spent so.
    const thinking = config.solo.roles[0]?.thinking;
    const side: SideConfig = {
      ...base,
      protocol: { type: 'self-consistency', samples },
      ...(thinking ? { roles: base.roles.map((r) => ({ ...r, thinking })) } : {}),
    };
    await this.#runSide('fair', side, input, signal);
    this.#sink.flush();
  }

  #applyText(key: string, text: string, tokens: number): void {
    const [which, index] = key.split(':') as ['solo' | 'team' | 'fair', string];
    this[which].appendText(Number(index), text, tokens);
    if (which !== 'fair') this.#dropPrevious(which);
  }

  /** A new run starts: the sides shown so far become the previous run's; fresh ones stream. */
  #keepPrevious(): void {
    const kept = (side: SideState) => (side.phase === 'idle' ? null : side);
    const solo = kept(this.solo);
    const team = kept(this.team);
    this.previous = solo || team ? { config: this.config, solo, team } : null;
    this.solo = new SideState();
    this.team = new SideState();
  }

  /** The new run never started (stopped while loading): the last run's sides are current again. */
  #restorePrevious(): void {
    const previous = this.previous;
    if (!previous) return;
    if (previous.solo) this.solo = previous.solo;
    if (previous.team) this.team = previous.team;
    this.config = previous.config;
    this.previous = null;
  }

  /** This side of the new run has something to show: the last run's one goes. */
  #dropPrevious(which: ShownSide): void {
    const previous = this.previous;
    if (!previous?.[which]) return;
    const rest = { ...previous, [which]: null };
    this.previous = rest.solo || rest.team ? rest : null;
  }

  stop(): void {
    this.#abort?.abort();
  }

  /**
   * Frees every loaded model on the page (their workers end); the next run loads again. Work in
   * another view that uses them (a benchmark batch) is stopped first, and the notice says so.
   */
  async unload(): Promise<void> {
    if (this.busy) return;
    const { unloaded, stopped } = await this.#host.unloadAll('Solo vs Team');
    const models = `${unloaded} model${unloaded === 1 ? '' : 's'}`;
    this.notice = stopped.length
      ? `Stopped the work in ${stopped.join(' and ')} first, then unloaded ${models}.`
      : `Unloaded ${models}.`;
  }

  dispose(): void {
    this.stop();
    this.#lease.release();
  }
}
