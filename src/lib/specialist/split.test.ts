import { describe, expect, it } from 'vitest';
import type { Outcome } from './curated-call';
import { splitDataset, validationCount } from './split';

interface Item {
  id: number;
  keep: boolean;
  outcome: Outcome;
}

const items = (n: number): Item[] =>
  Array.from({ length: n }, (_v, id) => ({
    id,
    keep: id % 3 !== 0,
    outcome: id % 2 === 0 ? 'right' : id % 5 === 0 ? 'unknown' : 'wrong',
  }));
const ids = (list: Item[]) => list.map((i) => i.id);

describe('splitDataset', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = splitDataset(items(50), { seed: 7 });
    const b = splitDataset(items(50), { seed: 7 });
    const c = splitDataset(items(50), { seed: 8 });
    expect(ids(a.validation)).toEqual(ids(b.validation));
    expect(ids(a.validation)).not.toEqual(ids(c.validation));
  });

  it('takes the default 10% for validation, partitions the items and keeps their order', () => {
    const { train, validation } = splitDataset(items(50), { seed: 1 });
    expect(validation).toHaveLength(5);
    expect(train).toHaveLength(45);
    expect([...ids(train), ...ids(validation)].sort((x, y) => x - y)).toEqual(ids(items(50)));
    expect(ids(train)).toEqual([...ids(train)].sort((x, y) => x - y));
    expect(ids(validation)).toEqual([...ids(validation)].sort((x, y) => x - y));
  });

  it('takes a configured share', () => {
    expect(splitDataset(items(40), { seed: 1, validationShare: 0.25 }).validation).toHaveLength(10);
  });

  it('is not just the first or last items', () => {
    const { validation } = splitDataset(items(100), { seed: 3 });
    expect(ids(validation)).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ids(validation)).not.toEqual([90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
  });

  it('puts at least one item in each part from two items on', () => {
    for (const n of [2, 3, 5]) {
      const { train, validation } = splitDataset(items(n), { seed: 2, validationShare: 0.1 });
      expect(train.length).toBeGreaterThanOrEqual(1);
      expect(validation.length).toBeGreaterThanOrEqual(1);
    }
    const high = splitDataset(items(3), { seed: 2, validationShare: 0.9 });
    expect(high.train).toHaveLength(1);
    expect(splitDataset(items(1), { seed: 2 })).toEqual({ train: items(1), validation: [] });
  });

  it('filters to kept and to right items', () => {
    const all = items(30);
    const kept = splitDataset(all, { seed: 4, onlyKept: true });
    expect([...kept.train, ...kept.validation].every((i) => i.keep)).toBe(true);
    expect(kept.train.length + kept.validation.length).toBe(all.filter((i) => i.keep).length);
    const right = splitDataset(all, { seed: 4, onlyKept: true, onlyRight: true });
    const both = [...right.train, ...right.validation];
    expect(both.every((i) => i.keep && i.outcome === 'right')).toBe(true);
    expect(both).toHaveLength(all.filter((i) => i.keep && i.outcome === 'right').length);
  });

  it('rejects a share outside (0, 1)', () => {
    expect(() => splitDataset(items(5), { seed: 1, validationShare: 0 })).toThrow(RangeError);
    expect(() => splitDataset(items(5), { seed: 1, validationShare: 1 })).toThrow(RangeError);
  });
});

describe('validationCount', () => {
  it('rounds, and clamps to leave both parts non-empty', () => {
    expect(validationCount(0, 0.1)).toBe(0);
    expect(validationCount(1, 0.5)).toBe(0);
    expect(validationCount(10, 0.1)).toBe(1);
    expect(validationCount(10, 0.01)).toBe(1);
    expect(validationCount(10, 0.99)).toBe(9);
    expect(validationCount(25, 0.1)).toBe(3);
  });
});
