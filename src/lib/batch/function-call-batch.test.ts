import { beforeAll, describe, expect, test } from 'vitest';
import { functionCallSet } from '../eval/sets/function-calls';
import type { EvalSet } from '../eval/types';
import { MemoryBatchStore } from '../storage/batch-store';
import type { BatchItemRecord, BatchRecord } from '../storage/batch-records';
import { presetSide } from '../team/presets';
import { testBatch } from '../testing/batch-fixtures';
import { createScriptedTeamChat, fastScript, scriptedModel } from '../testing/scripted-chat';
import { formatToolCall } from '../tools/parse-tool-calls';
import { batchToCsv, batchToJson } from './export';
import { parseResultsFile } from './results-schema';
import { runBatch } from './runner';
import { summarize } from './summary';

const pick = (...ids: string[]): EvalSet => ({
  ...functionCallSet,
  items: ids.map((id) => functionCallSet.items.find((i) => i.id === id)!),
});
const set = pick('simple-1', 'simple-2', 'irrelevance-1', 'parallel-1');
const question = (id: string) => set.items.find((i) => i.id === id)!.question;

let batch: BatchRecord;
let rows: BatchItemRecord[];

beforeAll(async () => {
  // Solo: right on simple-1, a wrong argument on simple-2, calls a function where none applies,
  // and writes a call it never closes on parallel-1. The second config answers in words only.
  const { chat } = await createScriptedTeamChat({
    'scripted-solo': fastScript([
      {
        match: question('simple-1'),
        reply: formatToolCall({ name: 'get_weather', arguments: { city: 'Lisbon' } }),
      },
      {
        match: question('simple-2'),
        reply: formatToolCall({
          name: 'convert_currency',
          arguments: { amount: 25, from: 'EUR', to: 'USD' },
        }),
      },
      {
        match: question('irrelevance-1'),
        reply: formatToolCall({ name: 'get_weather', arguments: { city: 'Paris' } }),
      },
      { match: question('parallel-1'), reply: '<tool_call>\n{"name": "get_weather", "argu' },
    ]),
    'scripted-team': fastScript([{ reply: 'Answer: no function fits.' }]),
  });
  batch = testBatch(
    [
      { id: 'solo', label: 'Solo', side: presetSide('solo', scriptedModel('scripted-solo')) },
      { id: 'words', label: 'Words', side: presetSide('solo', scriptedModel('scripted-team')) },
    ],
    set,
  );
  const store = new MemoryBatchStore();
  await runBatch(batch, [], { chat, store, signal: new AbortController().signal });
  rows = (await store.itemsOf(batch.id)).sort((a, b) => a.index - b.index);
});

describe('a function-calling batch', () => {
  test('each item is scored by its calls: right, wrong argument, a call where none applies, cut off', () => {
    const solo = rows.map((r) => r.sides[0]!.scores);
    expect(solo.map((s) => s.correct)).toEqual([1, 0, 0, 0]);
    expect(solo.map((s) => s.calls?.valid)).toEqual([1, 1, 1, 0]);
    expect(solo[1]!.calls!.reason).toBe('convert_currency: amount is 25');
    expect(solo[2]!.calls!.reason).toBe('no tool applies, but one was called');
    expect(solo[3]!.calls!.reason).toBe('1 call could not be read');
    expect(solo[0]!.extracted).toBe('get_weather(city="Lisbon")');
    // Words only: right where no function applies, and valid throughout (nothing unreadable).
    const words = rows.map((r) => r.sides[1]!.scores);
    expect(words.map((s) => s.correct)).toEqual([0, 0, 1, 0]);
    expect(words.map((s) => s.extracted)).toEqual(Array(4).fill('(no call)'));
  });

  test('the summary gives each config its valid-call and correct-call rates', () => {
    const summary = summarize(batch, rows);
    expect(summary.kinds).toEqual({ 'function-call': 4 });
    const [solo, words] = summary.configs;
    expect(solo!.functionCalls).toMatchObject({ items: 4, validRate: 0.75 });
    expect(solo!.functionCalls!.correct.mean).toBe(0.25);
    expect(words!.functionCalls).toMatchObject({ items: 4, validRate: 1 });
    expect(words!.functionCalls!.correct.mean).toBe(0.25);
  });

  test('the results file keeps the functions and expected calls, and reads back; the CSV says why', () => {
    const read = parseResultsFile(batchToJson({ ...batch, status: 'done' }, rows));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.file.batch.items[0]!.functions?.[0]?.name).toBe('get_weather');
    expect(read.file.results).toEqual(rows);
    const csv = batchToCsv(batch, rows).split('\r\n');
    expect(csv[0]).toContain(',revisions,valid_calls,call_mismatch,calls,');
    // Item 2, Solo: no draft, no revisions, valid calls, the mismatch, one model call.
    expect(csv[3]).toContain(',,,1,convert_currency: amount is 25,1,');
  });

  test('items survive structured cloning (IndexedDB) with their acceptable values', () => {
    const item = structuredClone(batch.items[0]!);
    expect(item.expectedCalls).toEqual(set.items[0]!.expectedCalls);
  });
});
