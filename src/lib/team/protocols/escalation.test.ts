import { describe, expect, test } from 'vitest';
import { expectedCalls, sideTotals } from '../budget';
import { validateSide, type EscalationCheck, type RoleConfig } from '../config';
import type { ScriptRule } from '../../engine/types';
import {
  createScriptedChat,
  createScriptedTeamChat,
  fastScript,
  scriptedModel,
} from '../../testing/scripted-chat';
import {
  runScripted,
  testRole,
  testSide,
  TEST_INPUT,
  type RunOptions,
} from '../../testing/fixtures';
import type { ProtocolInput } from '../prompts';
import { DEFAULT_ESCALATION_CHECKS, presetSide } from '../presets';
import type { SideResult, TeamChat } from './types';

const SMALL_SEED = 10;
const ACCEPT = '{"verdict":"accept","feedback":""}';
const REVISE = '{"verdict":"revise","feedback":"Check the second hop."}';
const LARGE_REPLY = 'The library is by Helena Varga, born in Szeged.\nAnswer: Szeged';

const roles = (check: EscalationCheck): RoleConfig[] => [
  testRole('small', 'scripted-small', { seed: SMALL_SEED, name: 'Small' }),
  testRole('large', 'scripted-large', { name: 'Large' }),
  ...(check.kind === 'critic' ? [testRole('critic', 'scripted-critic')] : []),
];

/**
 * Runs an escalation side: the small model replies `small[seed − SMALL_SEED]` (so samples
 * differ), the large model and the critic follow their scripts, through the real agent host.
 */
async function run(
  check: EscalationCheck,
  small: string[],
  options: RunOptions & { critic?: ScriptRule[]; large?: Parameters<typeof fastScript>[1] } = {},
) {
  const team = await createScriptedTeamChat({
    'scripted-large': fastScript([{ reply: LARGE_REPLY }], options.large),
    'scripted-critic': fastScript(options.critic ?? [{ reply: ACCEPT }]),
  });
  const bySeed = await Promise.all(
    small.map((reply) => createScriptedChat(fastScript([{ reply }]))),
  );
  const calls: string[] = [];
  const chat: TeamChat = (role, request, hooks) => {
    calls.push(role.id);
    if (role.kind !== 'small') return team.chat(role, request, hooks);
    const fn = bySeed[(request.sampling.seed ?? 0) - SMALL_SEED];
    if (!fn) throw new Error(`No small reply for seed ${request.sampling.seed}`);
    return fn(request, hooks);
  };
  const side = testSide({ type: 'escalation', check }, roles(check));
  const ran = await runScripted(side, {}, { ...options, chat });
  return { ...ran, calls };
}

const steps = (result: SideResult) => result.turns.map((t) => `${t.step}${t.round ?? ''}`);

/** The calls counted from the turns agree with the protocol's own count. */
function expectCalls(result: SideResult, check: EscalationCheck, retries = 0) {
  const escalated = result.escalation?.escalated ?? false;
  expect(sideTotals(result.turns).calls).toBe(
    expectedCalls({ type: 'escalation', check }, { retries, escalated }),
  );
}

describe('escalation: agreement check', () => {
  const check = { kind: 'agreement', samples: 5, threshold: 3 } as const;

  test('agreement 2/5 below 3/5 escalates: the large model answers', async () => {
    const { result, calls } = await run(check, [
      'Answer: Eastbrook',
      'Answer: Szeged',
      'Answer: Eastbrook',
      'Answer: Leeds',
      'Answer: Vienna',
    ]);
    expect(result.status).toBe('done');
    expect(result.escalation).toEqual({
      check: 'agreement',
      escalated: true,
      reason: 'agreement 2/5 below 3/5',
      smallAnswer: 'Eastbrook',
      agreement: { votes: 2, samples: 5, threshold: 3 },
    });
    expect(result.finalAnswer).toBe('Szeged');
    expect(steps(result)).toEqual([
      'small-sample1',
      'small-sample2',
      'small-sample3',
      'small-sample4',
      'small-sample5',
      'large-answer',
    ]);
    expect(calls).toEqual(['small', 'small', 'small', 'small', 'small', 'large']);
    // The large model's turn (and so its trace) says why it was called; no other turn does.
    expect(result.turns.map((t) => t.escalatedBecause)).toEqual([
      ...Array.from({ length: 5 }, () => undefined),
      'agreement 2/5 below 3/5',
    ]);
    expect(result.votes?.[0]).toMatchObject({ answer: 'Eastbrook', count: 2 });
    expectCalls(result, check);
  });

  test('agreement 3/5 reaches 3/5: the small model’s majority stands, no large call', async () => {
    const { result, calls } = await run(check, [
      'Answer: Szeged',
      'Answer: Eastbrook',
      'Answer: szeged',
      'Answer: Szeged.',
      'Answer: Leeds',
    ]);
    expect(result.status).toBe('done');
    expect(result.escalation).toMatchObject({
      escalated: false,
      reason: 'agreement 3/5 reaches 3/5',
      agreement: { votes: 3, samples: 5, threshold: 3 },
    });
    expect(result.finalAnswer).toBe('Szeged');
    expect(calls).not.toContain('large');
    expectCalls(result, check);
  });

  test('samples use the small role’s seed + i', async () => {
    const team = await createScriptedTeamChat({
      'scripted-small': fastScript([{ reply: 'Answer: Szeged' }]),
      'scripted-large': fastScript([{ reply: LARGE_REPLY }]),
    });
    const side = testSide({ type: 'escalation', check: { ...check, samples: 3 } }, roles(check));
    await runScripted(side, {}, { chat: team.chat });
    expect(team.calls.map((c) => c.request.sampling.seed)).toEqual([10, 11, 12]);
  });
});

