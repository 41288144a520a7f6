/**
 * The headless runner end to end: `npm run experiment`'s script as a child process, against a
 * real OpenAI-compatible server (llama.cpp through node-llama-cpp on the tiny GGUF model,
 * tests/openai-server), writing a results file that the Benchmark tab's reader accepts.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseResultsFile } from '../../src/lib/batch/results-schema';
import { startOpenAIServer, type OpenAITestServer } from '../openai-server/server.mjs';
import { configFileOf, remoteEnvelope, shareLinkOf } from './experiment-fixtures';

const TSX = join('node_modules', '.bin', 'tsx');
const SECRET = 'sk-runner-secret-4f9a';
const N_PREDICT = 8;

let dir: string;
let server: OpenAITestServer;
let keyed: OpenAITestServer;

beforeAll(async () => {
  execFileSync('node', ['scripts/ensure-openai-server.mjs'], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'experiment-runner-'));
  const modelPath = join(dir, 'tiny-chat.gguf');
  execFileSync('node', ['scripts/make-tiny-gguf.mjs', modelPath]);
  server = await startOpenAIServer({ modelPath, slots: 4, nPredict: N_PREDICT });
  keyed = await startOpenAIServer({ modelPath, apiKey: SECRET, nPredict: N_PREDICT });
}, 240_000);

afterAll(async () => {
  await server?.close();
  await keyed?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the runner with `args`; the environment has no API key unless `env` gives one. */
function experiment(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const { OPENAI_API_KEY: _none, ...base } = process.env;
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['scripts/experiment.ts', ...args],
      { env: { ...base, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function configFile(name: string, baseUrl: string): string {
  const path = join(dir, name);
  writeFileSync(path, configFileOf(remoteEnvelope(baseUrl)));
  return path;
}

describe('npm run experiment against a real server', () => {
  test('runs Solo and Team on 4 items, 4 at once, and writes a file the Benchmark tab reads', async () => {
    const out = join(dir, 'results.json');
    const before = server.stats.completions;
    const run = await experiment([
      configFile('experiment.json', `${server.url}/v1`),
      '--set',
      'math',
      '--n',
      '4',
      '--concurrency',
      '4',
      '--out',
      out,
    ]);
    expect(run.stderr).toContain('4/4 items · correct: Solo ');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Results written to ${out} (4 of 4 items).`);

    const read = parseResultsFile(readFileSync(out, 'utf8'));
    if (!read.ok) throw new Error(`${read.message} ${read.problems.join('; ')}`);
    const { batch, results, runner } = read.file;
    expect(batch.status).toBe('done');
    expect(batch.set).toMatchObject({ id: 'playground-math', size: 20 });
    expect(batch.configs.map((c) => c.side.protocol.type)).toEqual(['solo', 'reasoner-answerer']);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    for (const row of results) {
      expect(row.itemId).toBe(batch.items[row.index]!.id);
      expect(row.sides.map((s) => [s.configId, s.status])).toEqual([
        ['solo', 'done'],
        ['team', 'done'],
      ]);
      for (const turn of row.sides.flatMap((s) => s.turns)) {
        // Real calls: the server's own counts, cut at its -n.
        expect(turn.completionTokens).toBeGreaterThan(0);
        expect(turn.completionTokens).toBeLessThanOrEqual(N_PREDICT);
        expect(turn.promptTokens).toBeGreaterThan(20);
      }
    }
    // One Solo call and two Team calls per item reached the server.
    expect(server.stats.completions - before).toBe(4 * 3);
    expect(runner).toMatchObject({
      tool: 'experiment',
      concurrency: 4,
      endpoints: [`${server.url}/v1`],
    });
    expect(runner!.itemsPerMinute).toBeGreaterThan(0);
  }, 180_000);

  test('a server that needs a key: refused without one (naming the roles), run with --key-env; the key is nowhere in the output', async () => {
    const link = shareLinkOf(remoteEnvelope(`${keyed.url}/v1`));
    const common = [link, '--set', 'yesno', '--n', '1'];

    const refused = await experiment([...common, '--out', join(dir, 'refused.json')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `experiment: Solo › Solo, Team › Reasoner, Team › Answerer (tiny-chat at ${new URL(keyed.url).host}): `,
    );
    expect(refused.stderr).toContain('(HTTP 401)');
    expect(refused.stderr).toContain('--key-env');

    const out = join(dir, 'keyed.json');
    const run = await experiment([...common, '--key-env', 'RUNNER_TEST_KEY', '--out', out], {
      RUNNER_TEST_KEY: SECRET,
    });
    expect(run.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(parseResultsFile(text).ok).toBe(true);
    for (const where of [text, run.stdout, run.stderr]) expect(where).not.toContain(SECRET);

    // No --key-env: a key in the environment is not sent to a host the user did not name for it.
    const unnamed = await experiment([...common, '--out', join(dir, 'unnamed.json')], {
      OPENAI_API_KEY: SECRET,
    });
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toContain('(HTTP 401)');
    expect(unnamed.stderr).not.toContain(SECRET);
  }, 180_000);

  test('a config with an in-tab role does not start, and names the role (paths are read from where npm was run)', async () => {
    const envelope = remoteEnvelope(`${server.url}/v1`);
    envelope.experiment.solo.roles[0]!.model = {
      engine: 'webllm',
      modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
    };
    const path = join(dir, 'in-tab.json');
    writeFileSync(path, configFileOf(envelope));
    const before = server.stats.requests;
    // npm sets INIT_CWD to the folder it was run from: a relative path is read there.
    const run = await experiment(['in-tab.json', '--out', 'never.json'], { INIT_CWD: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Solo › Solo uses Qwen2.5-0.5B-Instruct-q4f16_1-MLC (WebLLM, on WebGPU), a model that runs in the browser tab',
    );
    expect(server.stats.requests).toBe(before);
  }, 60_000);
});
