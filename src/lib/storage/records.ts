/**
 * What the playground keeps in IndexedDB: runs (a question put to a Solo and a Team side, with
 * every turn), saved experiment configs, and traces (one per model call, for export). All plain,
 * structured-clone friendly data. Helpers here build records from what the protocols report.
 */
import type { CallUsage, ChatMessage, EngineKind, FinishReason } from '../engine/types';
import type { VoteCount } from '../team/answers';
import type { EscalationOutcome } from '../team/escalation';
import type { ExperimentConfig, ProtocolType, RoleConfig, RoleKind } from '../team/config';
import { batchItemKey, type BatchConfig, type BatchRecord } from './batch-records';
import { roleToolSpecs } from '../tools/built-in-tools';
import type { ToolSpec } from '../tools/types';
import { hasTools } from '../tools/validate-tools';
import type {
  ProtocolEvent,
  SideResult,
  Turn,
  TurnStatus,
  TurnStep,
} from '../team/protocols/types';

export type SideName = 'solo' | 'team';
export const SIDE_NAMES: readonly SideName[] = ['solo', 'team'];

/** 'interrupted': the page went away (reload, crash, closed tab) while the run was going. */
export type RunStatus = 'running' | 'done' | 'stopped' | 'failed' | 'interrupted';

/** One model call as stored; `partial` while it still streams (output holds the text so far). */
export interface TurnRecord extends Turn {
  partial: boolean;
}

export interface SideRecord {
  status: RunStatus;
  /** The side's final short answer ('' until there is one). */
  finalAnswer: string;
  /** In call order (by `index`). */
  turns: TurnRecord[];
  warnings: string[];
  references?: string[];
  votes?: VoteCount[];
  /** Escalation protocol: what its check decided and why. */
  escalation?: EscalationOutcome;
  error?: SideResult['error'];
}

export interface RunRecord {
  /** crypto.randomUUID() where available. */
  id: string;
  /** Milliseconds since the epoch; unique within a store (the history is ordered by it). */
  createdAt: number;
  updatedAt: number;
  config: ExperimentConfig;
  /** A copy of config.question, shown in lists. */
  question: string;
  /** question.toLowerCase(), indexed, for case-insensitive search. */
  questionLower: string;
  status: RunStatus;
  sides: Record<SideName, SideRecord>;
  /** A fork: the run it came from, and the turn the user edited (absent for other runs). */
  forkOf?: ForkOf;
}

/** Where a fork came from: its parent run, the side and the turn (0-based) that was edited. */
export interface ForkOf {
  runId: string;
  side: SideName;
  turnIndex: number;
}

export interface SavedConfigRecord {
  id: string;
  name: string;
  createdAt: number;
  config: ExperimentConfig;
}

/**
 * Where a benchmark call came from: the batch, the item (its index in the batch's `items` and its
 * own id in its set) and the config (BatchConfig.id) that made it. Such a trace's `runId` is the
 * item record's key (`batchItemKey(batchId, index)`), and its `side` is 'solo' for the config
 * 'solo', else 'team'.
 */
export interface TraceBatchRef {
  batchId: string;
  index: number;
  itemId: string;
  configId: string;
}

/** One agent call, kept for inspection and export (e.g. as fine-tuning data). */
export interface TraceRecord {
  id: string;
  /** The run's id; for a benchmark call, its item record's key (see `batch`). */
  runId: string;
  /** A benchmark call's batch, item and config; absent for a Solo vs Team or Software run's call. */
  batch?: TraceBatchRef;
  /**
   * A call of Repeat on a finished run (`runId`, `side`): which repeat (0-based; its roles'
   * seeds moved by 100 × index) and the final answer that repeat gave (its outcome is scored
   * against the run's expected answer, not the run's own answer).
   */
  repeat?: { index: number; finalAnswer: string };
  side: SideName;
  turnIndex: number;
  /** The role's id within its side. */
  role: string;
  roleName: string;
  kind: RoleKind;
  step: TurnStep;
  modelId: string;
  engine?: EngineKind;
  /** The request's messages (system, user, earlier assistant replies). */
  messages: ChatMessage[];
  /** The completion (for a stopped or failed call, what had streamed). */
  output: string;
  usage: CallUsage;
  /** Milliseconds since the epoch (the protocol's clock). */
  startedAt: number;
  endedAt: number;
  status: TurnStatus;
  finishReason?: FinishReason;
  /** Escalation: why the large model was called (its 'large-answer' call). */
  escalatedBecause?: string;
  /** The tools the call was given (tool-using roles); absent when none. */
  tools?: ToolSpec[];
}

/** A trace to add; the store gives it an id when it has none. */
export type NewTrace = Omit<TraceRecord, 'id'> & { id?: string };

/** What history lists show about a run, without its turns. */
export interface RunSummary {
  id: string;
  createdAt: number;
  updatedAt: number;
  question: string;
  status: RunStatus;
  sides: Record<SideName, SideSummary>;
  forkOf?: ForkOf;
}

export interface SideSummary {
  label: string;
  protocol: ProtocolType;
  status: RunStatus;
  finalAnswer: string;
  turnCount: number;
  /** Distinct model ids of the side's roles. */
  modelIds: string[];
}

/** A random id: crypto.randomUUID where the page is a secure context, random hex otherwise. */
export function newId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A deep copy of plain data. JSON, not structuredClone, so that Svelte `$state` proxies (which
 * structured cloning rejects) can be passed in, and later changes by the caller stay out.
 */
export function toPlain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function emptySide(status: RunStatus = 'running'): SideRecord {
  return { status, finalAnswer: '', turns: [], warnings: [] };
}

