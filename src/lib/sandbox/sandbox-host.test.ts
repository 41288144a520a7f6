import { describe, expect, it } from 'vitest';
import { SandboxHost, type SandboxBackend } from './sandbox-host';
import type { SandboxRuntime, SandboxRunRequest, SandboxRunResult } from './types';

const okResult = (value: string): SandboxRunResult => ({
  ok: true,
  value,
  stdout: '',
  stderr: '',
  truncated: false,
  ms: 1,
});

interface FakeBackend extends SandboxBackend {
  language: SandboxRuntime;
  terminated: boolean;
  indexURL: string | undefined;
  die(why: string): void;
}

/**
 * A stand-in for a sandbox worker: `behaviour` decides how prepare and run answer, so a test can
 * make a run hang (an endless loop the runtime cannot interrupt), fail, or the worker die.
 */
function fakeBackends(
  behaviour: {
    prepare?: (n: number) => Promise<{ loadMs: number }>;
    run?: (request: SandboxRunRequest, n: number) => Promise<SandboxRunResult>;
  } = {},
) {
  const made: FakeBackend[] = [];
  const makeBackend = (language: SandboxRuntime): SandboxBackend => {
    let die: (why: string) => void = () => {};
    const died = new Promise<string>((resolve) => (die = resolve));
    const n = made.length;
    const backend: FakeBackend = {
      language,
      terminated: false,
      indexURL: undefined,
      died,
      die: (why) => die(why),
      prepare: (_language, indexURL) => {
        backend.indexURL = indexURL;
        return behaviour.prepare?.(n) ?? Promise.resolve({ loadMs: 30 });
      },
      run: (request) =>
        behaviour.run?.(request, n) ?? Promise.resolve(okResult(JSON.stringify(request.code))),
      terminate: () => {
        backend.terminated = true;
      },
    };
    made.push(backend);
    return backend;
  };
  return { made, makeBackend };
}

const js = (code: string, timeoutMs = 1_000): SandboxRunRequest => ({
  language: 'javascript',
  code,
  outputCap: 1_000,
  timeoutMs,
});

const never = <T>() => new Promise<T>(() => {});

describe('SandboxHost', () => {
  it('starts one worker per language on first use and keeps it for the next run', async () => {
    const { made, makeBackend } = fakeBackends();
    const host = new SandboxHost({ makeBackend, pythonIndexURL: 'https://x.test/pyodide/' });
    let loading = 0;
    const first = await host.run(js('1'), { onLoading: () => loading++ });
    const second = await host.run(js('2'), { onLoading: () => loading++ });
    await host.run({ ...js('3'), language: 'python' });
    expect(first).toMatchObject({ ok: true, value: '"1"', loadMs: 30 });
    expect(second).toMatchObject({ ok: true, value: '"2"', loadMs: 0 });
    expect(loading).toBe(1);
    expect(made.map((b) => b.language)).toEqual(['javascript', 'python']);
    expect(made[1]!.indexURL).toBe('https://x.test/pyodide/');
    expect(made[0]!.indexURL).toBeUndefined();
    expect(host.running).toEqual(['javascript', 'python']);
  });

  it('ends a worker whose run overstays its limit, and the next run gets a fresh one', async () => {
    const { made, makeBackend } = fakeBackends({
      run: (request, n) => (n === 0 ? never() : Promise.resolve(okResult(request.code))),
    });
    const host = new SandboxHost({ makeBackend, graceMs: 20 });
    const started = performance.now();
    const stuck = await host.run(js('while (true) {}', 100));
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    expect(stuck.error?.name).toBe('TimeoutError');
    expect(stuck.error?.message).toBe('Stopped after 0.1 s: the program did not finish in time.');
    expect(made[0]!.terminated).toBe(true);
    const next = await host.run(js('after'));
    expect(next).toMatchObject({ ok: true, value: 'after' });
    expect(made).toHaveLength(2);
  });

  it('ends the worker when the user stops a run', async () => {
    const { made, makeBackend } = fakeBackends({ run: () => never() });
    const host = new SandboxHost({ makeBackend });
    const controller = new AbortController();
    const pending = host.run(js('slow'), { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const result = await pending;
    expect(result.error?.name).toBe('AbortError');
    expect(made[0]!.terminated).toBe(true);
    expect(host.running).toEqual([]);
  });

  it('names a worker that dies under a run', async () => {
    const { made, makeBackend } = fakeBackends({ run: () => never() });
    const host = new SandboxHost({ makeBackend });
    const pending = host.run(js('boom'));
    await new Promise((r) => setTimeout(r, 10));
    made[0]!.die('The sandbox worker crashed (out of memory?).');
    const result = await pending;
    expect(result.error).toEqual({
      name: 'SandboxCrashedError',
      message: 'The sandbox worker crashed (out of memory?).',
    });
    expect(made[0]!.terminated).toBe(true);
  });

  it('reports a runtime that cannot load, and tries again on the next run', async () => {
    const { made, makeBackend } = fakeBackends({
      prepare: (n) =>
        n === 0
          ? Promise.reject(new Error('pyodide.asm.wasm: 404 Not Found'))
          : Promise.resolve({ loadMs: 5 }),
    });
    const host = new SandboxHost({ makeBackend });
    const failed = await host.run({ ...js('1'), language: 'python' });
    expect(failed.error).toEqual({
      name: 'SandboxLoadError',
      message: 'The python runtime could not load: pyodide.asm.wasm: 404 Not Found',
    });
    const again = await host.run({ ...js('2'), language: 'python' });
    expect(again.ok).toBe(true);
    expect(made).toHaveLength(2);
  });

  it('gives up on a runtime that does not load within its limit', async () => {
    const { made, makeBackend } = fakeBackends({ prepare: () => never() });
    const host = new SandboxHost({ makeBackend, loadTimeoutMs: 50 });
    const result = await host.run(js('1'));
    expect(result.error?.name).toBe('SandboxLoadError');
    expect(result.error?.message).toBe('The javascript runtime did not load within 0.1 s.');
    expect(made[0]!.terminated).toBe(true);
  });

  it('does not start a worker for a run stopped before it began', async () => {
    const { made, makeBackend } = fakeBackends();
    const host = new SandboxHost({ makeBackend });
    const result = await host.run(js('1'), { signal: AbortSignal.abort() });
    expect(result.error?.name).toBe('AbortError');
    expect(made).toHaveLength(0);
  });

  it('passes globals to the run and ends every worker on dispose', async () => {
    const seen: unknown[] = [];
    const { made, makeBackend } = fakeBackends({
      run: (request) => {
        seen.push((request as { globals?: unknown }).globals);
        return Promise.resolve(okResult('x'));
      },
    });
    const host = new SandboxHost({ makeBackend });
    await host.run(js('args'), { globals: { args: { a: 1 } } });
    host.dispose();
    expect(seen).toEqual([{ args: { a: 1 } }]);
    expect(made[0]!.terminated).toBe(true);
    expect(host.running).toEqual([]);
  });
});
