/**
 * Test adapters over the scripted engine (workers/engines/scripted-engine.ts), run in-process
 * through the real worker API and the real agent host: a ChatFn for one scripted model, and a
 * TeamChat that routes each role to its model. Only for tests; the product talks to workers.
 */
import type { ChatFn, ChatRequest, ModelSpec, ScriptedScript } from '../engine/types';
import { AgentHost } from '../agents/agent-host.svelte';
import { InProcessAgent } from './in-process-agent';
import type { ModelRef } from '../team/config';
import type { TeamChat } from '../team/protocols/types';

export interface ScriptedChatOptions {
  /** A `scripted-` id; default 'scripted-test'. */
  modelId?: string;
  contextWindow?: number;
}

/** A ModelRef for a scripted model. */
export function scriptedModel(modelId: string): ModelRef {
  return { engine: 'scripted', modelId };
}

/** A script with the given rules that streams as fast as it can and loads at once. */
export function fastScript(
  rules: ScriptedScript['rules'],
  extra: Partial<ScriptedScript> = {},
): ScriptedScript {
  return { rules, tokensPerSecond: 0, loadMs: 0, ...extra };
}

/**
 * A ChatFn for one scripted model, through the real worker API run in-process (the same call
 * measurement and token batching as a worker).
 */
export async function createScriptedChat(
  script: ScriptedScript,
  options: ScriptedChatOptions = {},
): Promise<ChatFn> {
  const agent = new InProcessAgent();
  const spec: ModelSpec = {
    engine: 'scripted',
    modelId: options.modelId ?? 'scripted-test',
    contextWindow: options.contextWindow ?? 4096,
    script,
  };
  await agent.load(spec, () => undefined);
  return (request, hooks = {}) => agent.chat(request, hooks);
}

/** One call seen by a scripted team chat. */
export interface RecordedCall {
  roleId: string;
  modelId: string;
  request: ChatRequest;
}

export interface ScriptedTeamChat {
  chat: TeamChat;
  /** Every call, in the order made. */
  calls: RecordedCall[];
  /** Each model's context window (as ProtocolDeps.contextWindowOf wants it). */
  contextWindowOf: (role: { model: ModelRef }) => number | undefined;
}

/** The context window of a scripted test model unless a test gives it another. */
export const SCRIPTED_CONTEXT_WINDOW = 4096;

/**
 * A TeamChat over the real agent host, with one in-process agent (the real worker API on a
 * scripted engine) per model id (`scripts` maps model ids to scripts). Calls to one model wait
 * for each other and calls to different models run at once, as in the product; the wait is
 * reported as queuedMs. A role whose model has no script fails with ModelNotLoadedError.
 */
export async function createScriptedTeamChat(
  scripts: Record<string, ScriptedScript>,
  /** Context windows by model id (default SCRIPTED_CONTEXT_WINDOW). */
  contextWindows: Record<string, number> = {},
): Promise<ScriptedTeamChat> {
  const windowOf = (modelId: string) => contextWindows[modelId] ?? SCRIPTED_CONTEXT_WINDOW;
  const host = new AgentHost({ makeBackend: () => new InProcessAgent() });
  const lease = host.lease('test');
  await lease.load(
    Object.entries(scripts).map(([modelId, script]) => ({
      engine: 'scripted',
      modelId,
      contextWindow: windowOf(modelId),
      script,
    })),
    () => undefined,
    new AbortController().signal,
  );
  const calls: RecordedCall[] = [];
  const chat: TeamChat = (role, request, hooks) => {
    calls.push({ roleId: role.id, modelId: role.model.modelId, request });
    return lease.chat(role, request, hooks);
  };
  return { chat, calls, contextWindowOf: (role) => windowOf(role.model.modelId) };
}
