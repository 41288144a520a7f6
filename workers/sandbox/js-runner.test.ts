import { describe, expect, it } from 'vitest';
import { runJavaScript } from './js-runner';

const run = (code: string, extra: Partial<Parameters<typeof runJavaScript>[1]> = {}) =>
  runJavaScript(code, { outputCap: 64 * 1024, timeoutMs: 2_000, ...extra });

describe('runJavaScript (QuickJS)', () => {
  it('returns the last expression as JSON and captures console output', async () => {
    const result = await run('console.log("hi", 1, {a: 2}); console.error("bad"); [6 * 7, "x"]');
    expect(result.ok).toBe(true);
    expect(result.value).toBe('[42,"x"]');
    expect(result.stdout).toBe('hi 1 {"a":2}\n');
    expect(result.stderr).toBe('bad\n');
    expect(result.truncated).toBe(false);
  });

  it('gives the code its globals as plain values', async () => {
    const result = await run('args.n * 2 + args.list.length', {
      globals: { args: { n: 20, list: [1, 2] } },
    });
    expect(result.value).toBe('42');
  });

  it('settles a script whose value is a promise', async () => {
    const result = await run('(async () => { await null; return "later"; })()');
    expect(result).toMatchObject({ ok: true, value: '"later"' });
  });

  it('reports a thrown error by name and message', async () => {
    const result = await run('null.x');
    expect(result.ok).toBe(false);
    expect(result.error?.name).toBe('CodeError');
    expect(result.error?.message).toMatch(/^TypeError: /);
  });

  it('stops an endless loop at the time limit and stays usable', async () => {
    const started = performance.now();
    const result = await run('while (true) {}', { timeoutMs: 300 });
    const elapsed = performance.now() - started;
    expect(result.error?.name).toBe('TimeoutError');
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(5_000);
    expect((await run('1 + 1')).value).toBe('2');
  });

  it.each(['fetch', 'XMLHttpRequest', 'importScripts', 'document', 'indexedDB', 'require'])(
    'finds no %s: the interpreter has no host objects',
    async (name) => {
      const result = await run(`${name}`);
      expect(result.ok).toBe(false);
      expect(result.error?.message).toBe(`ReferenceError: '${name}' is not defined`);
    },
  );

  it('caps 10 MB of output', async () => {
    const result = await run(
      'const line = "x".repeat(1024 * 1024); for (let i = 0; i < 10; i++) console.log(line); "done"',
      { outputCap: 64 * 1024, timeoutMs: 10_000 },
    );
    expect(result.ok).toBe(true);
    expect(result.stdout.length).toBe(64 * 1024);
    expect(result.truncated).toBe(true);
  });

  it('refuses memory past its limit (64 MiB)', async () => {
    const result = await run('new ArrayBuffer(128 * 1024 * 1024).byteLength');
    expect(result.ok).toBe(false);
    expect(result.error?.name).toBe('CodeError');
    expect(result.error?.message).toMatch(/memory/i);
  });
});
