/**
 * Several calls at once to a model on a real OpenAI-compatible server (tests/openai-server,
 * llama.cpp with 4 slots), through the real agent host and the real worker API with the remote
 * engine in it: the calls overlap at the server, each keeps its own figures, and one Stop
 * closes every connection.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentHost } from '../../src/lib/agents/agent-host.svelte';
import type { ChatRequest, ModelSpec } from '../../src/lib/engine/types';
import { InProcessAgent } from '../../src/lib/testing/in-process-agent';
import { RemoteEngine } from '../../workers/engines/remote-engine';
import { startOpenAIServer, type OpenAITestServer } from '../openai-server/server.mjs';

const ORIGIN = 'http://127.0.0.1:4174';
/** Replies of 8 tokens, 100 ms apart: long enough for four calls to overlap, and to be stopped. */
const N_PREDICT = 8;
let dir: string;
let server: OpenAITestServer;

beforeAll(async () => {
  execFileSync('node', ['scripts/ensure-openai-server.mjs'], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'openai-server-'));
  const modelPath = join(dir, 'tiny-chat.gguf');
  execFileSync('node', ['scripts/make-tiny-gguf.mjs', modelPath]);
  server = await startOpenAIServer({ modelPath, slots: 4, nPredict: N_PREDICT, tokenDelayMs: 100 });
}, 240_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const spec = (): ModelSpec => ({
  engine: 'remote',
  modelId: 'tiny-chat',
  modelUrl: `${server.url}/v1`,
  contextWindow: 2048,
});

/** Four questions of different lengths, so each call's prompt tokens are its own. */
const asks: ChatRequest[] = [1, 2, 3, 4].map((n) => ({
  messages: [{ role: 'user', content: `Question ${n}:${' and more'.repeat(n * 3)}` }],
  sampling: { max_tokens: 64, temperature: 0 },
}));

function remoteHost() {
  const host = new AgentHost({
    makeBackend: () =>
      new InProcessAgent({ createEngine: async () => new RemoteEngine({ origin: ORIGIN }) }),
  });
  return host.lease('Benchmark');
}

describe('a model on a server takes several calls at once', () => {
  it('four calls overlap at the server, none queued in the page, each with its own usage', async () => {
    const lease = remoteHost();
    await lease.load([spec()], () => {}, new AbortController().signal);
    const before = server.stats.maxInFlight;
    const results = await Promise.all(asks.map((ask) => lease.chatWith(spec(), ask)));
    expect(before).toBe(0);
    expect(server.stats.maxInFlight).toBe(4);
    expect(results.map((r) => r.queuedMs)).toEqual([0, 0, 0, 0]);
    for (const result of results) {
      expect(result.finishReason).toBe('length');
      expect(result.usage.completionTokens).toBe(N_PREDICT);
      expect(result.usage.counted).toBeUndefined();
    }
    // The server's prompt counts, one per call: a longer question, more tokens.
    const prompts = results.map((r) => r.usage.promptTokens);
    expect(prompts).toEqual([...prompts].sort((a, b) => a - b));
    expect(new Set(prompts).size).toBe(4);
  });

  it('one Stop aborts every call in flight: the server sees each connection close', async () => {
    const lease = remoteHost();
    await lease.load([spec()], () => {}, new AbortController().signal);
    const closed = server.stats.closedEarly;
    const stop = new AbortController();
    const pending = asks.map((ask) => lease.chatWith(spec(), ask, { signal: stop.signal }));
    await expect.poll(() => server.stats.inFlight, { timeout: 10_000 }).toBe(4);
    stop.abort();
    const results = await Promise.all(pending);
    expect(results.map((r) => r.finishReason)).toEqual(['abort', 'abort', 'abort', 'abort']);
    await expect.poll(() => server.stats.inFlight, { timeout: 10_000 }).toBe(0);
    expect(server.stats.closedEarly - closed).toBe(4);
  });
});
