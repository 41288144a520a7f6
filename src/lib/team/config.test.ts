import { describe, expect, test } from 'vitest';
import { validateExperiment, validateSide, type SideConfig } from './config';
import { defaultExperiment, PRESETS } from './presets';
import { testRole, testSide } from '../testing/fixtures';

const model = { engine: 'scripted', modelId: 'scripted-main' } as const;

describe('validateSide', () => {
  test('every preset is valid', () => {
    for (const preset of PRESETS) expect(validateSide(preset.build(model)), preset.id).toEqual([]);
  });

  test('a protocol without its roles names what is missing', () => {
    const side = testSide({ type: 'critic-loop', maxRounds: 2 }, [testRole('reasoner')]);
    expect(validateSide(side)).toEqual([
      'The critic-loop protocol needs a critic role.',
      'The critic-loop protocol needs a answerer role.',
    ]);
    expect(validateSide(testSide({ type: 'solo' }, []))).toEqual([
      'The solo protocol needs a solo role.',
    ]);
    const noJudge = testSide({ type: 'generators-judge', generators: 2, layers: 1 }, [
      testRole('generator'),
    ]);
    expect(validateSide(noJudge)).toEqual(['The generators-judge protocol needs a judge role.']);
  });

  test('rounds, K, layers and samples out of range', () => {
    const roles = [testRole('reasoner'), testRole('critic'), testRole('answerer')];
    for (const maxRounds of [0, 6, 1.5])
      expect(validateSide(testSide({ type: 'critic-loop', maxRounds }, roles))).toEqual([
        'Critic rounds must be a whole number from 1 to 5.',
      ]);
    for (const n of [1, 5])
      expect(validateSide(testSide({ type: 'critic-loop', maxRounds: n }, roles))).toEqual([]);

    const gj = [testRole('generator'), testRole('judge')];
    expect(
      validateSide(testSide({ type: 'generators-judge', generators: 0, layers: 1 }, gj)),
    ).toEqual(['The number of generators (K) must be a whole number from 1 to 8.']);
    expect(
      validateSide(testSide({ type: 'generators-judge', generators: 2, layers: 4 }, gj)),
    ).toEqual(['The number of layers must be a whole number from 1 to 3.']);
    expect(
      validateSide(testSide({ type: 'self-consistency', samples: 0 }, [testRole('sampler')])),
    ).toEqual(['The number of samples must be a whole number from 1 to 16.']);
  });

  test('duplicate, extra and surplus roles', () => {
    const side: SideConfig = testSide({ type: 'reasoner-answerer' }, [
      testRole('reasoner'),
      testRole('answerer'),
      testRole('answerer', 'scripted-main', { id: 'answerer', name: 'Second' }),
      testRole('judge'),
    ]);
    expect(validateSide(side)).toEqual([
      'Two roles share the id "answerer".',
      'Role "Judge" (judge) has no part in the reasoner-answerer protocol.',
      'The reasoner-answerer protocol takes one answerer role, not 2.',
    ]);
    const tooMany = testSide({ type: 'generators-judge', generators: 1, layers: 1 }, [
      testRole('generator', 'scripted-a', { id: 'g1' }),
      testRole('generator', 'scripted-b', { id: 'g2' }),
      testRole('judge'),
    ]);
    expect(validateSide(tooMany)).toEqual(['There are 2 generator roles but K is 1.']);
  });

  test('bad role settings', () => {
    const role = testRole('solo', '', {
      name: ' ',
      systemPrompt: '',
      temperature: 3,
      topP: 0,
      maxTokens: 0,
      seed: 0.5,
    });
    expect(validateSide(testSide({ type: 'solo' }, [role]))).toEqual([
      'Role solo has no name.',
      'Role " " has no model.',
      'Role " " has an empty system prompt.',
      'Role " ": temperature must be from 0 to 2.',
      'Role " ": top-p must be above 0 and at most 1.',
      'Role " ": max tokens must be a whole number of at least 1.',
      'Role " ": the seed must be a whole number.',
    ]);
  });

  test('a thinking switch is on, off or absent', () => {
    const on = testRole('solo', 'scripted-main', { thinking: 'on' });
    expect(validateSide(testSide({ type: 'solo' }, [on]))).toEqual([]);
    const bad = testRole('solo', 'scripted-main', {
      name: 'Solo',
      thinking: 'sometimes' as unknown as 'on',
    });
    expect(validateSide(testSide({ type: 'solo' }, [bad]))).toEqual([
      'Role "Solo": thinking must be "on" or "off" (got "sometimes").',
    ]);
  });

  test('self-consistency at temperature 0 would repeat one sample', () => {
    const side = testSide({ type: 'self-consistency', samples: 3 }, [
      testRole('sampler', 'scripted-main', { temperature: 0 }),
    ]);
    expect(validateSide(side)).toEqual([
      'Self-consistency needs a temperature above 0, or every sample is the same.',
    ]);
  });
});

describe('validateExperiment', () => {
  test('the default experiment is valid', () => {
    expect(validateExperiment(defaultExperiment(model))).toEqual([]);
  });

  test('question, context and both sides are checked', () => {
    const config = defaultExperiment(model);
    config.question = '  ';
    config.context = [
      { title: 'A', sentences: ['x'] },
      { title: 'A', sentences: [] },
    ];
    config.team.protocol = { type: 'critic-loop', maxRounds: 9 };
    config.solo.roles = [];
    expect(validateExperiment(config)).toEqual([
      'The question is empty.',
      'Two context paragraphs are titled "A".',
      'Context paragraph "A" has no sentences.',
      'Solo: The solo protocol needs a solo role.',
      'Team: Critic rounds must be a whole number from 1 to 5.',
    ]);
  });
});

describe('question length', () => {
  test('an oversized question is refused with its size and the limit', () => {
    const config = defaultExperiment({ engine: 'scripted', modelId: 'scripted-a' });
    expect(validateExperiment({ ...config, question: 'x'.repeat(20_001) })).toContain(
      'The question is 20,001 characters; the limit is 20,000.',
    );
    expect(validateExperiment({ ...config, question: 'x'.repeat(20_000) })).toEqual([]);
  });
});
