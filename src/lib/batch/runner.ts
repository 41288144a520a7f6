/**
 * Runs a batch: item by item, from the first unfinished one, every config (Solo, Team, extra
 * teams) one after another on the item's question (and context paragraphs for multi-hop items)
 * through `runSide`. Each finished item is scored and written to the store at once, so an
 * interruption (pause, stop, reload, crash) loses at most the item in progress, which runs
 * again on resume.
 *
 * Configs run one after another rather than side by side so that each one's time is its own
 * (side by side, agents sharing a model would wait for each other). Items may run several at
 * once (`concurrency`) when every model is on a server that serves calls in parallel; each item
 * is still stored as soon as it finishes, in whatever order they finish.
 */
import type { AgentErrorName } from '../engine/errors';
import type { EvalItem } from '../eval/types';
import { sideTotals } from '../team/budget';
import type { ProtocolInput } from '../team/prompts';
import { runSide } from '../team/protocols/run-side';
import type {
  ProtocolDeps,
  ProtocolEvent,
  SideResult,
  TeamChat,
  Turn,
} from '../team/protocols/types';
import {
  batchItemKey,
  type BatchConfig,
  type BatchItemRecord,
  type BatchRecord,
  type ItemScores,
  type SideOutcome,
  type TurnSummary,
} from '../storage/batch-records';
import type { BatchStoreApi } from '../storage/batch-store';
import { citesReferences, draftConclusion } from '../eval/score-item';
import { scoreItem } from '../eval/score-any-item';
import { toolUseOf } from '../tools/tool-use';
import type { ProgramRunner } from '../software/program-types';
import { softwareTaskOfItem } from '../software/software-item';
import { scoreSoftwareSide } from './software-scoring';

/** Errors after which the next items would fail too: the batch pauses instead of going on. */
export const FATAL_ERRORS: readonly AgentErrorName[] = [
  'ModelNotLoadedError',
  'ModelUnloadedError',
  'ModelLoadError',
  'ModelDownloadError',
  'WorkerCrashedError',
  'DeviceLostError',
  'WebGPUUnavailableError',
];

export interface RunBatchDeps {
  chat: TeamChat;
  store: BatchStoreApi;
  signal: AbortSignal;
  /** Clock in milliseconds (default Date.now). */
  now?: () => number;
  /** The context window of a role's model: calls are fitted into it (ProtocolDeps). */
  contextWindowOf?: ProtocolDeps['contextWindowOf'];
  /** Where tool-using roles' tools run; absent: roles answer without tools. */
  toolSandbox?: ProtocolDeps['toolSandbox'];
  /**
   * Items run at once (default 1: one after another). Only for models that serve parallel
   * calls (remote servers); in-tab models would make the items wait for each other.
   */
  concurrency?: number;
  /**
   * Software items: the runner of an item's programs (the tester's visible checks, and the
   * score). Without one, software items score 0 with the reason ('not run').
   */
  softwareRunner?: (item: EvalItem) => ProgramRunner | undefined;
  /** An item starts (its index in the batch). */
  onItemStart?: (index: number) => void;
  /** Every protocol event of an item in progress, with the config and item it belongs to. */
  onEvent?: (configId: string, event: ProtocolEvent, index: number) => void;
  /** An item finished and was handed to the store (whether or not the write succeeded). */
  onItemDone?: (record: BatchItemRecord) => void;
}

export type BatchRunEnd =
  | { status: 'done' }
  /** The signal aborted; the item in progress was dropped. */
  | { status: 'aborted' }
  /** A model failed in a way that would fail every later item too; the item was dropped. */
  | { status: 'failed'; index: number; error: { name: AgentErrorName; message: string } };

/** The index of the first item not in `done`, or `total` when every item is done. */
export function firstUnfinished(total: number, done: Iterable<number>): number {
  const finished = new Set(done);
  for (let i = 0; i < total; i++) if (!finished.has(i)) return i;
  return total;
}

/**
 * What a side is asked for an item: the question, the paragraphs of a multi-hop item and the
 * functions a function-calling item offers; with the item's kind, which only the escalation
 * protocol's format check reads (it is never sent).
 */
export function itemInput(item: EvalItem): ProtocolInput {
  const input: ProtocolInput = { question: item.question, answerKind: item.kind };
  if (item.context?.length)
    input.context = item.context.map((p) => ({ title: p.title, sentences: [...p.sentences] }));
  if (item.functions?.length) input.functions = structuredClone(item.functions);
  if (item.software) input.software = softwareTaskOfItem(item.software);
  return input;
}

function turnSummary(turn: Turn): TurnSummary {
  return {
    roleName: turn.roleName,
    kind: turn.kind,
    step: turn.step,
    ...(turn.round === undefined ? {} : { round: turn.round }),
    status: turn.status,
    promptTokens: turn.usage.promptTokens,
    completionTokens: turn.usage.completionTokens,
    ...(turn.thinkingTokens ? { thinkingTokens: turn.thinkingTokens } : {}),
    wallMs: turn.usage.wallMs,
    ...(turn.verdict ? { verdict: turn.verdict.verdict, feedback: turn.verdict.feedback } : {}),
    output: turn.output,
  };
}

