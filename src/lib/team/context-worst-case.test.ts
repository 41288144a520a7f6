import { describe, expect, test } from 'vitest';
import { testRole, testSide, TEST_INPUT } from '../testing/fixtures';
import { worstCaseCalls } from './context-worst-case';

describe('worstCaseCalls: escalation', () => {
  const side = (smallMaxTokens: number) =>
    testSide({ type: 'escalation', check: { kind: 'critic' } }, [
      testRole('small', 'scripted-main', { maxTokens: smallMaxTokens }),
      testRole('large'),
      testRole('critic', 'scripted-main', { maxTokens: 100 }),
    ]);

  test("the critic's largest call carries the small model's longest reply and its own retry", () => {
    const short = worstCaseCalls(side(100), TEST_INPUT);
    const long = worstCaseCalls(side(1100), TEST_INPUT);
    const critic = (calls: typeof short) => calls.find((c) => c.role.kind === 'critic')!;
    expect(critic(long).promptTokens - critic(short).promptTokens).toBe(1000);
    // The small and large models are asked the question alone, whatever the replies.
    expect(long[0]!.promptTokens).toBe(short[0]!.promptTokens);
    expect(long[1]!.promptTokens).toBe(short[1]!.promptTokens);
    expect(critic(short).promptTokens).toBeGreaterThan(short[1]!.promptTokens + 200);
  });
});
