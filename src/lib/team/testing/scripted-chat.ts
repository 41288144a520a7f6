/**
 * Test adapters over the scripted engine (workers/engines/scripted-engine.ts), run in-process:
 * a ChatFn for one scripted model, and a TeamChat that routes each role to its model's engine.
 * Only for tests (unit tests and UI tests); the product talks to workers instead.
 */
import { ScriptedEngine } from '../../../../workers/engines/scripted-engine';
import type { ChatFn, ChatRequest, ModelSpec, ScriptedScript } from '../../engine/types';
import { AgentError } from '../../engine/errors';
import type { ModelRef } from '../config';
import type { TeamChat } from '../protocols/types';

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
 * Loads a ScriptedEngine with `script` and returns a ChatFn over it, measuring usage the way a
 * worker does: time to first token, decode rate after the first token, wall time.
 */
export async function createScriptedChat(
  script: ScriptedScript,
  options: ScriptedChatOptions = {},
): Promise<ChatFn> {
  const engine = new ScriptedEngine();
  const spec: ModelSpec = {
    engine: 'scripted',
    modelId: options.modelId ?? 'scripted-test',
    contextWindow: options.contextWindow ?? 4096,
    script,
  };
  await engine.load(spec, () => undefined);
  return async (request, hooks = {}) => {
    const started = performance.now();
    let firstMs: number | null = null;
    let index = 0;
    const completion = await engine.chat(
      request,
      (delta) => {
        const atMs = performance.now() - started;
        firstMs ??= atMs;
        hooks.onToken?.({ delta, index: index++, atMs });
      },
      hooks.signal ?? new AbortController().signal,
    );
    const wallMs = performance.now() - started;
    const { completionTokens } = completion;
    const decodeMs = firstMs === null ? 0 : wallMs - firstMs;
    return {
      text: completion.text,
      finishReason: completion.finishReason,
      usage: {
        promptTokens: completion.promptTokens,
        completionTokens,
        ttftMs: firstMs,
        decodeTokensPerSec:
          completionTokens >= 2 && decodeMs > 0 ? (completionTokens - 1) / (decodeMs / 1000) : null,
        wallMs,
      },
    };
  };
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
}

/**
 * A TeamChat over one scripted engine per model id (`scripts` maps model ids to scripts). Calls
 * to one model wait for each other, like agents sharing a worker; the wait is reported as
 * queuedMs. A role whose model has no script fails with ModelNotLoadedError.
 */
export async function createScriptedTeamChat(
  scripts: Record<string, ScriptedScript>,
): Promise<ScriptedTeamChat> {
  const chats = new Map<string, ChatFn>();
  for (const [modelId, script] of Object.entries(scripts))
    chats.set(modelId, await createScriptedChat(script, { modelId }));
  const tails = new Map<string, Promise<void>>();
  const calls: RecordedCall[] = [];

  const chat: TeamChat = async (role, request, hooks) => {
    const modelId = role.model.modelId;
    const fn = chats.get(modelId);
    if (!fn) throw new AgentError('ModelNotLoadedError', `No scripted model ${modelId}.`);
    calls.push({ roleId: role.id, modelId, request });
    const requestedAt = performance.now();
    const previous = tails.get(modelId) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => (release = resolve));
    tails.set(
      modelId,
      previous.then(() => mine),
    );
    await previous;
    const queuedMs = performance.now() - requestedAt;
    try {
      return { ...(await fn(request, hooks)), queuedMs };
    } finally {
      release();
    }
  };
  return { chat, calls };
}
