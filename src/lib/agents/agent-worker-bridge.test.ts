import { describe, expect, test } from 'vitest';
import type { ModelSpec, ScriptedScript } from '../engine/types';
import { FakeLocks, FakeWorker } from '../testing/fake-worker';
import { AgentWorkerBridge } from './agent-worker-bridge';

const spec = (over: Partial<ScriptedScript> = {}): ModelSpec => ({
  engine: 'scripted',
  modelId: 'scripted-bridge',
  contextWindow: 4096,
  script: {
    rules: [{ reply: 'one two three four five six seven eight' }],
    tokensPerSecond: 100,
    loadMs: 0,
    ...over,
  },
});
const ask = { messages: [{ role: 'user' as const, content: 'hi' }], sampling: {} };

function bridgeWith(locks?: FakeLocks, stopGraceMs = 1000) {
  const workers: FakeWorker[] = [];
  const bridge = new AgentWorkerBridge(
    () => {
      const worker = new FakeWorker(locks);
      workers.push(worker);
      return worker as unknown as Worker;
    },
    { locks: locks as unknown as LockManager | undefined, stopGraceMs },
  );
  return { bridge, workers };
}

describe('AgentWorkerBridge', () => {
  test('streams every token through comlink and returns the worker figures', async () => {
    const { bridge } = bridgeWith();
    await bridge.load(spec({ tokensPerSecond: 0 }), () => {});
    const deltas: string[] = [];
    let started = 0;
    const result = await bridge.chat(ask, {
      onToken: (e) => deltas.push(e.delta),
      onStart: () => started++,
    });
    expect(deltas.join('')).toBe(result.text);
    expect(result.usage.completionTokens).toBe(8);
    expect(started).toBe(1);
    bridge.terminate();
  });

  test('terminate() rejects the calls in flight with a named error instead of leaving them pending', async () => {
    const { bridge } = bridgeWith();
    await bridge.load(spec({ tokensPerSecond: 20 }), () => {});
    const pending = bridge.chat(ask, {});
    setTimeout(() => bridge.terminate(), 30);
    await expect(pending).rejects.toMatchObject({ name: 'ModelUnloadedError' });
    expect(bridge.started).toBe(false);
  });

  test('an error event rejects the call with WorkerCrashedError, one full stop at the end', async () => {
    const { bridge, workers } = bridgeWith();
    await bridge.load(spec({ tokensPerSecond: 20 }), () => {});
    const pending = bridge.chat(ask, {});
    setTimeout(() => workers[0]!.crash('Out of memory.'), 30);
    const failure = await pending.catch((e: unknown) => e);
    expect(failure).toMatchObject({
      name: 'WorkerCrashedError',
      message: "The agent's worker stopped unexpectedly: Out of memory.",
    });
  });

  test('a worker that dies without an error event (its lifeline lock goes) fails the call', async () => {
    const locks = new FakeLocks();
    const { bridge } = bridgeWith(locks);
    await bridge.load(spec({ tokensPerSecond: 20 }), () => {});
    const lifeline = locks.held().find((name) => name.startsWith('slm-agent-lifeline:'));
    expect(lifeline).toBeDefined();
    const pending = bridge.chat(ask, {});
    setTimeout(() => locks.kill(lifeline!), 30);
    await expect(pending).rejects.toMatchObject({ name: 'WorkerCrashedError' });
    expect(bridge.started).toBe(false);
  });

  test('Run straight after Stop waits for a slow worker to finish its step instead of failing', async () => {
    const { bridge } = bridgeWith(undefined, 50);
    await bridge.load(spec({ tokensPerSecond: 50, stopDelayMs: 300 }), () => {});
    const stop = new AbortController();
    const first = bridge.chat(ask, { signal: stop.signal });
    setTimeout(() => stop.abort(), 40);
    // The page stops waiting after the grace time while the worker is still finishing.
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    const second = await bridge.chat(ask, {});
    expect(second.finishReason).toBe('stop');
    expect(second.text).toBe('one two three four five six seven eight');
    bridge.terminate();
  });
});

describe('AgentWorkerBridge, a model that takes parallel calls', () => {
  const twoReplies = (over: Partial<ScriptedScript> = {}) =>
    spec({
      rules: [
        { match: 'first', reply: 'alpha beta gamma delta' },
        { reply: 'one two three four five six seven eight' },
      ],
      parallelCalls: true,
      ...over,
    });
  const asking = (content: string) => ({ ...ask, messages: [{ role: 'user' as const, content }] });

  test('several calls reach the worker at once, each with its own tokens and figures', async () => {
    const { bridge } = bridgeWith();
    expect((await bridge.load(twoReplies(), () => {})).parallelCalls).toBe(true);
    const starts: number[] = [];
    const ends: number[] = [];
    const deltas: string[][] = [[], [], []];
    const call = (content: string, i: number) =>
      bridge
        .chat(asking(content), {
          onStart: () => starts.push(performance.now()),
          onToken: (e) => deltas[i]!.push(e.delta),
        })
        .finally(() => ends.push(performance.now()));
    const results = await Promise.all([call('first', 0), call('second', 1), call('third', 2)]);
    // Every call started before any ended.
    expect(Math.max(...starts)).toBeLessThan(Math.min(...ends));
    expect(results.map((r) => r.text)).toEqual([
      'alpha beta gamma delta',
      'one two three four five six seven eight',
      'one two three four five six seven eight',
    ]);
    expect(deltas.map((d) => d.join(''))).toEqual(results.map((r) => r.text));
    expect(results.map((r) => r.usage.completionTokens)).toEqual([4, 8, 8]);
    bridge.terminate();
  });

  test('Stop on one call interrupts that call only', async () => {
    const { bridge } = bridgeWith();
    await bridge.load(twoReplies(), () => {});
    const stop = new AbortController();
    const stopped = bridge.chat(asking('second'), {
      signal: stop.signal,
      onToken: (e) => e.index === 1 && stop.abort(),
    });
    const other = bridge.chat(asking('first'), {});
    const [a, b] = await Promise.all([stopped, other]);
    expect(a).toMatchObject({ finishReason: 'abort', text: 'one two' });
    expect(b).toMatchObject({ finishReason: 'stop', text: 'alpha beta gamma delta' });
    bridge.terminate();
  });

  test('terminate() ends every call in flight with the named error', async () => {
    const { bridge } = bridgeWith();
    await bridge.load(twoReplies({ tokensPerSecond: 20 }), () => {});
    const pending = [bridge.chat(asking('first'), {}), bridge.chat(asking('second'), {})];
    setTimeout(() => bridge.terminate(), 30);
    for (const call of pending)
      await expect(call).rejects.toMatchObject({ name: 'ModelUnloadedError' });
  });
});
