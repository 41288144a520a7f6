import { describe, expect, it } from 'vitest';
import { chooseK, distance, kmeansClusters, silhouetteScore } from './cluster';
import { THREE_CENTERS, blobs } from './testing/blobs';

/** Whether every found cluster holds points of one true label, and the labels map one to one. */
function pure(found: readonly number[], truth: readonly number[]): boolean {
  const map = new Map<number, number>();
  for (let i = 0; i < found.length; i++) {
    const f = found[i] as number;
    if (!map.has(f)) map.set(f, truth[i] as number);
    if (map.get(f) !== truth[i]) return false;
  }
  return new Set(map.values()).size === map.size;
}

describe('distance', () => {
  it('measures Euclidean and cosine distance', () => {
    expect(distance([0, 0], [3, 4], 'euclidean')).toBe(5);
    expect(distance([1, 0], [0, 2], 'cosine')).toBeCloseTo(1);
    expect(distance([1, 1], [2, 2], 'cosine')).toBeCloseTo(0);
    expect(distance([0, 0], [1, 0], 'cosine')).toBe(1);
  });
});

describe('silhouetteScore', () => {
  it('matches a value worked by hand', () => {
    // Point 0: a = 1, b = 10.5; point 1: a = 1, b = 9.5; the other two mirror them.
    const expected = (1 - 1 / 10.5 + (1 - 1 / 9.5)) / 2;
    expect(silhouetteScore([[0], [1], [10], [11]], [0, 0, 1, 1])).toBeCloseTo(expected, 10);
  });

  it('is high for the true clusters and low for shuffled ones', () => {
    const { vectors, labels } = blobs(THREE_CENTERS, 10, 0.3, 5);
    expect(silhouetteScore(vectors, labels)).toBeGreaterThan(0.8);
    const wrong = labels.map((_l, i) => Math.floor(i / 10));
    expect(silhouetteScore(vectors, wrong)).toBeLessThan(0.1);
  });

  it('scores a point alone in its cluster 0, and is NaN for one cluster', () => {
    // Two tight points and one alone: the pair scores near 1, the single point 0.
    const score = silhouetteScore([[0], [0.01], [10]], [0, 0, 1]);
    expect(score).toBeGreaterThan(0.6);
    expect(score).toBeLessThan(0.67);
    expect(silhouetteScore([[0], [1]], [0, 0])).toBeNaN();
  });

  it('uses cosine distance when asked', () => {
    // Same directions, different lengths: one cluster by angle, not by length.
    const vectors = [
      [1, 0],
      [9, 0],
      [0, 1],
      [0, 9],
    ];
    expect(silhouetteScore(vectors, [0, 0, 1, 1], 'cosine')).toBeCloseTo(1);
    expect(silhouetteScore(vectors, [0, 0, 1, 1], 'euclidean')).toBeLessThan(0.5);
  });
});

describe('kmeansClusters', () => {
  it('is deterministic for a seed and numbers clusters by first appearance', () => {
    const { vectors } = blobs(THREE_CENTERS, 8, 0.5, 9);
    const a = kmeansClusters(vectors, 3, 42);
    expect(kmeansClusters(vectors, 3, 42)).toEqual(a);
    expect(a.assignments.slice(0, 3)).toEqual([0, 1, 2]);
    expect(a.centroids).toHaveLength(3);
  });
});

describe('chooseK', () => {
  it('finds the three clusters, each pure', () => {
    const { vectors, labels } = blobs(THREE_CENTERS, 15, 0.6, 1);
    const chosen = chooseK(vectors, { min: 2, max: 8, seed: 7 });
    expect(chosen.k).toBe(3);
    expect(pure(chosen.assignments, labels)).toBe(true);
    expect(chosen.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = Math.max(...chosen.scores.map((s) => s.silhouette));
    expect(chosen.silhouette).toBe(best);
  });

  it('finds two clusters when there are two', () => {
    const { vectors, labels } = blobs(THREE_CENTERS.slice(0, 2), 12, 0.5, 2);
    const chosen = chooseK(vectors, { seed: 3 });
    expect(chosen.k).toBe(2);
    expect(pure(chosen.assignments, labels)).toBe(true);
  });

  it('gives the same answer with a sampled silhouette', () => {
    const { vectors, labels } = blobs(THREE_CENTERS, 40, 0.6, 4);
    const chosen = chooseK(vectors, { seed: 5, max: 5, sampleSize: 30 });
    expect(chosen.k).toBe(3);
    expect(pure(chosen.assignments, labels)).toBe(true);
  });

  it('caps k below the number of vectors, and puts too few vectors in one cluster', () => {
    const four = [[0], [0.1], [5], [5.1]];
    expect(chooseK(four, { seed: 1 }).scores.map((s) => s.k)).toEqual([2, 3]);
    const two = chooseK([[0], [1]], { seed: 1 });
    expect(two).toMatchObject({ k: 1, assignments: [0, 0], centroids: [[0.5]] });
    expect(chooseK([], { seed: 1 })).toMatchObject({ k: 0, assignments: [] });
  });
});
