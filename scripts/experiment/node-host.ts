/**
 * What the protocols need from an agent host (ProtocolDeps' `chat` and `contextWindowOf`), in
 * Node, for models on OpenAI-compatible servers: one RemoteEngine per distinct model (the same
 * engine the tab's workers run), loaded once; every call measured the way the workers measure
 * it (measureCall). Calls run at once: a server queues or batches them itself.
 */
import {
  contextWindowsOf,
  modelKey,
  type ModelPlan,
  type PlannedModel,
} from '../../src/lib/agents/model-plan';
import { specFor } from '../../src/lib/agents/model-spec';
import { AgentError, toAgentError } from '../../src/lib/engine/errors';
import type { TeamChat } from '../../src/lib/team/protocols/types';
import { measureCall } from '../../workers/measure-call';
import { RemoteEngine, type RemoteEngineOptions } from '../../workers/engines/remote-engine';
import { refusedForKey, type KeyChoice } from './keys';

/**
 * The origin the engine names in its advice. Node has no page, so no CORS and no local-network
 * prompt: a local origin keeps the browser-only advice out of its messages.
 */
const NODE_ORIGIN = 'http://localhost';

export interface NodeHostOptions {
  /** The key for a server (base URL); see keys.ts. */
  keyFor: (baseUrl: string) => KeyChoice;
  fetch?: typeof fetch;
  now?: () => number;
  engine?: Omit<RemoteEngineOptions, 'fetch' | 'origin'>;
}

/** "Team › Critic, Solo › Solo (tiny-chat at 127.0.0.1:8080)". */
function describe(model: PlannedModel): string {
  const host = URL.canParse(model.variant.modelUrl) ? new URL(model.variant.modelUrl).host : '';
  return `${model.usedBy.join(', ')} (${model.variant.serverModel ?? model.variant.modelId} at ${host})`;
}

export class NodeAgentHost {
  readonly #plan: ModelPlan;
  readonly #options: NodeHostOptions;
  readonly #engines = new Map<string, RemoteEngine>();
  readonly #now: () => number;
  /** The context window of each role's model, for the protocols' context budgets. */
  readonly contextWindowOf: (role: { model: PlannedModel['ref'] }) => number | null;

  constructor(plan: ModelPlan, options: NodeHostOptions) {
    this.#plan = plan;
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    this.contextWindowOf = contextWindowsOf(plan);
  }

  /** The servers the models are on (base URLs, as the config gives them; never a key). */
  get endpoints(): string[] {
    return [...new Set(this.#plan.models.map((m) => m.variant.modelUrl))];
  }

  /**
   * Connects to every model's server and checks that it serves the model. Throws an AgentError
   * whose message names the roles that use the model that failed.
   */
  async load(onModel?: (model: PlannedModel, index: number) => void): Promise<void> {
    for (const [index, planned] of this.#plan.models.entries()) {
      onModel?.(planned, index);
      try {
        this.#engines.set(modelKey(planned.ref), await this.#connect(planned));
      } catch (error) {
        const failure = toAgentError(error, 'ModelLoadError');
        const hint =
          refusedForKey(failure) && !this.#options.keyFor(planned.variant.modelUrl).key
            ? ' Put the key in an environment variable and name it with --key-env (e.g. --key-env OPENAI_API_KEY).'
            : '';
        throw new AgentError(failure.name, `${describe(planned)}: ${failure.message}${hint}`, {
          cause: error,
        });
      }
    }
  }

  async #connect(planned: PlannedModel): Promise<RemoteEngine> {
    const baseUrl = planned.variant.modelUrl;
    const choice = this.#options.keyFor(baseUrl);
    const attempt = async (apiKey: string | undefined) => {
      const engine = new RemoteEngine({
        ...this.#options.engine,
        ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
        origin: NODE_ORIGIN,
      });
      const spec = { ...specFor(planned.model, planned.variant), ...(apiKey ? { apiKey } : {}) };
      await engine.load(spec, () => {});
      return engine;
    };
    return attempt(choice.key?.value);
  }

  /** A role's call on its model's engine, measured as a worker measures it. */
  readonly chat: TeamChat = async (role, request, hooks) => {
    const engine = this.#engines.get(modelKey(role.model));
    if (!engine)
      throw new AgentError(
        'ModelNotLoadedError',
        `${role.name}'s model ${role.model.modelId} is not loaded.`,
      );
    const signal = hooks.signal ?? new AbortController().signal;
    hooks.onStart?.();
    return measureCall(
      this.#now,
      (onDelta) => engine.chat(request, onDelta, signal),
      (event) => hooks.onToken?.(event),
    );
  };
}
