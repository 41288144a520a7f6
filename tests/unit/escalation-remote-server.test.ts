/**
 * The escalation protocol on remote models served by a real OpenAI-compatible server:
 * llama.cpp (node-llama-cpp) serving the tiny GGUF over HTTP on 127.0.0.1 (tests/openai-server),
 * reached through the real worker API and the remote engine. The tiny model's words are random,
 * so the format check ("a number") escalates; what is checked is that every call is a real one
 * and that each model's tokens and time are its own calls' figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteEngine } from '../../workers/engines/remote-engine';
import { AgentHost } from '../../src/lib/agents/agent-host.svelte';
import { InProcessAgent } from '../../src/lib/testing/in-process-agent';
import { runSide } from '../../src/lib/team/protocols/run-side';
import type { TeamChat } from '../../src/lib/team/protocols/types';
import { makeRole } from '../../src/lib/team/presets';
import type { SideConfig } from '../../src/lib/team/config';
import { escalationBaselines } from '../../src/lib/batch/escalation-baselines';
import { runBatch } from '../../src/lib/batch/runner';
import { summarize } from '../../src/lib/batch/summary';
import { mathSet } from '../../src/lib/eval/sets';
import { MemoryBatchStore } from '../../src/lib/storage/batch-store';
import type { BatchConfig } from '../../src/lib/storage/batch-records';
import { testBatch } from '../../src/lib/testing/batch-fixtures';
import { startOpenAIServer, type OpenAITestServer } from '../openai-server/server.mjs';

let dir: string;
let server: OpenAITestServer;

beforeAll(async () => {
  execFileSync('node', ['scripts/ensure-openai-server.mjs'], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'openai-server-'));
  const modelPath = join(dir, 'tiny-chat.gguf');
  execFileSync('node', ['scripts/make-tiny-gguf.mjs', modelPath]);
  server = await startOpenAIServer({ modelPath });
}, 240_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A TeamChat over the real agent host (calls on one model take turns, as in the product), with
 * one in-process agent per model id, each on the remote engine, loaded on the server.
 */
async function remoteTeamChat(modelIds: string[]): Promise<TeamChat> {
  const host = new AgentHost({
    makeBackend: () =>
      new InProcessAgent({
        createEngine: async () => new RemoteEngine({ origin: 'http://127.0.0.1:4174' }),
      }),
  });
  const lease = host.lease('test');
  await lease.load(
    modelIds.map((modelId) => ({
      engine: 'remote' as const,
      modelId,
      modelUrl: `${server.url}/v1`,
      serverModel: 'tiny-chat',
      contextWindow: 1024,
    })),
    () => {},
    new AbortController().signal,
  );
  return (role, request, hooks) => lease.chat(role, request, hooks);
}

