/**
 * One blind round of the arena as the page shows it: the experiment's Solo and Team, seated
 * Left and Right at random, load their models through the page's agent host and answer the
 * same question at once, streaming (the same path as Solo vs Team: the lease's chat and
 * `runSide`). Until both have finished the page must not say who sits where; then a person
 * votes, or, when a side failed or was stopped, is told why no vote can be cast.
 */
import type { AgentHost, AgentLease } from '../agents/agent-host.svelte';
import { loadPlan, unknownModelsMessage } from '../agents/load-plan';
import { contextWindowsOf, planModels } from '../agents/model-plan';
import { specFor } from '../agents/model-spec';
import type { CatalogModel } from '../catalog/types';
import { toAgentError, type AgentError } from '../engine/errors';
import { TokenSink } from '../render/token-sink';
import { pageSandbox } from '../sandbox/page-sandbox';
import { SideState } from '../state/side-state.svelte';
import type { ExperimentConfig, ModelRef, SideConfig } from '../team/config';
import { presetSide } from '../team/presets';
import { answerPart } from '../team/thinking';
import { judgePrompt, judgeVerdict, parseJudgeReply, type JudgePick } from './model-judge';
import { runSide } from '../team/protocols/run-side';
import type { ProtocolEvent } from '../team/protocols/types';
import type { ToolSandbox } from '../tools/tool-runner';
import {
  arenaVote,
  assignSeats,
  type ArenaQuestion,
  type DrawnQuestion,
  type Random,
  type Seat,
  type Seats,
} from './seats';
import type { Vote, VoteOutcome } from './votes';

/**
 * idle: a question is being chosen; loading / running: blind; ready: both answered, vote;
 * voted: names shown; unvotable: a side failed or was stopped (`problem` says which and why).
 */
export type ArenaPhase = 'idle' | 'loading' | 'running' | 'ready' | 'voted' | 'unvotable';

export interface ArenaRunOptions {
  host: AgentHost;
  /** Seats each round (default Math.random). */
  random?: Random;
  /** Epoch milliseconds. */
  now?: () => number;
  /** Vote ids (default crypto.randomUUID). */
  newId?: () => string;
  /** Where tool-using roles' tools run (the page's sandboxes by default). */
  toolSandbox?: ToolSandbox | null;
  /** When streamed text is painted (default: the next animation frame). */
  schedule?: (fn: () => void) => void;
}

/** A model judging the round: asked twice, the answers swapped the second time. */
export interface Judgement {
  model: string;
  status: 'loading' | 'judging' | 'voted' | 'no-vote' | 'failed';
  /** What each order picked ('left'/'right' in the page's seats), once read. */
  picks?: [JudgePick, JudgePick];
  /** The judge's two replies, as written. */
  replies?: [string, string];
  vote?: Vote;
  /** Why there is no vote, or what failed. */
  message?: string;
}

/** The judge's sampling: greedy, so asking again gives the same verdict. */
const JUDGE_SAMPLING = { temperature: 0, max_tokens: 768, seed: 0 };

export class ArenaRun {
  phase = $state<ArenaPhase>('idle');
  /** Models loaded so far of those the round needs (no names: they would give sides away). */
  loaded = $state.raw<{ done: number; total: number } | null>(null);
  loadError = $state.raw<AgentError | null>(null);
  left = $state.raw(new SideState());
  right = $state.raw(new SideState());
  /** Who sits where; only for the page to show once the round is over. */
  seats = $state.raw<Seats | null>(null);
  /** The experiment as the round started. */
  config = $state.raw<Pick<ExperimentConfig, 'solo' | 'team'> | null>(null);
  question = $state.raw<ArenaQuestion | null>(null);
  /** The vote cast this round. */
  vote = $state.raw<Vote | null>(null);
  /** Why no vote can be cast this round. */
  problem = $state<string | null>(null);
  /** A model's judgement of this round (optional; reported apart from people's votes). */
  judgement = $state.raw<Judgement | null>(null);
  /** The question box's text, kept while the user looks at other tabs. */
  text = $state('');
  /** The question last drawn from a shipped set (asked as such while `text` is still its). */
  drawn = $state.raw<DrawnQuestion | null>(null);

  readonly #lease: AgentLease;
  readonly #random: Random;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #toolSandbox: ToolSandbox | null;
  readonly #sink: TokenSink<string>;
  #abort: AbortController | null = null;
  #judgeAbort: AbortController | null = null;
  #stopReason: string | null = null;

