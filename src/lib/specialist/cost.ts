/**
 * What a cluster of calls costs the system today: the share of all calls it covers, and the
 * tokens its calls used, per model, as a specialist trained for it would save them.
 */

/** One call's usage; CuratedCall has these fields. */
export interface CostCall {
  modelId: string;
  promptTokens: number;
  completionTokens: number;
}

export interface ModelTokens {
  modelId: string;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ClusterCost {
  cluster: number;
  calls: number;
  /** The cluster's calls over all calls (0 when there are none). */
  callShare: number;
  totalTokens: number;
  /** The cluster's tokens over all calls' tokens (0 when none were used). */
  tokenShare: number;
  /** Per model, most tokens first (ties by model id). */
  byModel: ModelTokens[];
}

function tokens(call: CostCall): number {
  return call.promptTokens + call.completionTokens;
}

function perModel(calls: readonly CostCall[]): ModelTokens[] {
  const models = new Map<string, ModelTokens>();
  for (const call of calls) {
    const entry = models.get(call.modelId) ?? {
      modelId: call.modelId,
      calls: 0,
      promptTokens: 0,
      completionTokens: 0,
      totalTokens: 0,
    };
    entry.calls++;
    entry.promptTokens += call.promptTokens;
    entry.completionTokens += call.completionTokens;
    entry.totalTokens += tokens(call);
    models.set(call.modelId, entry);
  }
  return [...models.values()].sort(
    (a, b) => b.totalTokens - a.totalTokens || a.modelId.localeCompare(b.modelId),
  );
}

/** The cost of cluster `cluster`, given every call and its cluster (`assignments[i]`). */
export function clusterCost(
  calls: readonly CostCall[],
  assignments: readonly number[],
  cluster: number,
): ClusterCost {
  if (calls.length !== assignments.length)
    throw new RangeError('clusterCost needs one assignment per call.');
  const members = calls.filter((_c, i) => assignments[i] === cluster);
  const allTokens = calls.reduce((s, c) => s + tokens(c), 0);
  const totalTokens = members.reduce((s, c) => s + tokens(c), 0);
  return {
    cluster,
    calls: members.length,
    callShare: calls.length ? members.length / calls.length : 0,
    totalTokens,
    tokenShare: allTokens ? totalTokens / allTokens : 0,
    byModel: perModel(members),
  };
}

/** Every cluster's cost, by cluster number. */
export function clusterCosts(
  calls: readonly CostCall[],
  assignments: readonly number[],
): ClusterCost[] {
  return [...new Set(assignments)]
    .sort((a, b) => a - b)
    .map((cluster) => clusterCost(calls, assignments, cluster));
}
