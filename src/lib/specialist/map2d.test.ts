import { describe, expect, it } from 'vitest';
import { MIN_UMAP_POINTS, map2d, neighboursFor, pcaProjection, type Point2D } from './map2d';
import { THREE_CENTERS, blobs } from './testing/blobs';

const finite = (points: Point2D[]) =>
  points.every((p) => p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]));
const dist = (a: Point2D | undefined, b: Point2D | undefined) =>
  Math.hypot((a?.[0] ?? 0) - (b?.[0] ?? 0), (a?.[1] ?? 0) - (b?.[1] ?? 0));

describe('map2d', () => {
  const { vectors, labels } = blobs(THREE_CENTERS, 10, 0.3, 11);

  it('gives one finite 2-D point per vector, the same for a seed', () => {
    const a = map2d(vectors, { seed: 1 });
    expect(a).toHaveLength(vectors.length);
    expect(finite(a)).toBe(true);
    expect(map2d(vectors, { seed: 1 })).toEqual(a);
    expect(map2d(vectors, { seed: 2 })).not.toEqual(a);
  });

  it('keeps clusters together: points are nearer their own cluster than others', () => {
    const points = map2d(vectors, { seed: 3 });
    const centroid = (label: number): Point2D => {
      const own = points.filter((_p, i) => labels[i] === label);
      return [
        own.reduce((s, p) => s + p[0], 0) / own.length,
        own.reduce((s, p) => s + p[1], 0) / own.length,
      ];
    };
    const centroids = [0, 1, 2].map(centroid);
    points.forEach((p, i) => {
      const nearest = centroids
        .map((c, label) => ({ label, d: dist(p, c) }))
        .sort((x, y) => x.d - y.d)[0]?.label;
      expect(nearest).toBe(labels[i]);
    });
  });

  it('works at the smallest size UMAP is used for, with neighbours clamped', () => {
    const few = vectors.slice(0, MIN_UMAP_POINTS);
    const points = map2d(few, { seed: 1, nNeighbors: 50 });
    expect(points).toHaveLength(MIN_UMAP_POINTS);
    expect(finite(points)).toBe(true);
  });

  it('falls back to the projection below that size', () => {
    const three = vectors.slice(0, 3);
    expect(map2d(three, { seed: 1 })).toEqual(pcaProjection(three));
    expect(map2d([], { seed: 1 })).toEqual([]);
  });
});

describe('neighboursFor', () => {
  it('clamps to n − 1 and at least 2', () => {
    expect(neighboursFor(100)).toBe(15);
    expect(neighboursFor(6)).toBe(5);
    expect(neighboursFor(5, 3)).toBe(3);
    expect(neighboursFor(2)).toBe(2);
  });
});

describe('pcaProjection', () => {
  it('keeps the distances of points that lie in a plane', () => {
    const square = [
      [0, 0, 5],
      [3, 0, 5],
      [3, 4, 5],
      [0, 4, 5],
    ];
    const points = pcaProjection(square);
    expect(finite(points)).toBe(true);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const original = Math.hypot(...(square[i] ?? []).map((x, d) => x - (square[j]?.[d] ?? 0)));
        expect(dist(points[i], points[j])).toBeCloseTo(original, 6);
      }
  });

  it('puts a single point at the origin and two points on a line', () => {
    expect(pcaProjection([[4, 2]])).toEqual([[0, 0]]);
    const two = pcaProjection([
      [0, 0],
      [6, 8],
    ]);
    expect(dist(two[0], two[1])).toBeCloseTo(10, 6);
    expect(two[0]?.[1]).toBeCloseTo(0, 6);
  });

  it('maps identical points to the origin', () => {
    expect(
      pcaProjection([
        [1, 1],
        [1, 1],
        [1, 1],
      ]),
    ).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });
});
