/**
 * Tasks found in the logged calls, as the page keeps them (TaskMapRecord): built from a
 * discovery (clusters by number), keys carried over from the last discovery where a new cluster
 * is mostly an old one (so names are kept when the user looks again), merge and split, and what
 * each task costs (cost.ts). Pure functions; the state class calls them.
 */
import type { TaskClusterEntry, TaskMapRecord } from '../storage/curation-records';
import { TASK_MAP_ID } from '../storage/curation-records';
import { clusterCosts, type ClusterCost, type CostCall } from '../specialist/cost';

export interface DiscoveryResult {
  chosenBy: 'silhouette' | 'user';
  silhouette: number | null;
  assignments: number[];
  words: string[][];
  points: [number, number][];
}

export interface TaskMapInput {
  modelName: string;
  modelUrl: string;
  seed: number;
  traceIds: string[];
  vectors: Float32Array[];
  discovery: DiscoveryResult;
  /** The last discovery, whose keys (and so names) carry over to clusters that are mostly one of its. */
  previous?: TaskMapRecord | undefined;
  newKey: () => string;
  now: number;
}

/** Clusters by number: each with the trace ids assigned to it, in the calls' order. */
function groups(traceIds: readonly string[], assignments: readonly number[]): string[][] {
  const out: string[][] = [];
  traceIds.forEach((id, i) => (out[assignments[i] ?? 0] ??= []).push(id));
  return out.map((g) => g ?? []);
}

/** Jaccard overlap of two sets of ids. */
function overlap(a: ReadonlySet<string>, b: readonly string[]): number {
  let both = 0;
  for (const id of b) if (a.has(id)) both++;
  const union = a.size + b.length - both;
  return union === 0 ? 0 : both / union;
}

/**
 * Keys for new clusters: each takes the key of the old cluster it overlaps most, when they share
 * more than half of their calls together (Jaccard > 0.5, so at most one new cluster can claim an
 * old one); the others get new keys.
 */
export function carryKeys(
  clusters: readonly string[][],
  previous: readonly TaskClusterEntry[],
  newKey: () => string,
): string[] {
  const old = previous.map((c) => ({ key: c.key, ids: new Set(c.traceIds) }));
  return clusters.map((ids) => {
    let best: { key: string; score: number } | null = null;
    for (const o of old) {
      const score = overlap(o.ids, ids);
      if (score > 0.5 && (!best || score > best.score)) best = { key: o.key, score };
    }
    return best?.key ?? newKey();
  });
}

export function taskMapFrom(input: TaskMapInput): TaskMapRecord {
  const { discovery } = input;
  const grouped = groups(input.traceIds, discovery.assignments);
  const keys = carryKeys(grouped, input.previous?.clusters ?? [], input.newKey);
  return {
    kind: 'task-map',
    id: TASK_MAP_ID,
    modelName: input.modelName,
    modelUrl: input.modelUrl,
    dimensions: input.vectors[0]?.length ?? 0,
    chosenBy: discovery.chosenBy,
    silhouette: discovery.silhouette,
    seed: input.seed,
    traceIds: [...input.traceIds],
    points: discovery.points.map((p): [number, number] => [p[0], p[1]]),
    vectors: input.vectors,
    clusters: grouped
      .map((traceIds, i) => ({
        key: keys[i] as string,
        words: discovery.words[i] ?? [],
        traceIds,
      }))
      .filter((c) => c.traceIds.length > 0),
    updatedAt: input.now,
  };
}

