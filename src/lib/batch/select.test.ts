import { expect, test } from 'vitest';
import { multihopSet } from '../eval/sets';
import { clampCount, selectIndices, selectItems } from './select';

test('first N takes the first items, N clamped to the set', () => {
  expect(selectIndices(10, { mode: 'first', count: 3 })).toEqual([0, 1, 2]);
  expect(selectIndices(3, { mode: 'first', count: 10 })).toEqual([0, 1, 2]);
  expect(clampCount(0, 5)).toBe(1);
  expect(clampCount(Number.NaN, 5)).toBe(1);
  expect(clampCount(2.6, 5)).toBe(3);
});

test('a random sample is seeded, distinct, in set order, and differs by seed', () => {
  const a = selectIndices(1319, { mode: 'random', count: 50, seed: 7 });
  expect(a).toEqual(selectIndices(1319, { mode: 'random', count: 50, seed: 7 }));
  expect(new Set(a).size).toBe(50);
  expect([...a].sort((x, y) => x - y)).toEqual(a);
  expect(a.every((i) => i >= 0 && i < 1319)).toBe(true);
  expect(selectIndices(1319, { mode: 'random', count: 50, seed: 8 })).not.toEqual(a);
  expect(selectIndices(5, { mode: 'random', count: 5, seed: 1 })).toEqual([0, 1, 2, 3, 4]);
});

test('selected items are copies', () => {
  const [item] = selectItems(multihopSet.items, { mode: 'first', count: 1 });
  expect(item).toEqual(multihopSet.items[0]);
  expect(item).not.toBe(multihopSet.items[0]);
});
