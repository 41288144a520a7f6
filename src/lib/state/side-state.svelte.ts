/**
 * One side (Solo or Team) of a running experiment, as the page shows it: its turns streaming
 * live, then its result. Fed by the protocol's events.
 */
import type { SideRecord } from '../storage/records';
import type { RoleKind } from '../team/config';
import type { ContextTrim } from '../team/context-budget';
import type { ProtocolEvent, SideResult, Turn, TurnStep } from '../team/protocols/types';
import type { TurnToolCall } from '../tools/types';

export type LiveTurnStatus = 'waiting' | 'streaming' | Turn['status'];

export interface LiveTurn {
  index: number;
  roleId: string;
  roleName: string;
  kind: RoleKind;
  step: TurnStep;
  round?: number;
  /** What was cut to fit the role's context window (known from the turn's start). */
  trimmed?: ContextTrim;
  output: string;
  tokens: number;
  status: LiveTurnStatus;
  /** A tool-using role's call: which of its tool steps (1-based). */
  toolStep?: number;
  /** Its tool calls and their results, as each comes back. */
  toolCalls?: TurnToolCall[];
  /** Present once the turn has ended. */
  turn?: Turn;
}

/** 'interrupted': a stored run whose page went away mid-run (see the history). */
export type SidePhase = 'idle' | 'running' | SideResult['status'] | 'interrupted';

export class SideState {
  phase = $state<SidePhase>('idle');
  turns = $state<LiveTurn[]>([]);
  warnings = $state<string[]>([]);
  result = $state.raw<SideResult | null>(null);
  /** Page clock (ms) when this side started, for the timeline. */
  startedAt = $state(0);

  /** Back to nothing shown (a new run that will not run this side). */
  clear(): void {
    this.phase = 'idle';
    this.turns = [];
    this.warnings = [];
    this.result = null;
  }

  reset(now: number): void {
    this.phase = 'running';
    this.turns = [];
    this.warnings = [];
    this.result = null;
    this.startedAt = now;
  }

  /** Applies one protocol event (tokens come batched through appendText instead). */
  apply(event: ProtocolEvent): void {
    switch (event.type) {
      case 'turn-start':
        this.turns.push({
          index: event.turnIndex,
          roleId: event.roleId,
          roleName: event.roleName,
          kind: event.kind,
          step: event.step,
          ...(event.round !== undefined ? { round: event.round } : {}),
          ...(event.trimmed ? { trimmed: event.trimmed } : {}),
          ...(event.toolStep !== undefined ? { toolStep: event.toolStep } : {}),
          output: '',
          tokens: 0,
          status: 'waiting',
        });
        break;
      case 'token':
        break;
      case 'tool-result': {
        const live = this.#turn(event.turnIndex);
        if (live) live.toolCalls = [...(live.toolCalls ?? []), event.toolCall];
        break;
      }
      case 'turn-end': {
        const live = this.#turn(event.turn.index);
        if (live) {
          live.output = event.turn.output;
          live.status = event.turn.status;
          live.turn = event.turn;
          live.tokens = Math.max(live.tokens, event.turn.usage.completionTokens);
        }
        break;
      }
      case 'warning':
        this.warnings.push(event.message);
        break;
      case 'side-end':
        this.result = event.result;
        this.phase = event.result.status;
        break;
    }
  }

  appendText(turnIndex: number, text: string, tokens: number): void {
    const live = this.#turn(turnIndex);
    if (!live || live.turn) return;
    live.output += text;
    live.tokens += tokens;
    live.status = 'streaming';
  }

  #turn(index: number): LiveTurn | undefined {
    return this.turns.find((t) => t.index === index);
  }

  /** A side as stored in the history; partial turns show what had streamed. */
  static fromRecord(record: SideRecord): SideState {
    const state = new SideState();
    state.turns = record.turns.map((t) => ({
      index: t.index,
      roleId: t.roleId,
      roleName: t.roleName,
      kind: t.kind,
      step: t.step,
      ...(t.round !== undefined ? { round: t.round } : {}),
      ...(t.trimmed ? { trimmed: t.trimmed } : {}),
      ...(t.toolStep !== undefined ? { toolStep: t.toolStep } : {}),
      ...(t.toolCalls ? { toolCalls: t.toolCalls } : {}),
      output: t.output,
      tokens: t.usage.completionTokens,
      status: t.partial ? 'stopped' : t.status,
      ...(t.partial ? {} : { turn: t }),
    }));
    state.warnings = [...record.warnings];
    const status = record.status;
    if (status === 'done' || status === 'stopped' || status === 'failed') {
      state.result = {
        finalAnswer: record.finalAnswer,
        turns: record.turns.filter((t) => !t.partial),
        warnings: record.warnings,
        status,
        ...(record.references ? { references: record.references } : {}),
        ...(record.votes ? { votes: record.votes } : {}),
        ...(record.escalation ? { escalation: record.escalation } : {}),
        ...(record.error ? { error: record.error } : {}),
      };
    }
    state.phase = status === 'running' ? 'interrupted' : status;
    return state;
  }
}
