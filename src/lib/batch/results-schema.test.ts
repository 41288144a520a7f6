import { beforeAll, describe, expect, test } from 'vitest';
import { MemoryBatchStore } from '../storage/batch-store';
import type { BatchItemRecord, BatchRecord } from '../storage/batch-records';
import { createScriptedTeamChat } from '../testing/scripted-chat';
import { gold, scripts, testBatch } from '../testing/batch-fixtures';
import { batchToJson } from './export';
import { importResults } from './import-results';
import { parseResultsFile, RESULTS_VERSION } from './results-schema';
import { runBatch } from './runner';

let batch: BatchRecord;
let rows: BatchItemRecord[];
let file: string;

const RUNNER = {
  tool: 'experiment' as const,
  concurrency: 4,
  wallMs: 1234,
  itemsPerMinute: 12.5,
  endpoints: ['http://127.0.0.1:8080/v1'],
};

beforeAll(async () => {
  const { chat } = await createScriptedTeamChat(scripts({ 1: gold(1) }, { 2: { draft: gold(2) } }));
  batch = testBatch();
  const store = new MemoryBatchStore();
  await runBatch(batch, [], { chat, store, signal: new AbortController().signal });
  rows = await store.itemsOf(batch.id);
  file = batchToJson({ ...batch, status: 'done' }, rows, new Date(0), RUNNER);
});

/** The file as an object, changed by `edit`, back to text (any: tests break its shape on purpose). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

function edited(edit: (data: Loose) => void): string {
  const data = JSON.parse(file) as Loose;
  edit(data);
  return JSON.stringify(data);
}

function problemsOf(text: string): { message: string; problems: string[] } {
  const read = parseResultsFile(text);
  if (read.ok) throw new Error('expected the file to be refused');
  return { message: read.message, problems: read.problems };
}

describe('parseResultsFile', () => {
  test('reads back what Export JSON and the runner write: batch, items and how it ran', () => {
    const read = parseResultsFile(file);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.file.batch).toEqual({ ...batch, status: 'done' });
    expect(read.file.results).toEqual(rows);
    expect(read.file.runner).toEqual(RUNNER);
  });

  test("a batch's items-at-once setting is read back; one out of 1–64 is refused", () => {
    const concurrent = batchToJson({ ...batch, itemsAtOnce: 16 }, rows);
    const read = parseResultsFile(concurrent);
    expect(read.ok && read.file.batch.itemsAtOnce).toBe(16);
    expect(problemsOf(edited((d) => (d.batch.itemsAtOnce = 65))).problems).toEqual([
      'batch › itemsAtOnce: must be at most 64 (got 65)',
    ]);
  });

  test('a tab export without runner facts is read too', () => {
    const read = parseResultsFile(batchToJson(batch, rows));
    expect(read.ok && read.file.runner).toBeUndefined();
    expect(read.ok && read.file.results.length).toBe(rows.length);
  });

  test('unknown fields are dropped, not kept', () => {
    const read = parseResultsFile(
      edited((d) => {
        d.results[0].sides[0].html = '<img src=x onerror=alert(1)>';
        d.batch.extra = 1;
      }),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect('html' in read.file.results[0]!.sides[0]!).toBe(false);
    expect('extra' in read.file.batch).toBe(false);
  });

  test('a file that is not JSON, or empty, says so', () => {
    expect(problemsOf('{"format": "slm-playground-batch",').message).toMatch(
      /^The file is not valid JSON: /,
    );
    expect(problemsOf('  \n').message).toBe('The file is empty.');
    expect(problemsOf('[1, 2]').message).toBe(
      'The file is not a results file: it holds no object.',
    );
  });

  test('another kind of file is named as such (a config file, say)', () => {
    const { message } = problemsOf(JSON.stringify({ v: 2, experiment: {} }));
    expect(message).toContain('The file is not a results file: its "format" is null');
  });

  test('a newer version asks for an update; an unknown one is named', () => {
    expect(problemsOf(edited((d) => (d.version = RESULTS_VERSION + 1))).message).toBe(
      `The file is results version ${RESULTS_VERSION + 1}, newer than this page reads (version ${RESULTS_VERSION}). Update the playground (reload the page) and open it again.`,
    );
    expect(problemsOf(edited((d) => (d.version = 'one'))).message).toBe(
      `The file's results version is "one"; this page reads version ${RESULTS_VERSION}.`,
    );
  });

  test('bad fields are each named by their path', () => {
    const { message, problems } = problemsOf(
      edited((d) => {
        d.results[1].sides[0].scores.correct = 7;
        d.batch.items[0].question = 5;
        delete d.batch.configs[1].side.roles[0].maxTokens;
      }),
    );
    expect(message).toBe('The results file has 3 bad fields.');
    expect(problems).toEqual(
      expect.arrayContaining([
        'results › 2 › sides › 1 › scores › correct: must be at most 1 (got 7)',
        'batch › items › 1 › question: must be text (got 5)',
        'batch › configs › 2 › side › roles › 1 › max tokens: is missing',
      ]),
    );
  });

  test('items that do not belong to the batch are refused', () => {
    const { message, problems } = problemsOf(
      edited((d) => {
        d.results[0].batchId = 'another';
        d.results[1].index = 40;
        d.results[2].sides[1].configId = 'ghost';
        d.results[3].itemId = 'q99';
      }),
    );
    expect(message).toBe("The results file's items do not match its batch.");
    expect(problems).toEqual([
      'results › 1: belongs to another batch',
      `results › 2 › index: is 40, but the batch has ${batch.items.length} items`,
      'results › 3: names a config the batch does not have ("ghost")',
      `results › 4 › itemId: is "q99", but item 4 is "${batch.items[3]!.id}"`,
    ]);
  });
});

describe('importResults', () => {
  test('keeps the batch and its items in the store, as a finished batch', async () => {
    const store = new MemoryBatchStore();
    const read = parseResultsFile(file);
    if (!read.ok) throw new Error(read.message);
    const stored = await importResults(store, read.file);
    expect(stored.status).toBe('done');
    expect((await store.listBatches()).map((b) => b.id)).toEqual([batch.id]);
    expect(await store.itemsOf(batch.id)).toEqual(rows);
  });

  test('an unfinished batch is kept as ended early (it cannot resume here); opening it again replaces it', async () => {
    const store = new MemoryBatchStore();
    const paused = parseResultsFile(
      batchToJson({ ...batch, status: 'paused' }, rows.slice(0, 3), new Date(0)),
    );
    if (!paused.ok) throw new Error(paused.message);
    expect((await importResults(store, paused.file)).status).toBe('stopped');
    expect(await store.itemsOf(batch.id)).toHaveLength(3);

    const fewer = parseResultsFile(batchToJson({ ...batch, status: 'stopped' }, rows.slice(0, 1)));
    if (!fewer.ok) throw new Error(fewer.message);
    await importResults(store, fewer.file);
    expect(await store.listBatches()).toHaveLength(1);
    expect((await store.itemsOf(batch.id)).map((r) => r.index)).toEqual([0]);
  });
});
