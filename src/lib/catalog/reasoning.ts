/**
 * Which models think in `<think>…</think>` before they answer, read from the model id, and
 * whether that thinking can be switched off per call.
 *
 * - Qwen3 and Qwen3.5 (hybrid models): think by default; `enable_thinking: false` (WebLLM, or the
 *   `/no_think` soft switch on llama.cpp) makes them answer at once. 'switchable'.
 * - Qwen3 "Thinking-2507" and the DeepSeek-R1 distills: always think. 'always'.
 * - Qwen3 "Instruct-2507": never thinks. Not a reasoning model.
 * - The test build's scripted models whose id starts with `scripted-think`: 'switchable', so an
 *   end-to-end test can show the switch reaching the engine.
 */
import type { ThinkingSwitch } from '../engine/types';

export type Reasoning = 'switchable' | 'always';

/** How a model thinks, from its id (catalog, WebLLM or GGUF id); null when it does not. */
export function reasoningOf(modelId: string): Reasoning | null {
  const id = modelId.toLowerCase();
  if (/^scripted-think/.test(id)) return 'switchable';
  if (/deepseek-r1-distill/.test(id)) return 'always';
  // Ollama names models `qwen3:4b`: a colon ends the family name too.
  if (!/(^|[^a-z0-9])qwen3(\.5)?([-_.:]|$)/.test(id)) return null;
  if (/instruct-2507/.test(id)) return null;
  if (/thinking-2507/.test(id)) return 'always';
  return 'switchable';
}

/** Whether `thinking` can be set for the model; the engines ignore it for every other model. */
export function canSwitchThinking(modelId: string): boolean {
  return reasoningOf(modelId) === 'switchable';
}

/** The switch to send for a call: the role's setting, when the model takes one. */
export function thinkingFor(
  modelId: string,
  setting: ThinkingSwitch | undefined,
): ThinkingSwitch | undefined {
  return setting && canSwitchThinking(modelId) ? setting : undefined;
}

/** `{ reasoning }` for a catalog entry of a reasoning model, `{}` for any other. */
export function reasoningFlag(modelId: string): { reasoning?: Reasoning } {
  const reasoning = reasoningOf(modelId);
  return reasoning ? { reasoning } : {};
}
