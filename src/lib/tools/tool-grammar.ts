/**
 * A GBNF grammar (llama.cpp's grammar format, which wllama takes as `grammar` and WebLLM's
 * XGrammar takes as a `grammar` response format) that lets an in-tab model write only tool calls
 * in the Hermes / Qwen form, each naming a declared tool with arguments that fit its schema:
 *
 *   <tool_call>
 *   {"name": "calculator", "arguments": {"expression": "2 + 2"}}
 *   </tool_call>
 *
 * or, when tools are optional ('auto'), a plain reply that does not start with `<`. Strings are
 * bounded (a model that never closes a quote still ends its call), integer ranges of up to 1,000
 * values are spelt out, enums are their values. Properties come in their declared order; an
 * optional one may be left out.
 */
import type { ObjectSchema, ParameterSchema, ToolSpec } from './types';

/** 'auto': a call or a plain reply; 'required': one or more calls and nothing else. */
export type ToolChoice = 'auto' | 'required';

/** Longest string argument the grammar lets a model write. */
export const GRAMMAR_MAX_STRING = 256;
/** Most calls in one reply. */
export const GRAMMAR_MAX_CALLS = 4;

const quote = (text: string) => JSON.stringify(text);
/** A GBNF literal that matches `text` exactly (a JSON string's escapes are GBNF's too). */
const literal = (text: string) => quote(text);

class Rules {
  readonly lines: string[] = [];
  #names = new Set<string>();

  add(name: string, body: string): string {
    let unique = name;
    for (let i = 2; this.#names.has(unique); i++) unique = `${name}-${i}`;
    this.#names.add(unique);
    this.lines.push(`${unique} ::= ${body}`);
    return unique;
  }
}

const ruleName = (text: string) => text.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';

function integerRule(schema: { minimum?: number; maximum?: number }): string {
  const { minimum, maximum } = schema;
  if (
    minimum !== undefined &&
    maximum !== undefined &&
    Number.isInteger(minimum) &&
    Number.isInteger(maximum) &&
    maximum >= minimum &&
    maximum - minimum <= 1000
  ) {
    const values: string[] = [];
    // Longer numbers first, so "10" is not read as "1" then a stray "0".
    for (let v = maximum; v >= minimum; v--) values.push(literal(String(v)));
    return `(${values.join(' | ')})`;
  }
  const sign = minimum !== undefined && minimum >= 0 ? '' : '"-"? ';
  return `${sign}("0" | [1-9] [0-9]{0,15})`;
}

function valueRule(rules: Rules, name: string, schema: ParameterSchema): string {
  switch (schema.type) {
    case 'string': {
      if (schema.enum?.length) return `(${schema.enum.map((v) => literal(quote(v))).join(' | ')})`;
      const max = Math.min(schema.maxLength ?? GRAMMAR_MAX_STRING, GRAMMAR_MAX_STRING);
      return `"\\"" char{0,${max}} "\\""`;
    }
    case 'integer':
      return integerRule(schema);
    case 'number':
      return `"-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,10})?`;
    case 'boolean':
      return '("true" | "false")';
    case 'array': {
      const item = rules.add(`${name}-item`, valueRule(rules, `${name}-item`, schema.items));
      const more = Math.max(0, (schema.maxItems ?? 16) - 1);
      return `"[" ( ${item} ( ", " ${item} ){0,${more}} )? "]"`;
    }
    case 'object':
      return objectRule(rules, name, schema);
  }
}

function objectRule(rules: Rules, name: string, schema: ObjectSchema): string {
  const required = new Set(schema.required ?? []);
  const pairs = Object.entries(schema.properties).map(([key, property]) => {
    const value = rules.add(
      `${name}-${ruleName(key)}`,
      valueRule(rules, `${name}-${ruleName(key)}`, property),
    );
    return { key, pair: `${literal(quote(key))} ": " ${value}` };
  });
  if (pairs.length === 0) return '"{}"';
  // Without a required property to lead, at most one optional property is written (so no
  // comma is ever left dangling).
  if (required.size === 0) return `"{" ( ${pairs.map((p) => p.pair).join(' | ')} )? "}"`;
  // Required properties in order, each optional one in its place or left out. Optional ones
  // before the first required one carry their comma after them, the others before them.
  const parts: string[] = [];
  let led = false;
  for (const { key, pair } of pairs) {
    if (required.has(key)) {
      parts.push(led ? `", " ${pair}` : pair);
      led = true;
    } else parts.push(led ? `(", " ${pair})?` : `(${pair} ", ")?`);
  }
  return `"{" ${parts.join(' ')} "}"`;
}

/** The grammar for calls to `tools`. */
export function toolCallGrammar(tools: readonly ToolSpec[], choice: ToolChoice = 'auto'): string {
  if (tools.length === 0) throw new Error('A tool-call grammar needs at least one tool.');
  const rules = new Rules();
  const calls = tools.map((tool) => {
    const name = `tool-${ruleName(tool.name)}`;
    const args = rules.add(`${name}-args`, objectRule(rules, `${name}-args`, tool.parameters));
    return rules.add(name, `${literal(`{"name": ${quote(tool.name)}, "arguments": `)} ${args} "}"`);
  });
  const header = [
    `call ::= "<tool_call>\\n" (${calls.join(' | ')}) "\\n</tool_call>"`,
    `calls ::= call ("\\n" call){0,${GRAMMAR_MAX_CALLS - 1}}`,
    'char ::= [^"\\\\\\x7F\\x00-\\x1F] | "\\\\" (["\\\\/bfnrt] | "u" [0-9a-fA-F]{4})',
  ];
  const root = choice === 'required' ? 'root ::= calls' : 'root ::= calls | [^<\\x00] [^\\x00]*';
  return [root, ...header, ...rules.lines].join('\n');
}
