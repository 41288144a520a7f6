import { describe, expect, it } from 'vitest';
import { BUILT_IN_TOOLS } from './built-in-tools';
import { argumentProblems } from './validate-arguments';

const { calculator, lookup } = BUILT_IN_TOOLS;

describe('argumentProblems', () => {
  it('accepts arguments that fit', () => {
    expect(argumentProblems(calculator, { expression: '1 + 1' })).toBeNull();
    expect(argumentProblems(lookup, { query: 'x', limit: 5 })).toBeNull();
  });

  it('names the missing, mistyped, out-of-range and unexpected arguments', () => {
    expect(argumentProblems(calculator, {})).toMatch(/expression/);
    expect(argumentProblems(calculator, { expression: 42 })).toMatch(
      /arguments\/expression: .*string/i,
    );
    expect(argumentProblems(lookup, { query: 'x', limit: 50 })).toMatch(/arguments\/limit/);
    expect(argumentProblems(lookup, { query: 'x', limit: 2.5 })).toMatch(/integer/i);
    expect(argumentProblems(calculator, { expression: '1', extra: true })).toMatch(/extra/);
    expect(argumentProblems(calculator, 'just text')).toMatch(/object/i);
  });
});
