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
import { InProcessAgent } from '../../src/lib/testing/in-process-agent';
import { runSide } from '../../src/lib/team/protocols/run-side';
import type { TeamChat } from '../../src/lib/team/protocols/types';
import { makeRole } from '../../src/lib/team/presets';
import type { SideConfig } from '../../src/lib/team/config';
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

/** One in-process agent per model id, each on the remote engine, loaded on the server. */
async function remoteTeamChat(modelIds: string[]): Promise<TeamChat> {
  const agents = new Map<string, InProcessAgent>();
  for (const modelId of modelIds) {
    const agent = new InProcessAgent({
      createEngine: async () => new RemoteEngine({ origin: 'http://127.0.0.1:4174' }),
    });
    await agent.load(
      {
        engine: 'remote',
        modelId,
        modelUrl: `${server.url}/v1`,
        serverModel: 'tiny-chat',
        contextWindow: 1024,
      },
      () => {},
    );
    agents.set(modelId, agent);
  }
  return (role, request, hooks) => agents.get(role.model.modelId)!.chat(request, hooks);
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
});
