/** Vectors with a known cluster structure, for the clustering and map tests. */
import { mulberry32 } from '../../eval/stats';

/** A standard normal draw (Box–Muller) from a uniform generator. */
function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * `perCluster` points around each of `centers`, with normal noise of `spread` in every
 * dimension; `labels` gives each point's true cluster. Points are interleaved across clusters,
 * so no clustering can do well by index order.
 */
export function blobs(
  centers: readonly number[][],
  perCluster: number,
  spread: number,
  seed: number,
): { vectors: number[][]; labels: number[] } {
  const random = mulberry32(seed);
  const vectors: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < perCluster; i++) {
    centers.forEach((center, label) => {
      vectors.push(center.map((x) => x + spread * gaussian(random)));
      labels.push(label);
    });
  }
  return { vectors, labels };
}

/** Three centres far apart in 8 dimensions. */
export const THREE_CENTERS = [
  [5, 0, 0, 0, 1, 0, 0, 0],
  [0, 5, 0, 0, 0, 1, 0, 0],
  [0, 0, 5, 0, 0, 0, 1, 0],
];
