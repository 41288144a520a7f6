import { beforeAll, expect, test } from 'vitest';
import { createScriptedTeamChat } from '../team/testing/scripted-chat';
import { MemoryBatchStore } from '../storage/batch-store';
import type { BatchItemRecord, BatchRecord } from '../storage/batch-records';
import { batchToCsv, batchToJson, csvField, CSV_COLUMNS, exportFileName } from './export';
import { runBatch } from './runner';
import { summarize } from './summary';
import { gold, scripts, testBatch } from './test-helpers';

let batch: BatchRecord;
let rows: BatchItemRecord[];

beforeAll(async () => {
  const { chat } = await createScriptedTeamChat(scripts({ 1: gold(1) }, { 2: { draft: gold(2) } }));
  batch = testBatch();
  const store = new MemoryBatchStore();
  await runBatch(batch, [], { chat, store, signal: new AbortController().signal });
  rows = await store.itemsOf(batch.id);
});

test('CSV fields are quoted when they must be', () => {
  expect(csvField('plain')).toBe('plain');
  expect(csvField('a, b')).toBe('"a, b"');
  expect(csvField('say "hi"\nbye')).toBe('"say ""hi""\nbye"');
  expect(csvField(null)).toBe('');
  expect(csvField(Number.NaN)).toBe('');
  expect(csvField(0.5)).toBe('0.5');
});

test('CSV: a header, then one row per item and config', () => {
  const lines = batchToCsv(batch, rows).trimEnd().split('\r\n');
  expect(lines[0]).toBe(CSV_COLUMNS.join(','));
  expect(lines).toHaveLength(1 + 4 * 2);
  expect(lines[1]).toMatch(
    /^1,q1,multihop,Q1: where was the founder of Alder Mill born\?,Alderton,Solo,solo,done,Alderton,,1,1,1,/,
  );
  expect(lines[4]).toMatch(/^2,q2,multihop,.*,Team,critic-loop,done,Birchton,,1,/);
});

test('JSON: the batch, its summary and its results', () => {
  const data = JSON.parse(batchToJson(batch, rows, new Date(0))) as {
    format: string;
    exportedAt: string;
    results: BatchItemRecord[];
    summary: { items: number; configs: { accuracy: { mean: number } }[] };
  };
  expect(data.format).toBe('slm-playground-batch');
  expect(data.exportedAt).toBe('1970-01-01T00:00:00.000Z');
  expect(data.results.map((r) => r.index)).toEqual([0, 1, 2, 3]);
  expect(data.summary.items).toBe(4);
  expect(data.summary.configs.map((c) => c.accuracy.mean)).toEqual(
    summarize(batch, rows).configs.map((c) => c.accuracy.mean),
  );
  expect(exportFileName(batch, 'csv')).toBe('batch-test-multihop-1970-01-01.csv');
});
