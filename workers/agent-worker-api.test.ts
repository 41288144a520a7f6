import { describe, expect, test } from 'vitest';
import { AgentError, toAgentError } from '../src/lib/engine/errors';
import type { ModelSpec, ScriptedScript, TokenEvent } from '../src/lib/engine/types';
import { createAgentWorkerApi } from './agent-worker-api';
import { ScriptedEngine } from './engines/scripted-engine';

const script = (over: Partial<ScriptedScript> = {}): ScriptedScript => ({
  rules: [
    { match: 'capital', reply: 'Paris is the capital.' },
    { reply: 'one two three four five' },
  ],
  tokensPerSecond: 0,
  loadMs: 0,
  ...over,
});

const spec = (over: Partial<ScriptedScript> = {}): ModelSpec => ({
  engine: 'scripted',
  modelId: 'scripted-test',
  contextWindow: 4096,
  script: script(over),
});

const ask = (content: string) => ({ messages: [{ role: 'user' as const, content }], sampling: {} });

function api(tokenIntervalMs = 8) {
  return createAgentWorkerApi({ createEngine: async () => new ScriptedEngine(), tokenIntervalMs });
}

describe('agent worker API', () => {
  test('loads with progress and reports where the model came from', async () => {
    const agent = api();
    const fractions: number[] = [];
    const first = await agent.load(spec(), (p) => fractions.push(p.fraction));
    expect(first).toMatchObject({
      modelId: 'scripted-test',
      fromCache: false,
      contextWindow: 4096,
    });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect((await agent.load(spec(), () => {})).fromCache).toBe(true);
    expect(agent.loadedModel()).toBe('scripted-test');
  });

  test('streams every token in order and counts them honestly', async () => {
    const agent = api();
    await agent.load(spec(), () => {});
    const events: TokenEvent[] = [];
    const result = await agent.chat(ask('What is the capital?'), (batch) => events.push(...batch));
    expect(result.text).toBe('Paris is the capital.');
    expect(events.map((e) => e.delta).join('')).toBe(result.text);
    expect(events.map((e) => e.index)).toEqual([0, 1, 2, 3]);
    expect(result.usage.completionTokens).toBe(4);
    expect(result.usage.promptTokens).toBe(4 + 4);
    expect(result.finishReason).toBe('stop');
  });

  test('max_tokens cuts the answer with finishReason length', async () => {
    const agent = api();
    await agent.load(spec(), () => {});
    const result = await agent.chat({ ...ask('hi'), sampling: { max_tokens: 2 } }, () => {});
    expect(result).toMatchObject({ text: 'one two', finishReason: 'length' });
    expect(result.usage.completionTokens).toBe(2);
  });

  test('interrupt ends the call with what streamed, finishReason abort', async () => {
    const agent = api(0);
    await agent.load(spec({ tokensPerSecond: 100 }), () => {});
    const pending = agent.chat(ask('hi'), (batch) => {
      if (batch.some((e) => e.index === 1)) agent.interrupt();
    });
    const result = await pending;
    expect(result.finishReason).toBe('abort');
    expect(result.text).toBe('one two');
  });

  test('measures time to first token and decode rate from the token times', async () => {
    let clock = 0;
    const agent = createAgentWorkerApi({
      createEngine: async () => new ScriptedEngine(),
      now: () => (clock += 10),
    });
    await agent.load(spec(), () => {});
    const result = await agent.chat(ask('hi'), () => {});
    // Calls to now(): start, then one per token (5), then the end: 10 ms apart.
    expect(result.usage.ttftMs).toBe(10);
    expect(result.usage.decodeTokensPerSec).toBeCloseTo(4 / 0.04);
    expect(result.usage.wallMs).toBe(60);
  });

  test('errors keep their names across the boundary', async () => {
    const agent = api();
    await expect(agent.chat(ask('hi'), () => {})).rejects.toMatchObject({
      name: 'ModelNotLoadedError',
    });
    await expect(
      agent.load(spec({ failLoadWith: 'ModelDownloadError' }), () => {}),
    ).rejects.toMatchObject({
      name: 'ModelDownloadError',
    });
    await agent.load(spec({ failAfterTokens: 2 }), () => {});
    const failure = await agent.chat(ask('hi'), () => {}).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      name: 'GenerationError',
      message: 'Scripted GenerationError after 2 tokens.',
    });
  });

  test('a second chat while one is running is refused, not interleaved', async () => {
    const agent = api();
    await agent.load(spec({ tokensPerSecond: 200 }), () => {});
    const first = agent.chat(ask('hi'), () => {});
    await expect(agent.chat(ask('hi'), () => {})).rejects.toMatchObject({
      name: 'InvalidRequestError',
    });
    await expect(first).resolves.toMatchObject({ finishReason: 'stop' });
  });

  test('a model that takes parallel calls runs several at once, each with its own tokens, figures and interrupt', async () => {
    const agent = api(0);
    const loaded = await agent.load(spec({ tokensPerSecond: 100, parallelCalls: true }), () => {});
    expect(loaded.parallelCalls).toBe(true);
    const seen: Record<number, string[]> = { 1: [], 2: [], 3: [] };
    const [capital, other, stopped] = [
      agent.chat(ask('What is the capital?'), (b) => seen[1]!.push(...b.map((e) => e.delta)), 1),
      agent.chat(ask('hi'), (b) => seen[2]!.push(...b.map((e) => e.delta)), 2),
      agent.chat(
        ask('hello'),
        (b) => {
          seen[3]!.push(...b.map((e) => e.delta));
          // Stopping call 3 leaves calls 1 and 2 running.
          if (b.some((e) => e.index === 1)) agent.interrupt(3);
        },
        3,
      ),
    ];
    const results = await Promise.all([capital, other, stopped]);
    expect(results.map((r) => r.finishReason)).toEqual(['stop', 'stop', 'abort']);
    expect(results.map((r) => r.text)).toEqual([
      'Paris is the capital.',
      'one two three four five',
      'one two',
    ]);
    expect([1, 2, 3].map((id) => seen[id]!.join(''))).toEqual(results.map((r) => r.text));
    expect(results.map((r) => r.usage.completionTokens)).toEqual([4, 5, 2]);
    // The three ran side by side: together they took about as long as the longest alone
    // (5 tokens at 100 tokens/s), not the sum.
    const walls = results.map((r) => r.usage.wallMs);
    expect(Math.max(...walls)).toBeLessThan(walls[0]! + walls[1]!);
  });

  test('an in-tab model still refuses a second call under another id', async () => {
    const agent = api();
    const loaded = await agent.load(spec({ tokensPerSecond: 200 }), () => {});
    expect(loaded.parallelCalls).toBeUndefined();
    const first = agent.chat(ask('hi'), () => {}, 1);
    await expect(agent.chat(ask('hi'), () => {}, 2)).rejects.toMatchObject({
      name: 'InvalidRequestError',
      message: 'This agent is already generating.',
    });
    await expect(first).resolves.toMatchObject({ finishReason: 'stop' });
  });

  test('cache state follows loads and deletes', async () => {
    const agent = api();
    expect(await agent.isCached(spec())).toBe(false);
    await agent.load(spec(), () => {});
    expect(await agent.isCached(spec())).toBe(true);
    await agent.deleteCached(spec());
    expect(await agent.isCached(spec())).toBe(false);
  });
});

