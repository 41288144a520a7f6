/**
 * What the playground keeps about benchmark batches (N questions × Solo vs Team), in the
 * `batches` object store (schema version 3). Two kinds of record share the store:
 * - a `BatchRecord` per batch (key: the batch id): the question set it came from, the chosen
 *   items, the configs (sides) it compares, and its status;
 * - a `BatchItemRecord` per finished item (key: `<batch id>:<index>`): each config's answer,
 *   scores, tokens, time and a summary of its turns. Written as soon as the item is done, so a
 *   reload loses at most the item in progress.
 * Only batch records have `createdAt` and only item records have `batchId`, so the indexes on
 * those fields (`by-createdAt`, `by-batchId`) each hold one kind. All plain, structured-clone
 * friendly data.
 */
import type { AgentErrorName } from '../engine/errors';
import type { EvalFormat, EvalItem } from '../eval/types';
import type { PrfEm } from '../eval/score-facts';
import type { RoleKind, SideConfig } from '../team/config';
import type { EscalationOutcome } from '../team/escalation';
import type { SideStatus, TurnStatus, TurnStep } from '../team/protocols/types';
import type { ToolUse } from '../tools/tool-use';

/**
 * - running: a page is running it (or was, until it went away: shown as resumable);
 * - paused: the user paused it, or a model failed (see `error`); resumable;
 * - stopped: the user ended it early; the finished items are its results;
 * - done: every item finished.
 */
export type BatchStatus = 'running' | 'paused' | 'stopped' | 'done';

/** One side compared in a batch: the experiment's Solo, its Team, or an extra team. */
export interface BatchConfig {
  /** 'solo', 'team', 'extra-1', … (unique within the batch). */
  id: string;
  /** Shown in tables: 'Solo', 'Team', 'Team 2', … */
  label: string;
  side: SideConfig;
}

/** Where the items came from. */
export interface BatchSetInfo {
  id: string;
  name: string;
  source: string;
  licence: string;
  format?: EvalFormat;
  /** Items in the whole set (the batch runs `selection.count` of them). */
  size: number;
}

export interface BatchSelection {
  /** 'first': the set's first N items; 'random': N items drawn with `seed`, in set order. */
  mode: 'first' | 'random';
  count: number;
  seed?: number;
}

export interface BatchRecord {
  kind: 'batch';
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  status: BatchStatus;
  set: BatchSetInfo;
  selection: BatchSelection;
  /** The chosen items, in the order they run; an item record's `index` points in here. */
  items: EvalItem[];
  /** In column order; the first is the Solo baseline. */
  configs: BatchConfig[];
  /**
   * Items run at once when every model is on a server (the setting when the batch started;
   * absent: 1). Models in the tab run one item at a time whatever it says.
   */
  itemsAtOnce?: number;
  /** Why the batch paused by itself (a model that could not load or crashed). */
  error?: { name: string; message: string };
}

/** Scores of one side's answer to one item (all in [0, 1]). */
export interface ItemScores {
  /**
   * The headline score, 1 or 0: answer exact match (multi-hop), the extracted number equals the
   * gold (math), the extracted yes/no equals the gold (yes/no).
   */
  correct: number;
  /** Multi-hop: answer EM and token F1 (best over the gold and its aliases). */
  em?: number;
  f1?: number;
  /**
   * Multi-hop, for sides that cite `[Title, sentence N]` references (reasoner protocols):
   * supporting-fact precision/recall/F1/EM and the joint (answer × facts) scores. Absent for
   * sides that cite nothing by design (Solo, judge, self-consistency).
   */
  facts?: PrfEm;
  joint?: PrfEm;
  /**
   * What the scorer read from the answer: the number (math), 'yes' / 'no', or the calls in one
   * line (function calling: `get_weather(city="Lisbon")`, '(no call)'); null: nothing.
   */
  extracted?: string | null;
  /**
   * Function-calling items: 1 when every call was read and fits its function's schema (a reply
   * with no call is valid), else 0; why the calls are not the expected ones ('' when they are).
   */
  calls?: { valid: number; reason: string };
  /**
   * Software items: what running the program found. Web apps: requirements met of the task's
   * (with each one's reason); functions: 1 of 1 when the hidden tests pass, with the harness's
   * status and message.
   */
  software?: SoftwareScores;
}

export interface SoftwareScores {
  met: number;
  total: number;
  /** One line: '4 of 5 requirements met', 'passed', 'failed: AssertionError at line 9: …'. */
  summary: string;
  /** Web apps: each requirement, met or not, and why. */
  requirements?: { text: string; met: boolean; reason: string }[];
}

/** One model call, summarised (prompts are not kept; the output is). */
export interface TurnSummary {
  roleName: string;
  kind: RoleKind;
  step: TurnStep;
  round?: number;
  status: TurnStatus;
  promptTokens: number;
  completionTokens: number;
  /** Of the completion tokens, those a reasoning model spent thinking (absent: none). */
  thinkingTokens?: number;
  wallMs: number;
  verdict?: 'accept' | 'revise';
  feedback?: string;
  output: string;
}

/** One config's run on one item. */
export interface SideOutcome {
  configId: string;
  status: SideStatus;
  finalAnswer: string;
  /** `[Title, sentence N]` references of the final reasoning (reasoner protocols). */
  references?: string[];
  scores: ItemScores;
  /**
   * Critic loop: the answer the reasoner's first draft concluded (its `Conclusion:` line; null
   * when the draft has none), how many revisions the critic asked for, and the draft's score.
   */
  draft?: { answer: string | null; revisions: number; correct: number | null };
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  calls: number;
  /** The side's wall time: first call's start to last call's end. */
  wallMs: number;
  turns: TurnSummary[];
  warnings: string[];
  /** Escalation protocol: what its check decided and why (absent when it never decided). */
  escalation?: EscalationOutcome;
  error?: { name: AgentErrorName; message: string };
  /** Tool-using roles' tool use on this item (absent when no role used tools). */
  tools?: ToolUse;
}

export interface BatchItemRecord {
  kind: 'item';
  /** `<batchId>:<index, 6 digits>`. */
  id: string;
  batchId: string;
  /** Position in the batch's `items`. */
  index: number;
  /** The item's own id in its set. */
  itemId: string;
  finishedAt: number;
  /** Time for the item: every config, one after another. */
  wallMs: number;
  /** In the batch's config order. */
  sides: SideOutcome[];
}

/** Either kind of record in the `batches` store. */
export type BatchStoreRecord = BatchRecord | BatchItemRecord;

/** The key of an item record. */
export function batchItemKey(batchId: string, index: number): string {
  return `${batchId}:${String(index).padStart(6, '0')}`;
}
