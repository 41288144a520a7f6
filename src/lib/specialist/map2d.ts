/**
 * 2-D coordinates for the map of calls: UMAP (umap-js) over their embedding vectors, seeded
 * through its `random` option (mulberry32), so the same vectors and seed give the same map.
 *
 * UMAP needs more points than neighbours: nNeighbors is clamped to n − 1 (default 15, at least
 * 2). Below MIN_UMAP_POINTS points UMAP's graph says little, so the map falls back to a plain
 * principal-component projection (the two directions of largest variance, found exactly from
 * the small Gram matrix by power iteration): deterministic, no seed needed, and it keeps
 * distances as far as two dimensions can.
 */
import { UMAP } from 'umap-js';
import { mulberry32 } from '../eval/stats';

export const MIN_UMAP_POINTS = 5;

export type Point2D = [number, number];

export interface MapOptions {
  seed: number;
  /** UMAP's neighbourhood size (default 15), clamped to the number of points less one. */
  nNeighbors?: number;
  /** UMAP's minimum distance between embedded points (default 0.1). */
  minDist?: number;
}

/** UMAP's nNeighbors for n points. */
export function neighboursFor(n: number, wanted = 15): number {
  return Math.max(2, Math.min(wanted, n - 1));
}

export function map2d(vectors: readonly number[][], options: MapOptions): Point2D[] {
  if (vectors.length < MIN_UMAP_POINTS) return pcaProjection(vectors);
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: neighboursFor(vectors.length, options.nNeighbors),
    minDist: options.minDist ?? 0.1,
    random: mulberry32(options.seed),
  });
  const points = umap.fit(vectors.map((v) => [...v])).map((p): Point2D => [p[0] ?? 0, p[1] ?? 0]);
  // Guard the map against a degenerate fit (identical vectors can give NaN).
  return points.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
    ? points
    : pcaProjection(vectors);
}

/**
 * The top eigenvector of a symmetric positive semi-definite matrix, by power iteration from a
 * fixed pseudo-random start (a regular start such as 1, 2, 3… can be orthogonal to the answer
 * for symmetric layouts).
 */
function topEigen(matrix: number[][]): { value: number; vector: number[] } {
  const start = mulberry32(0x9e3779b9);
  let vector = matrix.map(() => start() + 0.5);
  let value = 0;
  for (let iteration = 0; iteration < 200; iteration++) {
    const next = matrix.map((row) => row.reduce((s, x, j) => s + x * (vector[j] ?? 0), 0));
    const norm = Math.hypot(...next);
    if (norm < 1e-12) return { value: 0, vector: vector.map(() => 0) };
    vector = next.map((x) => x / norm);
    value = norm;
  }
  return { value, vector };
}

/**
 * The points on their first two principal components. For n points, the components' scores are
 * the Gram matrix's top eigenvectors scaled by the square roots of their eigenvalues.
 */
export function pcaProjection(vectors: readonly number[][]): Point2D[] {
  const n = vectors.length;
  if (n === 0) return [];
  const dims = vectors[0]?.length ?? 0;
  const mean = Array.from(
    { length: dims },
    (_v, d) => vectors.reduce((s, v) => s + (v[d] ?? 0), 0) / n,
  );
  const centred = vectors.map((v) => mean.map((m, d) => (v[d] ?? 0) - m));
  const gram = centred.map((a) =>
    centred.map((b) => a.reduce((s, x, d) => s + x * (b[d] ?? 0), 0)),
  );
  const first = topEigen(gram);
  const deflated = gram.map((row, i) =>
    row.map((x, j) => x - first.value * (first.vector[i] ?? 0) * (first.vector[j] ?? 0)),
  );
  const second = topEigen(deflated);
  const scale = (e: { value: number }) => Math.sqrt(Math.max(0, e.value));
  return centred.map((_v, i): Point2D => [
    (first.vector[i] ?? 0) * scale(first),
    (second.vector[i] ?? 0) * scale(second),
  ]);
}