/** A side's result on an item, scored and summarised for storage. */
export function sideOutcome(
  batch: Pick<BatchRecord, 'set'>,
  config: BatchConfig,
  item: EvalItem,
  result: SideResult,
  /** Scores worked out already (software items, whose program was run). */
  given?: ItemScores,
): SideOutcome {
  const totals = sideTotals(result.turns);
  const done = result.status === 'done';
  const scores =
    given ??
    scoreItem(item, done ? result.finalAnswer : null, {
      ...(batch.set.format ? { format: batch.set.format } : {}),
      cites: citesReferences(config.side.protocol.type),
      references: result.references ?? [],
    });
  const outcome: SideOutcome = {
    configId: config.id,
    status: result.status,
    finalAnswer: result.finalAnswer,
    scores,
    promptTokens: totals.promptTokens,
    completionTokens: totals.completionTokens,
    totalTokens: totals.totalTokens,
    calls: totals.calls,
    wallMs: totals.wallMs,
    turns: result.turns.map(turnSummary),
    warnings: [...result.warnings],
  };
  if (result.references) outcome.references = [...result.references];
  if (result.escalation) outcome.escalation = structuredClone(result.escalation);
  if (result.error) outcome.error = { ...result.error };
  const tools = toolUseOf(result.turns);
  if (tools) outcome.tools = tools;
  if (config.side.protocol.type === 'critic-loop') {
    const draft = result.turns.find((t) => t.step === 'reason' && t.status === 'done');
    const answer = draft ? draftConclusion(draft.output) : null;
    outcome.draft = {
      answer,
      revisions: result.turns.filter((t) => t.step === 'revise').length,
      correct: answer === null ? null : scoreItem(item, answer).correct,
    };
  }
  return outcome;
}

/** The outcome of one item: its record, or why the batch must end. */
type ItemEnd = { record: BatchItemRecord } | { end: Exclude<BatchRunEnd, { status: 'done' }> };

/** Runs every config on one item, one after another. */
async function runItem(
  batch: BatchRecord,
  index: number,
  deps: RunBatchDeps,
  now: () => number,
): Promise<ItemEnd> {
  const item = batch.items[index]!;
  deps.onItemStart?.(index);
  const input = itemInput(item);
  const started = now();
  const sides: SideOutcome[] = [];
  const runner = item.software ? deps.softwareRunner?.(item) : undefined;
  for (const config of batch.configs) {
    const result = await runSide(config.side, input, {
      ...(runner
        ? { runProgram: (program: string, _task, signal) => runner.runVisible(program, signal) }
        : {}),
      chat: deps.chat,
      signal: deps.signal,
      emit: (event) => deps.onEvent?.(config.id, event, index),
      now,
      ...(deps.contextWindowOf ? { contextWindowOf: deps.contextWindowOf } : {}),
      ...(deps.toolSandbox ? { toolSandbox: deps.toolSandbox } : {}),
    });
    if (deps.signal.aborted || result.status === 'stopped') return { end: { status: 'aborted' } };
    if (result.status === 'failed' && result.error && FATAL_ERRORS.includes(result.error.name))
      return { end: { status: 'failed', index, error: { ...result.error } } };
    let scores: ItemScores | undefined;
    if (item.software) {
      try {
        scores = await scoreSoftwareSide(item, result, runner, deps.signal);
      } catch (error) {
        if (deps.signal.aborted) return { end: { status: 'aborted' } };
        throw error;
      }
    }
    sides.push(sideOutcome(batch, config, item, result, scores));
  }
  return {
    record: {
      kind: 'item',
      id: batchItemKey(batch.id, index),
      batchId: batch.id,
      index,
      itemId: item.id,
      finishedAt: now(),
      wallMs: now() - started,
      sides,
    },
  };
}

/**
 * Runs the batch's unfinished items (those not in `done`, by index), in order, up to
 * `concurrency` at once. Resolves when every item is done, the signal aborts, or a model fails
 * for good (no new item starts then; items already running finish and are kept). Store
 * failures do not stop it (the store keeps what it could not write in memory and reports it).
 */
export async function runBatch(
  batch: BatchRecord,
  done: Iterable<number>,
  deps: RunBatchDeps,
): Promise<BatchRunEnd> {
  const now = deps.now ?? Date.now;
  const finished = new Set(done);
  const todo = batch.items.map((_, i) => i).filter((i) => !finished.has(i));
  const lanes = Math.max(1, Math.min(Math.floor(deps.concurrency ?? 1), todo.length));
  let next = 0;
  const run: { stop: Exclude<BatchRunEnd, { status: 'done' }> | null } = { stop: null };
  // A failure outranks the aborts it causes in the other lanes.
  const endWith = (end: Exclude<BatchRunEnd, { status: 'done' }>) => {
    if (!run.stop || run.stop.status === 'aborted') run.stop = end;
  };
  const lane = async () => {
    while (!run.stop && next < todo.length) {
      if (deps.signal.aborted) {
        endWith({ status: 'aborted' });
        return;
      }
      const index = todo[next++]!;
      const outcome = await runItem(batch, index, deps, now);
      if ('end' in outcome) {
        endWith(outcome.end);
        return;
      }
      await deps.store.putItem(outcome.record).catch(() => undefined);
      finished.add(index);
      deps.onItemDone?.(outcome.record);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  if (run.stop) return run.stop;
  return todo.every((i) => finished.has(i)) ? { status: 'done' } : { status: 'aborted' };
}
