import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessSandbox } from '../testing/in-process-sandbox';
import type { SandboxHost } from '../sandbox/sandbox-host';
import { ToolRunner, type ToolSandbox } from './tool-runner';
import type { CustomTool } from './types';

const weather: CustomTool = {
  name: 'get_weather',
  description: 'Weather in a city.',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  reply: { kind: 'javascript', body: 'return { city: args.city, celsius: args.city.length * 3 };' },
};
const policy: CustomTool = {
  name: 'refund_policy',
  description: 'The shop refund policy.',
  parameters: { type: 'object', properties: {} },
  reply: { kind: 'fixed', text: 'Refunds within 30 days.' },
};

let sandbox: SandboxHost;
beforeAll(async () => {
  sandbox = inProcessSandbox();
  // mathjs and QuickJS load once (seconds on a busy machine), not inside a test's time.
  await sandbox.run({ language: 'math', code: '1', outputCap: 100, timeoutMs: 60_000 });
  await sandbox.run({ language: 'javascript', code: '1', outputCap: 100, timeoutMs: 60_000 });
}, 120_000);
afterAll(() => sandbox.dispose());

const call = (name: string, args: unknown) => ({ id: 'call_1', name, arguments: args });

describe('ToolRunner with the real runtimes', () => {
  it('computes with the calculator', async () => {
    const runner = new ToolRunner(sandbox, ['calculator']);
    const observation = await runner.run(call('calculator', { expression: '(48 / 2) + 48' }));
    expect(observation).toMatchObject({
      ok: true,
      content: '72',
      name: 'calculator',
      callId: 'call_1',
    });
  });

  it("looks up in the question's paragraphs", async () => {
    const runner = new ToolRunner(sandbox, ['lookup']);
    const observation = await runner.run(call('lookup', { query: 'born', limit: 1 }), {
      paragraphs: [{ title: 'Helena Varga', sentences: ['An architect.', 'Born in Szeged.'] }],
    });
    expect(observation.content).toBe('[Helena Varga, sentence 2] Born in Szeged.');
  });

  it('runs a JavaScript program and a custom tool body in QuickJS', async () => {
    const runner = new ToolRunner(sandbox, ['run_javascript', weather, policy]);
    const program = await runner.run(
      call('run_javascript', { code: 'console.log("hi"); 2 ** 10' }),
    );
    expect(program.content).toBe('Printed:\nhi\n\nValue: 1024');
    const custom = await runner.run(call('get_weather', { city: 'Oslo' }));
    expect(custom).toMatchObject({ ok: true, content: 'Value: {"city":"Oslo","celsius":12}' });
    const fixed = await runner.run(call('refund_policy', {}));
    expect(fixed).toMatchObject({ ok: true, content: 'Refunds within 30 days.', ms: 0 });
  });

  it('runs Python', { timeout: 120_000 }, async () => {
    const runner = new ToolRunner(sandbox, ['run_python']);
    const observation = await runner.run(
      call('run_python', { code: 'print(sum(range(5)))\n6 * 7' }),
    );
    expect(observation.content).toBe('Printed:\n10\n\nValue: 42');
  });

  it('tells the model about an unknown tool or bad arguments, and runs nothing', async () => {
    let runs = 0;
    const counting: ToolSandbox = {
      run: (request, options) => {
        runs++;
        return sandbox.run(request, options);
      },
    };
    const runner = new ToolRunner(counting, ['calculator', weather]);
    const unknown = await runner.run(call('search_web', { q: 'x' }));
    expect(unknown).toMatchObject({
      ok: false,
      error: { kind: 'unknown-tool' },
      content: 'Error: There is no tool named "search_web". Tools: calculator, get_weather.',
    });
    const bad = await runner.run(call('get_weather', { town: 'Oslo' }));
    expect(bad.ok).toBe(false);
    expect(bad.error?.kind).toBe('bad-arguments');
    expect(bad.content).toMatch(/^Error: The arguments do not fit get_weather: .*city/);
    expect(runs).toBe(0);
  });

  it("gives a failing program's error with what it printed, and caps what the model reads", async () => {
    const runner = new ToolRunner(sandbox, ['run_javascript'], { observationChars: 100 });
    const failing = await runner.run(
      call('run_javascript', { code: 'console.log("step 1"); null.x' }),
    );
    expect(failing.error?.kind).toBe('tool-error');
    expect(failing.content).toMatch(/^Error: TypeError: .*\n\nPrinted:\nstep 1$/);
    const long = await runner.run(call('run_javascript', { code: '"z".repeat(500)' }));
    expect(long.truncated).toBe(true);
    expect(long.content).toMatch(/… \(\d+ more characters cut\)$/);
  });

  it('reports a stopped call as stopped', async () => {
    const runner = new ToolRunner(sandbox, ['calculator']);
    const observation = await runner.run(call('calculator', { expression: '1' }), {
      signal: AbortSignal.abort(),
    });
    expect(observation.error?.kind).toBe('stopped');
  });
});
