import { expect, test } from 'vitest';
import { expectedCalls, sideTotals } from '../budget';
import { presetSide } from '../presets';
import { fastScript, scriptedModel } from '../../testing/scripted-chat';
import { runScripted } from '../../testing/fixtures';

const REASONING =
  'Steps:\n1. The Marlow Library was designed by Helena Varga.\n2. Helena Varga was born in Szeged.\n' +
  'Conclusion: Szeged\nReferences:\n[Marlow Library, sentence 2]\n[Helena Varga, sentence 2]';

const script = fastScript([
  { match: 'You are the Reasoner', reply: REASONING },
  { match: 'You are the Answerer', reply: 'Szeged' },
]);

test('the reasoner cites references; the answerer answers from the reasoning', async () => {
  const side = presetSide('reasoner-answerer', scriptedModel('scripted-main'));
  const { result } = await runScripted(side, { 'scripted-main': script });
  expect(result.status).toBe('done');
  expect(result.finalAnswer).toBe('Szeged');
  expect(result.references).toEqual(['[Marlow Library, sentence 2]', '[Helena Varga, sentence 2]']);
  expect(result.turns.map((t) => [t.kind, t.step])).toEqual([
    ['reasoner', 'reason'],
    ['answerer', 'answer'],
  ]);
  expect(result.turns[0]?.messages[1]?.content).toContain('[Helena Varga]\n1. ');
  expect(result.turns[1]?.messages[1]?.content).toContain(`Reasoning:\n${REASONING}`);
  expect(result.warnings).toEqual([]);
  expect(sideTotals(result.turns).calls).toBe(expectedCalls({ type: 'reasoner-answerer' }));
});

test('reasoning without references gives a warning', async () => {
  const side = presetSide('reasoner-answerer', scriptedModel('scripted-main'));
  const { result } = await runScripted(side, {
    'scripted-main': fastScript([
      { match: 'You are the Reasoner', reply: 'It is Szeged.' },
      { reply: 'Szeged' },
    ]),
  });
  expect(result.references).toEqual([]);
  expect(result.warnings).toEqual(['The reasoning cites no [Title, sentence N] references.']);
});
