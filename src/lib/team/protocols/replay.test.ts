import { describe, expect, test } from 'vitest';
import { presetSide } from '../presets';
import { runSide } from './run-side';
import type { ProtocolDeps, ProtocolEvent, SideResult, TeamChat } from './types';
import { sideTotals } from '../budget';

const model = { engine: 'scripted' as const, modelId: 'm' };
const side = presetSide('critic-loop', model);
const input = { question: 'Where was Helena Varga born?' };

/** A chat that answers by role and counts its calls. */
function chatCounting(replies: Record<string, string>) {
  const calls: string[] = [];
  const chat: TeamChat = async (role, request) => {
    calls.push(role.kind);
    const text = replies[role.kind] ?? 'x';
    void request;
    return {
      text,
      finishReason: 'stop',
      usage: {
        promptTokens: 10,
        completionTokens: 5,
        ttftMs: 1,
        decodeTokensPerSec: 50,
        wallMs: 5,
      },
    };
  };
  return { chat, calls };
}

const deps = (chat: TeamChat, extra: Partial<ProtocolDeps> = {}): ProtocolDeps => ({
  chat,
  signal: new AbortController().signal,
  emit: (_: ProtocolEvent) => {},
  now: () => 0,
  ...extra,
});

const REPLIES = {
  reasoner:
    'Steps:\n1. She was born in Szeged.\nConclusion: Szeged\nReferences:\n[Helena Varga, sentence 2]',
  critic: '{"verdict":"accept","feedback":""}',
  answerer: 'Szeged',
};

describe('a fork (replay of a parent run)', () => {
  let parent: SideResult;

  test('the parent run: reasoner, critic, answerer', async () => {
    const { chat, calls } = chatCounting(REPLIES);
    parent = await runSide(side, input, deps(chat));
    expect(calls).toEqual(['reasoner', 'critic', 'answerer']);
  });

  test('editing the reasoner re-runs only the calls after it, which see the edit', async () => {
    const seen: string[] = [];
    const { chat, calls } = chatCounting({ ...REPLIES, answerer: 'Vienna' });
    const spy: TeamChat = (role, request, hooks) => {
      seen.push(String(request.messages.at(-1)?.content));
      return chat(role, request, hooks);
    };
    const edited = 'Steps:\n1. She was born in Vienna.\nConclusion: Vienna';
    const fork = await runSide(
      side,
      input,
      deps(spy, { replay: { turns: parent.turns, editedIndex: 0, editedOutput: edited } }),
    );
    expect(calls).toEqual(['critic', 'answerer']);
    expect(seen[0]).toContain('Conclusion: Vienna');
    expect(fork.finalAnswer).toBe('Vienna');
    expect(fork.turns.map((t) => t.reused)).toEqual(['edited', undefined, undefined]);
    expect(fork.turns[0]!.output).toBe(edited);
    expect(fork.turns[0]!.usage.completionTokens).toBe(0);
    expect(sideTotals(fork.turns).calls).toBe(2);
  });

  test('a side replayed whole calls no model and keeps its answer', async () => {
    const { chat, calls } = chatCounting({});
    const again = await runSide(
      side,
      input,
      deps(chat, { replay: { turns: parent.turns, editedIndex: Infinity, editedOutput: '' } }),
    );
    expect(calls).toEqual([]);
    expect(again.finalAnswer).toBe('Szeged');
    expect(again.turns.every((t) => t.reused === 'parent')).toBe(true);
    expect(sideTotals(again.turns).calls).toBe(0);
  });

  test("a fork with a role's prompt edited reuses the turns before that role's turn as they were", async () => {
    const { chat, calls } = chatCounting(REPLIES);
    const fork = await runSide(
      side,
      input,
      deps(chat, { replay: { turns: parent.turns, editedIndex: 0 } }),
    );
    expect(calls).toEqual(['critic', 'answerer']);
    expect(fork.turns.map((t) => t.reused)).toEqual(['parent', undefined, undefined]);
    expect(fork.turns[0]!.output).toBe(parent.turns[0]!.output);
  });

  test('a fork whose calls no longer match its parent runs from there, and says so', async () => {
    const { chat, calls } = chatCounting(REPLIES);
    const other = presetSide('reasoner-answerer', model);
    const fork = await runSide(
      other,
      input,
      deps(chat, { replay: { turns: parent.turns, editedIndex: 1, editedOutput: 'x' } }),
    );
    expect(calls).toEqual(['answerer']);
    expect(fork.warnings.join(' ')).toContain('leaves its parent run at call 2');
  });
});
