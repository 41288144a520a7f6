/**
 * The trace explorer's rows: one per logged agent call, with what the table shows (role, model,
 * protocol, previews, tokens, time), the outcome of its run's side where the run had an expected
 * answer (a benchmark call: its config's score on its item), and the lower-cased text the search
 * matches, computed once when the rows are built so that filtering never lower-cases anything.
 */
import { expectedOf, scoreExpected } from '../eval/expected-answer';
import type { Outcome } from '../specialist/curated-call';
import type { BatchItemRecord, BatchRecord } from '../storage/batch-records';
import type { RunRecord, SideName, TraceBatchRef, TraceRecord } from '../storage/records';
import type { ProtocolType, RoleKind } from '../team/config';

/** Where a call was made: a Solo vs Team or Software run, or a Benchmark batch. */
export type CallSource = 'run' | 'benchmark';

/** A benchmark batch as the rows need it: the record, and its finished items by index. */
export interface BatchOfCalls {
  batch: BatchRecord;
  items: ReadonlyMap<number, BatchItemRecord>;
}

/** A benchmark call's place: its set, item and config (set and config null once it is gone). */
export interface BenchmarkPlace {
  setName: string | null;
  itemId: string;
  configLabel: string | null;
}

export interface CallRow {
  /** The trace's id. */
  id: string;
  runId: string;
  side: SideName;
  source: CallSource;
  /** A benchmark call's set, item and config; absent for a run's call. */
  benchmark?: BenchmarkPlace;
  roleName: string;
  kind: RoleKind;
  modelId: string;
  /** From the run's (or batch config's) config; null when the run (or batch) is gone. */
  protocol: ProtocolType | null;
  outcome: Outcome;
  /** The request's last user (or other) message, whitespace collapsed, cut short. */
  prompt: string;
  /** The reply, whitespace collapsed, cut short. */
  reply: string;
  tokens: number;
  /** The call's wall time in milliseconds. */
  ms: number;
  startedAt: number;
  /** Lower-cased role, model, protocol, request (but system prompts) and reply. */
  search: string;
}

export const PREVIEW_CHARS = 140;

/** Text on one line, at most `max` characters (an ellipsis where it was cut). */
export function preview(text: string, max = PREVIEW_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The request's last user message (the prompt a call answers), else its last message. */
export function promptOf(trace: TraceRecord): string {
  const { messages } = trace;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role === 'user') return m.content;
  }
  return messages[messages.length - 1]?.content ?? '';
}

/**
 * The outcome of every call of a run's side: right or wrong where the run had an expected answer
 * and the side gave a final answer (scored by the Solo vs Team rule, expected-answer.ts), else
 * unknown.
 */
export function sideOutcome(run: RunRecord | undefined, side: SideName): Outcome {
  return answerOutcome(run, run?.sides[side]?.finalAnswer ?? '');
}

/** A final answer scored against the run's expected answer (unknown without either). */
export function answerOutcome(run: RunRecord | undefined, answer: string): Outcome {
  if (!run) return 'unknown';
  const expected = expectedOf(run.config);
  if (!expected || !answer.trim()) return 'unknown';
  const scores = scoreExpected(answer, expected.question, expected.answer, expected.context);
  return scores.correct === 1 ? 'right' : 'wrong';
}

/**
 * The outcome of a benchmark call: its config's headline score on its item (1 right, 0 wrong;
 * software items set it too: 1 when the program passed), else unknown: the item did not finish,
 * its batch is gone, or the call belongs to an earlier attempt at the item (one a pause dropped,
 * made before the finished attempt started), whose answer was never scored.
 */
export function batchCallOutcome(
  ref: TraceBatchRef,
  startedAt: number,
  batch: BatchOfCalls | undefined,
): Outcome {
  const item = batch?.items.get(ref.index);
  if (!item || item.itemId !== ref.itemId) return 'unknown';
  if (startedAt < item.finishedAt - item.wallMs) return 'unknown';
  const correct = item.sides.find((s) => s.configId === ref.configId)?.scores.correct;
  return correct === 1 ? 'right' : correct === 0 ? 'wrong' : 'unknown';
}

/**
 * One row per trace, in the traces' order; runs by id give protocol and outcome, and for
 * benchmark calls, batches by id.
 */
export function callRows(
  traces: readonly TraceRecord[],
  runs: ReadonlyMap<string, RunRecord>,
  batches: ReadonlyMap<string, BatchOfCalls> = new Map(),
): CallRow[] {
  const outcomes = new Map<string, Outcome>();
  const outcomeOf = (runId: string, side: SideName): Outcome => {
    const key = `${side}:${runId}`;
    let outcome = outcomes.get(key);
    if (outcome === undefined) outcomes.set(key, (outcome = sideOutcome(runs.get(runId), side)));
    return outcome;
  };
  return traces.map((trace): CallRow => {
    const ref = trace.batch;
    let protocol: ProtocolType | null;
    let outcome: Outcome;
    let benchmark: BenchmarkPlace | undefined;
    if (ref) {
      const batch = batches.get(ref.batchId);
      const config = batch?.batch.configs.find((c) => c.id === ref.configId);
      protocol = config?.side.protocol.type ?? null;
      outcome = batchCallOutcome(ref, trace.startedAt, batch);
      benchmark = {
        setName: batch?.batch.set.name ?? null,
        itemId: ref.itemId,
        configLabel: config?.label ?? null,
      };
    } else {
      const run = runs.get(trace.runId);
      protocol = run ? run.config[trace.side].protocol.type : null;
      // A Repeat's call: the answer its own repeat came to, not the run's.
      outcome = trace.repeat
        ? answerOutcome(run, trace.repeat.finalAnswer)
        : outcomeOf(trace.runId, trace.side);
    }
    const request = trace.messages
      .filter((m) => m.role !== 'system')
      .map((m) => m.content)
      .join('\n');
    return {
      id: trace.id,
      runId: trace.runId,
      side: trace.side,
      source: ref ? 'benchmark' : 'run',
      ...(benchmark ? { benchmark } : {}),
      roleName: trace.roleName,
      kind: trace.kind,
      modelId: trace.modelId,
      protocol,
      outcome,
      prompt: preview(promptOf(trace)),
      reply: preview(trace.output),
      tokens: trace.usage.promptTokens + trace.usage.completionTokens,
      ms: Math.max(0, trace.endedAt - trace.startedAt),
      startedAt: trace.startedAt,
      search: [
        trace.roleName,
        trace.modelId,
        protocol ?? '',
        benchmark?.setName ?? '',
        request,
        trace.output,
      ]
        .join('\n')
        .toLowerCase(),
    };
  });
}
