import { expect, test } from 'vitest';
import { MemoryBatchStore } from '../storage/batch-store';
import {
  batchItemKey,
  type BatchConfig,
  type BatchItemRecord,
  type SideOutcome,
} from '../storage/batch-records';
import { MemoryCurationStore } from '../storage/curation-store';
import {
  newRunRecord,
  traceFromBatchTurn,
  traceFromTurn,
  type TraceRecord,
} from '../storage/records';
import { testBatch } from '../testing/batch-fixtures';
import { sampleConfig, sampleTurn } from '../testing/storage-fixtures';
import { filterCalls, NO_FILTER, callFacets } from './call-filter';
import { buildExport, exportCounts } from './explorer-export';
import { loadCalls, type BatchSource, type TraceSource } from './load-calls';

const batch = testBatch();
const [solo, team] = batch.configs as [BatchConfig, BatchConfig];

function side(configId: string, correct: number | undefined): SideOutcome {
  return {
    configId,
    status: 'done',
    finalAnswer: 'x',
    scores: (correct === undefined ? {} : { correct }) as SideOutcome['scores'],
    promptTokens: 1,
    completionTokens: 1,
    totalTokens: 2,
    calls: 1,
    wallMs: 1,
    turns: [],
    warnings: [],
  };
}

/** Item `index` finished: it ran from 10,000 × (index + 1) for 5,000 ms. */
function item(index: number, sides: SideOutcome[]): BatchItemRecord {
  const started = 10_000 * (index + 1);
  return {
    kind: 'item',
    id: batchItemKey(batch.id, index),
    batchId: batch.id,
    index,
    itemId: batch.items[index]!.id,
    finishedAt: started + 5_000,
    wallMs: 5_000,
    sides,
  };
}

/** A call of `config` on item `index`, made `offset` ms after the item started. */
function call(id: string, config: BatchConfig, index: number, offset = 100, batchId = batch.id) {
  const at = 10_000 * (index + 1) + offset;
  const turn = sampleTurn(0, `reply ${id}`, { startedAtMs: at, endedAtMs: at + 50 });
  return { ...traceFromBatchTurn({ ...batch, id: batchId }, config, index, turn), id };
}

async function setUp() {
  const batches = new MemoryBatchStore();
  await batches.putBatch(batch);
  // Item 1: Solo right, the team wrong. Item 2: Solo right, the team not scored. Item 3 never
  // finished (the batch was stopped).
  await batches.putItem(item(0, [side('solo', 1), side('team', 0)]));
  await batches.putItem(item(1, [side('solo', 1), side('team', undefined)]));
  const run = newRunRecord(sampleConfig(), 'run-1', 1);
  const traces: TraceRecord[] = [
    call('solo-0', solo, 0),
    call('team-0', team, 0),
    // A call of an earlier attempt at item 1 (dropped by a pause before the scored attempt).
    call('team-0-dropped', team, 0, -3_000),
    call('solo-1', solo, 1),
    call('team-1', team, 1),
    call('solo-2', solo, 2),
    call('gone', solo, 0, 100, 'deleted-batch'),
    { ...traceFromTurn(run, 'solo', sampleTurn(0, 'Szeged')), id: 'run-call' },
  ];
  const reads: string[] = [];
  const batchSource: BatchSource = {
    getBatch: (id) => (reads.push(id), batches.getBatch(id)),
    itemsOf: (id) => batches.itemsOf(id),
  };
  const runReads: string[] = [];
  const source: TraceSource = {
    allTraces: async () => traces,
    get: async (id) => (runReads.push(id), id === run.id ? run : undefined),
  };
  return { traces, batchSource, source, reads, runReads };
}

test('benchmark calls take protocol and outcome from their batch: right, wrong, unknown', async () => {
  const { source, batchSource, reads, runReads } = await setUp();
  const { rows } = await loadCalls(source, new MemoryCurationStore(), batchSource);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const seen = (id: string) => {
    const row = byId.get(id)!;
    return { source: row.source, protocol: row.protocol, outcome: row.outcome };
  };
  expect(seen('solo-0')).toEqual({ source: 'benchmark', protocol: 'solo', outcome: 'right' });
  expect(seen('team-0')).toEqual({
    source: 'benchmark',
    protocol: 'critic-loop',
    outcome: 'wrong',
  });
  expect(seen('team-0-dropped').outcome).toBe('unknown');
  expect(seen('solo-1').outcome).toBe('right');
  expect(seen('team-1').outcome).toBe('unknown'); // not scored
  expect(seen('solo-2').outcome).toBe('unknown'); // the item never finished
  expect(seen('gone')).toEqual({ source: 'benchmark', protocol: null, outcome: 'unknown' });
  expect(seen('run-call')).toMatchObject({ source: 'run', protocol: 'solo' });
  expect(byId.get('team-0')?.benchmark).toEqual({
    setName: 'Test multi-hop',
    itemId: 'q1',
    configLabel: 'Team',
  });
  expect(byId.get('gone')?.benchmark).toEqual({
    setName: null,
    itemId: 'q1',
    configLabel: null,
  });
  expect(byId.get('solo-0')?.search).toContain('test multi-hop');
  // Each batch read once, not once per call; item keys are never looked up as runs.
  expect(reads.sort()).toEqual(['batch-1', 'deleted-batch']);
  expect(runReads).toEqual(['run-1']);
});

test('without a batch source benchmark calls are as if their batch were gone', async () => {
  const { source } = await setUp();
  const { rows } = await loadCalls(source, new MemoryCurationStore());
  const benchmark = rows.filter((r) => r.source === 'benchmark');
  expect(benchmark).toHaveLength(7);
  expect(benchmark.every((r) => r.protocol === null && r.outcome === 'unknown')).toBe(true);
});

test('the source filter and facet; calls of a gone batch are never exported', async () => {
  const { source, batchSource, traces } = await setUp();
  const { rows } = await loadCalls(source, new MemoryCurationStore(), batchSource);
  expect(callFacets(rows).sources).toEqual(['run', 'benchmark']);
  const benchmark = filterCalls(rows, { ...NO_FILTER, source: 'benchmark' });
  expect(benchmark.map((r) => r.id).sort()).toEqual(
    ['gone', 'solo-0', 'solo-1', 'solo-2', 'team-0', 'team-0-dropped', 'team-1'].sort(),
  );
  expect(filterCalls(rows, { ...NO_FILTER, source: 'run' }).map((r) => r.id)).toEqual(['run-call']);
  const right = filterCalls(rows, { ...NO_FILTER, source: 'benchmark', outcome: 'right' });
  expect(right.map((r) => r.id).sort()).toEqual(['solo-0', 'solo-1']);

  const options = {
    format: 'openai',
    onlyKept: true,
    onlyRight: false,
    mask: false,
    validationShare: 0.1,
    seed: 1,
  } as const;
  const marks = new Map<string, boolean>();
  expect(exportCounts(benchmark, marks, options)).toMatchObject({ total: 6, withoutRun: 1 });
  const files = buildExport(benchmark, new Map(traces.map((t) => [t.id, t])), marks, options);
  const lines = `${files.train}\n${files.validation}`.split('\n').filter(Boolean);
  expect(lines).toHaveLength(6);
  expect(lines.join('\n')).not.toContain('reply gone');
  expect(lines.join('\n')).toContain('reply team-0');
});
