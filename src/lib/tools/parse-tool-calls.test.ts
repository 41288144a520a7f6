import { describe, expect, it } from 'vitest';
import { formatToolCall, parseToolCalls } from './parse-tool-calls';

describe('parseToolCalls', () => {
  it('reads one call and keeps the text around it', () => {
    const parsed = parseToolCalls(
      'I will compute it.\n<tool_call>\n{"name": "calculator", "arguments": {"expression": "2 + 2"}}\n</tool_call>',
    );
    expect(parsed.calls).toEqual([
      { id: 'call_1', name: 'calculator', arguments: { expression: '2 + 2' } },
    ]);
    expect(parsed.unreadable).toEqual([]);
    expect(parsed.text).toBe('I will compute it.');
  });

  it('reads parallel calls in order, numbered from the given id', () => {
    const reply = [
      formatToolCall({ name: 'lookup', arguments: { query: 'architect' } }),
      formatToolCall({ name: 'calculator', arguments: { expression: '1911 - 1870' } }),
    ].join('\n');
    const parsed = parseToolCalls(reply, 3);
    expect(parsed.calls.map((c) => [c.id, c.name])).toEqual([
      ['call_3', 'lookup'],
      ['call_4', 'calculator'],
    ]);
    expect(parsed.text).toBe('');
  });

  it('reads arguments sent as a JSON string, and a call with none', () => {
    const parsed = parseToolCalls(
      '<tool_call>{"name":"calculator","arguments":"{\\"expression\\":\\"3*3\\"}"}</tool_call><tool_call>{"name":"now"}</tool_call>',
    );
    expect(parsed.calls.map((c) => c.arguments)).toEqual([{ expression: '3*3' }, {}]);
  });

  it('reports what is wrong with a block instead of dropping it', () => {
    const parsed = parseToolCalls(
      [
        '<tool_call>{"name": "calculator", "arguments": {"expression": </tool_call>',
        '<tool_call>["calculator"]</tool_call>',
        '<tool_call>{"arguments": {}}</tool_call>',
        '<tool_call>{"name": "lookup", "arguments": {"query": "cut',
      ].join('\n'),
    );
    expect(parsed.calls).toEqual([]);
    expect(parsed.unreadable.map((u) => u.message)).toEqual([
      expect.stringMatching(/^The tool call is not valid JSON \(/),
      'The tool call must be a JSON object with "name" and "arguments".',
      'The tool call has no "name".',
      'The tool call was cut off before </tool_call>.',
    ]);
  });

  it('finds no call in a plain answer', () => {
    expect(parseToolCalls('Answer: 42')).toEqual({ calls: [], unreadable: [], text: 'Answer: 42' });
  });
});
