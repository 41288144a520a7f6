import { describe, expect, test } from 'vitest';
import {
  criticLoopOutcome,
  crossVerifyOutcome,
  expectedCalls,
  fairSampleCount,
  sideTotals,
  totalsRatio,
} from '../budget';
import type { SideConfig } from '../config';
import { defaultExperiment, PRESETS } from '../presets';
import { fastScript, scriptedModel } from '../../testing/scripted-chat';
import { runScripted } from '../../testing/fixtures';
import { inProcessSandbox } from '../../testing/in-process-sandbox';
import { runSide } from './run-side';
import type { ProtocolEvent, SideResult } from './types';

/** One scripted model that plays every preset role, matching the preset prompts. */
const script = fastScript([
  {
    match: 'You are the Reasoner',
    reply:
      'Steps:\n1. The library was designed by Helena Varga.\n2. She was born in Szeged.\n' +
      'Conclusion: Szeged\nReferences:\n[Marlow Library, sentence 2]\n[Helena Varga, sentence 2]',
  },
  { match: 'You are the Critic', reply: '{"verdict":"accept","feedback":""}' },
  // Cross-verification: an answerer's check of the other's answer.
  { match: 'Another assistant answered', reply: '{"verdict":"accept","feedback":""}' },
  { match: 'You are the Answerer', reply: 'Szeged' },
  { match: 'You are the Judge', reply: 'Answer 1 is right.\nAnswer: Szeged' },
  { reply: 'The architect was born in Szeged.\nAnswer: Szeged' },
]);
const model = scriptedModel('scripted-main');

const callsFor = (side: SideConfig, result: SideResult) => {
  const { protocol } = side;
  if (protocol.type === 'critic-loop')
    return expectedCalls(protocol, criticLoopOutcome(result.turns));
  if (protocol.type === 'escalation')
    return expectedCalls(protocol, {
      retries: result.turns.filter((t) => t.step === 'critique-retry').length,
      escalated: result.escalation?.escalated ?? false,
    });
  if (protocol.type === 'cross-verify')
    return expectedCalls(protocol, crossVerifyOutcome(result.turns));
  if (protocol.type === 'software-team') throw new Error('Not a preset: software-team.test.ts');
  return expectedCalls(protocol);
};

describe('runSide', () => {
  test.each(PRESETS.map((p) => [p.id, p] as const))('preset %s runs to the end', async (_id, p) => {
    const side = p.build(model);
    // The tool agent needs its sandboxes; the script calls no tool, so none starts.
    const sandbox = inProcessSandbox();
    const { result, calls } = await runScripted(
      side,
      { 'scripted-main': script },
      { toolSandbox: sandbox },
    );
    sandbox.dispose();
    expect(result.status).toBe('done');
    expect(result.finalAnswer).toBe('Szeged');
    // Cross-verification says when it skips its reconciler (both answerers agreed).
    expect(result.warnings).toEqual(
      p.id === 'cross-verify'
        ? [
            'Both answerers gave the same answer (Szeged) and neither check rejected it: the ' +
              'reconciler was not called.',
          ]
        : [],
    );
    expect(calls).toHaveLength(callsFor(side, result));
    expect(sideTotals(result.turns).calls).toBe(calls.length);
  });

  test('the default experiment: solo against the critic loop, with cost ratios', async () => {
    const config = defaultExperiment(model);
    const solo = await runScripted(config.solo, { 'scripted-main': script });
    const team = await runScripted(config.team, { 'scripted-main': script });
    expect([solo.result.finalAnswer, team.result.finalAnswer]).toEqual(['Szeged', 'Szeged']);
    expect(team.result.references).toEqual([
      '[Marlow Library, sentence 2]',
      '[Helena Varga, sentence 2]',
    ]);
    const soloTotals = sideTotals(solo.result.turns);
    const teamTotals = sideTotals(team.result.turns);
    expect(soloTotals.calls).toBe(1);
    expect(teamTotals.calls).toBe(3);
    const ratio = totalsRatio(teamTotals, soloTotals);
    expect(ratio.calls).toBe(3);
    expect(ratio.totalTokens).toBeCloseTo(teamTotals.totalTokens / soloTotals.totalTokens);
    expect(fairSampleCount(teamTotals, soloTotals)).toBe(
      Math.floor(teamTotals.totalTokens / soloTotals.totalTokens),
    );
  });

  test('an unknown protocol fails with an InvalidRequestError', async () => {
    const events: ProtocolEvent[] = [];
    const side = { label: 'x', protocol: { type: 'debate' }, roles: [] } as unknown as SideConfig;
    const result = await runSide(
      side,
      { question: 'q' },
      {
        chat: () => Promise.reject(new Error('no')),
        signal: new AbortController().signal,
        emit: (e) => events.push(e),
      },
    );
    expect(result.status).toBe('failed');
    expect(result.error?.name).toBe('InvalidRequestError');
    expect(events).toEqual([{ type: 'side-end', result }]);
  });
});
