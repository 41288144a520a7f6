/**
 * One agent as the single-agent view sees it: which model is loaded, load progress, the
 * streamed answer and its figures. Owns one worker bridge.
 */
import { AgentWorkerBridge } from '../agents/agent-worker-bridge';
import type { CatalogModel, ModelVariant } from '../catalog/types';
import { AgentError, toAgentError } from '../engine/errors';
import type {
  CallUsage,
  ChatMessage,
  FinishReason,
  LoadProgress,
  LoadResult,
  ModelSpec,
  SamplingParams,
} from '../engine/types';
import { FrameBatcher } from './frame-batcher';
import { specFor } from './model-spec';

export type SessionStatus = 'idle' | 'loading' | 'ready' | 'generating';

export interface LoadedModel {
  model: CatalogModel;
  variant: ModelVariant;
  result: LoadResult;
}

export class AgentSession {
  status = $state<SessionStatus>('idle');
  progress = $state.raw<LoadProgress | null>(null);
  error = $state.raw<{ error: AgentError; stage: 'load' | 'chat' } | null>(null);
  loaded = $state.raw<LoadedModel | null>(null);
  output = $state('');
  tokens = $state(0);
  usage = $state.raw<CallUsage | null>(null);
  finishReason = $state<FinishReason | null>(null);

  readonly #bridge: AgentWorkerBridge;
  #loadAbort: AbortController | null = null;
  #runAbort: AbortController | null = null;
  #lastLoad: { model: CatalogModel; variant: ModelVariant } | null = null;
  /** Tokens arrive one message each; text and count reach the page at most once a frame. */
  readonly #batcher = new FrameBatcher<'output'>((_, text) => this.#apply(text));
  #pendingTokens = 0;

  constructor(bridge: AgentWorkerBridge = new AgentWorkerBridge()) {
    this.#bridge = bridge;
  }

  /** Loads a model into the agent's worker; resolves false when it failed or was cancelled. */
  async load(model: CatalogModel, variant: ModelVariant): Promise<boolean> {
    if (this.status === 'generating') this.stop();
    this.#loadAbort?.abort();
    const abort = new AbortController();
    this.#loadAbort = abort;
    this.#lastLoad = { model, variant };
    this.status = 'loading';
    this.error = null;
    this.loaded = null;
    this.progress = {
      phase: 'init',
      fraction: 0,
      loadedBytes: null,
      totalBytes: null,
      text: 'Starting…',
    };
    const spec: ModelSpec = specFor(model, variant);
    try {
      const result = await this.#bridge.load(spec, (p) => this.#onProgress(abort, p), abort.signal);
      if (abort.signal.aborted) return false;
      this.loaded = { model, variant, result };
      this.status = 'ready';
      return true;
    } catch (error) {
      if (this.#loadAbort !== abort) return false;
      const failure = toAgentError(error, 'ModelLoadError');
      this.status = 'idle';
      this.error = failure.name === 'AbortError' ? null : { error: failure, stage: 'load' };
      return false;
    } finally {
      if (this.#loadAbort === abort) {
        this.#loadAbort = null;
        this.progress = null;
      }
    }
  }

  #onProgress(abort: AbortController, progress: LoadProgress): void {
    if (!abort.signal.aborted) this.progress = progress;
  }

  cancelLoad(): void {
    this.#loadAbort?.abort();
  }

  /** Loads the last model again after a failure. */
  retry(): Promise<boolean> {
    if (!this.#lastLoad) return Promise.resolve(false);
    return this.load(this.#lastLoad.model, this.#lastLoad.variant);
  }

  /** Streams an answer to `messages` from the loaded model. */
  async run(messages: ChatMessage[], sampling: SamplingParams): Promise<void> {
    if (this.status !== 'ready') return;
    const abort = new AbortController();
    this.#runAbort = abort;
    this.status = 'generating';
    this.error = null;
    this.output = '';
    this.tokens = 0;
    this.usage = null;
    this.finishReason = null;
    // Tokens are taken only while the call is open: once its result is in, the text is final.
    let open = true;
    try {
      const result = await this.#bridge.chat(
        { messages, sampling },
        { signal: abort.signal, onToken: (e) => open && this.#onToken(e.delta) },
      );
      open = false;
      this.#flush();
      this.output = result.text;
      this.usage = result.usage;
      this.finishReason = result.finishReason;
    } catch (error) {
      open = false;
      this.#flush();
      const failure = toAgentError(error);
      if (failure.name === 'AbortError') this.finishReason = 'abort';
      else this.error = { error: failure, stage: 'chat' };
      if (failure.name === 'WorkerCrashedError' || failure.name === 'DeviceLostError')
        this.loaded = null;
    } finally {
      this.#runAbort = null;
      this.status = this.loaded ? 'ready' : 'idle';
    }
  }

  #onToken(delta: string): void {
    this.#pendingTokens++;
    this.#batcher.push('output', delta);
  }

  #apply(text: string): void {
    this.output += text;
    this.tokens += this.#pendingTokens;
    this.#pendingTokens = 0;
  }

  #flush(): void {
    this.#batcher.flush();
  }

  stop(): void {
    this.#runAbort?.abort();
  }

  async unload(): Promise<void> {
    this.stop();
    await this.#bridge.unload().catch(() => {});
    this.loaded = null;
    this.status = 'idle';
  }

  dispose(): void {
    this.#bridge.terminate();
  }
}
