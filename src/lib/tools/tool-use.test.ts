import { describe, expect, it } from 'vitest';
import type { Turn } from '../team/protocols/types';
import type { ToolObservation, TurnToolCall } from './types';
import { toolUseOf } from './tool-use';

const observation = (patch: Partial<ToolObservation> = {}): ToolObservation => ({
  callId: 'call_1',
  name: 'calculator',
  ok: true,
  content: '2',
  ms: 3,
  loadMs: 0,
  truncated: false,
  ...patch,
});
const toolCall = (o: ToolObservation): TurnToolCall => ({
  call: { id: o.callId, name: o.name, arguments: {} },
  observation: o,
});
const turn = (patch: Partial<Turn>): Turn =>
  ({ index: 0, output: '', status: 'done', ...patch }) as Turn;

describe('toolUseOf', () => {
  it('counts steps, calls, valid calls, calls that ran, and tool time with loading', () => {
    const use = toolUseOf([
      turn({
        toolStep: 1,
        output: '<tool_call>{"name": </tool_call>',
        toolCalls: [
          toolCall(observation({ loadMs: 900 })),
          toolCall(observation({ ok: false, error: { kind: 'bad-arguments', message: 'x' } })),
          toolCall(observation({ ok: false, error: { kind: 'timeout', message: 'x' }, ms: 10 })),
        ],
      }),
      turn({ toolStep: 2, output: 'Answer: 2' }),
      turn({ output: 'Critic: fine' }),
    ]);
    expect(use).toEqual({ steps: 2, calls: 4, valid: 2, ran: 1, toolMs: 916 });
  });

  it('is undefined for a side that used no tools', () => {
    expect(toolUseOf([turn({ output: 'Answer: 1' })])).toBeUndefined();
  });
});
