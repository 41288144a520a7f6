import { expect, test } from '@playwright/test';
import { openPlayground, pickModel } from './helpers';

/**
 * The real WebLLM adapter, in its worker, on SwiftShader WebGPU, with the network closed (the
 * test browser resolves no host but the local server): loading a catalog model must end in a
 * clear download error with Retry, never a hang.
 */
test('loading a real WebLLM model offline fails clearly, with Retry', async ({ page }) => {
  test.setTimeout(90_000);
  await openPlayground(page);
  await pickModel(page, 'Qwen2.5-0.5B-Instruct');
  await page.getByRole('button', { name: 'Load model' }).click();
  const error = page.locator('[data-error-name="ModelDownloadError"]');
  await expect(error).toBeVisible({ timeout: 45_000 });
  await expect(error).toContainText('Could not download Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
  await expect(error).toContainText('huggingface.co');
  await error.getByRole('button', { name: 'Retry' }).click();
  await expect(error).toBeVisible({ timeout: 45_000 });
  // The page stays usable: a scripted model still runs.
  await pickModel(page, 'scripted-echo');
  await page.getByRole('textbox', { name: 'Question' }).fill('Where?');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('output').locator('strong')).toHaveText('Paris');
});
