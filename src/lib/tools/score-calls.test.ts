import { describe, expect, it } from 'vitest';
import { FUNCTION_CALL_SET, OMITTED, type FunctionCallItem } from './function-call-set';
import { scoreCalls } from './score-calls';
import { argumentProblems } from './validate-arguments';

const item = (id: string): FunctionCallItem => FUNCTION_CALL_SET.find((i) => i.id === id)!;
const call = (name: string, args: Record<string, unknown>, n = 1) => ({
  id: `call_${n}`,
  name,
  arguments: args,
});

describe('the function-calling set', () => {
  it('has forty items in the five categories, with unique ids', () => {
    expect(FUNCTION_CALL_SET).toHaveLength(40);
    expect(new Set(FUNCTION_CALL_SET.map((i) => i.id)).size).toBe(40);
    const categories = new Set(FUNCTION_CALL_SET.map((i) => i.category));
    expect([...categories].sort()).toEqual(
      ['irrelevance', 'multiple', 'parallel', 'parallel-multiple', 'simple'].sort(),
    );
  });

  it("expects only declared tools, with each first acceptable value fitting the tool's schema", () => {
    for (const entry of FUNCTION_CALL_SET)
      for (const expected of entry.expected) {
        const tool = entry.tools.find((t) => t.name === expected.name);
        expect(tool, `${entry.id}: ${expected.name}`).toBeDefined();
        const args = Object.fromEntries(
          Object.entries(expected.arguments)
            .map(([key, values]) => [key, values.find((v) => v !== OMITTED)] as const)
            .filter(([, v]) => v !== undefined),
        );
        expect(argumentProblems(tool!, args), entry.id).toBeNull();
      }
  });
});

describe('scoreCalls', () => {
  it('accepts the expected call, without case or punctuation, an optional argument left out', () => {
    expect(scoreCalls(item('simple-1'), [call('get_weather', { city: 'lisbon' })])).toEqual({
      valid: true,
      correct: true,
      reason: '',
    });
    expect(
      scoreCalls(item('simple-9'), [
        call('send_email', { to: 'ana@example.com', subject: 'lunch', body: 'See you at noon!' }),
      ]).correct,
    ).toBe(true);
  });

  it('refuses a wrong value, a missing or an unexpected argument, and a wrong tool', () => {
    const simple2 = item('simple-2');
    expect(
      scoreCalls(simple2, [call('convert_currency', { amount: 25, from: 'EUR', to: 'USD' })]),
    ).toMatchObject({ valid: true, correct: false, reason: 'convert_currency: amount is 25' });
    expect(
      scoreCalls(simple2, [call('convert_currency', { amount: 250, from: 'EUR' })]),
    ).toMatchObject({ valid: false, correct: false, reason: 'convert_currency: to is missing' });
    expect(
      scoreCalls(item('simple-6'), [
        call('get_stock_price', { ticker: 'AAPL', exchange: 'NASDAQ' }),
      ]).reason,
    ).toBe('get_stock_price: unexpected argument exchange');
    expect(scoreCalls(item('multiple-1'), [call('set_timer', { minutes: 5 })]).reason).toBe(
      'called set_timer, expected get_weather',
    );
  });

  it('matches parallel calls in any order, and counts them', () => {
    const parallel2 = item('parallel-2');
    const calls = ['TSLA', 'AAPL', 'NVDA'].map((t, i) => call('get_stock_price', { ticker: t }, i));
    expect(scoreCalls(parallel2, calls).correct).toBe(true);
    expect(scoreCalls(parallel2, calls.slice(0, 2)).reason).toBe('2 calls, expected 3');
    const twice = [calls[0]!, calls[0]!, calls[1]!];
    expect(scoreCalls(parallel2, twice).correct).toBe(false);
  });

  it('scores "no tool applies" by the absence of calls', () => {
    const irrelevance = item('irrelevance-1');
    expect(scoreCalls(irrelevance, []).correct).toBe(true);
    expect(scoreCalls(irrelevance, [call('get_weather', { city: 'Bath' })])).toMatchObject({
      correct: false,
      reason: 'no tool applies, but one was called',
    });
  });

  it('counts unreadable calls and calls outside the schema as not valid', () => {
    expect(scoreCalls(item('simple-6'), [], 1)).toMatchObject({ valid: false, correct: false });
    expect(scoreCalls(item('simple-6'), [call('get_stock_price', { ticker: 42 })]).valid).toBe(
      false,
    );
  });
});
