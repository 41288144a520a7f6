/**
 * One run of the Software tab: Solo and the software team work on the same task at once,
 * streaming (the same path as Solo vs Team: the lease's chat and `runSide`). The team's tester
 * reads what its program did on the task's visible checks; when a side ends, its final program
 * is scored (a web app's requirements, driven off the screen; a function's hidden tests). The
 * run is recorded in History like a Solo vs Team run, the task's text as its question.
 */
import type { AgentHost, AgentLease } from '../agents/agent-host.svelte';
import {
  chatOnCopies,
  loadPlan,
  unknownModelsMessage,
  type PlanLoading,
} from '../agents/load-plan';
import { contextWindowsOf, planModels, withSecondCopies } from '../agents/model-plan';
import type { CatalogModel } from '../catalog/types';
import { toAgentError, type AgentError } from '../engine/errors';
import { TokenSink } from '../render/token-sink';
import { pageSandbox } from '../sandbox/page-sandbox';
import type { ProgramRunner, SoftwareScore } from '../software/program-types';
import { programRunner, softwareTaskOf } from '../software/run-program';
import type { CodeSandbox } from '../software/types';
import { SideState } from '../state/side-state.svelte';
import type { RunStoreApi } from '../storage/api';
import type { RunRecord } from '../storage/records';
import { recordSide } from '../storage/run-recorder';
import type { ExperimentConfig, SideConfig } from '../team/config';
import { runSide } from '../team/protocols/run-side';
import type { ProtocolEvent, ProtocolInput, SideResult, TeamChat } from '../team/protocols/types';
import { taskMessage, type TaskChoice } from './task-choice';

export type SoftwarePhase = 'idle' | 'loading' | 'running' | 'finished';
export type SoftwareSide = 'solo' | 'team';

/** What became of a side's final program. */
export type ProgramCheck =
  /** No program to run, and why (the side failed, was stopped, or wrote none). */
  | { status: 'none'; why: string }
  | { status: 'checking'; program: string }
  | { status: 'done'; program: string; score: SoftwareScore }
  /** The checks themselves could not run (not the program's fault). */
  | { status: 'error'; program: string; message: string };

export interface SoftwareRunOptions {
  host: AgentHost;
  /** Where runs are recorded (History's store, once it has opened); none: not recorded. */
  store?: () => RunStoreApi | null;
  /** Runs the functions' code (the page's sandboxes by default). */
  sandbox?: CodeSandbox;
  /** The runner of a task's programs (default: programRunner on `sandbox`). */
  runnerFor?: (choice: TaskChoice) => ProgramRunner;
  /** Epoch milliseconds with sub-millisecond resolution (stored turn times compare). */
  now?: () => number;
  /** When streamed text is painted (default: the next animation frame). */
  schedule?: (fn: () => void) => void;
}

/** Why a side that ended has no program to run. */
export function whyNoProgram(result: SideResult): string | null {
  if (result.status === 'failed')
    return `No program: this side failed (${result.error?.message ?? 'no reason given'}).`;
  if (result.status === 'stopped') return 'Stopped before it finished: no final program was run.';
  if (!result.finalAnswer.trim()) return 'This side wrote no program: its last reply held no code.';
  return null;
}

export class SoftwareRun {
  phase = $state<SoftwarePhase>('idle');
  loading = $state.raw<PlanLoading | null>(null);
  loadError = $state.raw<AgentError | null>(null);
  solo = $state.raw(new SideState());
  team = $state.raw(new SideState());
  checks = $state.raw<Record<SoftwareSide, ProgramCheck | null>>({ solo: null, team: null });
  /** The task and the sides as this (or the last) run started. */
  choice = $state.raw<TaskChoice | null>(null);
  config = $state.raw<ExperimentConfig | null>(null);
  /** Page clock when the sides started; the timeline's zero. */
  startedAt = $state(0);
  /** Why the run was stopped from elsewhere. */
  notice = $state<string | null>(null);
  /** The History id of this (or the last) run; null when it was not recorded. */
  runId = $state<string | null>(null);

  readonly #lease: AgentLease;
  readonly #store: () => RunStoreApi | null;
  readonly #runnerFor: (choice: TaskChoice) => ProgramRunner;
  readonly #now: () => number;
  readonly #sink: TokenSink<string>;
  #abort: AbortController | null = null;
  #record: RunRecord | null = null;

