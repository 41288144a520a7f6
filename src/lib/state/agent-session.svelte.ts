/**
 * One agent as the single-agent view sees it: which model it uses, load progress, the streamed
 * answer and its figures. Its models live in the page's agent host (shared with every view);
 * "loaded" is whatever the host says, so a model unloaded elsewhere shows as not loaded here.
 */
import type { AgentHost, AgentLease } from '../agents/agent-host.svelte';
import { specFor } from '../agents/model-spec';
import type { CatalogModel, ModelVariant } from '../catalog/types';
import { AgentError, toAgentError } from '../engine/errors';
import type {
  CallUsage,
  ChatMessage,
  FinishReason,
  LoadProgress,
  LoadResult,
  SamplingParams,
  ThinkingSwitch,
} from '../engine/types';
import { thinkingFor } from '../catalog/reasoning';
import { TokenSink } from '../render/token-sink';
import { countThinkingTokens } from '../team/thinking';

export type SessionStatus = 'idle' | 'loading' | 'ready' | 'generating';

export interface LoadedModel {
  model: CatalogModel;
  variant: ModelVariant;
  result: LoadResult;
}

export class AgentSession {
  progress = $state.raw<LoadProgress | null>(null);
  error = $state.raw<{ error: AgentError; stage: 'load' | 'chat' } | null>(null);
  output = $state('');
  tokens = $state(0);
  usage = $state.raw<CallUsage | null>(null);
  /** Of the answer's tokens, how many a reasoning model spent thinking (0: none). */
  thinkingTokens = $state(0);
  finishReason = $state<FinishReason | null>(null);
  /** Why the last answer stopped early when it was not the user (models unloaded elsewhere). */
  notice = $state<string | null>(null);

  readonly #host: AgentHost;
  readonly #lease: AgentLease;
  #busy = $state<'loading' | 'generating' | null>(null);
  /** The model this agent uses (loaded or not). */
  #chosen = $state.raw<{ model: CatalogModel; variant: ModelVariant } | null>(null);
  #loadAbort: AbortController | null = null;
  #runAbort: AbortController | null = null;
  readonly #sink = new TokenSink<'output'>((_, text, tokens) => {
    this.output += text;
    this.tokens += tokens;
  });

  constructor(host: AgentHost) {
    this.#host = host;
    this.#lease = host.lease('Single agent', (reason) => {
      this.notice = `${reason}.`;
      this.stop();
      this.cancelLoad();
    });
  }

  /** The chosen model, when the host holds it loaded. */
  get loaded(): LoadedModel | null {
    const chosen = this.#chosen;
    if (!chosen) return null;
    const result = this.#host.loadResult({
      engine: chosen.model.engine,
      modelId: chosen.variant.modelId,
    });
    return result ? { ...chosen, result } : null;
  }

  get status(): SessionStatus {
    return this.#busy ?? (this.loaded ? 'ready' : 'idle');
  }

  /** Loads a model (or finds it loaded by another view); false when it failed or was cancelled. */
  async load(model: CatalogModel, variant: ModelVariant): Promise<boolean> {
    if (this.#busy === 'generating') this.stop();
    this.#loadAbort?.abort();
    const abort = new AbortController();
    this.#loadAbort = abort;
    this.#chosen = { model, variant };
    this.#busy = 'loading';
    this.error = null;
    this.notice = null;
    this.progress = {
      phase: 'init',
      fraction: 0,
      loadedBytes: null,
      totalBytes: null,
      text: 'Starting…',
    };
    try {
      await this.#lease.load(
        [specFor(model, variant)],
        (_index, _spec, p) => {
          if (!abort.signal.aborted) this.progress = p;
        },
        abort.signal,
      );
      return !abort.signal.aborted;
    } catch (error) {
      if (this.#loadAbort !== abort) return false;
      const failure = toAgentError(error, 'ModelLoadError');
      this.error = failure.name === 'AbortError' ? null : { error: failure, stage: 'load' };
      return false;
    } finally {
      if (this.#loadAbort === abort) {
        this.#loadAbort = null;
        this.progress = null;
        this.#busy = null;
      }
    }
  }

  cancelLoad(): void {
    this.#loadAbort?.abort();
  }

  /** Loads the last model again after a failure. */
  retry(): Promise<boolean> {
    const chosen = this.#chosen;
    if (!chosen) return Promise.resolve(false);
    return this.load(chosen.model, chosen.variant);
  }

  /**
   * Streams an answer to `messages` from the loaded model. `thinking` reaches the engine only
   * when the model can switch its thinking (reasoning.ts).
   */
  async run(
    messages: ChatMessage[],
    sampling: SamplingParams,
    thinking?: ThinkingSwitch,
  ): Promise<void> {
    const loaded = this.loaded;
    if (this.status !== 'ready' || !loaded) return;
    const abort = new AbortController();
    this.#runAbort = abort;
    this.#busy = 'generating';
    this.error = null;
    this.notice = null;
    this.output = '';
    this.tokens = 0;
    this.usage = null;
    this.thinkingTokens = 0;
    this.finishReason = null;
    const modelId = loaded.variant.modelId;
    const switched = thinkingFor(modelId, thinking);
    /** Every token's text, to count those inside a think block. */
    const deltas: string[] = [];
    // Tokens are taken only while the call is open: once its result is in, the text is final.
    let open = true;
    const onToken = (delta: string) => {
      if (!open) return;
      deltas.push(delta);
      this.#sink.push('output', delta);
    };
    try {
      const result = await this.#lease.chatWith(
        { engine: loaded.model.engine, modelId },
        { messages, sampling, ...(switched ? { thinking: switched } : {}) },
        { signal: abort.signal, onToken: (e) => onToken(e.delta) },
      );
      open = false;
      this.#sink.drop('output');
      this.output = result.text;
      this.tokens = result.usage.completionTokens;
      this.usage = result.usage;
      this.thinkingTokens = countThinkingTokens(deltas);
      this.finishReason = result.finishReason;
    } catch (error) {
      open = false;
      this.#sink.flush();
      this.thinkingTokens = countThinkingTokens(deltas);
      const failure = toAgentError(error);
      if (failure.name === 'AbortError' || (abort.signal.aborted && this.notice))
        this.finishReason = 'abort';
      else this.error = { error: failure, stage: 'chat' };
    } finally {
      this.#runAbort = null;
      this.#busy = null;
    }
  }

  stop(): void {
    this.#runAbort?.abort();
  }

  dispose(): void {
    this.stop();
    this.cancelLoad();
    this.#lease.release();
  }
}
