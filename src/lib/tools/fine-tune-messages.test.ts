import { describe, expect, it } from 'vitest';
import { BUILT_IN_TOOLS } from './built-in-tools';
import { formatToolCall } from './parse-tool-calls';
import { toFineTuneMessages, toFineTuneTools } from './fine-tune-messages';
import { toolResponseMessage } from './tool-loop';

const observation = (callId: string, name: string, content: string) => ({
  callId,
  name,
  ok: true,
  content,
  ms: 1,
  loadMs: 0,
  truncated: false,
});

describe('toFineTuneMessages', () => {
  it('turns Hermes tool text into OpenAI tool_calls and tool messages', () => {
    const messages = [
      { role: 'system' as const, content: 'Solve it.' },
      { role: 'user' as const, content: 'What is 6 * 7 and 2 + 2?' },
      {
        role: 'assistant' as const,
        content: `Computing.\n${formatToolCall({ name: 'calculator', arguments: { expression: '6 * 7' } })}\n${formatToolCall({ name: 'calculator', arguments: { expression: '2 + 2' } })}`,
      },
      toolResponseMessage(
        [observation('call_1', 'calculator', '42'), observation('call_2', 'calculator', '4')],
        [],
      ),
    ];
    expect(toFineTuneMessages(messages, 'Answer: 42 and 4')).toEqual([
      { role: 'system', content: 'Solve it.' },
      { role: 'user', content: 'What is 6 * 7 and 2 + 2?' },
      {
        role: 'assistant',
        content: 'Computing.',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'calculator', arguments: '{"expression":"6 * 7"}' },
          },
          {
            id: 'call_2',
            type: 'function',
            function: { name: 'calculator', arguments: '{"expression":"2 + 2"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '42' },
      { role: 'tool', tool_call_id: 'call_2', content: '4' },
      { role: 'assistant', content: 'Answer: 42 and 4' },
    ]);
  });

  it('keeps a reply that is itself a call as the last assistant message with its tool_calls', () => {
    const reply = formatToolCall({ name: 'lookup', arguments: { query: 'born' } });
    expect(toFineTuneMessages([{ role: 'user', content: 'Where?' }], reply).at(-1)).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: 'lookup', arguments: '{"query":"born"}' },
        },
      ],
    });
  });

  it('passes messages without tools through unchanged', () => {
    const plain = [{ role: 'user' as const, content: 'Hi <b>there</b>' }];
    expect(toFineTuneMessages(plain, 'Hello')).toEqual([
      { role: 'user', content: 'Hi <b>there</b>' },
      { role: 'assistant', content: 'Hello' },
    ]);
  });

  it('declares the tools as OpenAI function tools', () => {
    expect(toFineTuneTools([BUILT_IN_TOOLS.calculator])[0]).toEqual({
      type: 'function',
      function: {
        name: 'calculator',
        description: BUILT_IN_TOOLS.calculator.description,
        parameters: BUILT_IN_TOOLS.calculator.parameters,
      },
    });
  });
});
