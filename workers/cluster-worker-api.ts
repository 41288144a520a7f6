/**
 * Task discovery's heavy arithmetic, off the page's thread: k-means (k chosen by the best
 * silhouette from 2 to 8, or set by the user), each cluster's distinctive words, the 2-D map
 * (UMAP), and the split of one cluster in two. Pure functions of their inputs and a seed.
 */
import { chooseK, kmeansClusters } from '../src/lib/specialist/cluster';
import { clusterLabels } from '../src/lib/specialist/cluster-labels';
import { map2d, type Point2D } from '../src/lib/specialist/map2d';

export interface DiscoverInput {
  vectors: Float32Array[];
  texts: string[];
  /** A k set by the user; null: chosen by silhouette among MIN_K..MAX_K. */
  k: number | null;
  seed: number;
}

export interface Discovery {
  k: number;
  chosenBy: 'silhouette' | 'user';
  /** Null when there is no silhouette (one cluster, or too few calls). */
  silhouette: number | null;
  /** Each k tried with its silhouette (empty when the user set k). */
  scores: { k: number; silhouette: number }[];
  assignments: number[];
  /** Each cluster's distinctive words, by cluster number. */
  words: string[][];
  points: Point2D[];
}

export const MIN_K = 2;
export const MAX_K = 8;

const arrays = (vectors: readonly Float32Array[]) => vectors.map((v) => Array.from(v));

function wordsOf(texts: readonly string[], assignments: readonly number[], k: number): string[][] {
  const labels = clusterLabels(texts, assignments, 3);
  return Array.from({ length: k }, (_v, c) => labels.find((l) => l.cluster === c)?.words ?? []);
}

export function discover(input: DiscoverInput): Discovery {
  const vectors = arrays(input.vectors);
  const n = vectors.length;
  let clustering: { k: number; assignments: number[] };
  let silhouette: number | null = null;
  let scores: Discovery['scores'] = [];
  if (input.k !== null) {
    const k = Math.max(1, Math.min(Math.round(input.k), n));
    clustering = kmeansClusters(vectors, k, input.seed);
  } else {
    const chosen = chooseK(vectors, { min: MIN_K, max: MAX_K, seed: input.seed });
    clustering = chosen;
    silhouette = Number.isNaN(chosen.silhouette) ? null : chosen.silhouette;
    scores = chosen.scores;
  }
  return {
    k: clustering.k,
    chosenBy: input.k === null ? 'silhouette' : 'user',
    silhouette,
    scores,
    assignments: clustering.assignments,
    words: wordsOf(input.texts, clustering.assignments, clustering.k),
    points: map2d(vectors, { seed: input.seed }),
  };
}

/** Two clusters from one (k-means with k = 2); fewer than two calls cannot be split. */
export function split(
  vectors: Float32Array[],
  texts: string[],
  seed: number,
): { assignments: number[]; words: string[][] } {
  if (vectors.length < 2) throw new RangeError('A task needs at least two calls to be split.');
  const clustering = kmeansClusters(arrays(vectors), 2, seed);
  return {
    assignments: clustering.assignments,
    words: wordsOf(texts, clustering.assignments, clustering.k),
  };
}

/** Distinctive words of clusters given as groups of texts (after a merge). */
export function labelGroups(groups: string[][]): string[][] {
  const texts = groups.flat();
  const assignments = groups.flatMap((g, i) => g.map(() => i));
  return wordsOf(texts, assignments, groups.length);
}

export const clusterWorkerApi = { discover, split, labelGroups };
export type ClusterWorkerApi = typeof clusterWorkerApi;
