import { describe, expect, it } from 'vitest';
import { measureCall } from './measure-call';

describe('measureCall', () => {
  const clock = () => {
    let t = 0;
    return () => (t += 10);
  };

  it("keeps the engine's counts and says when they were counted from the stream", async () => {
    const counted = await measureCall(
      clock(),
      async (onDelta) => {
        onDelta('a');
        onDelta('b');
        return {
          text: 'ab',
          finishReason: 'stop',
          promptTokens: 0,
          completionTokens: 2,
          usageCounted: true,
        };
      },
      () => {},
    );
    expect(counted.usage).toMatchObject({ promptTokens: 0, completionTokens: 2, counted: true });

    const reported = await measureCall(
      clock(),
      async (onDelta) => {
        onDelta('a');
        return { text: 'a', finishReason: 'stop', promptTokens: 7, completionTokens: 1 };
      },
      () => {},
    );
    expect(reported.usage.promptTokens).toBe(7);
    expect(reported.usage).not.toHaveProperty('counted');
  });
});
