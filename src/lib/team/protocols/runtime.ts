/**
 * The machinery every protocol shares: making one model call as a Turn (events, streamed text,
 * abort, failure), collecting warnings, and turning the protocol's outcome, a stop or an error
 * into a SideResult.
 */
import { thinkingFor } from '../../catalog/reasoning';
import { AgentError, toAgentError } from '../../engine/errors';
import type {
  CallUsage,
  ChatMessage,
  ChatRequest,
  ResponseFormat,
  SamplingParams,
  ToolDeclaration,
} from '../../engine/types';
import type { VoteCount } from '../answers';
import { validateSide, type ProtocolConfig, type ProtocolType, type RoleConfig } from '../config';
import type { RoleKind, SideConfig } from '../config';
import { countThinkingTokens, splitThinking } from '../thinking';
import type { EscalationOutcome } from '../escalation';
import type { CriticVerdict } from '../verdict';
import {
  contextTooSmallMessage,
  fitMessages,
  fixedMessage,
  joinParts,
  type BudgetMessage,
  type ContextTrim,
} from '../context-budget';
import type { ProtocolDeps, SideResult, SideStatus, TeamChatResult, Turn, TurnStep } from './types';
import type { ToolSandbox } from '../../tools/tool-runner';
import type { RoleTools } from '../../tools/types';
import { hasTools } from '../../tools/validate-tools';

/**
 * The steps whose reply is read as an answer (Solo's, the answerer's, a generator's, the
 * judge's, a sample's, the escalation's models', cross-verification's answerers' and
 * reconciler's): on a function-calling question they are
 * written with the question's functions (ProtocolDeps.answerFunctions).
 */
export const ANSWER_STEPS: ReadonlySet<TurnStep> = new Set<TurnStep>([
  'answer',
  'generate',
  'judge',
  'sample',
  'small-answer',
  'small-sample',
  'large-answer',
  'peer-answer',
  'reconcile',
]);

/** Fewest tokens a step that answers a function-calling question may write. */
export const FUNCTION_ANSWER_MIN_TOKENS = 512;

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
  /** Escalation: why the call is made (stored as Turn.escalatedBecause). */
  escalatedBecause?: string;
}

/** What one model call of a tool loop adds to its CallOptions. */
interface ToolStepOptions {
  grammar?: string;
  /** A server's model: the tools as OpenAI `tools` (in-tab models read them in the prompt). */
  tools?: ToolDeclaration[];
  toolStep: number;
}

/**
 * How long a stopped call may take to hand back its figures (prompt tokens, decode rate) before
 * the side stops without them. The worker bridge answers within about a second.
 */
const STOP_FIGURES_MS = 2500;

/** Resolves with `promise`, or with `undefined` once `ms` have passed after `signal` aborted. */
function settleAfterAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  ms: number,
): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => (timer = setTimeout(() => resolve(undefined), ms));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    promise.then(
      (value) => (done(), resolve(value)),
      (error: unknown) => (done(), reject(error)),
    );
  });
}

/** One run of one side: the turns so far, the warnings, and a way to call a role. */
export class ProtocolRun {
  /** Ended turns, in call order (by index) once the run is over. */
  readonly turns: Turn[] = [];
  readonly warnings: string[] = [];
  /** What the protocol established before its end; kept in the result when it stops or fails. */
  readonly established: Partial<Pick<ProtocolOutput, 'escalation' | 'votes'>> = {};
  readonly #deps: ProtocolDeps;
  readonly #now: () => number;
  #next = 0;
  /** A fork's calls no longer follow its parent's: the rest run. */
  #diverged = false;

