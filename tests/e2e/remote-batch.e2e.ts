/**
 * Benchmarks at server scale, end to end: a batch whose every model is on a real
 * OpenAI-compatible server (tests/openai-server, llama.cpp with 4 slots) runs its items 4 at
 * once; the server sees 4 completions in flight, never more; Stop closes every connection.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { startOpenAIServer, type OpenAITestServer } from '../openai-server/server.mjs';
import { openCompare, pickModel } from './helpers';

test.describe.configure({ mode: 'serial' });

const MODEL_PATH = 'static/test-models/tiny-chat.gguf';
/** Short replies, each token a little apart, so four items' calls overlap at the server. */
let quick: OpenAITestServer;
/** Replies that take seconds: Stop finds four calls in flight. */
let slow: OpenAITestServer;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  execFileSync('node', ['scripts/ensure-openai-server.mjs'], { stdio: 'inherit' });
  quick = await startOpenAIServer({
    modelPath: MODEL_PATH,
    slots: 4,
    nPredict: 8,
    tokenDelayMs: 20,
  });
  slow = await startOpenAIServer({ modelPath: MODEL_PATH, slots: 4, tokenDelayMs: 250 });
});

test.afterAll(async () => {
  await Promise.all([quick?.close(), slow?.close()]);
});

/** Adds the test server's model through "Add a custom model" (as remote.e2e.ts does). */
async function addRemote(page: Page, url: string): Promise<string> {
  await page.getByText('Add a custom model').click();
  await page.getByLabel(/A model on an OpenAI-compatible server/).check();
  await page.getByTestId('remote-url').fill(url);
  await page.getByRole('button', { name: 'List its models' }).click();
  await expect(page.getByTestId('remote-model')).toHaveValue('tiny-chat');
  await page.getByRole('button', { name: 'Add model' }).click();
  await expect(page.getByText(/Added "tiny-chat · /)).toBeVisible();
  return `custom:tiny-chat-127.0.0.1-${new URL(url).port}`;
}

/** Solo and Team on the server's model, then the Benchmark tab with `count` multi-hop items. */
async function remoteBenchmark(page: Page, url: string, count: number): Promise<void> {
  await openCompare(page);
  const id = await addRemote(page, url);
  await pickModel(page, id, 'Solo model (all roles)');
  await pickModel(page, id, 'Team model (all roles)');
  await page.getByRole('button', { name: 'Benchmark' }).click();
  await page.getByLabel('Multi-hop questions (20)').check();
  await page.getByLabel('Items to run').fill(String(count));
}

const itemsAtOnce = (page: Page) => page.getByLabel('Items at once');
const progress = (page: Page) => page.getByTestId('batch-progress');

test('models in the tab: the setting is off, with the reason', async ({ page }) => {
  await openCompare(page);
  await page.getByRole('button', { name: 'Benchmark' }).click();
  await expect(itemsAtOnce(page)).toBeDisabled();
  await expect(itemsAtOnce(page)).toHaveValue('1');
  await expect(page.getByTestId('items-at-once-why')).toContainText(
    /Items run one at a time: .+ runs in this tab, one call at a time\./,
  );
});

test('every model on a server: items run 4 at once, the server sees 4 in flight, the setting stays', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await remoteBenchmark(page, quick.url, 8);
  await expect(itemsAtOnce(page)).toBeEnabled();
  await expect(itemsAtOnce(page)).toHaveValue('8');
  const why = page.getByTestId('items-at-once-why');
  await expect(why).toContainText('Every model is on a server');
  // Past 6 (the default is 8), the browser's own limit on connections to one server is named.
  await expect(why).toContainText('A browser keeps at most 6 connections open to one server');
  await itemsAtOnce(page).fill('4');
  await expect(why).not.toContainText('connections');
  const completions = quick.stats.completions;
  await page.getByRole('button', { name: /^Run batch \(8 items × 2 configs\)/ }).click();
  await expect(progress(page)).toHaveAttribute('data-in-flight', '4', { timeout: 60_000 });
  await expect(page.getByTestId('current-item')).toContainText(/4 items in progress: \d/);
  await expect(page.getByTestId('progress-count')).toHaveText('8 / 8 items', { timeout: 120_000 });
  await expect(page.getByTestId('batch-status')).toHaveText('done');
  await expect(page.getByTestId('batch-item')).toHaveCount(8);
  await expect(page.getByTestId('items-per-minute')).toContainText('up to 4 at once');
  // Solo's call and the team's calls for every item reached the server, at most 4 at once.
  expect(quick.stats.completions - completions).toBeGreaterThanOrEqual(8 * 2);
  expect(quick.stats.maxInFlight).toBe(4);
  expect(quick.stats.inFlight).toBe(0);
  expect(quick.stats.closedEarly).toBe(0);

  // The setting and the batch's own survive a reload.
  await page.reload();
  await page.getByRole('button', { name: 'Benchmark' }).click();
  await expect(itemsAtOnce(page)).toHaveValue('4');
  await expect(page.getByRole('heading', { name: /^Batch: / }).locator('..')).toContainText(
    'up to 4 items at once',
  );
});

test('Stop with 4 items in flight closes every connection to the server', async ({ page }) => {
  test.setTimeout(180_000);
  await remoteBenchmark(page, slow.url, 8);
  await itemsAtOnce(page).fill('4');
  const closed = slow.stats.closedEarly;
  await page.getByRole('button', { name: /^Run batch \(8 items × 2 configs\)/ }).click();
  await expect.poll(() => slow.stats.inFlight, { timeout: 60_000 }).toBe(4);
  await expect(progress(page)).toHaveAttribute('data-in-flight', '4');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByTestId('batch-status')).toHaveText('stopped early');
  await expect.poll(() => slow.stats.inFlight, { timeout: 15_000 }).toBe(0);
  expect(slow.stats.closedEarly - closed).toBe(4);
  expect(slow.stats.maxInFlight).toBe(4);
});
