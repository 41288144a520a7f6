import { describe, expect, test } from 'vitest';
import { scriptedTokens } from '../../../../workers/engines/scripted-engine';
import type { ScriptRule } from '../../engine/types';
import { criticLoopOutcome, expectedCalls, sideTotals, type CriticLoopOutcome } from '../budget';
import { CRITIC_RETRY_MESSAGE, revisionMessage } from '../prompts';
import { fastScript } from '../../testing/scripted-chat';
import { runScripted, streamedText, testRole, testSide } from '../../testing/fixtures';
import type { SideResult } from './types';

const DRAFT = 'Steps: she settled in Eastbrook. Conclusion: Eastbrook [Eastbrook, sentence 1]';
const REVISED =
  'Steps: REVISED she was born in Szeged. Conclusion: Szeged [Helena Varga, sentence 2]';
const ACCEPT = '{"verdict":"accept","feedback":""}';
const REVISE = '{"verdict":"revise","feedback":"Check where she was born, not where she lived."}';

const reasonerRules: ScriptRule[] = [
  { match: 'ROLE:reasoner\\nA reviewer', reply: REVISED },
  { match: 'ROLE:reasoner', reply: DRAFT },
  { match: 'ROLE:answerer[\\s\\S]*REVISED', reply: 'Szeged' },
  { match: 'ROLE:answerer', reply: 'Eastbrook' },
];

const sideWith = (maxRounds: number, criticModel = 'scripted-main') =>
  testSide({ type: 'critic-loop', maxRounds }, [
    testRole('reasoner'),
    testRole('critic', criticModel),
    testRole('answerer'),
  ]);

const run = (maxRounds: number, criticRules: ScriptRule[]) =>
  runScripted(sideWith(maxRounds), {
    'scripted-main': fastScript([...criticRules, ...reasonerRules]),
  });

/** Calls made equal the formula, for the outcome read from the turns and the one expected. */
function expectCalls(result: SideResult, maxRounds: number, outcome: CriticLoopOutcome) {
  const protocol = { type: 'critic-loop', maxRounds } as const;
  expect(criticLoopOutcome(result.turns)).toEqual(outcome);
  expect(sideTotals(result.turns).calls).toBe(expectedCalls(protocol, outcome));
}

const steps = (result: SideResult) => result.turns.map((t) => `${t.step}${t.round ?? ''}`);

