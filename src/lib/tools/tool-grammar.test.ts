import { describe, expect, it } from 'vitest';
import { BUILT_IN_TOOLS } from './built-in-tools';
import { GRAMMAR_MAX_STRING, toolCallGrammar } from './tool-grammar';
import type { ToolSpec } from './types';

const rule = (grammar: string, name: string) =>
  grammar.split('\n').find((line) => line.startsWith(`${name} ::= `));

describe('toolCallGrammar', () => {
  it('lets the model name only the declared tools, in the Hermes form', () => {
    const grammar = toolCallGrammar([BUILT_IN_TOOLS.calculator, BUILT_IN_TOOLS.lookup], 'required');
    expect(rule(grammar, 'root')).toBe('root ::= calls');
    expect(rule(grammar, 'call')).toBe(
      'call ::= "<tool_call>\\n" (tool-calculator | tool-lookup) "\\n</tool_call>"',
    );
    expect(rule(grammar, 'tool-calculator')).toBe(
      'tool-calculator ::= "{\\"name\\": \\"calculator\\", \\"arguments\\": " tool-calculator-args "}"',
    );
  });

  it('writes required properties always and optional ones maybe, with bounded strings', () => {
    const grammar = toolCallGrammar([BUILT_IN_TOOLS.lookup]);
    expect(rule(grammar, 'tool-lookup-args')).toBe(
      'tool-lookup-args ::= "{" "\\"query\\"" ": " tool-lookup-args-query (", " "\\"limit\\"" ": " tool-lookup-args-limit)? "}"',
    );
    expect(rule(grammar, 'tool-lookup-args-query')).toBe(
      `tool-lookup-args-query ::= "\\"" char{0,${GRAMMAR_MAX_STRING}} "\\""`,
    );
    // limit is an integer from 1 to 10: exactly those values, longest first.
    expect(rule(grammar, 'tool-lookup-args-limit')).toBe(
      'tool-lookup-args-limit ::= ("10" | "9" | "8" | "7" | "6" | "5" | "4" | "3" | "2" | "1")',
    );
  });

  it('spells out enums, booleans, arrays, and optional properties before the first required', () => {
    const tool: ToolSpec = {
      name: 'book.room',
      description: '',
      parameters: {
        type: 'object',
        properties: {
          floor: { type: 'integer' },
          size: { type: 'string', enum: ['single', 'double'] },
          nights: { type: 'array', items: { type: 'number' }, maxItems: 3 },
          breakfast: { type: 'boolean' },
        },
        required: ['size'],
      },
    };
    const grammar = toolCallGrammar([tool]);
    expect(rule(grammar, 'tool-book-room-args')).toBe(
      'tool-book-room-args ::= "{" ("\\"floor\\"" ": " tool-book-room-args-floor ", ")? "\\"size\\"" ": " tool-book-room-args-size (", " "\\"nights\\"" ": " tool-book-room-args-nights)? (", " "\\"breakfast\\"" ": " tool-book-room-args-breakfast)? "}"',
    );
    expect(rule(grammar, 'tool-book-room-args-size')).toBe(
      'tool-book-room-args-size ::= ("\\"single\\"" | "\\"double\\"")',
    );
    expect(rule(grammar, 'tool-book-room-args-nights')).toMatch(/\{0,2\} \)\? "\]"$/);
    expect(rule(grammar, 'tool-book-room-args-breakfast')).toMatch(/\("true" \| "false"\)$/);
  });

  it("'auto' also allows a plain reply that is not a call", () => {
    expect(rule(toolCallGrammar([BUILT_IN_TOOLS.calculator]), 'root')).toBe(
      'root ::= calls | [^<\\x00] [^\\x00]*',
    );
  });

  it('needs a tool', () => {
    expect(() => toolCallGrammar([])).toThrow('at least one tool');
  });
});
