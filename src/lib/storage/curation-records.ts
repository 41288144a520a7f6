/**
 * What the trace explorer keeps about agent calls, in the `curation` object store (schema
 * version 4): a keep/drop mark per call and the names a user gives to discovered clusters of
 * calls. Plain, structured-clone friendly data; the trace itself stays in `traces`.
 */

/** A call marked to keep in, or drop from, the datasets exported for fine-tuning. */
export interface CallMarkRecord {
  kind: 'mark';
  /** `mark:<trace id>`. */
  id: string;
  traceId: string;
  keep: boolean;
  /** Milliseconds since the epoch. */
  updatedAt: number;
}

/** The name a user gave a cluster of calls (a recurring task), by the cluster's key. */
export interface ClusterNameRecord {
  kind: 'cluster-name';
  /** `cluster:<key>`. */
  id: string;
  key: string;
  name: string;
  updatedAt: number;
}

/** One task (cluster of calls) found by task discovery: its calls and its distinctive words. */
export interface TaskClusterEntry {
  /** Stable across merges, splits and reloads; names are kept by it (ClusterNameRecord.key). */
  key: string;
  words: string[];
  traceIds: string[];
}

/**
 * The last task discovery over the logged calls (one record, id `tasks:current`): which model
 * embedded them, how k was chosen, each call's place on the 2-D map, and the clusters as the
 * user last left them (merged, split). Kept in the same store as the marks; no schema change,
 * since the store is keyed by `id` and indexed by `kind`.
 */
export interface TaskMapRecord {
  kind: 'task-map';
  id: string;
  modelName: string;
  modelUrl: string;
  dimensions: number;
  /** 'silhouette' when k was chosen by the best silhouette score; 'user' when set by hand. */
  chosenBy: 'silhouette' | 'user';
  /** The silhouette of the clustering as found (null when it has none, e.g. one cluster). */
  silhouette: number | null;
  seed: number;
  /** The calls embedded, in order; `points` and `vectors` follow it. */
  traceIds: string[];
  /** Each call's place on the 2-D map. */
  points: [number, number][];
  /** Each call's L2-normalised embedding (kept so that a task can be split after a reload). */
  vectors: Float32Array[];
  clusters: TaskClusterEntry[];
  updatedAt: number;
}

export type CurationRecord = CallMarkRecord | ClusterNameRecord | TaskMapRecord;

export const TASK_MAP_ID = 'tasks:current';

export const markKey = (traceId: string) => `mark:${traceId}`;
export const clusterNameKey = (key: string) => `cluster:${key}`;
