import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../storage/records';
import { BUILT_IN_TOOLS } from '../tools/built-in-tools';
import { conversation, curatedFromTrace, maskConversation, maskStrings } from './curated-call';
import { EMAIL, call, toolCall } from './testing/calls';

const trace: TraceRecord = {
  id: 'tr-9',
  runId: 'run-3',
  side: 'team',
  turnIndex: 2,
  role: 'r2',
  roleName: 'Critic',
  kind: 'critic',
  step: 'critique',
  modelId: 'smollm2-360m',
  messages: [{ role: 'user', content: 'Check this.' }],
  output: 'Looks right.',
  usage: { promptTokens: 31, completionTokens: 5, ttftMs: 10, decodeTokensPerSec: 20, wallMs: 300 },
  startedAt: 1,
  endedAt: 2,
  status: 'done',
  tools: [BUILT_IN_TOOLS.lookup],
};

describe('curatedFromTrace', () => {
  it('takes the trace fields, the protocol, the outcome and the choice', () => {
    const curated = curatedFromTrace(trace, 'critic-loop', 'wrong', false);
    expect(curated).toEqual({
      id: 'tr-9',
      runId: 'run-3',
      roleName: 'Critic',
      kind: 'critic',
      modelId: 'smollm2-360m',
      protocol: 'critic-loop',
      messages: [{ role: 'user', content: 'Check this.' }],
      output: 'Looks right.',
      tools: [BUILT_IN_TOOLS.lookup],
      promptTokens: 31,
      completionTokens: 5,
      outcome: 'wrong',
      keep: false,
    });
    expect(curated.messages).not.toBe(trace.messages);
  });

  it('defaults to an unknown outcome, kept, and no tools key without tools', () => {
    const curated = curatedFromTrace({ ...trace, tools: undefined }, 'solo');
    expect(curated.outcome).toBe('unknown');
    expect(curated.keep).toBe(true);
    expect('tools' in curated).toBe(false);
  });
});

describe('conversation', () => {
  it('leaves tool-call text alone in a call that was offered no tools', () => {
    const text = '<tool_call>\n{"name":"x","arguments":{}}\n</tool_call>';
    const conv = conversation(call({ output: text }));
    expect(conv.messages.at(-1)).toEqual({ role: 'assistant', content: text });
    expect(conv.tools).toBeUndefined();
  });

  it('reads a tool-using call into tool_calls and tool messages', () => {
    const roles = conversation(toolCall()).messages.map((m) => m.role);
    expect(roles).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
  });
});

describe('masking', () => {
  it('maskStrings masks values, not keys, and keeps numbers', () => {
    expect(maskStrings({ [EMAIL]: EMAIL, n: 3, list: [EMAIL] }, (s) => s.toUpperCase())).toEqual({
      [EMAIL]: EMAIL.toUpperCase(),
      n: 3,
      list: [EMAIL.toUpperCase()],
    });
  });

  it('maskConversation returns a masked copy and leaves the input alone', () => {
    const conv = conversation(call({ output: `Write to ${EMAIL}` }));
    const masked = maskConversation(conv);
    expect(masked.messages.at(-1)).toEqual({ role: 'assistant', content: 'Write to [EMAIL]' });
    expect(conv.messages.at(-1)).toEqual({ role: 'assistant', content: `Write to ${EMAIL}` });
  });
});
