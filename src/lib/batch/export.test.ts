import { beforeAll, expect, test } from 'vitest';
import { createScriptedTeamChat } from '../testing/scripted-chat';
import { MemoryBatchStore } from '../storage/batch-store';
import type { BatchItemRecord, BatchRecord } from '../storage/batch-records';
import { batchToCsv, batchToJson, csvField, CSV_COLUMNS, exportFileName } from './export';
import { runBatch } from './runner';
import { summarize } from './summary';
import { gold, scripts, testBatch } from '../testing/batch-fixtures';

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

/** Splits RFC 4180 CSV into rows of fields (what a spreadsheet would read). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

test('CSV: answers that a spreadsheet would read as formulas are defused, still valid CSV', () => {
  const attacks = ['=HYPERLINK("http://x","y")', '+1+1', '@SUM(A1)', '\tfoo', '-2+3', '\rbar'];
  const tampered = structuredClone(rows).slice(0, 1);
  const sides = tampered[0]!.sides;
  const records = attacks.map((answer, i) => {
    const record = structuredClone(tampered[0]!);
    record.index = i;
    record.sides = sides.map((s) => ({ ...structuredClone(s), finalAnswer: answer }));
    return record;
  });
  const attacked: BatchRecord = structuredClone(batch);
  attacked.items = attacks.map((question, i) => ({
    ...attacked.items[0]!,
    question,
    answer: `=${i}`,
  }));
  attacked.configs = attacked.configs.map((c) => ({ ...c, label: '=cmd|" /C calc"!A0' }));

  const parsed = parseCsv(batchToCsv(attacked, records));
  const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
  expect(parsed).toHaveLength(1 + attacks.length * attacked.configs.length);
  for (const row of parsed.slice(1)) {
    expect(row).toHaveLength(CSV_COLUMNS.length);
    const i = Number(row[column('item')]) - 1;
    // Every text field keeps its text after a single quote; numbers stay numbers.
    expect(row[column('answer')]).toBe(`'${attacks[i]}`);
    expect(row[column('question')]).toBe(`'${attacks[i]}`);
    expect(row[column('gold')]).toBe(`'=${i}`);
    expect(row[column('config')]).toBe(`'=cmd|" /C calc"!A0`);
    expect(row[column('wall_ms')]).toMatch(/^\d+$/);
  }
});

test('CSV: numbers stay numbers, negative ones too, and so do answers that are plain numbers', () => {
  expect(csvField(-3)).toBe('-3');
  expect(csvField(-0.25)).toBe('-0.25');
  expect(csvField('-3')).toBe('-3');
  expect(csvField('-3.5')).toBe('-3.5');
  expect(csvField('-2+3')).toBe("'-2+3");
  expect(csvField('+1+1')).toBe("'+1+1");
  expect(csvField('=1, 2')).toBe(`"'=1, 2"`);
  expect(csvField('\r=1')).toBe(`"'\r=1"`);
  expect(csvField('a=1')).toBe('a=1');
});
