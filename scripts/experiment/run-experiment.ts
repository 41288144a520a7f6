/**
 * The headless runner's work, apart from the command line: reads the experiment, checks that
 * every model is on a server, loads the question set, connects to the servers, runs the batch
 * with the site's own runner (runBatch: the same protocols, scoring and records) and writes the
 * results file the Benchmark tab opens.
 */
import { writeFile } from 'node:fs/promises';
import { batchToJson, exportFileName } from '../../src/lib/batch/export';
import type { RunnerInfo } from '../../src/lib/batch/results-schema';
import { runBatch, type BatchRunEnd } from '../../src/lib/batch/runner';
import { clampCount, newBatchRecord } from '../../src/lib/batch/select';
import { MemoryBatchStore } from '../../src/lib/storage/batch-store';
import type { BatchRecord, BatchSelection } from '../../src/lib/storage/batch-records';
import type { ExperimentArgs } from './args';
import { chooseKey } from './keys';
import { loadExperiment } from './load-config';
import { loadNamedSet } from './load-set';
import { NodeAgentHost } from './node-host';
import { itemsPerMinute, ProgressReporter, type ProgressOutput } from './progress';
import { remotePlan } from './remote-models';

export interface ExperimentOptions {
  args: ExperimentArgs;
  env: Readonly<Record<string, string | undefined>>;
  /** Where the progress line goes (stderr in the CLI). */
  progress: ProgressOutput;
  /** One line of news (what runs, a key fallback, where the file went). */
  log: (line: string) => void;
  /** Aborting stops the batch; the finished items are still written. */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Where the benchmark slices are (default ../shared/data/). */
  sharedDir?: string;
}

export interface ExperimentOutcome {
  /** The results file written. */
  path: string;
  batch: BatchRecord;
  done: number;
  end: BatchRunEnd;
  runner: RunnerInfo;
}

function selectionOf(args: ExperimentArgs, size: number): BatchSelection {
  const count = clampCount(args.n ?? size, size);
  return args.sample === undefined
    ? { mode: 'first', count }
    : { mode: 'random', count, seed: args.sample };
}

/** Runs the experiment on the set and writes the results file. Throws before the batch starts. */
export async function runExperiment(options: ExperimentOptions): Promise<ExperimentOutcome> {
  const { args, log } = options;
  const signal = options.signal ?? new AbortController().signal;
  const envelope = await loadExperiment(args.source);
  const { configs, plan } = remotePlan(envelope);
  const set = await loadNamedSet(args.set, {
    ...(options.sharedDir ? { sharedDir: options.sharedDir } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const selection = selectionOf(args, set.items.length);
  if (args.n !== undefined && args.n > set.items.length)
    log(`${set.name} has ${set.items.length} items: running all of them.`);

  const keys = new Map(
    plan.models.map((m) => [
      m.variant.modelUrl,
      chooseKey(m.variant.modelUrl, args.keyEnv, options.env),
    ]),
  );
  const host = new NodeAgentHost(plan, {
    keyFor: (baseUrl) => keys.get(baseUrl) ?? {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  log(
    `Connecting to ${host.endpoints.join(', ')} for ${plan.models.length} model${plan.models.length === 1 ? '' : 's'}…`,
  );
  await host.load();
  if (signal.aborted) throw new Error('Stopped before the first item: no results file written.');

  const batch = newBatchRecord(set, selection, configs);
  const lanes = Math.min(args.concurrency, batch.items.length);
  log(
    `Running ${batch.items.length} item${batch.items.length === 1 ? '' : 's'} of ${set.name} × ` +
      `${configs.map((c) => `${c.label} (${c.side.protocol.type})`).join(', ')}, ${lanes} at once.`,
  );
  const store = new MemoryBatchStore();
  const progress = new ProgressReporter(options.progress, batch.items.length, configs);
  const started = performance.now();
  progress.start();
  const end = await runBatch(batch, [], {
    chat: host.chat,
    store,
    signal,
    contextWindowOf: host.contextWindowOf,
    concurrency: args.concurrency,
    onItemDone: (record) => progress.itemDone(record),
  });
  const wallMs = performance.now() - started;
  progress.finish();

  const results = await store.itemsOf(batch.id);
  const finished: BatchRecord = {
    ...batch,
    updatedAt: Date.now(),
    status: end.status === 'done' ? 'done' : end.status === 'aborted' ? 'stopped' : 'paused',
    ...(end.status === 'failed' ? { error: end.error } : {}),
  };
  const runner: RunnerInfo = {
    tool: 'experiment',
    concurrency: args.concurrency,
    wallMs: Math.round(wallMs),
    itemsPerMinute: itemsPerMinute(results.length, wallMs),
    endpoints: host.endpoints,
  };
  const path = args.out ?? exportFileName(finished, 'json');
  await writeFile(path, `${batchToJson(finished, results, new Date(), runner)}\n`);
  return { path, batch: finished, done: results.length, end, runner };
}