/** `into` takes `from`'s calls (and keeps its own key, so its name); `words` relabels all. */
export function mergeTasks(
  map: TaskMapRecord,
  into: string,
  from: string,
  now: number,
): TaskMapRecord {
  if (into === from) throw new RangeError('A task cannot be merged with itself.');
  const source = map.clusters.find((c) => c.key === from);
  const target = map.clusters.find((c) => c.key === into);
  if (!source || !target) throw new RangeError('Both tasks must exist to be merged.');
  const order = new Map(map.traceIds.map((id, i) => [id, i]));
  const traceIds = [...target.traceIds, ...source.traceIds].sort(
    (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
  return {
    ...map,
    clusters: map.clusters
      .filter((c) => c.key !== from)
      .map((c) => (c.key === into ? { ...c, traceIds } : c)),
    updatedAt: now,
  };
}

/**
 * One task in two: the part with more calls keeps the key (and name), the other gets a new key.
 * `assignments` (0 or 1) follow the task's calls in order.
 */
export function splitTask(
  map: TaskMapRecord,
  key: string,
  assignments: readonly number[],
  words: readonly string[][],
  newKey: () => string,
  now: number,
): TaskMapRecord {
  const task = map.clusters.find((c) => c.key === key);
  if (!task) throw new RangeError('The task to split does not exist.');
  if (assignments.length !== task.traceIds.length)
    throw new RangeError('A split needs one assignment per call of the task.');
  const parts = [0, 1].map((part) => task.traceIds.filter((_id, i) => assignments[i] === part));
  if (parts.some((p) => p.length === 0)) return map;
  const big = (parts[0] as string[]).length >= (parts[1] as string[]).length ? 0 : 1;
  const small = 1 - big;
  const replacement: TaskClusterEntry[] = [
    { key, words: [...(words[big] ?? [])], traceIds: parts[big] as string[] },
    { key: newKey(), words: [...(words[small] ?? [])], traceIds: parts[small] as string[] },
  ];
  return {
    ...map,
    clusters: map.clusters.flatMap((c) => (c.key === key ? replacement : [c])),
    updatedAt: now,
  };
}

/** The vectors of a task's calls, in its order. */
export function taskVectors(map: TaskMapRecord, key: string): Float32Array[] {
  const index = new Map(map.traceIds.map((id, i) => [id, i]));
  const task = map.clusters.find((c) => c.key === key);
  return (task?.traceIds ?? []).flatMap((id) => {
    const v = map.vectors[index.get(id) ?? -1];
    return v ? [v] : [];
  });
}

/**
 * Each task's cost among all the calls given (`calls` by trace id: the logged calls, not only
 * the ones mapped, so the share is of the system's calls). Calls of a task that are gone from
 * the log are not counted.
 */
export function taskCosts(
  map: TaskMapRecord,
  calls: ReadonlyMap<string, CostCall>,
): Map<string, ClusterCost> {
  const all = [...calls.keys()];
  const clusterOf = new Map<string, number>();
  map.clusters.forEach((c, i) => c.traceIds.forEach((id) => clusterOf.set(id, i)));
  const assignments = all.map((id) => clusterOf.get(id) ?? -1);
  const costs = clusterCosts(
    all.map((id) => calls.get(id) as CostCall),
    assignments,
  );
  const out = new Map<string, ClusterCost>();
  for (const cost of costs) {
    const task = map.clusters[cost.cluster];
    if (task) out.set(task.key, cost);
  }
  return out;
}

/** The name shown for a task: the user's, else its words, else its number. */
export function taskName(
  names: ReadonlyMap<string, string>,
  task: TaskClusterEntry,
  index: number,
): string {
  const name = names.get(task.key)?.trim();
  if (name) return name;
  return task.words.length ? task.words.join(', ') : `Task ${index + 1}`;
}

export const NO_NAMES: ReadonlyMap<string, string> = new Map<string, string>();

/** Task names by key, from the stored records. */
export function namesFrom(
  records: readonly { key: string; name: string }[],
): ReadonlyMap<string, string> {
  return new Map(records.map((r) => [r.key, r.name]));
}

/** A copy of `names` with `key` named `name`. */
export function withName(
  names: ReadonlyMap<string, string>,
  key: string,
  name: string,
): ReadonlyMap<string, string> {
  return new Map(names).set(key, name);
}

/** Each call's usage by trace id, for taskCosts. */
export function costCalls(
  rows: readonly { id: string; modelId: string }[],
  usage: (id: string) => { promptTokens: number; completionTokens: number } | undefined,
): ReadonlyMap<string, CostCall> {
  const calls = new Map<string, CostCall>();
  for (const row of rows) {
    const u = usage(row.id);
    calls.set(row.id, {
      modelId: row.modelId,
      promptTokens: u?.promptTokens ?? 0,
      completionTokens: u?.completionTokens ?? 0,
    });
  }
  return calls;
}

export const idSet = (ids: readonly string[]): ReadonlySet<string> => new Set(ids);
