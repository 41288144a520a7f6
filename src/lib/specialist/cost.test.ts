import { describe, expect, it } from 'vitest';
import { clusterCost, clusterCosts, type CostCall } from './cost';
import { call } from './testing/calls';

const calls: CostCall[] = [
  { modelId: 'qwen', promptTokens: 100, completionTokens: 20 },
  { modelId: 'llama', promptTokens: 300, completionTokens: 60 },
  { modelId: 'qwen', promptTokens: 50, completionTokens: 10 },
  { modelId: 'qwen', promptTokens: 400, completionTokens: 60 },
];
const assignments = [0, 0, 0, 1];

describe('clusterCost', () => {
  it('gives the share of calls and tokens, and tokens per model', () => {
    expect(clusterCost(calls, assignments, 0)).toEqual({
      cluster: 0,
      calls: 3,
      callShare: 0.75,
      totalTokens: 540,
      tokenShare: 0.54,
      byModel: [
        { modelId: 'llama', calls: 1, promptTokens: 300, completionTokens: 60, totalTokens: 360 },
        { modelId: 'qwen', calls: 2, promptTokens: 150, completionTokens: 30, totalTokens: 180 },
      ],
    });
  });

  it('is empty for a cluster with no calls, and zero shares for no calls at all', () => {
    expect(clusterCost(calls, assignments, 7)).toMatchObject({
      calls: 0,
      callShare: 0,
      byModel: [],
    });
    expect(clusterCost([], [], 0)).toMatchObject({ callShare: 0, tokenShare: 0 });
  });

  it('takes curated calls as they are', () => {
    const curated = [call({ promptTokens: 10, completionTokens: 5 }), call()];
    expect(clusterCost(curated, [1, 0], 1).byModel[0]).toMatchObject({
      modelId: 'qwen2.5-0.5b',
      totalTokens: 15,
    });
  });

  it('rejects calls and assignments of different lengths', () => {
    expect(() => clusterCost(calls, [0], 0)).toThrow(RangeError);
  });
});

describe('clusterCosts', () => {
  it('covers every cluster once, and the shares add up to 1', () => {
    const costs = clusterCosts(calls, [1, 0, 1, 0]);
    expect(costs.map((c) => c.cluster)).toEqual([0, 1]);
    expect(costs.reduce((s, c) => s + c.callShare, 0)).toBeCloseTo(1);
    expect(costs.reduce((s, c) => s + c.tokenShare, 0)).toBeCloseTo(1);
    expect(costs[0]?.totalTokens).toBe(820);
  });
});