  constructor(options: SoftwareRunOptions) {
    const sandbox = options.sandbox ?? pageSandbox;
    this.#store = options.store ?? (() => null);
    this.#runnerFor =
      options.runnerFor ?? ((choice) => programRunner(choice.definition, { sandbox }));
    this.#now = options.now ?? (() => performance.timeOrigin + performance.now());
    this.#sink = new TokenSink<string>((key, text, tokens) => {
      const [side, index] = key.split(':') as [SoftwareSide, string];
      this[side].appendText(Number(index), text, tokens);
    }, options.schedule);
    this.#lease = options.host.lease('Software', (reason) => {
      this.notice = `Stopped: ${reason}.`;
      this.stop();
    });
  }

  get busy(): boolean {
    return this.phase === 'loading' || this.phase === 'running';
  }

  /** Runs both sides on the task until each ends, then scores each side's program. */
  async run(
    sides: { solo: SideConfig; team: SideConfig },
    choice: TaskChoice,
    catalog: readonly CatalogModel[],
    options: {
      /** Load a second copy of each model both sides use, so their calls do not take turns. */
      secondCopy?: boolean;
    } = {},
  ): Promise<void> {
    if (this.busy) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.loadError = null;
    this.notice = null;
    const config: ExperimentConfig = { version: 1, question: taskMessage(choice), ...sides };
    const basePlan = planModels(config, catalog);
    const plan = options.secondCopy ? withSecondCopies(basePlan) : basePlan;
    if (plan.unknown.length > 0) {
      const message = `${unknownModelsMessage(plan)}. Pick another model.`;
      this.loadError = toAgentError({ name: 'InvalidRequestError', message });
      return;
    }
    this.phase = 'loading';
    const loaded = await loadPlan(this.#lease, plan.models, abort.signal, (loading) => {
      this.loading = loading;
    });
    this.loading = null;
    if (loaded.status !== 'loaded') {
      if (loaded.status === 'failed') this.loadError = loaded.error;
      this.phase = this.choice ? 'finished' : 'idle';
      this.#abort = null;
      return;
    }
    // From here on the page shows this run (the last one's sides go).
    this.choice = choice;
    this.config = config;
    this.solo = new SideState();
    this.team = new SideState();
    this.checks = { solo: null, team: null };
    this.phase = 'running';
    this.startedAt = this.#now();
    this.#record = await this.#createRecord(config);
    this.runId = this.#record?.id ?? null;
    const runner = this.#runnerFor(choice);
    const input: ProtocolInput = {
      question: config.question,
      software: softwareTaskOf(choice.definition),
    };
    const contextWindowOf = contextWindowsOf(plan);
    await Promise.all(
      (['solo', 'team'] as const).map((which) =>
        this.#runSide(which, sides[which], input, runner, abort.signal, contextWindowOf, {
          // The team's calls go to its own copies (none unless asked: the lease's chat).
          chat: which === 'team' ? chatOnCopies(this.#lease, plan, 2) : this.#lease.chat,
        }),
      ),
    );
    this.#sink.flush();
    await this.#finishRecord(abort.signal.aborted);
    this.phase = 'finished';
    this.#abort = null;
  }

  async #runSide(
    which: SoftwareSide,
    side: SideConfig,
    input: ProtocolInput,
    runner: ProgramRunner,
    signal: AbortSignal,
    contextWindowOf: ReturnType<typeof contextWindowsOf>,
    { chat }: { chat: TeamChat },
  ): Promise<void> {
    const state = this[which];
    state.reset(this.#now());
    const store = this.#store();
    const record =
      store && this.#record ? recordSide(store, this.#record, which, { now: this.#now }) : null;
    const emit = (event: ProtocolEvent) => {
      record?.(event);
      if (event.type === 'token')
        return this.#sink.push(`${which}:${event.turnIndex}`, event.delta);
      if (event.type === 'turn-end' || event.type === 'side-end') this.#sink.flush();
      state.apply(event);
    };
    const result = await runSide(side, input, {
      chat,
      signal,
      emit,
      now: this.#now,
      contextWindowOf,
      runProgram: (program, _task, runSignal) => runner.runVisible(program, runSignal),
    });
    await this.#check(which, result, runner, signal);
  }

  /** Scores the side's final program (a stopped run stops its check too). */
  async #check(
    which: SoftwareSide,
    result: SideResult,
    runner: ProgramRunner,
    signal: AbortSignal,
  ): Promise<void> {
    const why = whyNoProgram(result);
    const set = (check: ProgramCheck) => {
      this.checks = { ...this.checks, [which]: check };
    };
    if (why) {
      set({ status: 'none', why });
      return;
    }
    const program = result.finalAnswer;
    set({ status: 'checking', program });
    try {
      set({ status: 'done', program, score: await runner.score(program, signal) });
    } catch (error) {
      const stopped = signal.aborted || (error instanceof Error && error.name === 'AbortError');
      set({
        status: 'error',
        program,
        message: stopped
          ? 'The check was stopped before it finished.'
          : `The checks could not run: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  async #createRecord(config: ExperimentConfig): Promise<RunRecord | null> {
    try {
      return (await this.#store()?.createRun(config)) ?? null;
    } catch {
      return null; // The store reports its own faults; a run never fails for want of history.
    }
  }

  async #finishRecord(stopped: boolean): Promise<void> {
    const store = this.#store();
    const record = this.#record;
    if (!store || !record) return;
    const statuses = [this.solo.result?.status, this.team.result?.status];
    const status = stopped ? 'stopped' : statuses.includes('failed') ? 'failed' : 'done';
    const sides = {
      ...(this.solo.result ? { solo: this.solo.result } : {}),
      ...(this.team.result ? { team: this.team.result } : {}),
    };
    await store.finishRun(record.id, status, sides).catch(() => {});
  }

  stop(): void {
    this.#abort?.abort();
  }

  dispose(): void {
    this.stop();
    this.#lease.release();
  }
}
