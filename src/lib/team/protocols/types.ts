/**
 * What running a side produces and reports: turns (one per model call), events for the UI, and
 * the side's result. Also what a protocol needs from its caller (ProtocolDeps).
 */
import type { AgentErrorName } from '../../engine/errors';
import type { ContextParagraph } from '../../eval/types';
import type { ToolSandbox } from '../../tools/tool-runner';
import type { ToolSpec, TurnToolCall } from '../../tools/types';
import type { ProgramReport, SoftwareTask } from '../../software/task';
import type {
  CallUsage,
  ChatHooks,
  ChatMessage,
  ChatRequest,
  ChatResult,
  FinishReason,
} from '../../engine/types';
import type { VoteCount } from '../answers';
import type { RoleConfig, RoleKind, SideConfig } from '../config';
import type { ContextTrim } from '../context-budget';
import type { ProtocolInput } from '../prompts';
import type { EscalationOutcome } from '../escalation';
import type { CriticVerdict } from '../verdict';

export type { ProtocolInput };

/** What a turn did within its protocol. */
export type TurnStep =
  | 'answer' // solo, or the answerer
  | 'reason' // the reasoner's first draft
  | 'critique' // a critic review
  | 'critique-retry' // the one retry after a malformed verdict
  | 'revise' // the reasoner's revision after a 'revise' verdict
  | 'generate' // a generator (any layer)
  | 'judge'
  | 'sample' // a self-consistency sample
  | 'small-answer' // escalation: the small model's answer
  | 'small-sample' // escalation: a sample of the small model (agreement check)
  | 'large-answer' // escalation: the large model's answer, after the check escalated
  | 'design' // software team: the designer's spec
  | 'program' // software team: the programmer's first program
  | 'review' // software team: a code review (JSON verdict)
  | 'test' // software team: the tester's report on a failed run
  | 'fix' // software team: the programmer's program after a review or a test
  | 'peer-answer' // cross-verification: an answerer's independent answer
  | 'verify' // cross-verification: an answerer's check of the other's answer (JSON verdict)
  | 'verify-retry' // cross-verification: the one retry after an unreadable check
  | 'reconcile'; // cross-verification: the reconciler's final answer

/** Every step, for schemas that read stored turns (a record, so a new step cannot be missed). */
const STEPS: Record<TurnStep, true> = {
  answer: true,
  reason: true,
  critique: true,
  'critique-retry': true,
  revise: true,
  generate: true,
  judge: true,
  sample: true,
  'small-answer': true,
  'small-sample': true,
  'large-answer': true,
  design: true,
  program: true,
  review: true,
  test: true,
  fix: true,
  'peer-answer': true,
  verify: true,
  'verify-retry': true,
  reconcile: true,
};
export const TURN_STEPS = Object.keys(STEPS) as TurnStep[];

export type TurnStatus = 'done' | 'stopped' | 'failed';

/** One model call. */
export interface Turn {
  /** 0-based, in call order within the side. */
  index: number;
  roleId: string;
  roleName: string;
  kind: RoleKind;
  step: TurnStep;
  /** Critic loop: the round (1-based; the draft is round 0). Generators: the layer (1-based).
   * Self-consistency: the sample (1-based). Absent otherwise. */
  round?: number;
  /** The request's messages, as sent (after fitting them into the role's context window). */
  messages: ChatMessage[];
  /** What was cut to fit the role's context window; absent when nothing was (and in runs
   * recorded before context budgets existed). */
  trimmed?: ContextTrim;
  /** The completion; for a stopped or failed turn, what had streamed. May hold `<think>` blocks
   * (see thinking.ts): only the answer part is read or passed on. */
  output: string;
  /** Of the tokens streamed, how many were thinking (`<think>` blocks, tags included), counted
   * on the page from the token deltas. Absent when none were. */
  thinkingTokens?: number;
  /** For critic turns whose reply could be read. */
  verdict?: CriticVerdict;
  /** Escalation: why the large model was called (a 'large-answer' turn), as the check said. */
  escalatedBecause?: string;
  /**
   * The worker's figures, also for a stopped turn whose worker answered the stop. Otherwise
   * (no result came back): promptTokens 0, completionTokens = tokens streamed, times and decode
   * rate measured on the page from the moment the model took the call.
   */
  usage: CallUsage;
  /** Milliseconds spent waiting for a busy model before the call ran (all of it, for a call
   * that never reached the model). */
  queuedMs: number;
  /** When the protocol asked for the call and when it settled (ProtocolDeps.now's clock). */
  startedAtMs: number;
  endedAtMs: number;
  finishReason?: FinishReason;
  status: TurnStatus;
  /** The call was stopped or failed before it reached the model: not a model call. */
  notStarted?: true;
  /** A tool-using role's call: which of its tool steps (1-based); absent for other calls. */
  toolStep?: number;
  /**
   * A fork's turn that was not run again: taken from the parent run ('parent') or written by the
   * user ('edited'). No model call, no tokens, no time.
   */
  reused?: 'parent' | 'edited';
  /** The tool calls this reply made and what each gave back, in the order they ran. */
  toolCalls?: TurnToolCall[];
}

