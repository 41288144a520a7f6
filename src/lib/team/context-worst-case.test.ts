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

describe('worstCaseCalls: cross-verification', () => {
  const side = (bMaxTokens: number) =>
    testSide({ type: 'cross-verify' }, [
      testRole('peer-a', 'scripted-main', { maxTokens: 100 }),
      testRole('peer-b', 'scripted-main', { maxTokens: bMaxTokens }),
      testRole('reconciler', 'scripted-main', { maxTokens: 100 }),
    ]);

  test("A's check carries B's longest reply; the reconciler carries both replies and checks", () => {
    const short = worstCaseCalls(side(100), TEST_INPUT);
    const long = worstCaseCalls(side(1100), TEST_INPUT);
    const of = (calls: typeof short, kind: string) => calls.find((c) => c.role.kind === kind)!;
    // B's reply is 1,000 tokens longer: A checks it, and the reconciler reads it and B's check
    // of A (B's own unreadable retry reply is B's own max tokens too).
    expect(of(long, 'peer-a').promptTokens - of(short, 'peer-a').promptTokens).toBe(1000);
    expect(of(long, 'reconciler').promptTokens - of(short, 'reconciler').promptTokens).toBe(2000);
    expect(of(long, 'peer-b').promptTokens - of(short, 'peer-b').promptTokens).toBe(1000);
  });
});
