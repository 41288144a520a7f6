import { describe, expect, it } from 'vitest';
import {
  DATASET_FORMAT_NAMES,
  jsonLine,
  toDatasetRecord,
  writeDataset,
  type DatasetFormat,
} from './dataset-formats';
import { EMAIL, PHONE, call, multiTurnCall, piiCall, toolCall } from './testing/calls';

const FORMATS = Object.keys(DATASET_FORMAT_NAMES) as DatasetFormat[];
const plain = { mask: false };

describe('openai', () => {
  it('writes messages with the reply last and no weight for a single assistant turn', () => {
    expect(toDatasetRecord(call(), 'openai', plain)).toEqual({
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'What is 12 + 30?' },
        { role: 'assistant', content: 'Answer: 42' },
      ],
    });
  });

  it('weighs earlier assistant turns 0 and the reply 1', () => {
    const record = toDatasetRecord(multiTurnCall(), 'openai', plain);
    expect(record.messages).toEqual([
      { role: 'system', content: 'Solve step by step.' },
      { role: 'user', content: 'What is 15% of 80?' },
      { role: 'assistant', content: 'Answer: 10', weight: 0 },
      { role: 'user', content: 'The critic says: recompute 0.15 * 80.' },
      { role: 'assistant', content: 'Answer: 12', weight: 1 },
    ]);
  });

  it('writes tool calls as tool_calls and tool messages, with the tools', () => {
    const record = toDatasetRecord(toolCall(), 'openai', plain);
    expect(record.messages).toEqual([
      { role: 'system', content: 'Use tools.' },
      { role: 'user', content: 'What is 6 * 7?' },
      {
        role: 'assistant',
        content: 'Computing.',
        weight: 0,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'calculator', arguments: '{"expression":"6 * 7"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '42' },
      { role: 'assistant', content: 'The product is 42.', weight: 1 },
    ]);
    expect(record.tools).toEqual([
      expect.objectContaining({
        type: 'function',
        function: expect.objectContaining({ name: 'calculator' }),
      }),
    ]);
    expect(record.parallel_tool_calls).toBe(true);
  });
});

describe('trl', () => {
  it('conversational: messages with object arguments and named tool messages', () => {
    const record = toDatasetRecord(toolCall(), 'trl-messages', plain);
    expect(Object.keys(record).sort()).toEqual(['messages', 'tools']);
    expect(record.messages).toEqual([
      { role: 'system', content: 'Use tools.' },
      { role: 'user', content: 'What is 6 * 7?' },
      {
        role: 'assistant',
        content: 'Computing.',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'calculator', arguments: { expression: '6 * 7' } },
          },
        ],
      },
      { role: 'tool', name: 'calculator', tool_call_id: 'call_1', content: '42' },
      { role: 'assistant', content: 'The product is 42.' },
    ]);
  });

  it('prompt-completion: every message before the last assistant one, then that one', () => {
    const record = toDatasetRecord(multiTurnCall(), 'trl-prompt-completion', plain);
    expect(Object.keys(record).sort()).toEqual(['completion', 'prompt']);
    expect(record.prompt).toHaveLength(4);
    expect(record.prompt).toContainEqual({ role: 'assistant', content: 'Answer: 10' });
    expect(record.completion).toEqual([{ role: 'assistant', content: 'Answer: 12' }]);
  });

  it('prompt-completion of a tool call: the calls and results stay in the prompt', () => {
    const record = toDatasetRecord(toolCall(), 'trl-prompt-completion', plain);
    const prompt = record.prompt as { role: string }[];
    expect(prompt.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(record.completion).toEqual([{ role: 'assistant', content: 'The product is 42.' }]);
    expect(record.tools).toHaveLength(1);
  });
});

