/**
 * The code sandboxes in Chromium, through the product's SandboxHost and real workers (QuickJS,
 * and Pyodide served from the build's pyodide/<version>/), on the test build's benchmark page
 * (bench/sandbox.ts exposes them as `window.sandbox`).
 */
import { expect, test, type Page } from '@playwright/test';
import type { SandboxRuntime, SandboxRunResult } from '../../src/lib/sandbox/types';

type Run = SandboxRunResult & { loadMs: number };

/** What bench/sandbox.ts puts on the page's window. */
interface SandboxPage {
  sandbox: {
    run(
      request: {
        language: SandboxRuntime;
        code: string;
        timeoutMs: number;
        outputCap: number;
      },
      options?: { globals?: Record<string, unknown> },
    ): Promise<Run>;
  };
  sandboxWorkersStarted: Record<SandboxRuntime, number>;
}
const pythonWorkers = (page: Page) =>
  page.evaluate(() => (window as unknown as SandboxPage).sandboxWorkersStarted.python);

async function open(page: Page) {
  await page.goto('/bench.html');
  await expect(page.locator('html')).toHaveAttribute('data-bench-ready', 'true');
}

function run(
  page: Page,
  language: SandboxRuntime,
  code: string,
  limits: { timeoutMs?: number; outputCap?: number; globals?: Record<string, unknown> } = {},
): Promise<Run> {
  return page.evaluate(
    ({ language, code, timeoutMs, outputCap, globals }) =>
      (window as unknown as SandboxPage).sandbox.run(
        { language, code, timeoutMs, outputCap },
        globals ? { globals } : {},
      ),
    {
      language,
      code,
      timeoutMs: limits.timeoutMs ?? 5_000,
      outputCap: limits.outputCap ?? 65_536,
      globals: limits.globals,
    },
  );
}

/** Marks the page so a test can tell that code in a sandbox changed nothing in it. */
async function markPage(page: Page) {
  await page.evaluate(async () => {
    document.title = 'untouched';
    localStorage.setItem('sandbox-probe', 'page');
    const db = indexedDB.open('sandbox-probe');
    await new Promise((resolve) => (db.onsuccess = resolve));
    db.result.close();
  });
}

async function expectPageUntouched(page: Page) {
  const state = await page.evaluate(async () => ({
    title: document.title,
    stored: localStorage.getItem('sandbox-probe'),
    databases: (await indexedDB.databases()).map((d) => d.name),
  }));
  expect(state).toEqual({ title: 'untouched', stored: 'page', databases: ['sandbox-probe'] });
}

test.describe('JavaScript sandbox (QuickJS)', () => {
  test('runs code and stops an endless loop at its limit; the next run works', async ({ page }) => {
    await open(page);
    const first = await run(page, 'javascript', 'console.log("hi"); 6 * 7');
    expect(first).toMatchObject({ ok: true, value: '42', stdout: 'hi\n' });

    const loop = await run(page, 'javascript', 'while (true) {}', { timeoutMs: 500 });
    expect(loop.ok).toBe(false);
    expect(loop.error?.name).toBe('TimeoutError');
    expect(loop.ms).toBeGreaterThanOrEqual(450);
    expect(loop.ms).toBeLessThan(5_000);

    expect(await run(page, 'javascript', '[1, 2].length')).toMatchObject({ ok: true, value: '2' });
  });

  test('code that reaches for the network, storage or the page fails inside', async ({ page }) => {
    await open(page);
    await markPage(page);
    for (const code of [
      'fetch("/")',
      'importScripts("/x.js")',
      'document.title = "owned"',
      'indexedDB.deleteDatabase("sandbox-probe")',
      'localStorage.clear()',
      'new XMLHttpRequest()',
    ]) {
      const result = await run(page, 'javascript', code);
      expect(result.ok, code).toBe(false);
      expect(result.error?.name, code).toBe('CodeError');
      expect(result.error?.message, code).toMatch(/^ReferenceError: '\w+' is not defined$/);
    }
    await expectPageUntouched(page);
  });

  test('10 MB of output reaches the page capped', async ({ page }) => {
    await open(page);
    const result = await run(
      page,
      'javascript',
      'const line = "x".repeat(1024 * 1024); for (let i = 0; i < 10; i++) console.log(line); 1',
      { outputCap: 65_536 },
    );
    expect(result.stdout.length).toBe(65_536);
    expect(result.truncated).toBe(true);
  });
});

