/**
 * The trace explorer's rows: one per logged agent call, with what the table shows (role, model,
 * protocol, previews, tokens, time), the outcome of its run's side where the run had an expected
 * answer, and the lower-cased text the search matches, computed once when the rows are built so
 * that filtering never lower-cases anything.
 */
import { expectedOf, scoreExpected } from '../eval/expected-answer';
import type { Outcome } from '../specialist/curated-call';
import type { RunRecord, SideName, TraceRecord } from '../storage/records';
import type { ProtocolType, RoleKind } from '../team/config';

export interface CallRow {
  /** The trace's id. */
  id: string;
  runId: string;
  side: SideName;
  roleName: string;
  kind: RoleKind;
  modelId: string;
  /** From the run's config; null when the run is gone. */
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
  if (!run) return 'unknown';
  const expected = expectedOf(run.config);
  const answer = run.sides[side]?.finalAnswer ?? '';
  if (!expected || !answer.trim()) return 'unknown';
  const scores = scoreExpected(answer, expected.question, expected.answer, expected.context);
  return scores.correct === 1 ? 'right' : 'wrong';
}

/** One row per trace, in the traces' order; runs by id give protocol and outcome. */
export function callRows(
  traces: readonly TraceRecord[],
  runs: ReadonlyMap<string, RunRecord>,
): CallRow[] {
  const outcomes = new Map<string, Outcome>();
  const outcomeOf = (runId: string, side: SideName): Outcome => {
    const key = `${side}:${runId}`;
    let outcome = outcomes.get(key);
    if (outcome === undefined) outcomes.set(key, (outcome = sideOutcome(runs.get(runId), side)));
    return outcome;
  };
  return traces.map((trace): CallRow => {
    const run = runs.get(trace.runId);
    const protocol = run ? run.config[trace.side].protocol.type : null;
    const request = trace.messages
      .filter((m) => m.role !== 'system')
      .map((m) => m.content)
      .join('\n');
    return {
      id: trace.id,
      runId: trace.runId,
      side: trace.side,
      roleName: trace.roleName,
      kind: trace.kind,
      modelId: trace.modelId,
      protocol,
      outcome: outcomeOf(trace.runId, trace.side),
      prompt: preview(promptOf(trace)),
      reply: preview(trace.output),
      tokens: trace.usage.promptTokens + trace.usage.completionTokens,
      ms: Math.max(0, trace.endedAt - trace.startedAt),
      startedAt: trace.startedAt,
      search: [trace.roleName, trace.modelId, protocol ?? '', request, trace.output]
        .join('\n')
        .toLowerCase(),
    };
  });
}
