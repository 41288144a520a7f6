import { beforeAll, describe, expect, it } from 'vitest';
import { loadPython, runPython } from './python-runner';

const run = (code: string, extra: Partial<Parameters<typeof runPython>[1]> = {}) =>
  runPython(code, { outputCap: 64 * 1024, ...extra });

// Pyodide loads from its npm package (about 4 s on two cores); each test reuses it.
beforeAll(() => loadPython(), 120_000);

describe('runPython (Pyodide)', () => {
  it('returns the last expression as JSON and captures stdout and stderr', async () => {
    const result = await run(
      'import sys\nprint("hi")\nprint("bad", file=sys.stderr)\n{"a": [1, 2], "b": 6 * 7}',
    );
    expect(result.ok).toBe(true);
    expect(JSON.parse(result.value!)).toEqual({ a: [1, 2], b: 42 });
    expect(result.stdout).toBe('hi\n');
    expect(result.stderr).toBe('bad\n');
  });

  it('gives the code its variables and a fresh namespace each run', async () => {
    expect(
      (await run('secret = args["n"] * 2\nsecret', { globals: { args: { n: 21 } } })).value,
    ).toBe('42');
    const next = await run('secret');
    expect(next.ok).toBe(false);
    expect(next.error?.message).toBe("NameError: name 'secret' is not defined");
  });

  it('reports a traceback by its last line', async () => {
    const result = await run('1 / 0');
    expect(result.error).toEqual({
      name: 'CodeError',
      message: 'ZeroDivisionError: division by zero',
    });
  });

  it('reaches no JavaScript global through `import js`', async () => {
    for (const name of ['fetch', 'indexedDB', 'importScripts', 'document']) {
      const result = await run(`import js\njs.${name}`);
      expect(result.ok, name).toBe(false);
      expect(result.error?.message, name).toMatch(/AttributeError/);
    }
  });

  it('caps 10 MB of output and stops a program that keeps printing', async () => {
    const once = await run('print("x" * 10_000_000)\n"after"', { outputCap: 64 * 1024 });
    expect(once.stdout.length).toBe(64 * 1024);
    expect(once.truncated).toBe(true);

    const endless = await run('while True:\n    print("y" * 100)', { outputCap: 64 * 1024 });
    expect(endless.ok).toBe(false);
    expect(endless.stdout.length).toBe(64 * 1024);
    expect(endless.error?.message).toBe(
      `Stopped: the program printed more than ${64 * 1024} characters.`,
    );
    // The runtime is still usable.
    expect((await run('1 + 1')).value).toBe('2');
  });
});
