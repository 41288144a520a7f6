import { describe, expect, it } from 'vitest';
import { DISABLED_FUNCTIONS, MAX_EXPRESSION_LENGTH, runMath } from './math-runner';

describe('runMath (calculator)', () => {
  it.each([
    ['2 + 3 * 4', '14'],
    ['(48 / 2) + 48', '72'],
    ['0.1 + 0.2', '0.3'],
    ['sqrt(16) + 2^10', '1028'],
    ['15% * 200', '30'],
    ['round(10 / 3, 2)', '3.33'],
    ['12.5 cm to inch', '4.9212598425197 inch'],
  ])('%s = %s', (expression, value) => {
    expect(runMath(expression)).toMatchObject({ ok: true, value });
  });

  it.each(DISABLED_FUNCTIONS.filter((name) => name !== 'chain'))(
    'refuses %s, which untrusted input must not reach',
    (name) => {
      const result = runMath(`${name}("1 + 1")`);
      expect(result.ok).toBe(false);
      expect(result.error?.message).toBe(`Function ${name} is disabled`);
    },
  );

  it('keeps no variable or function from one expression to the next', () => {
    expect(runMath('x = 5')).toMatchObject({ ok: true, value: '5' });
    expect(runMath('x + 1').error?.message).toBe('Undefined symbol x');
    expect(runMath('f(a) = a * 2').error?.message).toMatch(/defines a function/);
  });

  it('cannot reach JavaScript through object properties', () => {
    for (const expression of [
      'cos.constructor("return globalThis")()',
      '[].map.constructor("return 1")()',
      '"".constructor.fromCharCode(65)',
    ]) {
      const result = runMath(expression);
      expect(result.ok, expression).toBe(false);
    }
  });

  it('says what is wrong with a bad or empty expression', () => {
    expect(runMath('2 +').error?.message).toMatch(/Unexpected end of expression/);
    expect(runMath('  ').error?.message).toBe('The expression is empty.');
    expect(runMath('1+'.repeat(MAX_EXPRESSION_LENGTH)).error?.message).toBe(
      `The expression is longer than ${MAX_EXPRESSION_LENGTH} characters.`,
    );
  });
});
