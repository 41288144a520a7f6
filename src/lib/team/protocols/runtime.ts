/**
 * The machinery every protocol shares: making one model call as a Turn (events, streamed text,
 * abort, failure), collecting warnings, and turning the protocol's outcome, a stop or an error
 * into a SideResult.
 */
import { AgentError, toAgentError } from '../../engine/errors';
import type {
  CallUsage,
  ChatMessage,
  ChatRequest,
  ResponseFormat,
  SamplingParams,
} from '../../engine/types';
import type { VoteCount } from '../answers';
import { validateSide, type ProtocolConfig, type ProtocolType, type RoleConfig } from '../config';
import type { RoleKind, SideConfig } from '../config';
import type { CriticVerdict } from '../verdict';
import type { ProtocolDeps, SideResult, SideStatus, TeamChatResult, Turn, TurnStep } from './types';

/** Thrown inside a run when the side must stop (abort); never leaves runProtocol. */
class StopRun extends Error {
  override readonly name = 'StopRun';
}

/** How a role's settings become sampling parameters; repeated calls add `seedOffset`. */
export function samplingOf(role: RoleConfig, seedOffset = 0): SamplingParams {
  return {
    temperature: role.temperature,
    top_p: role.topP,
    max_tokens: role.maxTokens,
    seed: role.seed + seedOffset,
  };
}

export interface CallOptions {
  step: TurnStep;
  round?: number;
  responseFormat?: ResponseFormat;
  /** Added to the role's seed (generators and samples use their position). */
  seedOffset?: number;
  /** Critic calls: reads the verdict from a done turn's output (stored as Turn.verdict). */
  verdictOf?: (output: string) => CriticVerdict | undefined;
}

/** Resolves with `promise`, or rejects with StopRun as soon as `signal` aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new StopRun('Stopped.'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

/** One run of one side: the turns so far, the warnings, and a way to call a role. */
export class ProtocolRun {
  readonly turns: Turn[] = [];
  readonly warnings: string[] = [];
  readonly #deps: ProtocolDeps;
  readonly #now: () => number;

  constructor(deps: ProtocolDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  warn(message: string): void {
    this.warnings.push(message);
    this.#deps.emit({ type: 'warning', message });
  }

  /** Stops the run (via StopRun) if the side was aborted. */
  checkAborted(): void {
    if (this.#deps.signal.aborted) throw new StopRun('Stopped.');
  }

  /**
   * Calls a role's model and records the call as a Turn. Throws StopRun on abort (the partial
   * turn is kept with status 'stopped') and an AgentError on failure (kept as 'failed').
   */
  async call(role: RoleConfig, messages: ChatMessage[], options: CallOptions): Promise<Turn> {
    this.checkAborted();
    const { signal, emit, chat } = this.#deps;
    const index = this.turns.length;
    const { step, round } = options;
    emit({
      type: 'turn-start',
      turnIndex: index,
      roleId: role.id,
      roleName: role.name,
      kind: role.kind,
      step,
      round,
    });

    const request: ChatRequest = { messages, sampling: samplingOf(role, options.seedOffset) };
    if (options.responseFormat) request.responseFormat = options.responseFormat;
    const startedAtMs = this.#now();
    let streamed = '';
    let tokens = 0;
    let firstTokenAtMs: number | null = null;
    let settled = false;
    const onToken = ({ delta }: { delta: string }) => {
      if (settled || signal.aborted) return;
      firstTokenAtMs ??= this.#now();
      streamed += delta;
      tokens++;
      emit({ type: 'token', turnIndex: index, delta });
    };

    const finish = (status: Turn['status'], output: string, result?: TeamChatResult): Turn => {
      settled = true;
      const endedAtMs = this.#now();
      const usage: CallUsage = result?.usage ?? {
        promptTokens: 0,
        completionTokens: tokens,
        ttftMs: firstTokenAtMs === null ? null : firstTokenAtMs - startedAtMs,
        decodeTokensPerSec: null,
        wallMs: endedAtMs - startedAtMs,
      };
      const turn: Turn = {
        index,
        roleId: role.id,
        roleName: role.name,
        kind: role.kind,
        step,
        ...(round === undefined ? {} : { round }),
        messages,
        output,
        usage,
        queuedMs: result?.queuedMs ?? 0,
        startedAtMs,
        endedAtMs,
        ...(result ? { finishReason: result.finishReason } : {}),
        status,
      };
      const verdict = status === 'done' ? options.verdictOf?.(output) : undefined;
      if (verdict) turn.verdict = verdict;
      this.turns.push(turn);
      emit({ type: 'turn-end', turn });
      return turn;
    };

    let result: TeamChatResult;
    try {
      const pending = chat(role, request, { signal, onToken });
      pending.catch(() => undefined); // a late rejection after an abort is not an error
      result = await raceAbort(pending, signal);
    } catch (error) {
      const stopped =
        error instanceof StopRun || signal.aborted || toAgentError(error).name === 'AbortError';
      finish(stopped ? 'stopped' : 'failed', streamed);
      if (stopped) throw new StopRun('Stopped.');
      throw toAgentError(error);
    }
    if (result.finishReason === 'abort') {
      finish('stopped', result.text || streamed, result);
      throw new StopRun('Stopped.');
    }
    const turn = finish('done', result.text, result);
    if (result.finishReason === 'length')
      this.warn(
        `${role.name} reached its limit of ${role.maxTokens} tokens; its reply is cut short.`,
      );
    return turn;
  }
}

/** What a protocol's body returns when it completes. */
export interface ProtocolOutput {
  finalAnswer: string;
  references?: string[];
  votes?: VoteCount[];
}

/** The role of a kind; a missing one is an InvalidRequestError (validation prevents it). */
export function requireRole(side: SideConfig, kind: RoleKind): RoleConfig {
  const role = side.roles.find((r) => r.kind === kind);
  if (!role) throw new AgentError('InvalidRequestError', `The side has no ${kind} role.`);
  return role;
}

/**
 * Runs a protocol body for a side of the given protocol type: validates the side, then maps the
 * body's outcome to a SideResult ('done'), an abort to 'stopped' and an error to 'failed',
 * keeping the turns so far. Always emits 'side-end'; never throws.
 */
export async function runProtocol<T extends ProtocolType>(
  type: T,
  side: SideConfig,
  deps: ProtocolDeps,
  body: (
    run: ProtocolRun,
    protocol: Extract<ProtocolConfig, { type: T }>,
  ) => Promise<ProtocolOutput>,
): Promise<SideResult> {
  const run = new ProtocolRun(deps);
  const result = (status: SideStatus, output: ProtocolOutput, error?: AgentError): SideResult => ({
    ...output,
    turns: run.turns,
    warnings: run.warnings,
    status,
    ...(error ? { error: { name: error.name, message: error.message } } : {}),
  });
  let sideResult: SideResult;
  try {
    if (side.protocol.type !== type)
      throw new AgentError(
        'InvalidRequestError',
        `Expected a ${type} side, got ${side.protocol.type}.`,
      );
    const problems = validateSide(side);
    if (problems.length) throw new AgentError('InvalidRequestError', problems.join(' '));
    run.checkAborted();
    const protocol = side.protocol as Extract<ProtocolConfig, { type: T }>;
    sideResult = result('done', await body(run, protocol));
  } catch (error) {
    if (error instanceof StopRun || deps.signal.aborted)
      sideResult = result('stopped', { finalAnswer: '' });
    else sideResult = result('failed', { finalAnswer: '' }, toAgentError(error));
  }
  deps.emit({ type: 'side-end', result: sideResult });
  return sideResult;
}