describe('critic loop', () => {
  test('an accept in round 1 stops early', async () => {
    const { result, calls } = await run(3, [{ match: 'ROLE:critic', reply: ACCEPT }]);
    expect(result.status).toBe('done');
    expect(steps(result)).toEqual(['reason0', 'critique1', 'answer']);
    expect(result.turns[1]?.verdict).toEqual({ verdict: 'accept', feedback: '' });
    expect(result.finalAnswer).toBe('Eastbrook');
    expect(calls[1]?.request.responseFormat?.type).toBe('json_object');
    expect(JSON.parse(calls[1]?.request.responseFormat?.schema ?? '')).toHaveProperty('required');
    expectCalls(result, 3, { rounds: 1, retries: 0, endedOn: 'accept' });
  });

  test('revise, then accept the revision; the answerer uses the revision', async () => {
    const { result } = await run(3, [
      { match: 'ROLE:critic[\\s\\S]*REVISED', reply: ACCEPT },
      { match: 'ROLE:critic', reply: REVISE },
    ]);
    expect(steps(result)).toEqual(['reason0', 'critique1', 'revise1', 'critique2', 'answer']);
    expect(result.turns[2]?.messages.at(-1)?.content).toContain(
      'Check where she was born, not where she lived.',
    );
    expect(result.turns[2]?.messages[2]).toEqual({ role: 'assistant', content: DRAFT });
    expect(result.finalAnswer).toBe('Szeged');
    expect(result.references).toEqual(['[Helena Varga, sentence 2]']);
    expectCalls(result, 3, { rounds: 2, retries: 0, endedOn: 'accept' });
  });

  test('the round limit holds; the last revise is still revised', async () => {
    const { result } = await run(2, [{ match: 'ROLE:critic', reply: REVISE }]);
    expect(result.status).toBe('done');
    expect(steps(result)).toEqual([
      'reason0',
      'critique1',
      'revise1',
      'critique2',
      'revise2',
      'answer',
    ]);
    // The second revision sees both rounds: the first draft and its feedback, then the latest.
    expect(result.turns[4]?.messages.slice(2).map((m) => [m.role, m.content])).toEqual([
      ['assistant', DRAFT],
      ['user', revisionMessage('Check where she was born, not where she lived.')],
      ['assistant', REVISED],
      ['user', revisionMessage('Check where she was born, not where she lived.')],
    ]);
    expectCalls(result, 2, { rounds: 2, retries: 0, endedOn: 'revise' });
  });

  test('a malformed verdict is retried once (a json fence is fine)', async () => {
    const { result, calls } = await run(3, [
      { match: 'not valid JSON', reply: '```json\n' + ACCEPT + '\n```' },
      { match: 'ROLE:critic', reply: 'Looks good to me!' },
    ]);
    expect(steps(result)).toEqual(['reason0', 'critique1', 'critique-retry1', 'answer']);
    expect(result.turns[1]?.verdict).toBeUndefined();
    expect(result.turns[2]?.verdict).toEqual({ verdict: 'accept', feedback: '' });
    const retry = calls[2]?.request;
    expect(retry?.messages.slice(2)).toEqual([
      { role: 'assistant', content: 'Looks good to me!' },
      { role: 'user', content: CRITIC_RETRY_MESSAGE },
    ]);
    expect(retry?.responseFormat?.type).toBe('json_object');
    expect(retry?.sampling.seed).toBe(11);
    expect(result.warnings).toEqual([]);
    expectCalls(result, 3, { rounds: 1, retries: 1, endedOn: 'accept' });
  });

  test('malformed twice counts as accept with a warning, never a hang', async () => {
    const { result } = await run(5, [{ match: 'ROLE:critic', reply: 'Fine.' }]);
    expect(result.status).toBe('done');
    expect(steps(result)).toEqual(['reason0', 'critique1', 'critique-retry1', 'answer']);
    expect(result.warnings).toEqual([
      "Round 1: Critic's verdict could not be read twice (the reply was not valid JSON); " +
        'treated as accept.',
    ]);
    expectCalls(result, 5, { rounds: 1, retries: 1, endedOn: 'accept' });
  });

  test('a retry that says revise continues the loop', async () => {
    const { result } = await run(3, [
      { match: 'not valid JSON', reply: REVISE },
      { match: 'ROLE:critic[\\s\\S]*REVISED', reply: ACCEPT },
      { match: 'ROLE:critic', reply: 'Hmm' },
    ]);
    expect(steps(result)).toEqual([
      'reason0',
      'critique1',
      'critique-retry1',
      'revise1',
      'critique2',
      'answer',
    ]);
    expect(result.finalAnswer).toBe('Szeged');
    expectCalls(result, 3, { rounds: 2, retries: 1, endedOn: 'accept' });
  });

  test('abort mid-critique returns stopped with the partial text and the worker figures', async () => {
    let criticTokens = 0;
    const { result, events } = await runScripted(
      sideWith(3),
      {
        'scripted-main': fastScript([{ match: 'ROLE:critic', reply: REVISE }, ...reasonerRules], {
          tokensPerSecond: 200,
        }),
      },
      {
        onEvent: (event, controller) => {
          if (event.type === 'token' && event.turnIndex === 1 && ++criticTokens === 2)
            controller.abort();
        },
      },
    );
    expect(result.status).toBe('stopped');
    expect(result.error).toBeUndefined();
    expect(result.turns.map((t) => t.status)).toEqual(['done', 'stopped']);
    const stopped = result.turns[1]!;
    const streamed = events.filter((e) => e.type === 'token' && e.turnIndex === 1).length;
    // What the model generated before it saw the stop: at least the 2 tokens seen, not all.
    expect(streamed).toBeGreaterThanOrEqual(2);
    expect(streamed).toBeLessThan(scriptedTokens(REVISE).length);
    expect(stopped.output).toBe(scriptedTokens(REVISE).slice(0, streamed).join(''));
    expect(stopped.output).toBe(streamedText(events, 1));
    expect(stopped.usage.completionTokens).toBe(streamed);
    // The worker answered the stop: its prompt count and decode rate are kept.
    expect(stopped.usage.promptTokens).toBeGreaterThan(0);
    expect(stopped.finishReason).toBe('abort');
    expect(events.at(-1)?.type).toBe('side-end');
  });

  test('a failing critic ends the side as failed; the draft is kept', async () => {
    const { result } = await runScripted(sideWith(2, 'scripted-critic'), {
      'scripted-main': fastScript(reasonerRules),
      'scripted-critic': fastScript([{ reply: ACCEPT }], { failAfterTokens: 0 }),
    });
    expect(result.status).toBe('failed');
    expect(result.error?.name).toBe('GenerationError');
    expect(result.turns.map((t) => [t.step, t.status])).toEqual([
      ['reason', 'done'],
      ['critique', 'failed'],
    ]);
    expect(result.turns[0]?.output).toBe(DRAFT);
  });
});
