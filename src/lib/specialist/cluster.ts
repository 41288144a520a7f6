/**
 * Groups calls by what they ask: k-means over their embedding vectors (ml-kmeans, k-means++
 * seeded, so the same vectors and seed give the same clusters), the silhouette score of a
 * clustering, and `chooseK`, which tries each k and keeps the one with the best silhouette.
 *
 * Distances: k-means minimises squared Euclidean distance, and the silhouette uses Euclidean
 * distance by default so that both judge the same geometry. `metric: 'cosine'` (1 − cosine
 * similarity) is there for vectors that are not normalised. Most sentence-embedding models give
 * unit vectors, for which the two rank pairs the same way; normalise before clustering otherwise.
 */
import { kmeans } from 'ml-kmeans';
import { mulberry32 } from '../eval/stats';

export type Metric = 'euclidean' | 'cosine';

export interface Clustering {
  /** Clusters found (k-means can leave one empty: this counts those with points). */
  k: number;
  /** Each vector's cluster, 0..k−1, numbered in order of first appearance. */
  assignments: number[];
  /** Each cluster's mean vector, by cluster number. */
  centroids: number[][];
}

export interface ChooseKOptions {
  min?: number;
  max?: number;
  seed: number;
  metric?: Metric;
  /** Above this many vectors the silhouette is taken on a seeded sample of them (default 1000). */
  sampleSize?: number;
}

export interface ChosenClustering extends Clustering {
  /** The chosen clustering's silhouette (NaN when there was no k to try). */
  silhouette: number;
  /** Every k tried, with its silhouette. */
  scores: { k: number; silhouette: number }[];
}

export function distance(a: readonly number[], b: readonly number[], metric: Metric): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  let squared = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    aa += x * x;
    bb += y * y;
    squared += (x - y) * (x - y);
  }
  if (metric === 'euclidean') return Math.sqrt(squared);
  // A zero vector has no direction: it is as far from everything as an orthogonal one.
  return aa === 0 || bb === 0 ? 1 : Math.max(0, 1 - dot / Math.sqrt(aa * bb));
}

/** k-means with k clusters (1 ≤ k ≤ the number of vectors). */
export function kmeansClusters(vectors: readonly number[][], k: number, seed: number): Clustering {
  const result = kmeans(
    vectors.map((v) => [...v]),
    k,
    { seed, initialization: 'kmeans++' },
  );
  const renumber = new Map<number, number>();
  const assignments = result.clusters.map((c) => {
    if (!renumber.has(c)) renumber.set(c, renumber.size);
    return renumber.get(c) as number;
  });
  const centroids: number[][] = [];
  for (const [old, now] of renumber) centroids[now] = [...(result.centroids[old] ?? [])];
  return { k: renumber.size, assignments, centroids };
}

/** The mean silhouette from pairwise distances (`dist[i * n + j]`). */
function silhouetteFromMatrix(dist: Float64Array, labels: readonly number[]): number {
  const n = labels.length;
  const clusters = [...new Set(labels)];
  if (clusters.length < 2 || clusters.length >= n) return Number.NaN;
  const sizes = new Map(clusters.map((c) => [c, labels.filter((l) => l === c).length]));
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sums = new Map<number, number>(clusters.map((c) => [c, 0]));
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const lj = labels[j] as number;
      sums.set(lj, (sums.get(lj) ?? 0) + (dist[i * n + j] ?? 0));
    }
    const own = labels[i] as number;
    const ownSize = sizes.get(own) ?? 1;
    // A point alone in its cluster scores 0 (Rousseeuw's convention, as scikit-learn).
    if (ownSize === 1) continue;
    const a = (sums.get(own) ?? 0) / (ownSize - 1);
    let b = Infinity;
    for (const c of clusters)
      if (c !== own) b = Math.min(b, (sums.get(c) ?? 0) / (sizes.get(c) ?? 1));
    const spread = Math.max(a, b);
    total += spread === 0 ? 0 : (b - a) / spread;
  }
  return total / n;
}

function distanceMatrix(vectors: readonly number[][], metric: Metric): Float64Array {
  const n = vectors.length;
  const dist = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = distance(vectors[i] ?? [], vectors[j] ?? [], metric);
      dist[i * n + j] = d;
      dist[j * n + i] = d;
    }
  }
  return dist;
}

/**
 * The mean silhouette over all points: for each, (b − a) / max(a, b), where a is its mean
 * distance to its own cluster and b to the nearest other cluster. From −1 to 1; higher means
 * tighter, better separated clusters. NaN with fewer than 2 clusters or one point per cluster.
 */
export function silhouetteScore(
  vectors: readonly number[][],
  assignments: readonly number[],
  metric: Metric = 'euclidean',
): number {
  return silhouetteFromMatrix(distanceMatrix(vectors, metric), assignments);
}

/** Up to `size` indices of n, a seeded sample in index order (all of them when n ≤ size). */
function sampleIndices(n: number, size: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_v, i) => i);
  if (n <= size) return all;
  const random = mulberry32(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    [all[i], all[j]] = [all[j] as number, all[i] as number];
  }
  return all.slice(0, size).sort((a, b) => a - b);
}

/**
 * Clusters for each k from `min` (default 2) to `max` (default 8, and at most n − 1) and keeps
 * the best silhouette; a tie goes to the smaller k. With too few vectors to try any k, all of
 * them form one cluster.
 */
export function chooseK(vectors: readonly number[][], options: ChooseKOptions): ChosenClustering {
  const { seed, metric = 'euclidean' } = options;
  const min = Math.max(2, options.min ?? 2);
  const max = Math.min(options.max ?? 8, vectors.length - 1);
  const sample = sampleIndices(vectors.length, options.sampleSize ?? 1000, seed);
  const dist = distanceMatrix(
    sample.map((i) => vectors[i] ?? []),
    metric,
  );
  const scores: ChosenClustering['scores'] = [];
  let best: ChosenClustering | undefined;
  for (let k = min; k <= max; k++) {
    const clustering = kmeansClusters(vectors, k, seed);
    const silhouette = silhouetteFromMatrix(
      dist,
      sample.map((i) => clustering.assignments[i] as number),
    );
    scores.push({ k, silhouette });
    if (Number.isNaN(silhouette)) continue;
    if (!best || silhouette > best.silhouette) best = { ...clustering, silhouette, scores };
  }
  if (best) return best;
  const centroid = vectors.length ? meanVector(vectors) : [];
  return {
    k: vectors.length ? 1 : 0,
    assignments: vectors.map(() => 0),
    centroids: vectors.length ? [centroid] : [],
    silhouette: Number.NaN,
    scores,
  };
}

function meanVector(vectors: readonly number[][]): number[] {
  const dims = vectors[0]?.length ?? 0;
  const mean = new Array<number>(dims).fill(0);
  for (const v of vectors)
    for (let d = 0; d < dims; d++) mean[d] = (mean[d] ?? 0) + (v[d] ?? 0) / vectors.length;
  return mean;
}
