/**
 * The remote engine against a real OpenAI-compatible server: llama.cpp (node-llama-cpp) serving
 * the project's tiny GGUF model over HTTP on 127.0.0.1 (tests/openai-server). Real SSE framing,
 * real token counts, a real connection closed by Stop.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest, ModelSpec } from '../../src/lib/engine/types';
import { RemoteEngine } from '../../workers/engines/remote-engine';
import { startOpenAIServer, type OpenAITestServer } from '../openai-server/server.mjs';

const ORIGIN = 'http://127.0.0.1:4174';
let dir: string;
let modelPath: string;
let server: OpenAITestServer;
let keyed: OpenAITestServer;

beforeAll(async () => {
  execFileSync('node', ['scripts/ensure-openai-server.mjs'], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'openai-server-'));
  modelPath = join(dir, 'tiny-chat.gguf');
  execFileSync('node', ['scripts/make-tiny-gguf.mjs', modelPath]);
  server = await startOpenAIServer({ modelPath, reasoning: true });
  keyed = await startOpenAIServer({ modelPath, apiKey: 'sk-test', ownedBy: 'vllm' });
}, 240_000);

afterAll(async () => {
  await server?.close();
  await keyed?.close();
  rmSync(dir, { recursive: true, force: true });
});

const spec = (url: string, over: Partial<ModelSpec> = {}): ModelSpec => ({
  engine: 'wllama', // The remote kind joins EngineKind with the picker; the engine reads only the fields below.
  modelId: 'tiny-chat',
  modelUrl: url,
  contextWindow: 1024,
  ...over,
});

const ask = (maxTokens: number): ChatRequest => ({
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Say hello.' },
  ],
  sampling: { max_tokens: maxTokens, temperature: 0 },
});

describe('RemoteEngine on a real llama.cpp server', () => {
  it("streams a reply whose token count is the server's usage, with reasoning folded apart", async () => {
    const engine = new RemoteEngine({ origin: ORIGIN });
    await engine.load(spec(server.url), () => {});
    expect(engine.server).toBe('llama.cpp');
    const deltas: string[] = [];
    const done = await engine.chat(ask(8), (d) => deltas.push(d), new AbortController().signal);
    expect(done.finishReason).toBe('length');
    expect(done.completionTokens).toBe(8);
    expect(done.promptTokens).toBeGreaterThan(5);
    expect(done.usageCounted).toBeUndefined();
    expect(deltas.join('')).toBe(done.text);
    // The server sent the first half as reasoning_content: it arrives as one think block.
    expect(done.text.startsWith('<think>')).toBe(true);
    expect(done.text.match(/<\/think>/g)).toHaveLength(1);
  }, 120_000);

  it('Stop closes the HTTP connection: the server sees it and stops generating', async () => {
    const engine = new RemoteEngine({ origin: ORIGIN });
    await engine.load(spec(server.url), () => {});
    const before = server.stats.closedEarly;
    const stop = new AbortController();
    let seen = 0;
    const done = await engine.chat(
      ask(500),
      () => {
        if (++seen === 3) stop.abort();
      },
      stop.signal,
    );
    expect(done.finishReason).toBe('abort');
    expect(done.completionTokens).toBeGreaterThanOrEqual(3);
    expect(done.completionTokens).toBeLessThan(500);
    await expect.poll(() => server.stats.closedEarly).toBe(before + 1);
  }, 120_000);

  it('a key the server refuses is named as the problem; the right key works', async () => {
    const without = new RemoteEngine({ origin: ORIGIN });
    await expect(without.load(spec(keyed.url), () => {})).rejects.toMatchObject({
      message: expect.stringContaining(
        'refused the request (HTTP 401): the API key is missing or wrong',
      ),
    });
    const withKey = new RemoteEngine({ origin: ORIGIN });
    await withKey.load(spec(keyed.url, { apiKey: 'sk-test' }), () => {});
    expect(withKey.server).toBe('vllm');
    const done = await withKey.chat(ask(4), () => {}, new AbortController().signal);
    expect(done.completionTokens).toBe(4);
  }, 120_000);

  it('an unknown model is refused when loading, naming what the server has', async () => {
    const engine = new RemoteEngine({ origin: ORIGIN });
    await expect(
      engine.load(spec(server.url, { modelId: 'gpt-9' }), () => {}),
    ).rejects.toMatchObject({
      name: 'ModelLoadError',
      message: expect.stringContaining('has no model named "gpt-9". It serves: tiny-chat.'),
    });
  });

  it('a server that is not running is named as unreachable', async () => {
    const engine = new RemoteEngine({ origin: ORIGIN });
    await expect(engine.load(spec('http://127.0.0.1:9'), () => {})).rejects.toMatchObject({
      message: expect.stringMatching(
        /^Could not reach the server at 127\.0\.0\.1:9: is it running/,
      ),
    });
  });
});