describe('toAgentError', () => {
  test('keeps a known name from a plain object (as comlink delivers it)', () => {
    const e = toAgentError({ name: 'DeviceLostError', message: 'lost' });
    expect(e).toBeInstanceOf(AgentError);
    expect(e).toMatchObject({ name: 'DeviceLostError', message: 'lost' });
  });

  test('turns unknown errors into the fallback name with their message', () => {
    expect(toAgentError(new TypeError('Failed to fetch'), 'ModelDownloadError')).toMatchObject({
      name: 'ModelDownloadError',
      message: 'Failed to fetch',
    });
    expect(toAgentError('boom')).toMatchObject({ name: 'GenerationError', message: 'boom' });
  });
});

describe('token delivery', () => {
  test('tokens leave the worker in batches, not one message each', async () => {
    const agent = api(5);
    await agent.load(spec({ tokensPerSecond: 0 }), () => {});
    const batches: TokenEvent[][] = [];
    const result = await agent.chat(ask('hi'), (batch) => batches.push(batch));
    expect(batches.flat().map((e) => e.index)).toEqual([0, 1, 2, 3, 4]);
    // The first token at once, the other four together.
    expect(batches.map((b) => b.length)).toEqual([1, 4]);
    expect(result.usage.completionTokens).toBe(5);
  });

  test('the result waits until the last token has been delivered to the page', async () => {
    const agent = api();
    await agent.load(spec(), () => {});
    const delivered: string[] = [];
    // A page-side callback behind a slow channel: each delivery settles later than it is sent.
    const result = await agent.chat(
      ask('What is the capital?'),
      (batch) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            delivered.push(...batch.map((e) => e.delta));
            resolve();
          }, 20),
        ),
    );
    expect(delivered.join('')).toBe(result.text);
  });
});

describe('token delivery on failure', () => {
  test('an error also waits until the tokens streamed before it have been delivered', async () => {
    const agent = api();
    await agent.load(spec({ failAfterTokens: 3 }), () => {});
    const delivered: string[] = [];
    const failure = await agent
      .chat(
        ask('hi'),
        (batch) =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              delivered.push(...batch.map((e) => e.delta));
              resolve();
            }, 20),
          ),
      )
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'GenerationError' });
    expect(delivered.join('')).toBe('one two three');
  });
});
