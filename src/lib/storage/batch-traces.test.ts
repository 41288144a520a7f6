import { expect, test } from 'vitest';
import { testBatch, testConfigs } from '../testing/batch-fixtures';
import {
  faultyDb,
  freshFactory,
  ManualClock,
  sampleConfig,
  sampleTurn,
} from '../testing/storage-fixtures';
import { presetSide } from '../team/presets';
import { scriptedModel } from '../testing/scripted-chat';
import { batchItemKey, type BatchConfig } from './batch-records';
import { openPlaygroundDb } from './database';
import { newRunRecord, traceFromBatchTurn, traceFromTurn, type NewTrace } from './records';
import { createMemoryRunStore, RunStore } from './run-store';

const criticTurn = sampleTurn(1, '{"verdict":"accept","feedback":""}', {
  roleId: 'critic',
  roleName: 'Critic',
  kind: 'critic',
  step: 'critique',
  round: 1,
});

test('a benchmark turn’s trace: the item record’s key, the config’s side and model, and where it came from', () => {
  const batch = testBatch();
  const team = batch.configs[1]!;
  const trace = traceFromBatchTurn(batch, team, 2, criticTurn);
  expect(trace).toMatchObject({
    runId: batchItemKey('batch-1', 2),
    batch: { batchId: 'batch-1', index: 2, itemId: 'q3', configId: 'team' },
    side: 'team',
    turnIndex: 1,
    role: 'critic',
    roleName: 'Critic',
    kind: 'critic',
    step: 'critique',
    modelId: 'scripted-team',
    engine: 'scripted',
    output: criticTurn.output,
    startedAt: criticTurn.startedAtMs,
    endedAt: criticTurn.endedAtMs,
    status: 'done',
    finishReason: 'stop',
  });
  // Exactly what a Solo vs Team run's trace of the same turn by the same role holds, but where.
  const run = newRunRecord({ ...sampleConfig(), team: team.side }, 'run-1', 1_000);
  const fromRun: NewTrace = traceFromTurn(run, 'team', criticTurn);
  const { batch: ref, runId, ...rest } = trace;
  expect(ref).toBeDefined();
  expect(runId).not.toBe(fromRun.runId);
  expect({ ...rest, runId: fromRun.runId }).toEqual(fromRun);
  // A copy: later changes to the turn stay out of the trace.
  criticTurn.messages[0]!.content = 'changed';
  expect(trace.messages[0]?.content).toBe('You are Solo.');
});

test('Solo’s config gives side solo; any other config (an extra team) side team', () => {
  const extra: BatchConfig = {
    id: 'extra-1',
    label: 'Team 2',
    side: presetSide('generators-judge', scriptedModel('scripted-extra')),
  };
  const batch = testBatch([...testConfigs(), extra]);
  const solo = traceFromBatchTurn(batch, batch.configs[0]!, 0, sampleTurn(0, 'Answer: x'));
  expect(solo).toMatchObject({ side: 'solo', modelId: 'scripted-solo', runId: 'batch-1:000000' });
  expect(solo.batch).toEqual({ batchId: 'batch-1', index: 0, itemId: 'q1', configId: 'solo' });
  const judge = sampleTurn(3, 'B', { roleId: 'judge', roleName: 'Judge', kind: 'judge' });
  const fromExtra = traceFromBatchTurn(batch, extra, 3, judge);
  expect(fromExtra).toMatchObject({ side: 'team', modelId: 'scripted-extra' });
  expect(fromExtra.batch?.configId).toBe('extra-1');
  // A role the config lacks: model unknown, as for runs.
  const stranger = sampleTurn(0, 'x', { roleId: 'nobody' });
  expect(traceFromBatchTurn(batch, extra, 0, stranger)).toMatchObject({ modelId: 'unknown' });
  expect(traceFromBatchTurn(batch, extra, 0, stranger).engine).toBeUndefined();
});

/** Traces of batch 'b1' (two items), of batch 'b10' (whose ids start alike) and of a run. */
async function seed(store: RunStore | ReturnType<typeof createMemoryRunStore>) {
  const b1 = { ...testBatch(), id: 'b1' };
  const b10 = { ...testBatch(), id: 'b10' };
  const [solo, team] = b1.configs as [BatchConfig, BatchConfig];
  await store.addTrace(traceFromBatchTurn(b1, solo, 0, sampleTurn(0, 'Answer: a')));
  await store.addTrace(traceFromBatchTurn(b1, team, 0, criticTurn));
  await store.addTrace(traceFromBatchTurn(b1, solo, 1, sampleTurn(0, 'Answer: b')));
  await store.addTrace(traceFromBatchTurn(b10, solo, 0, sampleTurn(0, 'Answer: c')));
  const run = await store.createRun(sampleConfig());
  await store.addTrace(traceFromTurn(run, 'solo', sampleTurn(0, 'Szeged')));
  return run.id;
}

test('deleting a batch’s traces (IndexedDB): only its own go, in the database too', async () => {
  const factory = freshFactory();
  const store = new RunStore(openPlaygroundDb({ factory }), { locks: null });
  const runId = await seed(store);
  expect(await store.allTraces()).toHaveLength(5);
  await store.deleteTracesOfBatch('b1');
  const left = await store.allTraces();
  expect(left.map((t) => t.batch?.batchId ?? t.runId).sort()).toEqual(['b10', runId].sort());
  await store.close();
  // A new page reads the same.
  const reopened = new RunStore(openPlaygroundDb({ factory }), { locks: null });
  expect((await reopened.allTraces()).map((t) => t.output).sort()).toEqual(['Answer: c', 'Szeged']);
  await reopened.deleteTracesOfBatch('no-such-batch');
  expect(await reopened.allTraces()).toHaveLength(2);
  await reopened.close();
});

test('deleting a batch’s traces (memory, and traces kept in memory after a full disk)', async () => {
  const memory = createMemoryRunStore({ locks: null });
  await seed(memory);
  await memory.deleteTracesOfBatch('b1');
  expect((await memory.allTraces()).map((t) => t.output).sort()).toEqual(['Answer: c', 'Szeged']);

  const faulty = faultyDb(await openPlaygroundDb({ factory: freshFactory() }));
  const errors: string[] = [];
  const store = new RunStore(Promise.resolve(faulty.db), {
    locks: null,
    clock: new ManualClock(),
    onError: (e) => errors.push(e.name),
  });
  faulty.full = true;
  await seed(store);
  expect(errors).toEqual(['StorageQuotaError']);
  expect(await store.allTraces()).toHaveLength(5);
  await store.deleteTracesOfBatch('b1');
  expect((await store.allTraces()).map((t) => t.output).sort()).toEqual(['Answer: c', 'Szeged']);
});