describe('escalation: critic check', () => {
  const check = { kind: 'critic' } as const;

  test('a revise verdict escalates; the critic sees the small model’s reply', async () => {
    const { result, events } = await run(check, ['She settled in Eastbrook.\nAnswer: Eastbrook'], {
      critic: [{ reply: REVISE }],
    });
    expect(result.status).toBe('done');
    expect(steps(result)).toEqual(['small-answer', 'critique1', 'large-answer']);
    expect(result.escalation).toEqual({
      check: 'critic',
      escalated: true,
      reason: 'Critic asked for a revision',
      smallAnswer: 'Eastbrook',
    });
    expect(result.turns[1]?.verdict).toEqual({
      verdict: 'revise',
      feedback: 'Check the second hop.',
    });
    expect(result.turns[1]?.messages.at(-1)?.content).toContain('Answer: Eastbrook');
    expect(result.finalAnswer).toBe('Szeged');
    expect(events.at(-1)).toEqual({ type: 'side-end', result });
    expectCalls(result, check);
  });

  test('an accept verdict keeps the small model’s answer', async () => {
    const { result, calls } = await run(check, ['Answer: Szeged'], { critic: [{ reply: ACCEPT }] });
    expect(result.escalation).toMatchObject({
      escalated: false,
      reason: 'Critic accepted the answer',
    });
    expect(result.finalAnswer).toBe('Szeged');
    expect(calls).toEqual(['small', 'critic']);
    expectCalls(result, check);
  });

  test('an unreadable verdict is retried once, then counts as accept with a warning', async () => {
    const { result } = await run(check, ['Answer: Szeged'], { critic: [{ reply: 'Looks fine' }] });
    expect(steps(result)).toEqual(['small-answer', 'critique1', 'critique-retry1']);
    expect(result.escalation).toMatchObject({
      escalated: false,
      reason: "Critic's verdict could not be read (taken as accept)",
    });
    expect(result.warnings).toHaveLength(1);
    expectCalls(result, check, 1);
  });
});

describe('escalation: format check', () => {
  const math: ProtocolInput = {
    question: 'Tom has 3 apples and buys 4. How many?',
    answerKind: 'math',
  };

  test.each([
    ['number', 'Answer: seven', math, true, 'the answer "seven" has no number'],
    ['number', 'So 3 + 4.\nAnswer: 7', math, false, 'the answer reads as the required form'],
    ['yes-no', 'Answer: perhaps', TEST_INPUT, true, 'the answer "perhaps" is neither yes nor no'],
    ['yes-no', 'Answer: Yes.', TEST_INPUT, false, 'the answer reads as the required form'],
    ['short', 'It was Szeged, I think.', TEST_INPUT, true, 'the reply has no "Answer:" line'],
    ['short', 'Answer: Szeged', TEST_INPUT, false, 'the answer reads as the required form'],
  ] as const)('%s: %j escalates: %s', async (format, reply, input, escalated, reason) => {
    const check = { kind: 'format', format } as const;
    const { result, calls } = await run(check, [reply], { input });
    expect(result.status).toBe('done');
    expect(result.escalation).toMatchObject({ check: 'format', escalated, reason, format });
    expect(calls).toEqual(escalated ? ['small', 'large'] : ['small']);
    expect(result.finalAnswer).toBe(escalated ? 'Szeged' : reply.split('Answer: ').at(-1));
    expectCalls(result, check);
  });

  test('auto reads the form of the question’s kind, and a short answer without one', async () => {
    const check = { kind: 'format', format: 'auto' } as const;
    const asMath = await run(check, ['Answer: seven'], { input: math });
    expect(asMath.result.escalation).toMatchObject({ escalated: true, format: 'number' });
    const asShort = await run(check, ['Answer: seven'], { input: { question: 'q?' } });
    expect(asShort.result.escalation).toMatchObject({ escalated: false, format: 'short' });
  });

  test('a long answer is not a short answer', async () => {
    const check = { kind: 'format', format: 'short' } as const;
    const long = `Answer: ${'very '.repeat(12)}long`;
    const { result } = await run(check, [long]);
    expect(result.escalation).toMatchObject({
      escalated: true,
      reason: 'the answer has 13 words (at most 12)',
    });
  });
});

