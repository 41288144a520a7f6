import { expect, test } from 'vitest';
import { blobs, THREE_CENTERS } from '../specialist/testing/blobs';
import { discover, split } from '../../../workers/cluster-worker-api';
import type { TaskMapRecord } from '../storage/curation-records';
import {
  carryKeys,
  mergeTasks,
  splitTask,
  taskCosts,
  taskMapFrom,
  taskName,
  taskVectors,
} from './task-map';

const KINDS = [
  'Add these numbers',
  'Translate this sentence into French',
  'Summarise this article',
];

function threeKinds(perKind: number) {
  const { vectors, labels } = blobs(THREE_CENTERS, perKind, 0.3, 7);
  const norm = (v: number[]) => {
    const n = Math.hypot(...v);
    return Float32Array.from(v.map((x) => x / n));
  };
  return {
    vectors: vectors.map(norm),
    labels,
    texts: labels.map((l, i) => `${KINDS[l]} (${i})`),
    ids: labels.map((_l, i) => `c${i}`),
  };
}

let counter = 0;
const newKey = () => `k${++counter}`;

function mapOf(perKind = 6, previous?: TaskMapRecord): TaskMapRecord {
  const { vectors, texts, ids } = threeKinds(perKind);
  return taskMapFrom({
    modelName: 'test',
    modelUrl: '/m.gguf',
    seed: 3,
    traceIds: ids,
    vectors,
    discovery: discover({ vectors, texts, k: null, seed: 3 }),
    previous,
    newKey,
    now: 1,
  });
}

test('three kinds of prompts far apart give three tasks, each of one kind, labelled by its words', () => {
  const { vectors, texts, labels } = threeKinds(6);
  const found = discover({ vectors, texts, k: null, seed: 3 });
  expect(found.k).toBe(3);
  expect(found.chosenBy).toBe('silhouette');
  expect(found.silhouette).toBeGreaterThan(0.5);
  expect(found.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  // Same true kind ⇔ same cluster.
  for (let i = 0; i < labels.length; i++)
    for (let j = 0; j < labels.length; j++)
      expect(found.assignments[i] === found.assignments[j]).toBe(labels[i] === labels[j]);
  const wordsOfKind = (kind: number) => found.words[found.assignments[labels.indexOf(kind)] ?? 0];
  expect(wordsOfKind(0)).toContain('add');
  expect(wordsOfKind(1)).toContain('translate');
  expect(found.points).toHaveLength(18);
  expect(found.points.every((p) => p.every(Number.isFinite))).toBe(true);
  // Deterministic for a seed.
  expect(discover({ vectors, texts, k: null, seed: 3 })).toEqual(found);
});

test('a k set by the user is used as it is', () => {
  const { vectors, texts } = threeKinds(5);
  const found = discover({ vectors, texts, k: 2, seed: 1 });
  expect(found.k).toBe(2);
  expect(found.chosenBy).toBe('user');
  expect(found.silhouette).toBeNull();
  expect(new Set(found.assignments).size).toBe(2);
});

test('a task map groups the calls by task; a new discovery keeps the keys of tasks mostly the same', () => {
  const first = mapOf();
  expect(first.clusters).toHaveLength(3);
  expect(first.clusters.flatMap((c) => c.traceIds).sort()).toEqual([...first.traceIds].sort());
  const again = mapOf(6, first);
  expect(again.clusters.map((c) => c.key).sort()).toEqual(first.clusters.map((c) => c.key).sort());
  // Nothing in common: new keys.
  expect(carryKeys([['x', 'y']], first.clusters, () => 'fresh')).toEqual(['fresh']);
  // Half or less in common is not the same task.
  expect(
    carryKeys([['a', 'b']], [{ key: 'old', words: [], traceIds: ['a', 'c'] }], () => 'new'),
  ).toEqual(['new']);
});

test('merge keeps the target’s key; split gives the bigger part the old key', () => {
  const map = mapOf();
  const [a, b] = map.clusters as [TaskMapRecord['clusters'][0], TaskMapRecord['clusters'][0]];
  const merged = mergeTasks(map, a.key, b.key, 2);
  expect(merged.clusters).toHaveLength(2);
  const joined = merged.clusters.find((c) => c.key === a.key);
  expect(joined?.traceIds).toHaveLength(a.traceIds.length + b.traceIds.length);
  expect(() => mergeTasks(map, a.key, a.key, 2)).toThrow(/itself/);

  const vectors = taskVectors(merged, a.key);
  expect(vectors).toHaveLength(12);
  const result = split(vectors, joined?.traceIds ?? [], 3);
  const parted = splitTask(merged, a.key, result.assignments, result.words, () => 'new-key', 3);
  expect(parted.clusters).toHaveLength(3);
  const kept = parted.clusters.find((c) => c.key === a.key);
  const fresh = parted.clusters.find((c) => c.key === 'new-key');
  expect(kept!.traceIds.length + fresh!.traceIds.length).toBe(12);
  expect(kept!.traceIds.length).toBeGreaterThanOrEqual(fresh!.traceIds.length);
  // The split undoes the merge: the two parts are the two original tasks.
  expect(new Set([kept!.traceIds.join(), fresh!.traceIds.join()])).toEqual(
    new Set([a.traceIds.join(), b.traceIds.join()]),
  );
});

test('a task’s cost is its share of all logged calls and its tokens per model', () => {
  const map = mapOf(2);
  const calls = new Map(
    map.traceIds.map((id, i) => [
      id,
      { modelId: i % 2 ? 'big' : 'small', promptTokens: 10, completionTokens: 5 },
    ]),
  );
  calls.set('unmapped', { modelId: 'big', promptTokens: 100, completionTokens: 0 });
  const costs = taskCosts(map, calls);
  const first = map.clusters[0]!;
  const cost = costs.get(first.key)!;
  expect(cost.calls).toBe(first.traceIds.length);
  expect(cost.callShare).toBeCloseTo(first.traceIds.length / 7);
  expect(cost.totalTokens).toBe(15 * first.traceIds.length);
  expect(cost.byModel.reduce((s, m) => s + m.calls, 0)).toBe(first.traceIds.length);
});

test('a task is shown by its name, else its words, else its number', () => {
  const task = { key: 'k', words: ['sum', 'add'], traceIds: [] };
  expect(taskName(new Map([['k', ' Sums ']]), task, 0)).toBe('Sums');
  expect(taskName(new Map(), task, 0)).toBe('sum, add');
  expect(taskName(new Map(), { ...task, words: [] }, 1)).toBe('Task 2');
});