  constructor(deps: ProtocolDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** A fork's turn to take instead of calling the model (see ReplayPlan); null: call it. */
  #reuse(
    index: number,
    roleId: string,
    step: TurnStep,
  ): { output: string; result: TeamChatResult; kind: 'parent' | 'edited' } | null {
    const replay = this.#deps.replay;
    if (!replay || this.#diverged || index > replay.editedIndex) return null;
    const recorded = replay.turns.find((t) => t.index === index);
    if (
      !recorded ||
      recorded.roleId !== roleId ||
      recorded.step !== step ||
      recorded.status !== 'done'
    ) {
      this.#diverged = true;
      this.warn(`The fork leaves its parent run at call ${index + 1}: every call from there runs.`);
      return null;
    }
    const edited = index === replay.editedIndex && replay.editedOutput !== undefined;
    const output = edited ? replay.editedOutput! : recorded.output;
    return {
      output,
      kind: edited ? 'edited' : 'parent',
      result: {
        text: output,
        finishReason: recorded.finishReason ?? 'stop',
        usage: {
          promptTokens: 0,
          completionTokens: 0,
          ttftMs: null,
          decodeTokensPerSec: null,
          wallMs: 0,
        },
        queuedMs: 0,
      },
    };
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
   * Runs independent calls at once (the host runs calls on different models in parallel and
   * queues calls on one model). Waits for every call to end, then throws the first stop or
   * failure, so no turn is left running behind the side's result.
   */
  async all<T>(calls: readonly (() => Promise<T>)[]): Promise<T[]> {
    const settled = await Promise.allSettled(calls.map((call) => call()));
    const stop = settled.find(
      (s): s is PromiseRejectedResult => s.status === 'rejected' && s.reason instanceof StopRun,
    );
    if (stop) throw stop.reason;
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
  }

  /**
   * The messages to send to a role: fitted into its model's context window with room for its
   * reply. Throws an InvalidRequestError, naming the role and the figures, when even the
   * system prompt and the question do not fit.
   */
  #fit(
    role: RoleConfig,
    prompt: readonly (ChatMessage | BudgetMessage)[],
  ): { messages: ChatMessage[]; trimmed?: ContextTrim } {
    const messages = prompt.map((m) => ('parts' in m ? m : fixedMessage(m)));
    const window = this.#deps.contextWindowOf?.(role);
    if (!window)
      return { messages: messages.map((m) => ({ role: m.role, content: joinParts(m.parts) })) };
    const fit = fitMessages(messages, { window, reserve: role.maxTokens });
    if (!fit.ok)
      throw new AgentError(
        'InvalidRequestError',
        contextTooSmallMessage(role.name, window, fit.minimumTokens, role.maxTokens),
      );
    return { messages: fit.messages, ...(fit.trimmed ? { trimmed: fit.trimmed } : {}) };
  }

  /**
   * Calls a role's model and records the call as a Turn. The messages are first fitted into
   * the role's context window (plain ChatMessages are kept whole; see context-budget.ts). Throws StopRun on abort (the partial
   * turn is kept with status 'stopped') and an AgentError on failure (kept as 'failed').
   * Figures are honest whatever happens: the time waiting for a busy model is `queuedMs`, not
   * model time; a stopped call keeps the worker's figures up to the stop; a call that never
   * reached the model is marked `notStarted` and is not counted as a model call.
   */
  async call(
    role: RoleConfig,
    prompt: readonly (ChatMessage | BudgetMessage)[],
    options: CallOptions,
  ): Promise<Turn> {
    const sandbox = this.#deps.toolSandbox;
    if (!hasTools(role.tools) || !sandbox) return this.#callOnce(role, prompt, options);
    return this.#callWithTools(role, role.tools, sandbox, prompt, options);
  }

  /**
   * A tool-using role's call: think → call → observe (tool-loop.ts), each model call its own
   * Turn (`toolStep` 1, 2, …) holding its tool calls and their results; the last Turn, the one
   * that answered, is returned. In-tab models write their calls under the tool grammar; a
   * server's model is told the format only.
   */
  async #callWithTools(
    role: RoleConfig,
    tools: RoleTools,
    sandbox: ToolSandbox,
    prompt: readonly (ChatMessage | BudgetMessage)[],
    options: CallOptions,
  ): Promise<Turn> {
    // The tool machinery (schema validation, grammars) loads with the first tool-using call.
    const [{ ToolRunner }, { runToolLoop, toolInstructions }] = await Promise.all([
      import('../../tools/tool-runner'),
      import('../../tools/tool-loop'),
    ]);
    const runner = new ToolRunner(sandbox, [...tools.builtIn, ...tools.custom]);
    // A server's model gets OpenAI `tools` (its chat template declares them); an in-tab model
    // reads them in its system prompt and writes its calls under the tool grammar.
    const remote = role.model.engine === 'remote';
    const declarations: ToolDeclaration[] = runner.specs.map(
      ({ name, description, parameters }) => ({
        name,
        description,
        parameters,
      }),
    );
    const block = toolInstructions(runner.specs);
    const first = prompt[0];
    const withTools: (ChatMessage | BudgetMessage)[] = remote
      ? [...prompt]
      : first?.role === 'system'
        ? [
            'parts' in first
              ? { ...first, parts: [...first.parts, block] }
              : { ...first, content: first.content + block },
            ...prompt.slice(1),
          ]
        : [{ role: 'system', content: block.trim() }, ...prompt];
    const turns: Turn[] = [];
    await runToolLoop(
      withTools.map((m) => ('parts' in m ? { role: m.role, content: joinParts(m.parts) } : m)),
      {
        call: async (messages, toolStep, grammar) => {
          // The first call keeps the protocol's budget parts, so its context fitting is the same.
          const sent = toolStep === 1 ? withTools : messages;
          const turn = await this.#callOnce(role, sent, options, {
            toolStep,
            ...(grammar ? { grammar } : {}),
            // After the cut (no grammar, past the last step) the model answers without tools.
            ...(remote && toolStep <= tools.maxSteps ? { tools: declarations } : {}),
          });
          turns.push(turn);
          return turn.output;
        },
        tools: runner,
        context: {
          ...(this.#deps.toolParagraphs ? { paragraphs: this.#deps.toolParagraphs } : {}),
          signal: this.#deps.signal,
        },
        onObservation: (_step, call, observation) => {
          const turn = turns.at(-1);
          if (!turn) return;
          const toolCall = { call, observation };
          turn.toolCalls = [...(turn.toolCalls ?? []), toolCall];
          this.#deps.emit({ type: 'tool-result', turnIndex: turn.index, toolCall });
        },
      },
      {
        maxSteps: tools.maxSteps,
        constrain: remote ? 'none' : 'grammar',
      },
    );
    this.checkAborted();
    return turns.at(-1)!;
  }

  async #callOnce(
    asConfigured: RoleConfig,
    prompt: readonly (ChatMessage | BudgetMessage)[],
    options: CallOptions,
    tool?: ToolStepOptions,
  ): Promise<Turn> {
    this.checkAborted();
    const functions = this.#deps.answerFunctions;
    const functionAnswer =
      !tool && !!functions?.length && ANSWER_STEPS.has(options.step) && !options.responseFormat;
    // Calls need room: an answerer's few tokens would cut the first one off.
    const role = functionAnswer
      ? {
          ...asConfigured,
          maxTokens: Math.max(asConfigured.maxTokens, FUNCTION_ANSWER_MIN_TOKENS),
        }
      : asConfigured;
    const { messages, trimmed } = this.#fit(role, prompt);
    const { signal, emit, chat } = this.#deps;
    const index = this.#next++;
    const { step, round } = options;
    emit({
      type: 'turn-start',
      turnIndex: index,
      roleId: role.id,
      roleName: role.name,
      kind: role.kind,
      step,
      round,
      ...(trimmed ? { trimmed } : {}),
      ...(tool ? { toolStep: tool.toolStep } : {}),
    });

    const request: ChatRequest = { messages, sampling: samplingOf(role, options.seedOffset) };
    if (options.responseFormat) request.responseFormat = options.responseFormat;
    if (tool?.grammar) request.grammar = tool.grammar;
    if (tool?.tools) request.tools = tool.tools;
    if (functionAnswer && functions) {
      if (role.model.engine === 'remote')
        request.tools = functions.map(({ name, description, parameters }) => ({
          name,
          description,
          parameters,
        }));
      else {
        const { toolCallGrammar } = await import('../../tools/tool-grammar');
        request.grammar = toolCallGrammar(functions, 'auto');
      }
    }
    const thinking = thinkingFor(role.model.modelId, role.thinking);
    if (thinking) request.thinking = thinking;
    const startedAtMs = this.#now();
    let modelAtMs: number | null = null;
    let streamed = '';
    let tokens = 0;
    /** Every token delta, to count those inside a think block. */
    const deltas: string[] = [];
    let firstTokenAtMs: number | null = null;
    let lastTokenAtMs: number | null = null;
    let settled = false;
    const onStart = () => {
      modelAtMs ??= this.#now();
    };
    const onToken = ({ delta }: { delta: string }) => {
      if (settled) return;
      const at = this.#now();
      modelAtMs ??= at;
      firstTokenAtMs ??= at;
      lastTokenAtMs = at;
      streamed += delta;
      deltas.push(delta);
      tokens++;
      emit({ type: 'token', turnIndex: index, delta });
    };

    const finish = (
      status: Turn['status'],
      output: string,
      result?: TeamChatResult,
      reused?: Turn['reused'],
    ): Turn => {
      settled = true;
      const endedAtMs = this.#now();
      const reached = modelAtMs !== null || result !== undefined;
      const from = modelAtMs ?? startedAtMs;
      const queuedMs =
        result?.queuedMs ??
        (modelAtMs === null ? endedAtMs - startedAtMs : modelAtMs - startedAtMs);
      const usage: CallUsage = result?.usage ?? {
        // No figures came back: what the page saw, from the moment the model took the call.
        promptTokens: 0,
        completionTokens: tokens,
        ttftMs: firstTokenAtMs === null ? null : firstTokenAtMs - from,
        decodeTokensPerSec:
          tokens > 1 &&
          lastTokenAtMs !== null &&
          firstTokenAtMs !== null &&
          lastTokenAtMs > firstTokenAtMs
            ? ((tokens - 1) * 1000) / (lastTokenAtMs - firstTokenAtMs)
            : null,
        wallMs: reached ? endedAtMs - from : 0,
      };
      const thinkingTokens = countThinkingTokens(deltas);
      const turn: Turn = {
        index,
        roleId: role.id,
        roleName: role.name,
        kind: role.kind,
        step,
        ...(round === undefined ? {} : { round }),
        messages,
        ...(trimmed ? { trimmed } : {}),
        output,
        usage,
        ...(thinkingTokens > 0 ? { thinkingTokens } : {}),
        queuedMs: Math.max(0, queuedMs),
        startedAtMs,
        endedAtMs,
        ...(result ? { finishReason: result.finishReason } : {}),
        status,
        ...(reached ? {} : { notStarted: true as const }),
        ...(tool ? { toolStep: tool.toolStep } : {}),
        ...(options.escalatedBecause ? { escalatedBecause: options.escalatedBecause } : {}),
        ...(reused ? { reused } : {}),
      };
      const verdict = status === 'done' ? options.verdictOf?.(output) : undefined;
      if (verdict) turn.verdict = verdict;
      this.turns.push(turn);
      this.turns.sort((a, b) => a.index - b.index);
      emit({ type: 'turn-end', turn });
      return turn;
    };

    const reuse = this.#reuse(index, role.id, step);
    if (reuse) {
      emit({ type: 'token', turnIndex: index, delta: reuse.output });
      return finish('done', reuse.output, reuse.result, reuse.kind);
    }

    let result: TeamChatResult | undefined;
    try {
      const pending = chat(role, request, { signal, onToken, onStart });
      pending.catch(() => undefined); // a late rejection after an abort is not an error
      result = await settleAfterAbort(pending, signal, STOP_FIGURES_MS);
    } catch (error) {
      const stopped = signal.aborted || toAgentError(error).name === 'AbortError';
      finish(stopped ? 'stopped' : 'failed', streamed);
      if (stopped) throw new StopRun('Stopped.');
      throw toAgentError(error);
    }
    if (!result) {
      finish('stopped', streamed);
      throw new StopRun('Stopped.');
    }
    if (result.finishReason === 'abort' || signal.aborted) {
      finish('stopped', result.text || streamed, result);
      throw new StopRun('Stopped.');
    }
    const turn = finish('done', result.text, result);
    const cutInThought = splitThinking(result.text).open;
    if (result.finishReason === 'length' && cutInThought)
      this.warn(
        `${role.name} ran out of tokens while thinking (limit ${role.maxTokens}); ` +
          'its reply has no answer.',
      );
    else if (result.finishReason === 'length')
      this.warn(
        `${role.name} reached its limit of ${role.maxTokens} tokens; its reply is cut short.`,
      );
    else if (cutInThought)
      this.warn(`${role.name}'s reply ended while thinking; it has no answer.`);
    return turn;
  }
}

/** What a protocol's body returns when it completes. */
export interface ProtocolOutput {
  finalAnswer: string;
  references?: string[];
  votes?: VoteCount[];
  escalation?: EscalationOutcome;
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
    const kept = { finalAnswer: '', ...run.established };
    if (error instanceof StopRun || deps.signal.aborted) sideResult = result('stopped', kept);
    else sideResult = result('failed', kept, toAgentError(error));
  }
  deps.emit({ type: 'side-end', result: sideResult });
  return sideResult;
}
