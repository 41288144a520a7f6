/**
 * The runner's ends other than "every item done", in-process on a scripted server (a fake fetch
 * speaking the chat-completions stream): a server that goes away mid-batch, and a stop (Ctrl-C).
 * Either way the items finished so far are written, in a file the Benchmark tab reads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { ExperimentArgs } from '../../scripts/experiment/args';
import { runExperiment } from '../../scripts/experiment/run-experiment';
import { parseResultsFile } from '../../src/lib/batch/results-schema';
import { sse } from '../../src/lib/testing/sse-fixtures';
import { configFileOf, remoteEnvelope } from './experiment-fixtures';

const BASE = 'http://127.0.0.1:9/v1';
const dir = mkdtempSync(join(tmpdir(), 'experiment-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = join(dir, 'experiment.json');
writeFileSync(config, configFileOf(remoteEnvelope(BASE)));

/** A server that lists tiny-chat and answers "Answer: 21" to `calls` completions, then is gone. */
function scriptedServer(calls: number, onCall?: (n: number) => void): typeof fetch {
  let served = 0;
  return async (input) => {
    const url = String(input);
    if (url.endsWith('/models'))
      return new Response(JSON.stringify({ data: [{ id: 'tiny-chat', owned_by: 'llamacpp' }] }));
    if (served >= calls) throw new TypeError('fetch failed');
    served++;
    onCall?.(served);
    const body = sse([
      { choices: [{ delta: { content: 'Answer: 21' } }] },
      { choices: [{ delta: {}, finish_reason: 'stop' }] },
      { choices: [], usage: { prompt_tokens: 30, completion_tokens: 3 } },
    ]);
    return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
  };
}

const args = (out: string): ExperimentArgs => ({
  source: config,
  set: 'math',
  n: 6,
  concurrency: 1,
  out,
  keyEnv: { byHost: {} },
});

const quiet = { env: {}, progress: { write: () => true }, log: () => undefined };

describe('runExperiment', () => {
  test('every item done: the first item, whose gold is 21, is right on both sides', async () => {
    const out = join(dir, 'done.json');
    const outcome = await runExperiment({ ...quiet, args: args(out), fetch: scriptedServer(99) });
    expect(outcome.end).toEqual({ status: 'done' });
    const read = parseResultsFile(readFileSync(out, 'utf8'));
    if (!read.ok) throw new Error(read.message);
    expect(read.file.results).toHaveLength(6);
    expect(read.file.results[0]!.sides.map((s) => s.scores.correct)).toEqual([1, 1]);
    expect(read.file.results[1]!.sides.map((s) => s.scores.correct)).toEqual([0, 0]);
  });

  test('a server gone mid-batch: the batch ends paused with the reason; finished items are written', async () => {
    const out = join(dir, 'gone.json');
    // 3 calls an item (Solo; Reasoner, Answerer): two items, then the server is gone.
    const outcome = await runExperiment({ ...quiet, args: args(out), fetch: scriptedServer(6) });
    expect(outcome.end).toMatchObject({
      status: 'failed',
      index: 2,
      error: { name: 'ModelDownloadError' },
    });
    const read = parseResultsFile(readFileSync(out, 'utf8'));
    if (!read.ok) throw new Error(read.message);
    expect(read.file.batch.status).toBe('paused');
    expect(read.file.batch.error?.message).toContain(
      'Could not reach llama.cpp server at 127.0.0.1:9',
    );
    expect(read.file.results.map((r) => r.index)).toEqual([0, 1]);
  });

  test('a stop (Ctrl-C) ends the batch early: stopped, with the items finished before it', async () => {
    const out = join(dir, 'stopped.json');
    const stop = new AbortController();
    // Stop during the fourth item's first call.
    const fetch = scriptedServer(99, (n) => n === 10 && stop.abort());
    const outcome = await runExperiment({ ...quiet, args: args(out), fetch, signal: stop.signal });
    expect(outcome.end).toEqual({ status: 'aborted' });
    const read = parseResultsFile(readFileSync(out, 'utf8'));
    if (!read.ok) throw new Error(read.message);
    expect(read.file.batch.status).toBe('stopped');
    expect(read.file.results.map((r) => r.index)).toEqual([0, 1, 2]);
  });
});