test.describe('Python sandbox (Pyodide)', () => {
  // Pyodide's first load (about 13 MB from the local server, then compiled) takes seconds here.
  test.setTimeout(180_000);

  test('loads from the build, runs code, and ends an endless loop at its limit', async ({
    page,
  }) => {
    await open(page);
    const first = await run(page, 'python', 'print("hi")\nsum(range(10))', { timeoutMs: 10_000 });
    expect(first).toMatchObject({ ok: true, value: '45', stdout: 'hi\n' });
    expect(first.loadMs).toBeGreaterThan(0);

    const loop = await run(page, 'python', 'while True:\n    pass', { timeoutMs: 1_000 });
    expect(loop.error?.name).toBe('TimeoutError');
    expect(loop.ms).toBeGreaterThanOrEqual(1_000);
    expect(loop.ms).toBeLessThan(10_000);
    // Its worker was ended, so the next run loads a fresh one.
    expect(await pythonWorkers(page)).toBe(1);
    const after = await run(page, 'python', '"again"', { timeoutMs: 10_000 });
    expect(after).toMatchObject({ ok: true, value: '"again"' });
    expect(await pythonWorkers(page)).toBe(2);
  });

  test('code that reaches for the network, storage or the page fails inside', async ({ page }) => {
    await open(page);
    await markPage(page);
    for (const code of [
      'import js\njs.fetch("/")',
      'import js\njs.document.title = "owned"',
      'import js\njs.indexedDB.deleteDatabase("sandbox-probe")',
      // run_js evaluates in the worker's own scope, where lockdown removed them.
      'from pyodide.code import run_js\nrun_js("fetch")("/")',
      'from pyodide.code import run_js\nrun_js("importScripts")("/x.js")',
      'from pyodide.code import run_js\nrun_js("indexedDB").open("x")',
      // Any JavaScript object leads to the Function constructor, which would make code that
      // could import() a module from anywhere: lockdown takes it away.
      'import pyodide_js\npyodide_js.constructor.constructor("return import(\'/x.js\')")()',
      'from pyodide.ffi import to_js\nto_js([1]).map.constructor("return 1")()',
      'import pyodide_js\npyodide_js.constructor.constructor.constructor("return 1")()',
    ]) {
      const result = await run(page, 'python', code, { timeoutMs: 10_000 });
      expect(result.ok, code).toBe(false);
      expect(result.error?.name, code).toBe('CodeError');
    }
    await expectPageUntouched(page);
  });

  test('10 MB of output reaches the page capped', async ({ page }) => {
    await open(page);
    const result = await run(page, 'python', 'print("x" * 10_000_000)', {
      timeoutMs: 10_000,
      outputCap: 65_536,
    });
    expect(result.stdout.length).toBe(65_536);
    expect(result.truncated).toBe(true);
  });
});

test.describe('Built-in tools', () => {
  test('the calculator computes in its worker and refuses what untrusted input must not reach', async ({
    page,
  }) => {
    await open(page);
    expect(await run(page, 'math', '(48 / 2) + 48')).toMatchObject({ ok: true, value: '72' });
    const escape = await run(page, 'math', 'import({x: 1})');
    expect(escape.error?.message).toBe('Function import is disabled');
    const constructor = await run(page, 'math', 'cos.constructor("return document")()');
    expect(constructor.ok).toBe(false);
  });

  test('the look-up searches the paragraphs it is given', async ({ page }) => {
    await open(page);
    const result = await run(page, 'lookup', 'who designed it', {
      globals: {
        paragraphs: [
          {
            title: 'Marlow Library',
            sentences: ['It opened in 1911.', 'Helena Varga designed it.'],
          },
        ],
        limit: 1,
      },
    });
    expect(result).toMatchObject({
      ok: true,
      value: '[Marlow Library, sentence 2] Helena Varga designed it.',
    });
  });
});
