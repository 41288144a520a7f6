import { expect, test } from 'vitest';
import { parseVerdict, VERDICT_SCHEMA_STRING } from './verdict';

test('valid verdicts, with or without a json fence', () => {
  expect(parseVerdict('{"verdict":"accept","feedback":""}')).toEqual({
    ok: true,
    verdict: { verdict: 'accept', feedback: '' },
  });
  expect(
    parseVerdict('```json\n{"verdict":"revise","feedback":" Check sentence 2. "}\n```'),
  ).toEqual({ ok: true, verdict: { verdict: 'revise', feedback: 'Check sentence 2.' } });
  expect(parseVerdict('```\n{"verdict":"accept","feedback":"ok"}```').ok).toBe(true);
});

test('malformed verdicts say why', () => {
  const problem = (text: string) => {
    const parsed = parseVerdict(text);
    return parsed.ok ? null : parsed.problem;
  };
  expect(problem('')).toBe('the reply was empty');
  expect(problem('Looks fine to me.')).toBe('the reply was not valid JSON');
  expect(problem('Sure! {"verdict":"accept","feedback":""}')).toBe('the reply was not valid JSON');
  expect(problem('[1]')).toBe('the reply was not a JSON object');
  expect(problem('{"verdict":"ok","feedback":""}')).toBe(
    'the verdict was neither "accept" nor "revise"',
  );
  expect(problem('{"verdict":"accept"}')).toBe('the feedback was not a string');
  expect(problem('{"verdict":"revise","feedback":"  "}')).toBe(
    'a "revise" verdict came without feedback',
  );
});

test('the schema string is JSON with the verdict enum', () => {
  expect(JSON.parse(VERDICT_SCHEMA_STRING)).toMatchObject({
    required: ['verdict', 'feedback'],
    properties: { verdict: { enum: ['accept', 'revise'] } },
  });
});

test('the verdict is read past the thinking; thinking alone is no verdict', () => {
  expect(
    parseVerdict(
      '<think>\n{"verdict":"revise","feedback":"x"}\n</think>\n{"verdict":"accept","feedback":""}',
    ),
  ).toEqual({ ok: true, verdict: { verdict: 'accept', feedback: '' } });
  expect(parseVerdict('<think>\nhmm, accept?')).toEqual({
    ok: false,
    problem: 'the reply was empty',
  });
});
