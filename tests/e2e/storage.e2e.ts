/**
 * The Storage tab: every cached model of every engine, with its size and last use, delete per
 * model, the site's total against the browser's estimate, and persistent storage on request.
 */
import { expect, test } from '@playwright/test';
import { openPlayground, pickModel } from './helpers';
import { TINY } from './wllama-helpers';

test('the Storage tab lists and deletes models of both engines, with sizes and last use', async ({
  page,
}) => {
  // A GGUF model on the real WebAssembly engine (kept in OPFS) and a scripted one (CacheStorage).
  await openPlayground(page);
  await pickModel(page, TINY);
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('loaded-state')).toContainText(`Loaded ${TINY}`, {
    timeout: 30_000,
  });
  await pickModel(page, 'scripted-echo');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('loaded-state')).toContainText('Loaded scripted-echo');

  await page.getByRole('button', { name: 'Storage' }).click();
  const rows = page.getByTestId('stored-model');
  await expect(rows).toHaveCount(2);
  const gguf = page.locator(`[data-testid="stored-model"][data-model-id="${TINY}"]`);
  await expect(gguf).toContainText('CPU, WebAssembly (wllama)');
  await expect(gguf).toContainText('KB');
  await expect(gguf).not.toContainText('not recorded');
  await expect(page.locator('[data-model-id="scripted-echo"]')).toContainText('Scripted test');
  await expect(page.getByTestId('storage-total')).toContainText('2 models stored');
  await expect(page.getByTestId('storage-total')).toContainText('the browser allows');

  await page.getByRole('button', { name: `Delete ${TINY}` }).click();
  await expect(rows).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('stored-model')).toHaveCount(1);
  await expect(page.locator('[data-model-id="scripted-echo"]')).toBeVisible();

  // Persistence: asked for on request, and the page says what the browser answered.
  const persist = page.getByTestId('storage-persist');
  const ask = persist.getByRole('button', { name: 'Keep my models (ask the browser)' });
  if (await ask.isVisible()) {
    await ask.click();
    await expect(persist).toContainText(/Storage is persistent|The browser said no/);
  } else {
    await expect(persist).toContainText('Storage is persistent');
  }
});
