/**
 * The code sandboxes in Chromium, through the product's SandboxHost and real workers (QuickJS,
 * and Pyodide served from the build's pyodide/<version>/), on the test build's benchmark page
 * (bench/sandbox.ts exposes them as `window.sandbox`).
 */
import { expect, test, type Page } from '@playwright/test';
import type { SandboxLanguage, SandboxRunResult } from '../../src/lib/sandbox/types';

type Run = SandboxRunResult & { loadMs: number };

/** What bench/sandbox.ts puts on the page's window. */
interface SandboxPage {
  sandbox: {
    run(request: {
      language: SandboxLanguage;
      code: string;
      timeoutMs: number;
      outputCap: number;
    }): Promise<Run>;
  };
  sandboxWorkersStarted: Record<SandboxLanguage, number>;
}
const pythonWorkers = (page: Page) =>
  page.evaluate(() => (window as unknown as SandboxPage).sandboxWorkersStarted.python);

async function open(page: Page) {
  await page.goto('/bench.html');
  await expect(page.locator('html')).toHaveAttribute('data-bench-ready', 'true');
}

function run(
  page: Page,
  language: SandboxLanguage,
  code: string,
  limits: { timeoutMs?: number; outputCap?: number } = {},
): Promise<Run> {
  return page.evaluate(
    ({ language, code, timeoutMs, outputCap }) =>
      (window as unknown as SandboxPage).sandbox.run({ language, code, timeoutMs, outputCap }),
    { language, code, timeoutMs: limits.timeoutMs ?? 5_000, outputCap: limits.outputCap ?? 65_536 },
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
