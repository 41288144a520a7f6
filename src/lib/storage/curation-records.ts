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

export type CurationRecord = CallMarkRecord | ClusterNameRecord;

export const markKey = (traceId: string) => `mark:${traceId}`;
export const clusterNameKey = (key: string) => `cluster:${key}`;
