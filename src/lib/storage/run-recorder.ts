/**
 * Glue between a running side and the store: feed it the side's ProtocolEvents (from
 * ProtocolDeps.emit) and the run is written as it happens: a partial turn on 'turn-start', its
 * text on every 'token' (coalesced by the store), the complete turn and its trace on 'turn-end',
 * the side's result on 'side-end'. The caller still ends the run with `store.finishRun`.
 */
import type { ProtocolEvent, Turn } from '../team/protocols/types';
import type { RunStoreApi } from './api';
import {
  startedTurn,
  traceFromTurn,
  type RunRecord,
  type SideName,
  type TurnRecord,
} from './records';

export interface RecordSideOptions {
  /** Clock for partial turns' times (default Date.now, as ProtocolDeps.now). */
  now?: () => number;
  /** Add a trace for every finished turn (default true). */
  traces?: boolean;
}

/** Returns the event handler for one side of a run. It never throws. */
export function recordSide(
  store: RunStoreApi,
  run: RunRecord,
  side: SideName,
  options: RecordSideOptions = {},
): (event: ProtocolEvent) => void {
  const now = options.now ?? Date.now;
  const traces = options.traces ?? true;
  const streaming = new Map<number, TurnRecord>();
  /** Ended turns, kept so that their tool results (which come after) are stored with them. */
  const ended = new Map<number, Turn>();

  return (event) => {
    switch (event.type) {
      case 'turn-start': {
        const turn = startedTurn(event, now());
        streaming.set(turn.index, turn);
        void store.appendTurn(run.id, side, turn, true);
        break;
      }
      case 'token': {
        const turn = streaming.get(event.turnIndex);
        if (!turn) break;
        turn.output += event.delta;
        turn.usage.completionTokens += 1;
        turn.endedAtMs = now();
        void store.updateTurn(run.id, side, turn, true);
        break;
      }
      case 'turn-end': {
        streaming.delete(event.turn.index);
        if (event.turn.toolStep !== undefined) ended.set(event.turn.index, event.turn);
        void store.updateTurn(run.id, side, event.turn, false);
        // A fork's reused or edited turn is no model call: it is no trace (no training data).
        if (traces && !event.turn.reused) void store.addTrace(traceFromTurn(run, side, event.turn));
        break;
      }
      case 'tool-result': {
        const turn = ended.get(event.turnIndex);
        if (!turn) break;
        const toolCalls = [...(turn.toolCalls ?? [])];
        if (!toolCalls.includes(event.toolCall)) toolCalls.push(event.toolCall);
        void store.updateTurn(run.id, side, { ...turn, toolCalls }, false);
        break;
      }
      case 'side-end':
        void store.finishSide(run.id, side, event.result);
        break;
      case 'warning':
        // Warnings arrive again in the side's result.
        break;
    }
  };
}