/** A fresh run in state 'running', with no turns yet. */
export function newRunRecord(
  config: ExperimentConfig,
  id: string,
  now: number,
  forkOf?: ForkOf,
): RunRecord {
  const copy = toPlain(config);
  return {
    ...(forkOf ? { forkOf: { ...forkOf } } : {}),
    id,
    createdAt: now,
    updatedAt: now,
    config: copy,
    question: copy.question,
    questionLower: copy.question.toLowerCase(),
    status: 'running',
    sides: { solo: emptySide(), team: emptySide() },
  };
}

export function turnRecord(turn: Turn, partial: boolean): TurnRecord {
  const { partial: _ignored, ...plain } = turn as Turn & { partial?: boolean };
  return { ...toPlain(plain), partial };
}

const ZERO_USAGE: CallUsage = {
  promptTokens: 0,
  completionTokens: 0,
  ttftMs: null,
  decodeTokensPerSec: null,
  wallMs: 0,
};

/**
 * The partial turn for a 'turn-start' event: no messages yet (the event does not carry them),
 * empty output, and status 'stopped', which is what it becomes if the run ends before the turn.
 */
export function startedTurn(
  event: Extract<ProtocolEvent, { type: 'turn-start' }>,
  now: number,
): TurnRecord {
  const turn: TurnRecord = {
    index: event.turnIndex,
    roleId: event.roleId,
    roleName: event.roleName,
    kind: event.kind,
    step: event.step,
    messages: [],
    output: '',
    usage: { ...ZERO_USAGE },
    queuedMs: 0,
    startedAtMs: now,
    endedAtMs: now,
    status: 'stopped',
    partial: true,
  };
  if (event.round !== undefined) turn.round = event.round;
  if (event.trimmed) turn.trimmed = { ...event.trimmed };
  if (event.toolStep !== undefined) turn.toolStep = event.toolStep;
  return turn;
}

/** A finished side as stored: its result, every turn complete. */
export function sideRecordFromResult(result: SideResult): SideRecord {
  const record: SideRecord = {
    status: result.status,
    finalAnswer: result.finalAnswer,
    turns: result.turns.map((t) => turnRecord(t, false)),
    warnings: [...result.warnings],
  };
  if (result.references) record.references = [...result.references];
  if (result.votes) record.votes = toPlain(result.votes);
  if (result.escalation) record.escalation = toPlain(result.escalation);
  if (result.error) record.error = { ...result.error };
  return record;
}

/**
 * The trace of one finished turn, made with the role that made it (found by the turn's role id;
 * absent: model 'unknown') and where the call belongs (its run, or its benchmark item).
 */
function traceOfTurn(
  turn: Turn,
  role: RoleConfig | undefined,
  where: Pick<NewTrace, 'runId' | 'side' | 'batch'>,
): NewTrace {
  const trace: NewTrace = {
    runId: where.runId,
    ...(where.batch ? { batch: { ...where.batch } } : {}),
    side: where.side,
    turnIndex: turn.index,
    role: turn.roleId,
    roleName: turn.roleName,
    kind: turn.kind,
    step: turn.step,
    modelId: role?.model.modelId ?? 'unknown',
    messages: toPlain(turn.messages),
    output: turn.output,
    usage: { ...turn.usage },
    startedAt: turn.startedAtMs,
    endedAt: turn.endedAtMs,
    status: turn.status,
  };
  if (role) trace.engine = role.model.engine;
  if (turn.finishReason) trace.finishReason = turn.finishReason;
  if (turn.toolStep !== undefined && hasTools(role?.tools)) trace.tools = roleToolSpecs(role.tools);
  if (turn.escalatedBecause) trace.escalatedBecause = turn.escalatedBecause;
  return trace;
}

/** The trace of one finished turn; the model comes from the run's config (by role id). */
export function traceFromTurn(
  run: Pick<RunRecord, 'id' | 'config'>,
  side: SideName,
  turn: Turn,
): NewTrace {
  const role = run.config[side].roles.find((r) => r.id === turn.roleId);
  return traceOfTurn(turn, role, { runId: run.id, side });
}

/**
 * The trace of one finished turn of a benchmark item (`index` in the batch's items) made by one
 * of its configs: its runId is the item record's key, its side 'solo' for the config 'solo'
 * (else 'team'), and `batch` says where it came from (TraceBatchRef).
 */
export function traceFromBatchTurn(
  batch: Pick<BatchRecord, 'id' | 'items'>,
  config: BatchConfig,
  index: number,
  turn: Turn,
): NewTrace {
  const role = config.side.roles.find((r) => r.id === turn.roleId);
  return traceOfTurn(turn, role, {
    runId: batchItemKey(batch.id, index),
    side: config.id === 'solo' ? 'solo' : 'team',
    batch: {
      batchId: batch.id,
      index,
      itemId: batch.items[index]?.id ?? String(index),
      configId: config.id,
    },
  });
}

export function summarizeRun(run: RunRecord): RunSummary {
  const side = (name: SideName): SideSummary => ({
    label: run.config[name].label,
    protocol: run.config[name].protocol.type,
    status: run.sides[name].status,
    finalAnswer: run.sides[name].finalAnswer,
    turnCount: run.sides[name].turns.length,
    modelIds: [...new Set(run.config[name].roles.map((r) => r.model.modelId))],
  });
  return {
    id: run.id,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    question: run.question,
    ...(run.forkOf ? { forkOf: { ...run.forkOf } } : {}),
    status: run.status,
    sides: { solo: side('solo'), team: side('team') },
  };
}
