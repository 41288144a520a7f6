import { describe, expect, test } from 'vitest';
import type { LoadProgress, ModelSpec, ScriptedScript } from '../engine/types';
import { hostWithAgents } from '../testing/host-fixtures';

const spec = (modelId: string, over: Partial<ScriptedScript> = {}): ModelSpec => ({
  engine: 'scripted',
  modelId,
  contextWindow: 4096,
  script: { rules: [{ reply: 'one two three four five' }], tokensPerSecond: 0, loadMs: 0, ...over },
});
const ask = { messages: [{ role: 'user' as const, content: 'hi' }], sampling: {} };
const never = () => new AbortController().signal;

describe('AgentHost', () => {
  test('one model used by three views is loaded once, in one agent', async () => {
    const { host, agents } = hostWithAgents();
    const views = ['Single agent', 'Solo vs Team', 'Benchmark'].map((v) => host.lease(v));
    await Promise.all(views.map((lease) => lease.load([spec('scripted-a')], () => {}, never())));
    for (const lease of views) await lease.chatWith(spec('scripted-a'), ask);
    expect(agents).toHaveLength(1);
    expect(agents[0]!.loads).toBe(1);
    expect(agents[0]!.chats).toBe(3);
    expect(host.workerCount).toBe(1);
    expect(host.models.map((m) => [m.modelId, m.status])).toEqual([['scripted-a', 'loaded']]);
  });

  test('calls on one model take turns; calls on different models run at once', async () => {
    const { host } = hostWithAgents();
    const lease = host.lease('Solo vs Team');
    const slow = { tokensPerSecond: 100 };
    await lease.load([spec('scripted-a', slow), spec('scripted-b', slow)], () => {}, never());
    const spans: { model: string; from: number; to: number; queuedMs: number }[] = [];
    const call = async (model: string) => {
      let from = 0;
      const result = await lease.chatWith(spec(model), ask, {
        onStart: () => (from = performance.now()),
      });
      spans.push({ model, from, to: performance.now(), queuedMs: result.queuedMs ?? 0 });
    };
    await Promise.all([call('scripted-a'), call('scripted-a'), call('scripted-b')]);
    const [a1, a2] = spans.filter((s) => s.model === 'scripted-a').sort((x, y) => x.from - y.from);
    const b = spans.find((s) => s.model === 'scripted-b')!;
    // The second call on A started after the first ended, and reports that wait.
    expect(a2!.from).toBeGreaterThanOrEqual(a1!.to - 1);
    expect(a2!.queuedMs).toBeGreaterThan(20);
    // B ran alongside the first call on A, without waiting.
    expect(b.from).toBeLessThan(a1!.to);
    expect(b.queuedMs).toBeLessThan(20);
  });

  test('calls on a model that takes parallel calls (a server) run at once, none queued', async () => {
    const { host, agents } = hostWithAgents();
    const lease = host.lease('Benchmark');
    const server = spec('scripted-a', { tokensPerSecond: 100, parallelCalls: true });
    await lease.load([server], () => {}, never());
    expect(host.loadResult(server)?.parallelCalls).toBe(true);
    let peak = 0;
    const spans: { from: number; to: number; queuedMs: number; tokens: number }[] = [];
    const call = async () => {
      let from = 0;
      const result = await lease.chatWith(server, ask, {
        onStart: () => {
          from = performance.now();
          peak = Math.max(peak, host.models[0]!.running);
        },
      });
      spans.push({
        from,
        to: performance.now(),
        queuedMs: result.queuedMs ?? -1,
        tokens: result.usage.completionTokens,
      });
    };
    await Promise.all([call(), call(), call()]);
    expect(agents).toHaveLength(1);
    expect(agents[0]!.chats).toBe(3);
    // All three started before the first ended, none waited, each counted its own 5 tokens.
    expect(Math.max(...spans.map((s) => s.from))).toBeLessThan(Math.min(...spans.map((s) => s.to)));
    expect(spans.map((s) => s.queuedMs)).toEqual([0, 0, 0]);
    expect(spans.map((s) => s.tokens)).toEqual([5, 5, 5]);
    expect(host.models[0]!.running).toBe(0);
    expect(peak).toBeGreaterThanOrEqual(2);
  });

  test('a call on a free model waits 0 ms, however busy the page is before it starts', async () => {
    const { host } = hostWithAgents();
    const lease = host.lease('Solo vs Team');
    await lease.load([spec('scripted-a')], () => {}, never());
    const pending = lease.chatWith(spec('scripted-a'), ask);
    // The page is busy (rendering, say) between the call being asked for and it starting.
    queueMicrotask(() => {
      const until = performance.now() + 40;
      while (performance.now() < until);
    });
    expect((await pending).queuedMs).toBe(0);
  });

  test('a second copy of a model is its own agent: calls on the two copies run at once', async () => {
    const { host, agents } = hostWithAgents();
    const lease = host.lease('Solo vs Team');
    const slow = spec('scripted-a', { tokensPerSecond: 100 });
    await lease.load([slow, { ...slow, copy: 2 }], () => {}, never());
    expect(agents).toHaveLength(2);
    expect(host.models.map((m) => [m.key, m.copy])).toEqual([
      ['scripted:scripted-a', 1],
      ['scripted:scripted-a#2', 2],
    ]);
    const [first, second] = await Promise.all([
      lease.chatWith(slow, ask),
      lease.chatWith({ ...slow, copy: 2 }, ask),
    ]);
    expect(first.queuedMs).toBe(0);
    expect(second.queuedMs).toBe(0);
    expect(agents.map((a) => a.chats)).toEqual([1, 1]);
    await expect(lease.chatWith({ ...slow, copy: 3 }, ask)).rejects.toMatchObject({
      name: 'ModelNotLoadedError',
    });
  });

  test('unloading during a busy lease stops it first, says so, and ends its calls with a named error', async () => {
    const { host } = hostWithAgents();
    const reasons: string[] = [];
    const batch = host.lease('Benchmark', (reason) => reasons.push(reason));
    const single = host.lease('Single agent');
    await batch.load([spec('scripted-a', { tokensPerSecond: 20 })], () => {}, never());
    const pending = batch.chatWith(spec('scripted-a'), ask);
    await new Promise((r) => setTimeout(r, 30));
    expect(host.busyHolders).toEqual(['Benchmark']);
    const outcome = await host.unloadAll('Solo vs Team');
    expect(outcome).toEqual({ unloaded: 1, stopped: ['Benchmark'] });
    expect(reasons).toEqual(['Solo vs Team unloaded the models']);
    await expect(pending).rejects.toMatchObject({ name: 'ModelUnloadedError' });
    expect(host.models).toEqual([]);
    expect(host.busyHolders).toEqual([]);
    // The idle lease was not stopped, and a call on the unloaded model says it is not loaded.
    await expect(single.chatWith(spec('scripted-a'), ask)).rejects.toMatchObject({
      name: 'ModelNotLoadedError',
    });
  });

  test('progress that arrives after a load has finished is dropped', async () => {
    const { host } = hostWithAgents();
    const seen: LoadProgress[] = [];
    await host
      .lease('Solo vs Team')
      .load([spec('scripted-a', { lateProgressMs: 10 })], (_i, _s, p) => seen.push(p), never());
    const count = seen.length;
    await new Promise((r) => setTimeout(r, 40));
    expect(seen).toHaveLength(count);
    expect(seen.some((p) => p.text.includes('late'))).toBe(false);
  });

  test('a crashed model is dropped so the next run loads it again', async () => {
    const { host, agents } = hostWithAgents();
    const lease = host.lease('Solo vs Team');
    await lease.load(
      [spec('scripted-a', { failAfterTokens: 1, failWith: 'DeviceLostError' })],
      () => {},
      never(),
    );
    await expect(lease.chatWith(spec('scripted-a'), ask)).rejects.toMatchObject({
      name: 'DeviceLostError',
    });
    expect(host.isLoaded(spec('scripted-a'))).toBe(false);
    await lease.load([spec('scripted-a')], () => {}, never());
    expect(agents).toHaveLength(2);
    expect(host.isLoaded(spec('scripted-a'))).toBe(true);
  });

  test('a call stopped while waiting for its model never reaches it', async () => {
    const { host, agents } = hostWithAgents();
    const lease = host.lease('Solo vs Team');
    await lease.load([spec('scripted-a', { tokensPerSecond: 50 })], () => {}, never());
    const first = lease.chatWith(spec('scripted-a'), ask);
    const stop = new AbortController();
    let started = false;
    const second = lease.chatWith(spec('scripted-a'), ask, {
      signal: stop.signal,
      onStart: () => (started = true),
    });
    stop.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    await first;
    expect(started).toBe(false);
    expect(agents[0]!.chats).toBe(1);
  });

  test('a failed load leaves nothing behind and can be tried again', async () => {
    const { host } = hostWithAgents();
    const lease = host.lease('Single agent');
    await expect(
      lease.load([spec('scripted-a', { failLoadWith: 'ModelDownloadError' })], () => {}, never()),
    ).rejects.toMatchObject({ name: 'ModelDownloadError' });
    expect(host.models).toEqual([]);
    expect(host.workerCount).toBe(0);
    await lease.load([spec('scripted-a')], () => {}, never());
    expect(host.isLoaded(spec('scripted-a'))).toBe(true);
  });
});
