/**
 * The loaded models of an experiment: one worker per distinct model, shared by every agent
 * that uses it, loaded one at a time (concurrent WebLLM initialisation misbehaves). Its
 * `chat` is the TeamChat the protocols call: it waits for the model to be free and reports
 * how long it waited.
 */
import { AgentError, toAgentError } from '../engine/errors';
import type { LoadProgress, LoadResult } from '../engine/types';
import type { ModelRef, RoleConfig } from '../team/config';
import type { TeamChat } from '../team/protocols/types';
import { specFor } from '../state/model-spec';
import { AgentWorkerBridge } from './agent-worker-bridge';
import { AsyncLock } from './async-lock';
import { modelKey, type PlannedModel } from './model-plan';

interface PoolEntry {
  bridge: AgentWorkerBridge;
  lock: AsyncLock;
  loaded: LoadResult | null;
}

export type PoolProgress = (index: number, model: PlannedModel, progress: LoadProgress) => void;

export class ModelPool {
  readonly #entries = new Map<string, PoolEntry>();
  readonly #makeBridge: () => AgentWorkerBridge;
  readonly #now: () => number;

  constructor(makeBridge = () => new AgentWorkerBridge(), now = () => performance.now()) {
    this.#makeBridge = makeBridge;
    this.#now = now;
  }

  #entry(ref: ModelRef): PoolEntry {
    const key = modelKey(ref);
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { bridge: this.#makeBridge(), lock: new AsyncLock(), loaded: null };
      this.#entries.set(key, entry);
    }
    return entry;
  }

  /** Number of workers started (one per distinct model used). */
  get workerCount(): number {
    return [...this.#entries.values()].filter((e) => e.bridge.started).length;
  }

  isLoaded(ref: ModelRef): boolean {
    return this.#entries.get(modelKey(ref))?.loaded != null;
  }

  /** Loads each model not yet loaded, one after another. Throws the first failure. */
  async loadAll(
    models: PlannedModel[],
    onProgress: PoolProgress,
    signal: AbortSignal,
  ): Promise<void> {
    for (const [index, planned] of models.entries()) {
      const entry = this.#entry(planned.ref);
      if (entry.loaded) continue;
      try {
        entry.loaded = await entry.bridge.load(
          specFor(planned.model, planned.variant),
          (p) => onProgress(index, planned, p),
          signal,
        );
      } catch (error) {
        throw toAgentError(error, 'ModelLoadError');
      }
    }
  }

  /** The protocols' TeamChat: routes by the role's model, one generation per model at a time. */
  readonly chat: TeamChat = async (role: RoleConfig, request, hooks) => {
    const entry = this.#entries.get(modelKey(role.model));
    if (!entry?.loaded) {
      throw new AgentError('ModelNotLoadedError', `${role.model.modelId} is not loaded.`);
    }
    const asked = this.#now();
    const release = await entry.lock.acquire(hooks.signal);
    const queuedMs = this.#now() - asked;
    try {
      return { ...(await entry.bridge.chat(request, hooks)), queuedMs };
    } catch (error) {
      const failure = toAgentError(error);
      if (failure.name === 'WorkerCrashedError' || failure.name === 'DeviceLostError')
        entry.loaded = null;
      throw failure;
    } finally {
      release();
    }
  };

  /** Ends every worker. */
  dispose(): void {
    for (const entry of this.#entries.values()) entry.bridge.terminate();
    this.#entries.clear();
  }
}
