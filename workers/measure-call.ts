import type { ChatResult, TokenEvent } from '../src/lib/engine/types';
import type { EngineCompletion } from './engines/engine';

/**
 * Runs one engine call and measures it the same way for every engine: time to first token,
 * decode rate over the tokens after the first, and wall time. Token counts are the engine's.
 */
export async function measureCall(
  now: () => number,
  run: (onDelta: (delta: string) => void) => Promise<EngineCompletion>,
  onToken: (event: TokenEvent) => void,
): Promise<ChatResult> {
  const started = now();
  let first: number | null = null;
  let last = started;
  let index = 0;
  const completion = await run((delta) => {
    const at = now();
    first ??= at;
    last = at;
    onToken({ delta, index: index++, atMs: at - started });
  });
  const ended = now();
  const streamed = Math.max(index, completion.completionTokens);
  const decodeSeconds = first === null ? 0 : (last - first) / 1000;
  return {
    text: completion.text,
    finishReason: completion.finishReason,
    usage: {
      promptTokens: completion.promptTokens,
      completionTokens: completion.completionTokens,
      ttftMs: first === null ? null : first - started,
      decodeTokensPerSec: streamed > 1 && decodeSeconds > 0 ? (streamed - 1) / decodeSeconds : null,
      wallMs: ended - started,
      ...(completion.usageCounted ? { counted: true as const } : {}),
    },
  };
}
