import { expect, test } from '@playwright/test';
import { SCRIPTED_SCRIPTS } from '../../src/lib/catalog/scripted-models';
import { ask, expectModel, openPlayground, output, pickModel } from './helpers';

test('a scripted agent in a worker streams its answer token by token', async ({ page }) => {
  await openPlayground(page);
  await pickModel(page, 'scripted-slow');
  await ask(page, 'Count for me');

  // The model loads with a progress bar first.
  await expect(page.getByRole('progressbar', { name: 'Loading progress' })).toBeVisible();
  await expect(page.getByTestId('loaded-state')).toContainText('Loaded scripted-slow');

  // Tokens arrive over time: the text grows in several steps, not in one piece.
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        seen.add(((await output(page).textContent()) ?? '').trim().split(/\s+/).length);
        return seen.size;
      },
      { intervals: [100] },
    )
    .toBeGreaterThan(4);
  await page.getByRole('button', { name: 'Stop' }).click();
});

test('a finished answer renders as markdown with honest figures', async ({ page }) => {
  await openPlayground(page);
  await pickModel(page, 'scripted-echo');
  await ask(page, 'Where is the Eiffel Tower?');
  await expect(output(page).locator('strong')).toHaveText('Paris');
  await expect(output(page).locator('li')).toHaveCount(2);
  const completion = page.locator('[data-figure="completion-tokens"]');
  await expect(completion).toHaveText(/^\d+$/);
  const streamed = Number(await output(page).getAttribute('data-tokens'));
  expect(Number(await completion.textContent())).toBe(streamed);
  await expect(page.locator('[data-figure="ttft"]')).toHaveText(/\d+ ms|\d\.\d+ s/);
  // scripted-echo paces its tokens at its script's rate from the first one on, so the decode
  // rate (tokens after the first, over the time after the first) cannot exceed that rate.
  const paced = SCRIPTED_SCRIPTS['scripted-echo']!.tokensPerSecond;
  const rate = page.locator('[data-figure="decode-rate"]');
  await expect(rate).toHaveText(/^\d+\.\d tok\/s$/);
  const perSecond = Number.parseFloat((await rate.textContent()) ?? '');
  expect(perSecond).toBeLessThanOrEqual(paced * 1.01);
  expect(perSecond).toBeGreaterThan(paced / 10);
  await expect(page.locator('[data-figure="context"]')).toContainText('/ 4096');
});

test('Stop interrupts mid-stream, keeps the partial answer, and the page stays usable', async ({
  page,
}) => {
  await openPlayground(page);
  await pickModel(page, 'scripted-slow');
  await ask(page, 'Count for me');
  await expect(output(page)).toContainText('word3');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText(/Stopped after \d+ tokens/)).toBeVisible();
  const partial = (await output(page).textContent()) ?? '';
  expect(partial).not.toContain('word200');
  // Nothing more arrives after the stop.
  await page.waitForTimeout(600);
  expect(await output(page).textContent()).toBe(partial);
  await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled();

  // The model stays loaded and a new run works (keyboard: Ctrl+Enter).
  await pickModel(page, 'scripted-echo');
  await page.getByRole('textbox', { name: 'Question' }).focus();
  await page.keyboard.press('Control+Enter');
  await expect(output(page).locator('strong')).toHaveText('Paris');
});

test('HTML and script in a model output render as inert text', async ({ page }) => {
  await openPlayground(page);
  await pickModel(page, 'scripted-hostile');
  await ask(page, 'Say something nasty');
  await expect(output(page)).toContainText('End of output.');
  await expect(output(page).locator('img, script, iframe')).toHaveCount(0);
  await expect(output(page)).toContainText('<img src=x onerror="window.__pwned = true">');
  await expect(output(page)).toContainText('<script>window.__pwned = true</script>');
  expect(await output(page).locator('a[href^="javascript"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
});

test('a worker that crashes mid-stream ends in a clear error; streamed text stays', async ({
  page,
}) => {
  await openPlayground(page);
  await pickModel(page, 'scripted-crash');
  await ask(page, 'Where is the Eiffel Tower?');
  const error = page.locator('[data-error-name="WorkerCrashedError"]');
  await expect(error).toContainText('stopped unexpectedly');
  await expect(output(page)).toContainText('The Eiffel Tower');
  // A fresh worker serves the next run.
  await pickModel(page, 'scripted-echo');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(output(page).locator('strong')).toHaveText('Paris');
});

test('a failed download offers Retry, and the settings survive a reload', async ({ page }) => {
  await openPlayground(page);
  await pickModel(page, 'scripted-offline');
  await ask(page, 'Anything');
  const error = page.locator('[data-error-name="ModelDownloadError"]');
  await expect(error).toBeVisible();
  await error.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('progressbar', { name: 'Loading progress' })).toBeVisible();
  await expect(error).toBeVisible();

  await page.reload();
  await expectModel(page, 'scripted-offline');
  await expect(page.getByRole('textbox', { name: 'Question' })).toHaveValue('Anything');
});

test('loading can be cancelled', async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem(
      'playground:scripted-overrides',
      JSON.stringify({ 'scripted-echo': { loadMs: 5000 } }),
    ),
  );
  await openPlayground(page);
  await pickModel(page, 'scripted-echo');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('progressbar', { name: 'Loading progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Load model' })).toBeEnabled();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toHaveCount(0);
});

test('a loaded model shows as cached, and can be deleted from the cache', async ({ page }) => {
  await openPlayground(page);
  await pickModel(page, 'scripted-echo');
  await expect(page.getByTestId('cached-state')).toHaveText('no');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('loaded-state')).toBeVisible();
  await expect(page.getByTestId('cached-state')).toContainText('yes');
  await page.reload();
  await expect(page.getByTestId('cached-state')).toContainText('yes');
  await page.getByRole('button', { name: 'Delete from cache' }).click();
  await expect(page.getByTestId('cached-state')).toHaveText('no');
});

test('Escape stops a running generation', async ({ page }) => {
  await openPlayground(page);
  await pickModel(page, 'scripted-slow');
  await ask(page, 'Count');
  await expect(output(page)).toContainText('word2');
  await page.keyboard.press('Escape');
  await expect(page.getByText(/Stopped after \d+ tokens/)).toBeVisible();
});

test('a GPU device lost mid-run ends in a clear error, keeps the text, and offers a reload', async ({
  page,
}) => {
  await page.addInitScript(() =>
    localStorage.setItem(
      'playground:scripted-overrides',
      JSON.stringify({ 'scripted-echo': { failAfterTokens: 5, failWith: 'DeviceLostError' } }),
    ),
  );
  await openPlayground(page);
  await pickModel(page, 'scripted-echo');
  await ask(page, 'Where is the Eiffel Tower?');
  const error = page.locator('[data-error-name="DeviceLostError"]');
  await expect(error).toContainText('Scripted DeviceLostError after 5 tokens');
  await expect(output(page)).toContainText('The Eiffel Tower is');
  await expect(page.getByRole('button', { name: 'Load model' })).toBeEnabled();
});
