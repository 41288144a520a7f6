import { expect, test } from 'vitest';
import { traceFromTurn, type TraceRecord } from './records';
import { createMemoryRunStore } from './run-store';
import { sampleConfig, sampleTurn } from '../testing/storage-fixtures';
import { tracesToJsonl, type FineTuneExample } from './trace-export';
import { BUILT_IN_TOOLS } from '../tools/built-in-tools';

async function someTraces(): Promise<TraceRecord[]> {
  const store = createMemoryRunStore({ locks: null });
  const run = await store.createRun(sampleConfig());
  const calls = [
    sampleTurn(0, 'Final answer: Szeged'),
    sampleTurn(0, 'She was born in Szeged. Write to helena@varga.hu', {
      roleId: 'reasoner',
      roleName: 'Reasoner',
      kind: 'reasoner',
      step: 'reason',
      messages: [
        { role: 'system', content: 'You are the Reasoner.' },
        { role: 'user', content: 'My phone is +44 20 7946 0958. Ann has 12 apples.' },
      ],
    }),
    sampleTurn(1, 'VERDICT: ok', { roleId: 'critic', roleName: 'Critic', kind: 'critic' }),
  ];
  await store.addTrace(traceFromTurn(run, 'solo', calls[0]!));
  await store.addTrace(traceFromTurn(run, 'team', calls[1]!));
  await store.addTrace(traceFromTurn(run, 'team', calls[2]!));
  return store.tracesForRun(run.id);
}

function parse(jsonl: string): FineTuneExample[] {
  expect(jsonl.endsWith('\n')).toBe(true);
  return jsonl
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FineTuneExample);
}

test('one line per call in OpenAI chat format, the output as the last assistant message', async () => {
  const traces = await someTraces();
  const examples = parse(tracesToJsonl(traces, { maskPii: false }));
  expect(examples).toHaveLength(traces.length);
  for (const [i, example] of examples.entries()) {
    const trace = traces[i]!;
    expect(example.messages.slice(0, -1)).toEqual(trace.messages);
    expect(example.messages.at(-1)).toEqual({ role: 'assistant', content: trace.output });
    expect(example.messages.every((m) => ['system', 'user', 'assistant'].includes(m.role))).toBe(
      true,
    );
    expect(example.metadata).toMatchObject({
      traceId: trace.id,
      runId: trace.runId,
      side: trace.side,
      role: trace.role,
      modelId: trace.modelId,
      usage: trace.usage,
      durationMs: trace.endedAt - trace.startedAt,
    });
  }
  expect(examples.map((e) => e.metadata?.modelId)).toEqual([
    'scripted-solo',
    'scripted-team',
    'scripted-team',
  ]);
});

test('includeMetadata: false gives lines with only messages', async () => {
  const lines = parse(
    tracesToJsonl(await someTraces(), { maskPii: false, includeMetadata: false }),
  );
  expect(lines.every((line) => Object.keys(line).join() === 'messages')).toBe(true);
});

test('maskPii masks messages and outputs, and keeps the numbers of the question', async () => {
  const jsonl = tracesToJsonl(await someTraces(), { maskPii: true });
  expect(jsonl).not.toContain('helena@varga.hu');
  expect(jsonl).not.toContain('7946');
  const reasoner = parse(jsonl)[1]!;
  expect(reasoner.messages[1]?.content).toBe('My phone is [PHONE]. Ann has 12 apples.');
  expect(reasoner.messages.at(-1)?.content).toBe('She was born in Szeged. Write to [EMAIL]');
  expect(tracesToJsonl([], { maskPii: true })).toBe('');
});

test("an escalated call's trace says why the large model was called", async () => {
  const store = createMemoryRunStore({ locks: null });
  const run = await store.createRun(sampleConfig());
  const large = sampleTurn(1, 'Answer: Szeged', {
    roleId: 'large',
    roleName: 'Large model',
    kind: 'large',
    step: 'large-answer',
    escalatedBecause: 'agreement 2/5 below 3/5',
  });
  await store.addTrace(traceFromTurn(run, 'team', sampleTurn(0, 'Answer: Eastbrook')));
  await store.addTrace(traceFromTurn(run, 'team', large));
  const examples = parse(tracesToJsonl(await store.tracesForRun(run.id), { maskPii: false }));
  expect(examples.map((e) => [e.metadata?.step, e.metadata?.escalatedBecause])).toEqual([
    ['answer', undefined],
    ['large-answer', 'agreement 2/5 below 3/5'],
  ]);
});

test("a tool-using call's line has OpenAI's tools, tool_calls and tool messages, masked like the rest", async () => {
  const [trace] = await someTraces();
  const call =
    '<tool_call>\n{"name":"lookup","arguments":{"query":"ann@example.com"}}\n</tool_call>';
  const withTools: TraceRecord = {
    ...trace!,
    messages: [
      { role: 'user', content: 'Where was she born?' },
      { role: 'assistant', content: call },
      {
        role: 'user',
        content: '<tool_response>\n{"name":"lookup","content":"Szeged"}\n</tool_response>',
      },
    ],
    output: 'Final answer: Szeged',
    tools: [BUILT_IN_TOOLS.lookup],
  };
  const [example] = parse(tracesToJsonl([withTools], { maskPii: true, includeMetadata: false }));
  expect(example).toEqual({
    messages: [
      { role: 'user', content: 'Where was she born?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'lookup', arguments: '{"query":"[EMAIL]"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'Szeged' },
      { role: 'assistant', content: 'Final answer: Szeged' },
    ],
    tools: [
      {
        type: 'function',
        function: {
          name: 'lookup',
          description: BUILT_IN_TOOLS.lookup.description,
          parameters: BUILT_IN_TOOLS.lookup.parameters,
        },
      },
    ],
    parallel_tool_calls: true,
  });
});
