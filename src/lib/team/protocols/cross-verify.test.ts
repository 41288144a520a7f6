import { describe, expect, test } from 'vitest';
import type { ScriptRule } from '../../engine/types';
import { decodeShareFragment, encodeShareFragment } from '../../share/codec';
import { makeEnvelope } from '../../share/schema';
import { callRange, crossVerifyOutcome, expectedCalls, sideTotals } from '../budget';
import { validateSide } from '../config';
import { defaultExperiment, presetSide } from '../presets';
import { fastScript, scriptedModel } from '../../testing/scripted-chat';
import { runScripted, testRole, testSide } from '../../testing/fixtures';
import type { SideResult } from './types';

const ACCEPT = '{"verdict":"accept","feedback":""}';
const REJECT =
  '{"verdict":"revise","feedback":"She settled in Eastbrook; she was born in Szeged."}';
const A_REPLY = 'She was born in Szeged [Helena Varga, sentence 2].\nAnswer: Szeged';
const B_WRONG = 'She lived in Eastbrook.\nAnswer: Eastbrook';
const B_RIGHT = 'Born in the city of Szeged.\nAnswer: szeged.';
const PROTOCOL = { type: 'cross-verify' } as const;

const side = (bModel = 'scripted-main') =>
  testSide(PROTOCOL, [
    testRole('peer-a', 'scripted-main', { name: 'Answerer A' }),
    testRole('peer-b', bModel, { name: 'Answerer B' }),
    testRole('reconciler', 'scripted-main', { name: 'Reconciler' }),
  ]);

/** Rules for the answers; checks and the reconciler come first in each test. */
const answers = (b: string): ScriptRule[] => [
  { match: '^ROLE:peer-a\\nQuestion', reply: A_REPLY },
  { match: '^ROLE:peer-b\\nQuestion', reply: b },
];
const reconciler: ScriptRule = {
  match: 'ROLE:reconciler',
  reply: 'Answer A is supported by the paragraphs.\nAnswer: Szeged',
};

const steps = (result: SideResult) => result.turns.map((t) => `${t.roleId}:${t.step}`);

function expectCalls(result: SideResult, outcome: { checkRetries: number; reconciled: boolean }) {
  expect(crossVerifyOutcome(result.turns)).toEqual(outcome);
  expect(sideTotals(result.turns).calls).toBe(expectedCalls(PROTOCOL, outcome));
}