  constructor(options: ArenaRunOptions) {
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#toolSandbox = options.toolSandbox === undefined ? pageSandbox : options.toolSandbox;
    this.#sink = new TokenSink<string>((key, text, tokens) => {
      const [seat, index] = key.split(':') as [Seat, string];
      this[seat].appendText(Number(index), text, tokens);
    }, options.schedule);
    this.#lease = options.host.lease('Arena', (reason) => this.stop(`Stopped: ${reason}.`));
  }

  get busy(): boolean {
    return this.phase === 'loading' || this.phase === 'running';
  }

  /** Whether the page may say who sits where. */
  get revealed(): boolean {
    return this.phase === 'voted' || this.phase === 'unvotable';
  }

  /** The side in a seat, once the page may show it. */
  sideIn(seat: Seat): SideConfig | null {
    if (!this.revealed || !this.seats || !this.config) return null;
    return this.config[this.seats[seat]];
  }

  /** Runs one blind round of the experiment's two sides on the question. */
  async start(
    config: Pick<ExperimentConfig, 'solo' | 'team'>,
    question: ArenaQuestion,
    catalog: readonly CatalogModel[],
  ): Promise<void> {
    if (this.busy) return;
    this.#clear();
    this.loadError = null;
    const abort = new AbortController();
    this.#abort = abort;
    this.#stopReason = null;
    const plan = planModels({ version: 1, question: question.input.question, ...config }, catalog);
    if (plan.unknown.length > 0) {
      const message = unknownModelsMessage(plan);
      this.loadError = toAgentError({ name: 'InvalidRequestError', message });
      return;
    }
    this.config = config;
    this.question = question;
    this.seats = assignSeats(this.#random);
    this.phase = 'loading';
    this.loaded = { done: 0, total: plan.models.length };
    const loaded = await loadPlan(this.#lease, plan.models, abort.signal, ({ index, total }) => {
      this.loaded = { done: index, total };
    });
    this.loaded = null;
    if (loaded.status !== 'loaded') {
      if (loaded.status === 'failed') this.loadError = loaded.error;
      this.#clear();
      return;
    }
    this.phase = 'running';
    const contextWindowOf = contextWindowsOf(plan);
    const seats = this.seats;
    await Promise.all(
      (['left', 'right'] as const).map((seat) =>
        this.#runSeat(seat, config[seats[seat]], question, abort.signal, contextWindowOf),
      ),
    );
    this.#sink.flush();
    this.#abort = null;
    this.problem = this.#whyNoVote();
    this.phase = this.problem ? 'unvotable' : 'ready';
  }

  async #runSeat(
    seat: Seat,
    side: SideConfig,
    question: ArenaQuestion,
    signal: AbortSignal,
    contextWindowOf: ReturnType<typeof contextWindowsOf>,
  ): Promise<void> {
    const state = this[seat];
    state.reset(this.#now());
    const emit = (event: ProtocolEvent) => {
      if (event.type === 'token') return this.#sink.push(`${seat}:${event.turnIndex}`, event.delta);
      if (event.type === 'turn-end' || event.type === 'side-end') this.#sink.flush();
      state.apply(event);
    };
    await runSide(side, question.input, {
      chat: this.#lease.chat,
      signal,
      emit,
      now: this.#now,
      contextWindowOf,
      ...(this.#toolSandbox ? { toolSandbox: this.#toolSandbox } : {}),
    });
  }

  #whyNoVote(): string | null {
    const problems = (['left', 'right'] as const).flatMap((seat) => {
      const result = this[seat].result;
      const name = seat === 'left' ? 'Left' : 'Right';
      if (result?.status === 'done') return [];
      if (result?.status === 'failed')
        return [`${name} failed (${result.error?.message ?? 'no reason given'})`];
      return [`${name} was stopped`];
    });
    if (problems.length === 0) return null;
    const reason = this.#stopReason ? ` ${this.#stopReason}` : '';
    return `No vote can be cast on this question: ${problems.join('; ')}.${reason} A vote compares two finished answers.`;
  }

  /**
   * A person's vote on this round (once, when both sides finished); null when none can be cast.
   * `labelOf` names each side on the leaderboard (the page knows the models' names).
   */
  cast(outcome: VoteOutcome, labelOf: (side: SideConfig) => string = (s) => s.label): Vote | null {
    const { seats, config, question } = this;
    if (this.phase !== 'ready' || !seats || !config || !question) return null;
    const vote = arenaVote({
      id: this.#newId(),
      createdAt: this.#now(),
      question: question.input.question,
      category: question.category,
      config,
      seats,
      outcome,
      labelOf,
    });
    this.vote = vote;
    this.phase = 'voted';
    return vote;
  }

  /**
   * Asks a model to judge this round (both sides finished): once with the answers as seated, once
   * swapped. A vote (judge: the model) is cast only when both orders agree; a judge that keeps to
   * one position, or whose verdict cannot be read, casts none, and `judgement` says why.
   */
  async judgeWith(
    ref: ModelRef,
    catalog: readonly CatalogModel[],
    labelOf: (side: SideConfig) => string = (s) => s.label,
  ): Promise<Vote | null> {
    const { seats, config, question } = this;
    const left = this.left.result;
    const right = this.right.result;
    if (
      (this.phase !== 'ready' && this.phase !== 'voted') ||
      !seats ||
      !config ||
      !question ||
      left?.status !== 'done' ||
      right?.status !== 'done' ||
      this.judgement?.status === 'loading' ||
      this.judgement?.status === 'judging'
    )
      return null;
    const model = ref.modelId;
    this.judgement = { model, status: 'loading' };
    const judge = presetSide('solo', ref);
    const plan = planModels(
      { version: 1, question: question.input.question, solo: judge, team: judge },
      catalog,
    );
    const planned = plan.models[0];
    if (!planned) {
      this.judgement = { model, status: 'failed', message: `Unknown model: ${model}.` };
      return null;
    }
    const abort = new AbortController();
    this.#judgeAbort = abort;
    try {
      await this.#lease.load(
        [specFor(planned.model, planned.variant, planned.copy, planned.ref.device)],
        () => {},
        abort.signal,
      );
      this.judgement = { model, status: 'judging' };
      const ask = async (a: string, b: string) =>
        (
          await this.#lease.chatWith(
            planned.ref,
            {
              messages: [{ role: 'user', content: judgePrompt(question.input.question, a, b) }],
              sampling: JUDGE_SAMPLING,
            },
            { signal: abort.signal },
          )
        ).text;
      const leftAnswer = answerPart(left.finalAnswer);
      const rightAnswer = answerPart(right.finalAnswer);
      const first = await ask(leftAnswer, rightAnswer);
      const swapped = await ask(rightAnswer, leftAnswer);
      const picks: [JudgePick, JudgePick] = [parseJudgeReply(first), parseJudgeReply(swapped)];
      const outcome = judgeVerdict(picks[0], picks[1]);
      const replies: [string, string] = [first, swapped];
      if (outcome === null) {
        this.judgement = {
          model,
          status: 'no-vote',
          picks,
          replies,
          message:
            picks[0] === null || picks[1] === null
              ? 'No vote: a reply did not end with a verdict line.'
              : 'No vote: the two orders disagree (the judge followed the position, not the answer).',
        };
        return null;
      }
      const vote: Vote = {
        ...arenaVote({
          id: this.#newId(),
          createdAt: this.#now(),
          question: question.input.question,
          category: question.category,
          config,
          seats,
          outcome,
          labelOf,
        }),
        judge: { model },
      };
      this.judgement = { model, status: 'voted', picks, replies, vote };
      return vote;
    } catch (error) {
      const failure = toAgentError(error, 'GenerationError');
      this.judgement = {
        model,
        status: 'failed',
        message:
          failure.name === 'AbortError'
            ? 'The judge was stopped.'
            : `The judge failed: ${failure.message}`,
      };
      return null;
    } finally {
      if (this.#judgeAbort === abort) this.#judgeAbort = null;
    }
  }

  /** Stops the model judge, if one is at work. */
  stopJudge(): void {
    this.#judgeAbort?.abort();
  }

  /** Stops the round; no vote can be cast on it. */
  stop(reason?: string): void {
    if (reason) this.#stopReason = reason;
    this.#abort?.abort();
  }

  /** Back to choosing a question (the page's Next question). */
  reset(): void {
    if (this.busy) return;
    this.loadError = null;
    this.#clear();
  }

  #clear(): void {
    this.phase = 'idle';
    this.left = new SideState();
    this.right = new SideState();
    this.seats = null;
    this.config = null;
    this.question = null;
    this.vote = null;
    this.problem = null;
    this.#judgeAbort?.abort();
    this.judgement = null;
  }

  dispose(): void {
    this.#abort?.abort();
    this.#judgeAbort?.abort();
    this.#lease.release();
  }
}
