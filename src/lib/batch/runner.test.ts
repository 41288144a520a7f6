import { describe, expect, test } from 'vitest';
import { scriptedTokens } from '../../../workers/engines/scripted-engine';
import { createScriptedTeamChat, fastScript } from '../testing/scripted-chat';
import { MemoryBatchStore } from '../storage/batch-store';
import type { BatchItemRecord } from '../storage/batch-records';
import { firstUnfinished, itemInput, runBatch } from './runner';
import { gold, scripts, testBatch, testConfigs, TEST_SET } from '../testing/batch-fixtures';
import { mathSet } from '../eval/sets';
import { AgentError } from '../engine/errors';

describe('runBatch', () => {
  test('runs every config on every item, scores each answer and stores each item at once', async () => {
    const { chat, calls } = await createScriptedTeamChat(
      scripts({ 1: gold(1), 2: gold(2) }, { 1: { draft: gold(1) }, 3: { draft: gold(3) } }),
    );
    const store = new MemoryBatchStore();
    const batch = testBatch();
    const stored: number[] = [];
    const end = await runBatch(batch, [], {
      chat,
      store,
      signal: new AbortController().signal,
      onItemDone: async (record) => {
        stored.push((await store.itemsOf(batch.id)).length);
        expect(record.sides.map((s) => s.configId)).toEqual(['solo', 'team']);
      },
    });
    expect(end).toEqual({ status: 'done' });
    expect(stored).toEqual([1, 2, 3, 4]);
    const items = await store.itemsOf(batch.id);
    expect(items.map((i) => i.index)).toEqual([0, 1, 2, 3]);
    const correct = (configId: string) =>
      items.map((i) => i.sides.find((s) => s.configId === configId)?.scores.correct);
    expect(correct('solo')).toEqual([1, 1, 0, 0]);
    expect(correct('team')).toEqual([1, 0, 1, 0]);
    // The team cites both gold sentences as "sentence 2" (1-based): facts are exact.
    expect(items[0]!.sides[1]!.scores.facts).toEqual({ em: 1, precision: 1, recall: 1, f1: 1 });
    expect(items[0]!.sides[1]!.scores.joint?.em).toBe(1);
    // Solo cites nothing by design: no supporting-fact scores.
    expect(items[0]!.sides[0]!.scores.facts).toBeUndefined();
    // Per item: Solo 1 call, the team 3 (draft, accepting review, answer).
    expect(calls).toHaveLength(4 * 4);
    expect(items[0]!.sides[1]!.calls).toBe(3);
    expect(items[0]!.sides[1]!.totalTokens).toBe(
      items[0]!.sides[1]!.promptTokens + items[0]!.sides[1]!.completionTokens,
    );
    expect(items[0]!.sides[1]!.turns.map((t) => t.step)).toEqual(['reason', 'critique', 'answer']);
  });

  test("a reasoning model's thinking tokens are kept in its turn summaries", async () => {
    const base = scripts({});
    const thinker = fastScript([{ reply: '<think>\nweighing it up\n</think>\n\nAnswer: Nowhere' }]);
    const { chat } = await createScriptedTeamChat({ ...base, 'scripted-solo': thinker });
    const store = new MemoryBatchStore();
    const batch = testBatch();
    await runBatch(batch, [], { chat, store, signal: new AbortController().signal });
    const [first] = await store.itemsOf(batch.id);
    const solo = first?.sides.find((s) => s.configId === 'solo')?.turns[0];
    expect(solo?.thinkingTokens).toBe(scriptedTokens('<think>\nweighing it up\n</think>').length);
    expect(solo?.thinkingTokens).toBeLessThan(solo?.completionTokens ?? 0);
    const team = first?.sides.find((s) => s.configId === 'team')?.turns ?? [];
    expect(team.length).toBeGreaterThan(0);
    for (const turn of team) expect(turn).not.toHaveProperty('thinkingTokens');
  });

  test('after an interruption mid-item, a new run continues from the first unfinished item', async () => {
    const team = await createScriptedTeamChat(scripts({ 1: gold(1) }));
    const store = new MemoryBatchStore();
    const batch = testBatch();
    const controller = new AbortController();
    let current = -1;
    const first = await runBatch(batch, [], {
      chat: team.chat,
      store,
      signal: controller.signal,
      onItemStart: (index) => (current = index),
      // Interrupt item 3 (index 2) while its team is thinking: Solo has answered it already.
      onEvent: (configId, event) => {
        if (current === 2 && configId === 'team' && event.type === 'turn-start') controller.abort();
      },
    });
    expect(first).toEqual({ status: 'aborted' });
    const kept = await store.itemsOf(batch.id);
    expect(kept.map((i) => i.index)).toEqual([0, 1]);
    expect(firstUnfinished(batch.items.length, [0, 1])).toBe(2);

    const resumed = await createScriptedTeamChat(scripts({ 1: gold(1) }));
    const started: number[] = [];
    const second = await runBatch(
      batch,
      kept.map((i) => i.index),
      {
        chat: resumed.chat,
        store,
        signal: new AbortController().signal,
        onItemStart: (index) => started.push(index),
      },
    );
    expect(second).toEqual({ status: 'done' });
    expect(started).toEqual([2, 3]);
    expect(resumed.calls[0]!.request.messages.at(-1)!.content).toContain('Q3:');
    const all = await store.itemsOf(batch.id);
    expect(all.map((i) => i.index)).toEqual([0, 1, 2, 3]);
    expect(new Set(all.map((i) => i.id)).size).toBe(4);
  });

  test('resuming skips finished items that are not a prefix', async () => {
    const { chat } = await createScriptedTeamChat(scripts({}));
    const started: number[] = [];
    await runBatch(testBatch(), [0, 2], {
      chat,
      store: new MemoryBatchStore(),
      signal: new AbortController().signal,
      onItemStart: (index) => started.push(index),
    });
    expect(started).toEqual([1, 3]);
  });

  test('a model that is gone ends the run as failed, dropping the item; other failures score 0', async () => {
    const store = new MemoryBatchStore();
    let calls = 0;
    const crashing = await runBatch(testBatch(), [], {
      chat: async () => {
        calls++;
        throw new AgentError('WorkerCrashedError', 'The worker died.');
      },
      store,
      signal: new AbortController().signal,
    });
    expect(crashing).toMatchObject({
      status: 'failed',
      index: 0,
      error: { name: 'WorkerCrashedError' },
    });
    expect(calls).toBe(1);
    expect(await store.itemsOf('batch-1')).toEqual([]);

    const failing = await runBatch(testBatch(), [], {
      chat: async () => {
        throw new AgentError('GenerationError', 'Bad output.');
      },
      store,
      signal: new AbortController().signal,
    });
    expect(failing).toEqual({ status: 'done' });
    const items = await store.itemsOf('batch-1');
    expect(items).toHaveLength(4);
    expect(items[0]!.sides.map((s) => [s.status, s.scores.correct])).toEqual([
      ['failed', 0],
      ['failed', 0],
    ]);
    // A citing side that failed still gets (zero) fact scores: a missing prediction counts 0.
    expect(items[0]!.sides[1]!.scores.facts?.f1).toBe(0);
  });

  test('a store that refuses writes does not stop the batch', async () => {
    const store = new MemoryBatchStore();
    store.putItem = async () => {
      throw new Error('disk full');
    };
    const { chat } = await createScriptedTeamChat(scripts({}));
    const done: BatchItemRecord[] = [];
    const end = await runBatch(testBatch(), [], {
      chat,
      store,
      signal: new AbortController().signal,
      onItemDone: (r) => done.push(r),
    });
    expect(end.status).toBe('done');
    expect(done).toHaveLength(4);
  });

  test('math and yes/no items are asked without context; multi-hop items with their paragraphs', () => {
    expect(itemInput(mathSet.items[0]!)).toEqual({
      question: mathSet.items[0]!.question,
      answerKind: 'math',
    });
    const input = itemInput(TEST_SET.items[0]!);
    expect(input.context?.map((p) => p.title)).toEqual(['Alder Mill', 'Ann Alder']);
  });

  test('critic-loop items record the draft conclusion, the revisions and the draft score', async () => {
    const { chat } = await createScriptedTeamChat(
      scripts({}, { 1: { draft: 'Wrongton', revised: gold(1) }, 2: { draft: gold(2) } }),
    );
    const store = new MemoryBatchStore();
    await runBatch(testBatch(testConfigs('critic-loop')), [], {
      chat,
      store,
      signal: new AbortController().signal,
    });
    const [one, two] = await store.itemsOf('batch-1');
    expect(one!.sides[1]!.draft).toEqual({ answer: 'Wrongton', revisions: 1, correct: 0 });
    expect(one!.sides[1]!.scores.correct).toBe(1);
    expect(one!.sides[1]!.turns.map((t) => t.verdict)).toEqual([
      undefined,
      'revise',
      undefined,
      'accept',
      undefined,
    ]);
    expect(two!.sides[1]!.draft).toEqual({ answer: gold(2), revisions: 0, correct: 1 });
  });

  describe('items at once (concurrency)', () => {
    /** A chat that answers after the test lets it, counting calls in flight. */
    function gatedChat() {
      let inFlight = 0;
      let most = 0;
      const waiting: Array<() => void> = [];
      const chat: Parameters<typeof runBatch>[2]['chat'] = async (_role, request) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise<void>((resolve) => waiting.push(resolve));
        inFlight--;
        const asked = request.messages.at(-1)!.content;
        const n = Number(/Q(\d+):/.exec(asked)?.[1] ?? 0);
        return {
          text: `Answer: ${n ? gold(n) : 'none'}`,
          finishReason: 'stop',
          usage: {
            promptTokens: 5,
            completionTokens: 3,
            ttftMs: 1,
            decodeTokensPerSec: 1,
            wallMs: 2,
          },
          queuedMs: 0,
        };
      };
      /** Lets the waiting calls answer, newest first, until none is left and nothing new comes. */
      const drain = async () => {
        for (let spins = 0; spins < 500; spins++) {
          await new Promise((r) => setTimeout(r, 0));
          const call = waiting.pop();
          if (call) call();
        }
      };
      return { chat, drain, most: () => most };
    }

    test('up to N items run at once, each stored when it finishes, in the order they finish', async () => {
      const { chat, drain, most } = gatedChat();
      const store = new MemoryBatchStore();
      const batch = testBatch(testConfigs().slice(0, 1));
      const started: number[] = [];
      const running = runBatch(batch, [], {
        chat,
        store,
        signal: new AbortController().signal,
        concurrency: 3,
        onItemStart: (i) => started.push(i),
      });
      await drain();
      expect(await running).toEqual({ status: 'done' });
      expect(most()).toBe(3);
      expect(started).toEqual([0, 1, 2, 3]);
      const items = await store.itemsOf(batch.id);
      expect(items.map((i) => i.index).sort()).toEqual([0, 1, 2, 3]);
      // Each item is scored against its own gold answer, whatever order they ran in.
      expect(items.map((i) => i.sides[0]!.scores.correct)).toEqual([1, 1, 1, 1]);
    });

    test('one at a time by default', async () => {
      const { chat, drain, most } = gatedChat();
      const running = runBatch(testBatch(testConfigs().slice(0, 1)), [], {
        chat,
        store: new MemoryBatchStore(),
        signal: new AbortController().signal,
      });
      await drain();
      await running;
      expect(most()).toBe(1);
    });

    test('a model gone for good starts no new item; items already running finish and are kept', async () => {
      const store = new MemoryBatchStore();
      let call = 0;
      const release: Array<() => void> = [];
      const chat: Parameters<typeof runBatch>[2]['chat'] = async () => {
        const mine = ++call;
        if (mine === 2) throw new AgentError('WorkerCrashedError', 'gone');
        await new Promise<void>((resolve) => release.push(resolve));
        return {
          text: 'Answer: x',
          finishReason: 'stop',
          usage: {
            promptTokens: 1,
            completionTokens: 1,
            ttftMs: 1,
            decodeTokensPerSec: 1,
            wallMs: 1,
          },
          queuedMs: 0,
        };
      };
      const started: number[] = [];
      const running = runBatch(testBatch(testConfigs().slice(0, 1)), [], {
        chat,
        store,
        signal: new AbortController().signal,
        concurrency: 2,
        onItemStart: (i) => started.push(i),
      });
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 0));
        release.shift()?.();
      }
      expect(await running).toMatchObject({ status: 'failed', index: 1 });
      expect(started).toEqual([0, 1]);
      expect((await store.itemsOf('batch-1')).map((i) => i.index)).toEqual([0]);
    });

    test('Stop ends every item in flight; none of them is stored', async () => {
      const { chat } = gatedChat();
      const controller = new AbortController();
      const store = new MemoryBatchStore();
      const running = runBatch(testBatch(testConfigs().slice(0, 1)), [], {
        chat: (role, request, hooks) => {
          const answer = chat(role, request, hooks);
          return Promise.race([
            answer,
            new Promise<never>((_, reject) =>
              hooks?.signal?.addEventListener('abort', () =>
                reject(new AgentError('AbortError', 'Stopped by the user.')),
              ),
            ),
          ]);
        },
        store,
        signal: controller.signal,
        concurrency: 4,
      });
      await new Promise((r) => setTimeout(r, 0));
      controller.abort();
      expect(await running).toEqual({ status: 'aborted' });
      expect(await store.itemsOf('batch-1')).toEqual([]);
    });
  });
});