describe('escalation on a real llama.cpp server', () => {
  it('the small model answers, the format check escalates, the large model answers', async () => {
    const small = { engine: 'remote', modelId: 'custom:small' } as const;
    const large = { engine: 'remote', modelId: 'custom:large' } as const;
    const side: SideConfig = {
      label: 'Escalation',
      protocol: { type: 'escalation', check: { kind: 'format', format: 'number' } },
      roles: [
        makeRole('small', small, { maxTokens: 6, temperature: 0.7 }),
        makeRole('large', large, { maxTokens: 12, temperature: 0.3 }),
      ],
    };
    const chat = await remoteTeamChat([small.modelId, large.modelId]);
    const before = server.stats.completions;
    const result = await runSide(
      side,
      { question: 'Tom has 3 apples and buys 4 more. How many apples has he?', answerKind: 'math' },
      { chat, signal: new AbortController().signal, emit: () => {} },
    );
    expect(result.status).toBe('done');
    const [smallTurn, largeTurn] = result.turns;
    // Two real completions, one per model, with the server's own token counts.
    expect(server.stats.completions - before).toBe(2);
    expect(smallTurn?.step).toBe('small-answer');
    expect(smallTurn?.usage.completionTokens).toBeLessThanOrEqual(6);
    expect(smallTurn?.usage.promptTokens).toBeGreaterThan(20);
    const escalated = result.escalation?.escalated;
    if (escalated) {
      expect(result.escalation?.reason).toMatch(/has no number/);
      expect(largeTurn?.step).toBe('large-answer');
      expect(largeTurn?.escalatedBecause).toBe(result.escalation?.reason);
      expect(largeTurn?.usage.completionTokens).toBeLessThanOrEqual(12);
    } else {
      // Random words could still hold a digit: then the small model's answer stands.
      expect(result.turns).toHaveLength(1);
    }
    console.log(
      `escalation on llama.cpp: escalated ${String(escalated)}; ` +
        result.turns
          .map(
            (t) =>
              `${t.roleName}: ${t.usage.promptTokens}+${t.usage.completionTokens} tokens, ` +
              `${Math.round(t.usage.wallMs)} ms`,
          )
          .join('; '),
    );
  }, 180_000);

  it('a 4-item math batch: share escalated and each model’s spend, next to always small and large', async () => {
    const small = { engine: 'remote', modelId: 'custom:small-b' } as const;
    const large = { engine: 'remote', modelId: 'custom:large-b' } as const;
    const side: SideConfig = {
      label: 'Escalation',
      protocol: { type: 'escalation', check: { kind: 'agreement', samples: 3, threshold: 2 } },
      roles: [
        makeRole('small', small, { maxTokens: 6, temperature: 1 }),
        makeRole('large', large, { maxTokens: 12, temperature: 0.3 }),
      ],
    };
    const escalation: BatchConfig = { id: 'esc', label: 'Escalation', side };
    const [alwaysSmall, alwaysLarge] = escalationBaselines(side, [escalation]);
    const batch = testBatch(
      [
        escalation,
        { id: 'small', label: 'Always small', side: alwaysSmall! },
        { id: 'large', label: 'Always large', side: alwaysLarge! },
      ],
      { ...mathSet, items: mathSet.items.slice(0, 4) },
    );
    const store = new MemoryBatchStore();
    const chat = await remoteTeamChat([small.modelId, large.modelId]);
    const started = Date.now();
    const end = await runBatch(batch, [], { chat, store, signal: new AbortController().signal });
    const wallMs = Date.now() - started;
    expect(end).toEqual({ status: 'done' });
    const rows = await store.itemsOf(batch.id);
    const summary = summarize(batch, rows);
    const [e] = summary.escalation;
    expect(e?.items).toBe(4);
    expect(e?.decided).toBe(4);
    expect(e?.escalatedShare).toBe(e!.escalated / 4);
    expect([e?.alwaysSmallId, e?.alwaysLargeId]).toEqual(['small', 'large']);
    // Each model's figures are its own calls', as the server counted them.
    const turns = rows.flatMap((r) => r.sides.find((s) => s.configId === 'esc')!.turns);
    const [smallSpend, largeSpend] = e!.models;
    expect(smallSpend?.calls).toBe(12);
    expect(largeSpend?.calls).toBe(e!.escalated);
    expect(smallSpend!.totalTokens + largeSpend!.totalTokens).toBe(
      turns.reduce((n, t) => n + t.promptTokens + t.completionTokens, 0),
    );
    const accuracy = (id: string) => summary.configs.find((c) => c.configId === id)!.accuracy.mean;
    console.log(
      `4 math items on llama.cpp (tiny GGUF), ${Math.round(wallMs)} ms: escalated ` +
        `${e!.escalated}/4; accuracy escalation ${accuracy('esc')}, always small ` +
        `${accuracy('small')}, always large ${accuracy('large')}; small model ` +
        `${smallSpend!.calls} calls ${smallSpend!.totalTokens} tokens ` +
        `${Math.round(smallSpend!.wallMs)} ms; large model ${largeSpend!.calls} calls ` +
        `${largeSpend!.totalTokens} tokens ${Math.round(largeSpend!.wallMs)} ms`,
    );
  }, 180_000);
});