describe('sharegpt', () => {
  it('uses from/value with system, human and gpt', () => {
    expect(toDatasetRecord(call(), 'sharegpt', plain)).toEqual({
      conversations: [
        { from: 'system', value: 'Answer briefly.' },
        { from: 'human', value: 'What is 12 + 30?' },
        { from: 'gpt', value: 'Answer: 42' },
      ],
    });
  });

  it('writes calls as Hermes blocks in the gpt turn and results as tool turns', () => {
    const record = toDatasetRecord(toolCall(), 'sharegpt', plain);
    const turns = record.conversations as { from: string; value: string }[];
    expect(turns.map((t) => t.from)).toEqual(['system', 'human', 'gpt', 'tool', 'gpt']);
    expect(turns[2]?.value).toBe(
      'Computing.\n<tool_call>\n{"name":"calculator","arguments":{"expression":"6 * 7"}}\n</tool_call>',
    );
    expect(turns[3]?.value).toBe('42');
    expect(record.tools).toHaveLength(1);
  });
});

describe('alpaca', () => {
  it('system → instruction, user → input, reply → output', () => {
    expect(toDatasetRecord(call(), 'alpaca', plain)).toEqual({
      instruction: 'Answer briefly.',
      input: 'What is 12 + 30?',
      output: 'Answer: 42',
    });
  });

  it('folds the turns of a multi-turn call into the input, in order', () => {
    expect(toDatasetRecord(multiTurnCall(), 'alpaca', plain)).toEqual({
      instruction: 'Solve step by step.',
      input:
        'User: What is 15% of 80?\n\nAssistant: Answer: 10\n\nUser: The critic says: recompute 0.15 * 80.',
      output: 'Answer: 12',
    });
  });

  it('folds tool calls and results, and uses the user message without a system prompt', () => {
    const noSystem = toolCall();
    noSystem.messages = noSystem.messages.filter((m) => m.role !== 'system');
    const record = toDatasetRecord(noSystem, 'alpaca', plain);
    expect(record.instruction).toBe('What is 6 * 7?');
    expect(record.input).toMatch(/^Assistant: Computing\.\n<tool_call>[\s\S]*\n\nTool: 42$/);
    expect(record.output).toBe('The product is 42.');
  });
});

describe('masking', () => {
  it.each(FORMATS)('%s: masks the e-mail and phone everywhere, only when asked', (format) => {
    const masked = writeDataset([piiCall()], format, { mask: true });
    expect(masked).not.toContain(EMAIL);
    expect(masked).not.toContain(PHONE);
    expect(masked).toContain('[EMAIL]');
    expect(masked).toContain('[PHONE]');
    const clear = writeDataset([piiCall()], format, plain);
    expect(clear).toContain(EMAIL);
    expect(clear).toContain(PHONE);
  });

  it.each(FORMATS)('%s: masks PII in tool-call arguments and tool results', (format) => {
    const withPii = toolCall({
      messages: [
        { role: 'user', content: 'Find the owner.' },
        {
          role: 'assistant',
          content: `<tool_call>\n${JSON.stringify({ name: 'lookup', arguments: { query: `line\n${EMAIL}` } })}\n</tool_call>`,
        },
        {
          role: 'user',
          content: `<tool_response>\n{"name":"lookup","content":"call ${PHONE}"}\n</tool_response>`,
        },
      ],
    });
    const masked = writeDataset([withPii], format, { mask: true });
    expect(masked).not.toContain(EMAIL);
    expect(masked).not.toContain(PHONE);
    for (const line of masked.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    if (format === 'openai') expect(masked).toContain('\\"line\\\\n[EMAIL]\\"');
  });
});

describe('JSONL', () => {
  const calls = [call(), toolCall(), multiTurnCall(), call({ output: 'two\nlines\u2028here' })];

  it.each(FORMATS)('%s: one object per line, every line parses', (format) => {
    const text = writeDataset(calls, format, plain);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(calls.length);
    for (const line of lines) {
      expect(line).not.toMatch(/[\r\u2028\u2029]/);
      expect(JSON.parse(line)).toBeTypeOf('object');
    }
    expect(JSON.stringify(JSON.parse(lines[3] ?? ''))).toContain('two\\nlines');
  });

  it('escapes U+2028 so the text survives a round trip', () => {
    const line = jsonLine({ text: 'a\u2028b' });
    expect(line).toBe('{"text":"a\\u2028b"}');
    expect(JSON.parse(line)).toEqual({ text: 'a\u2028b' });
  });

  it('writes nothing for no calls', () => {
    expect(writeDataset([], 'openai', plain)).toBe('');
  });
});
