import { describe, expect, test } from 'vitest';
import { createScriptedTeamChat, fastScript } from '../../testing/scripted-chat';
import { runScripted, testRole, testSide } from '../../testing/fixtures';
import { functionCallSet } from '../../eval/sets/function-calls';
import { itemInput } from '../../batch/runner';
import { formatToolCall } from '../../tools/parse-tool-calls';
import { scoreItem } from '../../eval/score-any-item';

const item = functionCallSet.items.find((i) => i.id === 'simple-1')!;
const lisbon = formatToolCall({ name: 'get_weather', arguments: { city: 'Lisbon' } });

describe('a function-calling question', () => {
  test('Solo sees the functions, writes under their grammar, and its calls are the answer', async () => {
    const { result, calls } = await runScripted(
      testSide({ type: 'solo' }, [testRole('solo')]),
      { 'scripted-main': fastScript([{ reply: `I will check.\n${lisbon}` }]) },
      { input: itemInput(item) },
    );
    expect(result.status).toBe('done');
    const user = calls[0]!.request.messages.at(-1)!.content;
    expect(user).toContain('"name":"get_weather"');
    expect(user).toContain('<tool_call>');
    // In-tab: calls that fit get_weather, or a plain sentence.
    expect(calls[0]!.request.grammar).toMatch(/^root ::= calls \| /);
    expect(calls[0]!.request.grammar).toContain('get_weather');
    expect(result.finalAnswer).toBe(lisbon);
    expect(scoreItem(item, result.finalAnswer)).toEqual({
      correct: 1,
      extracted: 'get_weather(city="Lisbon")',
      calls: { valid: 1, reason: '' },
    });
  });

  test('a team: the reasoner reasons freely, the answerer writes the calls under the grammar', async () => {
    const side = testSide({ type: 'reasoner-answerer' }, [
      testRole('reasoner', 'scripted-main'),
      testRole('answerer', 'scripted-answerer'),
    ]);
    const { result, calls } = await runScripted(
      side,
      {
        'scripted-main': fastScript([{ reply: 'Steps:\n1. Lisbon weather.\nConclusion: call it' }]),
        'scripted-answerer': fastScript([{ reply: lisbon }]),
      },
      { input: itemInput(item) },
    );
    expect(calls.map((c) => c.request.grammar === undefined)).toEqual([true, false]);
    // The answerer's 48 tokens would cut its calls off: it may write FUNCTION_ANSWER_MIN_TOKENS.
    expect(calls.map((c) => c.request.sampling.max_tokens)).toEqual([200, 512]);
    const answerer = calls[1]!.request.messages.at(-1)!.content;
    expect(answerer).toContain('<tools>');
    expect(answerer).toContain('Give the final answer: the function calls');
    expect(result.finalAnswer).toBe(lisbon);
  });

  test("a server's model gets the functions as OpenAI tools, not a grammar", async () => {
    const role = testRole('solo', 'scripted-main', {
      model: { engine: 'remote', modelId: 'scripted-main' },
    });
    const team = await createScriptedTeamChat({
      'scripted-main': fastScript([{ reply: lisbon }]),
    });
    const { result } = await runScripted(
      testSide({ type: 'solo' }, [role]),
      {},
      {
        input: itemInput(item),
        chat: (r, request, hooks) =>
          team.chat(
            { ...r, model: { engine: 'scripted', modelId: r.model.modelId } },
            request,
            hooks,
          ),
      },
    );
    expect(result.finalAnswer).toBe(lisbon);
    expect(team.calls[0]!.request.tools?.map((t) => t.name)).toEqual(['get_weather']);
    expect(team.calls[0]!.request.grammar).toBeUndefined();
  });

  test('a question without functions gets neither grammar nor tools', async () => {
    const { calls } = await runScripted(
      testSide({ type: 'solo' }, [testRole('solo')]),
      { 'scripted-main': fastScript([{ reply: 'Answer: 4' }]) },
      { input: { question: 'What is 2 + 2?' } },
    );
    expect(calls[0]!.request.grammar).toBeUndefined();
    expect(calls[0]!.request.tools).toBeUndefined();
    expect(calls[0]!.request.messages.at(-1)!.content).not.toContain('<tools>');
  });
});
