import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CatalogModel } from '../catalog/types';
import type { ScriptedScript } from '../engine/types';
import { hostWithAgents, scriptedCatalogModel } from '../testing/host-fixtures';
import { scriptedTokens } from '../../../workers/engines/scripted-engine';
import { AgentSession } from './agent-session.svelte';

// The token sink flushes on animation frames; Node has none.
const originalRaf = globalThis.requestAnimationFrame;
beforeAll(() => {
  globalThis.requestAnimationFrame = ((fn: () => void) =>
    setTimeout(fn, 0)) as unknown as typeof requestAnimationFrame;
});
afterAll(() => {
  globalThis.requestAnimationFrame = originalRaf;
});

const REPLY = 'The answer is Paris, the capital of France.';

function model(id: string, over: Partial<ScriptedScript> = {}): CatalogModel {
  return scriptedCatalogModel(id, {
    rules: [{ reply: REPLY }],
    tokensPerSecond: 0,
    loadMs: 0,
    ...over,
  });
}

function setup() {
  return hostWithAgents();
}

const ask = [{ role: 'user' as const, content: 'Where is the Eiffel Tower?' }];

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('AgentSession', () => {
  test('load makes the session ready; another view finds the model loaded without loading again', async () => {
    const { host, agents } = setup();
    const m = model('scripted-a');
    const session = new AgentSession(host);
    expect(session.status).toBe('idle');
    const loading = session.load(m, m.variants[0]!);
    expect(session.status).toBe('loading');
    expect(await loading).toBe(true);
    expect(session.status).toBe('ready');
    expect(session.loaded?.model.id).toBe('scripted-a');
    expect(session.loaded?.result).toBeDefined();
    expect(session.progress).toBeNull();

    const other = new AgentSession(host);
    expect(await other.load(m, m.variants[0]!)).toBe(true);
    expect(other.status).toBe('ready');
    expect(agents).toHaveLength(1);
    expect(agents[0]!.loads).toBe(1);
  });

  test("one view cancelling its load of a shared model does not cancel the other view's load", async () => {
    const { host, agents } = setup();
    const m = model('scripted-a', { loadMs: 100 });
    const first = new AgentSession(host);
    const second = new AgentSession(host);
    const firstLoad = first.load(m, m.variants[0]!);
    const secondLoad = second.load(m, m.variants[0]!);
    await new Promise((r) => setTimeout(r, 20));
    first.cancelLoad();
    expect(await firstLoad).toBe(false);
    expect(await secondLoad).toBe(true);
    expect(second.status).toBe('ready');
    expect(second.error).toBeNull();
    expect(first.status).toBe('ready'); // The model it chose is loaded after all.
    expect(agents.map((a) => a.loads)).toEqual([1]);
  });

  test('when every view cancels a shared load, the load stops and nothing stays behind', async () => {
    const { host } = setup();
    const m = model('scripted-a', { loadMs: 100 });
    const first = new AgentSession(host);
    const second = new AgentSession(host);
    const loads = [first.load(m, m.variants[0]!), second.load(m, m.variants[0]!)];
    await new Promise((r) => setTimeout(r, 20));
    first.cancelLoad();
    second.cancelLoad();
    expect(await Promise.all(loads)).toEqual([false, false]);
    expect(host.models).toEqual([]);
    expect(host.workerCount).toBe(0);
  });

  test('run streams the answer, then shows the final text and its figures', async () => {
    const { host } = setup();
    const m = model('scripted-a', { tokensPerSecond: 100 });
    const session = new AgentSession(host);
    await session.load(m, m.variants[0]!);
    const running = session.run(ask, {});
    expect(session.status).toBe('generating');
    await until(() => session.output.length > 0 && session.output !== REPLY);
    expect(REPLY.startsWith(session.output)).toBe(true);
    expect(session.tokens).toBeGreaterThan(0);
    await running;
    expect(session.status).toBe('ready');
    expect(session.output).toBe(REPLY);
    expect(session.finishReason).toBe('stop');
    expect(session.usage?.promptTokens).toBeGreaterThan(0);
    expect(session.usage?.completionTokens).toBe(session.tokens);
    expect(session.error).toBeNull();
  });

  test("a reasoning model's thinking tokens are counted apart, and its switch reaches the engine", async () => {
    const { host } = setup();
    const thought = 'first this then that';
    const thinking = `<think>\n${thought}\n</think>`;
    const m = model('scripted-thinker', { rules: [{ reply: `${thinking}\n\nAnswer: Paris` }] });
    const session = new AgentSession(host);
    await session.load(m, m.variants[0]!);
    await session.run(ask, {});
    expect(session.output).toContain(thought);
    // The scripted engine's tokens are words with their leading white space.
    expect(session.thinkingTokens).toBe(scriptedTokens(thinking).length);
    expect(session.usage?.completionTokens).toBe(scriptedTokens(thinking).length + 2);

    await session.run(ask, {}, 'off');
    expect(session.output).toBe('Answer: Paris');
    expect(session.thinkingTokens).toBe(0);
  });

  test('a model that cannot switch is not sent the switch', async () => {
    const { host } = setup();
    const m = model('scripted-a', { rules: [{ reply: '<think>\nhm\n</think>\n\nParis' }] });
    const session = new AgentSession(host);
    await session.load(m, m.variants[0]!);
    await session.run(ask, {}, 'off');
    expect(session.output).toContain('hm');
    expect(session.thinkingTokens).toBe(scriptedTokens('<think>\nhm\n</think>').length);
  });

  test('Stop ends the answer with finishReason abort and keeps what streamed', async () => {
    const { host } = setup();
    const m = model('scripted-a', { tokensPerSecond: 30 });
    const session = new AgentSession(host);
    await session.load(m, m.variants[0]!);
    const running = session.run(ask, {});
    await until(() => session.output.length > 0);
    session.stop();
    await running;
    expect(session.finishReason).toBe('abort');
    expect(session.error).toBeNull();
    expect(session.status).toBe('ready');
    expect(session.output.length).toBeGreaterThan(0);
    expect(session.output.length).toBeLessThan(REPLY.length);
  });

  test('when the host unloads every model the session goes back to idle', async () => {
    const { host } = setup();
    const m = model('scripted-a');
    const session = new AgentSession(host);
    await session.load(m, m.variants[0]!);
    expect(session.status).toBe('ready');
    const outcome = await host.unloadAll('Solo vs Team');
    expect(outcome.unloaded).toBe(1);
    expect(session.status).toBe('idle');
    expect(session.loaded).toBeNull();
  });

  test('unloading elsewhere mid-answer stops it with a notice', async () => {
    const { host } = setup();
    const m = model('scripted-a', { tokensPerSecond: 30 });
    const session = new AgentSession(host);
    await session.load(m, m.variants[0]!);
    const running = session.run(ask, {});
    await until(() => session.output.length > 0);
    await host.unloadAll('Benchmark');
    await running;
    expect(session.notice).toBe('Benchmark unloaded the models.');
    expect(session.finishReason).toBe('abort');
    expect(session.error).toBeNull();
    expect(session.status).toBe('idle');
  });

  test('a failed load is reported at the load stage, and retry loads once it is fixed', async () => {
    const { host } = setup();
    const broken = model('scripted-a', { failLoadWith: 'ModelDownloadError' });
    const session = new AgentSession(host);
    expect(await session.load(broken, broken.variants[0]!)).toBe(false);
    expect(session.status).toBe('idle');
    expect(session.error?.stage).toBe('load');
    expect(session.error?.error.name).toBe('ModelDownloadError');
    expect(session.loaded).toBeNull();

    // Fix the script in place (what a corrected catalog entry would hold), then retry.
    delete broken.script!.failLoadWith;
    expect(await session.retry()).toBe(true);
    expect(session.error).toBeNull();
    expect(session.status).toBe('ready');
    expect(session.loaded?.model.id).toBe('scripted-a');
  });

  test('after a failed load another model loads and clears the error', async () => {
    const { host } = setup();
    const broken = model('scripted-a', { failLoadWith: 'ModelLoadError' });
    const good = model('scripted-b');
    const session = new AgentSession(host);
    expect(await session.load(broken, broken.variants[0]!)).toBe(false);
    expect(session.error?.stage).toBe('load');
    expect(await session.load(good, good.variants[0]!)).toBe(true);
    expect(session.error).toBeNull();
    expect(session.loaded?.model.id).toBe('scripted-b');
  });
});