describe('escalation: figures, stops and failures', () => {
  const check = { kind: 'format', format: 'number' } as const;
  const input: ProtocolInput = { question: 'How many?', answerKind: 'math' };

  test('each model’s tokens and time are its own turns’', async () => {
    const { result } = await run(check, ['Let me think about it.\nAnswer: many'], { input });
    const [small, large] = result.turns;
    expect([small?.roleId, large?.roleId]).toEqual(['small', 'large']);
    // The scripted engine streams a token per word (with its leading white space).
    expect(small?.usage.completionTokens).toBe(7);
    expect(large?.usage.completionTokens).toBe(LARGE_REPLY.split(/(?=\s)/).length);
    const totals = sideTotals(result.turns);
    expect(totals.completionTokens).toBe(
      (small?.usage.completionTokens ?? 0) + (large?.usage.completionTokens ?? 0),
    );
  });

  test('a stop during the large model’s call keeps the decision and the turns', async () => {
    let largeTokens = 0;
    const { result } = await run(check, ['Answer: many'], {
      input,
      large: { tokensPerSecond: 200 },
      onEvent: (event, controller) => {
        if (event.type === 'token' && event.turnIndex === 1 && ++largeTokens === 2)
          controller.abort();
      },
    });
    expect(result.status).toBe('stopped');
    expect(result.finalAnswer).toBe('');
    expect(result.escalation).toMatchObject({ escalated: true, smallAnswer: 'many' });
    expect(result.turns.map((t) => [t.step, t.status])).toEqual([
      ['small-answer', 'done'],
      ['large-answer', 'stopped'],
    ]);
  });

  test('a failing large model fails the side; the decision is kept', async () => {
    const { result } = await run(check, ['Answer: many'], {
      input,
      large: { failAfterTokens: 1 },
    });
    expect(result.status).toBe('failed');
    expect(result.error?.name).toBe('GenerationError');
    expect(result.escalation?.escalated).toBe(true);
    expect(result.turns.map((t) => t.status)).toEqual(['done', 'failed']);
  });

  test('a stop before the check ends leaves no decision', async () => {
    const { result } = await run({ kind: 'critic' }, ['Answer: Szeged'], {
      onEvent: (event, controller) => {
        if (event.type === 'turn-start' && event.step === 'critique') controller.abort();
      },
    });
    expect(result.status).toBe('stopped');
    expect(result.escalation).toBeUndefined();
  });
});

describe('escalation: validation', () => {
  const side = (check: EscalationCheck, withCritic = check.kind === 'critic') =>
    testSide({ type: 'escalation', check }, [
      ...roles({ kind: 'format', format: 'auto' }),
      ...(withCritic ? [testRole('critic')] : []),
    ]);

  test('the critic check needs a critic; the others take none', () => {
    expect(validateSide(side({ kind: 'critic' }))).toEqual([]);
    expect(validateSide(side({ kind: 'critic' }, false))).toEqual([
      'The escalation protocol needs a critic role.',
    ]);
    expect(validateSide(side({ kind: 'format', format: 'auto' }, true))).toEqual([
      'Role "Critic" (critic) has no part in the escalation protocol.',
    ]);
  });

  test('the threshold is 1..samples, and samples need a temperature above 0', () => {
    expect(validateSide(side({ kind: 'agreement', samples: 3, threshold: 4 }))).toEqual([
      'The agreement threshold must be a whole number from 1 to 3.',
    ]);
    expect(validateSide(side({ kind: 'agreement', samples: 1, threshold: 1 }))).toEqual([
      'The number of samples must be a whole number from 2 to 16.',
    ]);
    const cold = side({ kind: 'agreement', samples: 3, threshold: 2 });
    cold.roles[0] = { ...cold.roles[0]!, temperature: 0 };
    expect(validateSide(cold)).toEqual([
      'The agreement check needs a temperature above 0 for the small model, or every sample ' +
        'is the same.',
    ]);
  });

  test('the preset starts with its own copy of the default check', () => {
    const side = presetSide('escalation', scriptedModel('scripted-main'));
    expect(side.protocol).toEqual({
      type: 'escalation',
      check: DEFAULT_ESCALATION_CHECKS.agreement,
    });
    if (side.protocol.type !== 'escalation') throw new Error('not an escalation side');
    expect(side.protocol.check).not.toBe(DEFAULT_ESCALATION_CHECKS.agreement);
    expect(validateSide(side)).toEqual([]);
  });
});