export type SideStatus = 'done' | 'stopped' | 'failed';

export interface SideResult {
  /** The side's final short answer ('' when stopped or failed before one existed). */
  finalAnswer: string;
  turns: Turn[];
  /** `[Title, sentence N]` references from the final reasoning (reasoner protocols). */
  references?: string[];
  /** Self-consistency (and escalation's agreement check): the vote counts, winner first. */
  votes?: VoteCount[];
  /** Escalation: what the check decided and why; kept when the side stops after the check. */
  escalation?: EscalationOutcome;
  warnings: string[];
  status: SideStatus;
  error?: { name: AgentErrorName; message: string };
}

/** Events a running side reports, in order; the UI subscribes through ProtocolDeps.emit. */
export type ProtocolEvent =
  | {
      type: 'turn-start';
      turnIndex: number;
      roleId: string;
      roleName: string;
      kind: RoleKind;
      step: TurnStep;
      round?: number;
      /** What was cut to fit the role's context window. */
      trimmed?: ContextTrim;
      /** A tool-using role's call: which of its tool steps. */
      toolStep?: number;
    }
  | { type: 'token'; turnIndex: number; delta: string }
  | { type: 'tool-result'; turnIndex: number; toolCall: TurnToolCall }
  | { type: 'turn-end'; turn: Turn }
  | { type: 'warning'; message: string }
  | { type: 'side-end'; result: SideResult };

/** A chat result, plus (optionally) how long the call waited for a busy model. */
export interface TeamChatResult extends ChatResult {
  queuedMs?: number;
}

/**
 * How a protocol asks a role's model for a completion. The caller routes by role.model (agents
 * sharing a model share one worker) and decides about parallelism. Throws AgentErrors.
 */
export type TeamChat = (
  role: RoleConfig,
  request: ChatRequest,
  hooks: ChatHooks,
) => Promise<TeamChatResult>;

/**
 * A fork of a finished side: its turns up to `editedIndex` are taken from `turns` (the parent
 * run's) without calling a model, the one at `editedIndex` with `editedOutput` as its reply; the
 * calls after it run. Infinity as `editedIndex` replays the whole side.
 */
export interface ReplayPlan {
  turns: readonly Turn[];
  editedIndex: number;
  /** The edited turn's reply; absent: the turns through `editedIndex` are all reused as they
   * were (a fork that changed a role's prompt from the next turn on). */
  editedOutput?: string;
}

export interface ProtocolDeps {
  chat: TeamChat;
  /** A fork: the parent run's turns to reuse (see ReplayPlan). */
  replay?: ReplayPlan;
  /**
   * Where tool-using roles' tools run (the page's sandboxes). Absent: roles answer without
   * tools (their tools are not offered).
   */
  toolSandbox?: ToolSandbox;
  /** The question's paragraphs, for the look-up tool (runSide sets it from the input). */
  toolParagraphs?: readonly ContextParagraph[];
  /**
   * The functions a function-calling question offers (runSide sets it from the input): the
   * calls that write an answer (ANSWER_STEPS) get them as a grammar (in-tab models: calls that
   * fit the functions, or a plain sentence) or as OpenAI `tools` (servers' models).
   */
  answerFunctions?: readonly ToolSpec[];
  /**
   * Runs a program on a software task's visible checks (the web app's checker, the function's
   * examples) for the software team's tester. Absent: the tester reads the code only.
   */
  runProgram?: (program: string, task: SoftwareTask, signal: AbortSignal) => Promise<ProgramReport>;
  /** Aborting stops the side at once: status 'stopped', turns so far kept. */
  signal: AbortSignal;
  emit: (event: ProtocolEvent) => void;
  /** Clock for turn times in milliseconds; default Date.now. */
  now?: () => number;
  /**
   * The context window (tokens) of a role's model. Each call's messages are fitted into it,
   * leaving the role's max tokens for the reply (see context-budget.ts); absent or null: the
   * messages are sent whole.
   */
  contextWindowOf?: (role: RoleConfig) => number | null | undefined;
}

/** Every protocol has this shape. */
export type Protocol = (
  side: SideConfig,
  input: ProtocolInput,
  deps: ProtocolDeps,
) => Promise<SideResult>;
