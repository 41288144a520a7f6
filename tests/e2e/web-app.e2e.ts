/**
 * Generated web apps (#14) through the product's AppFrame, frame host, driver and checker, on the
 * test build's benchmark page (bench/web-app.ts exposes them as `window.webApp`). The apps are
 * HTML the tests write (src/lib/software/web-app/fixtures.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import type { CheckLimits, CheckReport } from '../../src/lib/software/web-app/checker';
import { ESCAPE_HTML, LOOPING_HTML, todoHtml } from '../../src/lib/software/web-app/fixtures';

interface WebAppPage {
  webApp: {
    show(html: string, title?: string): Promise<void>;
    check(
      html: string,
      options?: { taskId?: string; limits?: Partial<CheckLimits> },
    ): Promise<CheckReport>;
    checkOffscreen(html: string, taskId?: string): Promise<CheckReport>;
  };
}

async function open(page: Page) {
  await page.goto('/bench.html');
  await expect(page.locator('html')).toHaveAttribute('data-bench-ready', 'true');
}

const check = (page: Page, html: string, limits?: Partial<CheckLimits>) =>
  page.evaluate(
    ({ html, limits }) =>
      (window as unknown as WebAppPage).webApp.check(html, limits ? { limits } : {}),
    { html, limits },
  );

const show = (page: Page, html: string) =>
  page.evaluate((html) => (window as unknown as WebAppPage).webApp.show(html, 'Test app'), html);

test('a working to-do app meets every requirement of the default task', async ({ page }) => {
  await open(page);
  const report = await check(page, todoHtml());
  expect(report.results.filter((r) => !r.met)).toEqual([]);
  expect(report).toMatchObject({ met: 5, total: 5 });
});

test("a run's check works off the screen, out of the tab order, and leaves no frame behind", async ({
  page,
}) => {
  await open(page);
  const checking = page.evaluate(
    (html) => (window as unknown as WebAppPage).webApp.checkOffscreen(html),
    todoHtml(true),
  );
  const frame = page.locator('[data-app-check="todo"] iframe');
  await expect(frame).toHaveAttribute('tabindex', '-1');
  await expect(page.locator('[data-app-check="todo"]')).toHaveAttribute('aria-hidden', 'true');
  const report = await checking;
  expect(report.results.filter((r) => !r.met).map((r) => r.id)).toEqual(['delete']);
  await expect(page.locator('[data-app-check]')).toHaveCount(0);
  await expect(page.locator('iframe')).toHaveCount(0);
});

test('a to-do app whose Delete does nothing fails that requirement, with the reason', async ({
  page,
}) => {
  await open(page);
  const report = await check(page, todoHtml(true));
  expect(report.results.filter((r) => !r.met).map((r) => r.id)).toEqual(['delete']);
  expect(report.results.find((r) => r.id === 'delete')?.reason).toMatch(
    /"Buy milk" is gone.*not so/,
  );
});

test('the frame is sandboxed; View source shows the source as text; Reload starts it afresh', async ({
  page,
}) => {
  await open(page);
  await show(page, todoHtml());
  const frame = page.locator('iframe.app-frame');
  await expect(frame).toHaveAttribute('sandbox', 'allow-scripts allow-forms');
  await expect(frame).toHaveAttribute('title', 'Test app');
  const app = page.frameLocator('iframe.app-frame');
  await app.getByLabel('New task').fill('Buy milk');
  await app.getByRole('button', { name: 'Add' }).click();
  await expect(app.getByText('Buy milk')).toBeVisible();

  await page.getByRole('button', { name: 'View source' }).click();
  const source = page.locator('pre.app-source');
  await expect(source).toContainText('<h1>My Tasks</h1>');
  expect(await source.locator('*').count()).toBe(0);

  await page.getByRole('button', { name: 'Reload app' }).click();
  await expect(app.getByRole('heading', { name: 'My Tasks' })).toBeVisible();
  await expect(app.getByText('Buy milk')).toHaveCount(0);
});

test('an app cannot reach the page, navigate it, the network, cookies, storage or new windows', async ({
  page,
  context,
}) => {
  await open(page);
  await page.evaluate(() => {
    document.title = 'untouched';
    localStorage.setItem('web-app-probe', 'page');
  });
  const url = page.url();
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://127.0.0.1')) outside.push(request.url());
  });

  await show(page, ESCAPE_HTML);
  const out = page.frameLocator('iframe.app-frame').locator('#out');
  await expect(out).toContainText('fetch: blocked');
  const lines = (await out.textContent())?.trim().split('\n') ?? [];
  const line = (name: string) => lines.find((l) => l.startsWith(`${name}:`));
  expect(line('parent.document')).toBe('parent.document: blocked SecurityError');
  expect(line('top.location')).toMatch(/^top\.location: blocked/);
  expect(line('document.cookie')).toBe('document.cookie: blocked SecurityError');
  expect(line('localStorage')).toBe('localStorage: blocked SecurityError');
  expect(line('window.open')).toBe('window.open: allowed null');
  expect(line('fetch')).toBe('fetch: blocked TypeError');

  expect(page.url()).toBe(url);
  expect(context.pages()).toHaveLength(1);
  expect(outside).toEqual([]);
  expect(
    await page.evaluate(() => ({
      title: document.title,
      stored: localStorage.getItem('web-app-probe'),
    })),
  ).toEqual({ title: 'untouched', stored: 'page' });

  // The page still works: the next app is checked as usual.
  expect((await check(page, todoHtml())).met).toBe(5);
});

test('an endless loop is stopped by the time limit and the page stays responsive', async ({
  page,
}) => {
  await open(page);
  // The page's own timers and frames, recorded inside it while the check runs.
  await page.evaluate(() => {
    const w = window as unknown as { ticks_: number[]; paints_: number[] };
    w.ticks_ = [];
    w.paints_ = [];
    setInterval(() => w.ticks_.push(performance.now()), 50);
    const paint = (t: number) => {
      w.paints_.push(t);
      requestAnimationFrame(paint);
    };
    requestAnimationFrame(paint);
  });
  const started = Date.now();
  // Each step waits up to 3 s: the app's Add loops forever, so the check spends 3 s on each
  // requirement that clicks it. A loop on the page's own thread would never end at all.
  const report = await check(page, LOOPING_HTML, { stepMs: 3_000, loadMs: 3_000, totalMs: 30_000 });
  expect(Date.now() - started).toBeLessThan(30_000);
  const add = report.results.find((r) => r.id === 'add');
  expect(add?.met).toBe(false);
  expect(add?.reason).toMatch(/did not answer within 3000 ms.*endless loop.*stopped/);
  expect(report.results.find((r) => r.id === 'title')?.met).toBe(true);

  const gaps = await page.evaluate(() => {
    const w = window as unknown as { ticks_: number[]; paints_: number[] };
    const maxGap = (times: number[]) => Math.max(...times.slice(1).map((t, i) => t - times[i]!));
    return { ticks: w.ticks_.length, tickGap: maxGap(w.ticks_), paintGap: maxGap(w.paints_) };
  });
  // Over 9 s of looping app, the page's timers and frames never stopped for anything near 3 s.
  expect(gaps.ticks).toBeGreaterThan(50);
  expect(gaps.tickGap).toBeLessThan(1_500);
  expect(gaps.paintGap).toBeLessThan(1_500);

  // A new app runs normally afterwards.
  expect((await check(page, todoHtml())).met).toBe(5);
});
