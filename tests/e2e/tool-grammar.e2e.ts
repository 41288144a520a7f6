/**
 * Tool calls under the grammar, on the real wllama engine with the tiny random-weights GGUF
 * (through the app's path: agent host → worker → wllama): whatever the model would write, the
 * grammar lets it write only calls that parse and fit their tool's schema.
 */
import { expect, test } from '@playwright/test';
import type { ChatRequest } from '../../src/lib/engine/types';
import { BUILT_IN_TOOLS } from '../../src/lib/tools/built-in-tools';
import { parseToolCalls } from '../../src/lib/tools/parse-tool-calls';
import { toolCallGrammar } from '../../src/lib/tools/tool-grammar';
import { argumentProblems } from '../../src/lib/tools/validate-arguments';
import type { ToolSpec } from '../../src/lib/tools/types';
import type { BenchApi } from '../../bench/protocol';

const unitConverter: ToolSpec = {
  name: 'convert_units',
  description: 'Converts a quantity between units.',
  parameters: {
    type: 'object',
    properties: {
      value: { type: 'number' },
      from: { type: 'string', enum: ['km', 'mile', 'kg', 'lb'] },
      to: { type: 'string', enum: ['km', 'mile', 'kg', 'lb'] },
      exact: { type: 'boolean' },
    },
    required: ['value', 'from', 'to'],
    additionalProperties: false,
  },
};
const tools = [BUILT_IN_TOOLS.calculator, BUILT_IN_TOOLS.lookup, unitConverter];

test('20 seeds: every tool call the tiny model writes under the grammar parses and fits its schema', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/bench.html');
  await expect(page.locator('html')).toHaveAttribute('data-bench-ready', 'true');
  const grammar = toolCallGrammar(tools, 'required');
  const names = new Set<string>();
  for (let seed = 1; seed <= 20; seed++) {
    const request: ChatRequest = {
      messages: [
        { role: 'system', content: 'Call a tool. Tools: calculator, lookup, convert_units.' },
        { role: 'user', content: 'How many miles is 42 km?' },
      ],
      sampling: { temperature: 1, seed, max_tokens: 1024 },
      grammar,
    };
    const reply = await page.evaluate(
      (r) => (window as unknown as { bench: BenchApi }).bench.wllamaChat(r),
      request,
    );
    expect(reply.finishReason, `seed ${seed}: ${reply.text}`).toBe('stop');
    const parsed = parseToolCalls(reply.text);
    expect(parsed.unreadable, `seed ${seed}: ${reply.text}`).toEqual([]);
    expect(parsed.text, `seed ${seed}`).toBe('');
    expect(parsed.calls.length, `seed ${seed}`).toBeGreaterThan(0);
    for (const call of parsed.calls) {
      const tool = tools.find((t) => t.name === call.name);
      expect(tool, `seed ${seed}: ${call.name}`).toBeDefined();
      expect(argumentProblems(tool!, call.arguments), `seed ${seed}: ${reply.text}`).toBeNull();
      names.add(call.name);
    }
  }
  // The random model is not steered to one tool: the grammar leaves it each of them.
  expect(names.size).toBeGreaterThan(1);
});