describe('cross-verification', () => {
  test('two answers, two checks (each of the other answer), then the reconciler', async () => {
    const { result, calls } = await runScripted(side(), {
      'scripted-main': fastScript([
        { match: '^ROLE:peer-a[\\s\\S]*Another assistant', reply: REJECT },
        { match: '^ROLE:peer-b[\\s\\S]*Another assistant', reply: ACCEPT },
        reconciler,
        ...answers(B_WRONG),
      ]),
    });
    expect(result.status).toBe('done');
    expect(steps(result)).toEqual([
      'peer-a:peer-answer',
      'peer-b:peer-answer',
      'peer-a:verify',
      'peer-b:verify',
      'reconciler:reconcile',
    ]);
    // Each answer is independent: neither answerer sees the other's reply.
    expect(calls[0]?.request.messages.at(-1)?.content).not.toContain('Eastbrook.\nAnswer');
    expect(calls[1]?.request.messages.at(-1)?.content).not.toContain('Szeged [Helena');
    // A checks B's answer, B checks A's; not their own.
    const checkByA = result.turns[2]!.messages.at(-1)!.content;
    const checkByB = result.turns[3]!.messages.at(-1)!.content;
    expect(checkByA).toContain(B_WRONG);
    expect(checkByA).not.toContain(A_REPLY);
    expect(checkByB).toContain(A_REPLY);
    expect(checkByB).not.toContain(B_WRONG);
    expect(calls[2]?.request.responseFormat?.type).toBe('json_object');
    expect(result.turns[2]?.verdict?.verdict).toBe('revise');
    expect(result.turns[3]?.verdict?.verdict).toBe('accept');
    // The reconciler sees both answers and both checks.
    const reconcile = result.turns[4]!.messages.at(-1)!.content;
    expect(reconcile).toContain(A_REPLY);
    expect(reconcile).toContain(B_WRONG);
    expect(reconcile).toContain(
      'Answerer A:\n' + A_REPLY + "\nThe other assistant's check: correct",
    );
    expect(reconcile).toContain('wrong: She settled in Eastbrook; she was born in Szeged.');
    expect(result.finalAnswer).toBe('Szeged');
    expect(result.warnings).toEqual([]);
    expectCalls(result, { checkRetries: 0, reconciled: true });
  });

  test('agreement after normalisation, both checks accepting: no reconciler call', async () => {
    const { result, calls } = await runScripted(side(), {
      'scripted-main': fastScript([
        { match: 'Another assistant', reply: ACCEPT },
        reconciler,
        ...answers(B_RIGHT),
      ]),
    });
    expect(steps(result)).toEqual([
      'peer-a:peer-answer',
      'peer-b:peer-answer',
      'peer-a:verify',
      'peer-b:verify',
    ]);
    expect(calls).toHaveLength(4);
    expect(result.finalAnswer).toBe('Szeged');
    expect(result.warnings).toEqual([
      'Both answerers gave the same answer (Szeged) and neither check rejected it: the ' +
        'reconciler was not called.',
    ]);
    expectCalls(result, { checkRetries: 0, reconciled: false });
  });

  test('agreement with a rejecting check still goes to the reconciler', async () => {
    const { result } = await runScripted(side(), {
      'scripted-main': fastScript([
        { match: '^ROLE:peer-a[\\s\\S]*Another assistant', reply: REJECT },
        { match: 'Another assistant', reply: ACCEPT },
        reconciler,
        ...answers(B_RIGHT),
      ]),
    });
    expect(steps(result).at(-1)).toBe('reconciler:reconcile');
    expectCalls(result, { checkRetries: 0, reconciled: true });
  });

  test('an unreadable check is retried once; twice unreadable counts as accept', async () => {
    const { result } = await runScripted(side(), {
      'scripted-main': fastScript([
        // A's check: unreadable, then readable on the retry. B's check: unreadable twice.
        { match: '^ROLE:peer-a[\\s\\S]*not valid JSON', reply: REJECT },
        { match: '^ROLE:peer-a[\\s\\S]*Another assistant', reply: 'Looks wrong to me.' },
        { match: '^ROLE:peer-b[\\s\\S]*Another assistant', reply: 'Fine!' },
        reconciler,
        ...answers(B_WRONG),
      ]),
    });
    expect(steps(result)).toEqual([
      'peer-a:peer-answer',
      'peer-b:peer-answer',
      'peer-a:verify',
      'peer-b:verify',
      'peer-a:verify-retry',
      'peer-b:verify-retry',
      'reconciler:reconcile',
    ]);
    expect(result.turns[4]?.verdict?.verdict).toBe('revise');
    expect(result.turns[5]?.verdict).toBeUndefined();
    expect(result.warnings).toEqual([
      "Answerer B's check of Answerer A's answer could not be read twice (the reply was not " +
        'valid JSON); treated as accept.',
    ]);
    expect(result.turns[6]!.messages.at(-1)!.content).toContain(
      'Answerer A:\n' + A_REPLY + "\nThe other assistant's check: could not be read",
    );
    expectCalls(result, { checkRetries: 2, reconciled: true });
    const range = callRange(PROTOCOL);
    expect(range).toEqual({ min: 4, max: 7 });
    expect(sideTotals(result.turns).calls).toBe(range.max);
  });

  test('each answerer runs on its own model', async () => {
    const { calls } = await runScripted(side('scripted-other'), {
      'scripted-main': fastScript([{ match: 'Another assistant', reply: ACCEPT }, ...answers('')]),
      'scripted-other': fastScript([
        { match: 'Another assistant', reply: ACCEPT },
        { reply: B_RIGHT },
      ]),
    });
    expect(calls.map((c) => `${c.roleId}@${c.modelId}`)).toEqual(
      expect.arrayContaining([
        'peer-a@scripted-main',
        'peer-b@scripted-other',
        'peer-a@scripted-main',
      ]),
    );
    expect(calls.filter((c) => c.modelId === 'scripted-other')).toHaveLength(2);
  });

  test('a stop during the checks keeps the answers and the partial check', async () => {
    let checkTokens = 0;
    const { result, events } = await runScripted(
      side(),
      {
        'scripted-main': fastScript(
          [{ match: 'Another assistant', reply: REJECT }, reconciler, ...answers(B_WRONG)],
          { tokensPerSecond: 200 },
        ),
      },
      {
        onEvent: (event, controller) => {
          if (event.type === 'token' && event.turnIndex === 2 && ++checkTokens === 2)
            controller.abort();
        },
      },
    );
    expect(result.status).toBe('stopped');
    expect(result.error).toBeUndefined();
    expect(result.turns.slice(0, 2).map((t) => [t.step, t.status])).toEqual([
      ['peer-answer', 'done'],
      ['peer-answer', 'done'],
    ]);
    expect(result.turns[0]?.output).toBe(A_REPLY);
    expect(result.turns[2]?.status).toBe('stopped');
    expect(result.turns[2]?.output.length).toBeGreaterThan(0);
    expect(result.turns.some((t) => t.step === 'reconcile')).toBe(false);
    expect(events.at(-1)?.type).toBe('side-end');
  });

  test('the preset: three roles, B on its own seed (and model when given); valid', () => {
    const a = scriptedModel('scripted-a');
    const b = scriptedModel('scripted-b');
    const preset = presetSide('cross-verify', { default: a, 'peer-b': b });
    expect(validateSide(preset)).toEqual([]);
    expect(preset.roles.map((r) => [r.kind, r.name, r.model.modelId, r.seed])).toEqual([
      ['peer-a', 'Answerer A', 'scripted-a', 1],
      ['peer-b', 'Answerer B', 'scripted-b', 2],
      ['reconciler', 'Reconciler', 'scripted-a', 1],
    ]);
    expect(validateSide({ ...preset, roles: preset.roles.slice(1) })).toEqual([
      'The cross-verify protocol needs a peer-a role.',
    ]);
  });

  test('survives a share link round trip', () => {
    const experiment = defaultExperiment(scriptedModel('scripted-a'));
    experiment.team = presetSide('cross-verify', {
      default: { engine: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' },
      'peer-b': { engine: 'wllama', modelId: 'tiny', device: 'gpu' },
    });
    const envelope = makeEnvelope(experiment);
    const decoded = decodeShareFragment(encodeShareFragment(envelope));
    if (!decoded.ok) throw new Error(decoded.error.message);
    expect(decoded.envelope).toStrictEqual(envelope);
    expect(decoded.envelope.experiment.team.protocol).toEqual({ type: 'cross-verify' });
  });
});
