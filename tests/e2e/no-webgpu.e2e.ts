import { expect, test, type Page } from '@playwright/test';
import { openPlayground, pickModel } from './helpers';

/** This project's browser runs without --enable-unsafe-webgpu: navigator.gpu offers no adapter. */
async function expectExplanationAndUsablePage(page: Page, reason: RegExp) {
  const notice = page.getByRole('alert').filter({ hasText: 'WebGPU is not available' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(reason);
  await expect(notice).toContainText('Chrome or Edge');
  await expect(notice).toContainText('localhost');

  // The catalog is still there; GPU models cannot be loaded, and the page says so.
  await pickModel(page, 'Qwen2.5-0.5B-Instruct');
  await expect(page.getByRole('button', { name: 'Load model' })).toBeDisabled();
  await expect(page.getByText('This model needs WebGPU.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
}

test('WebGPU present but no adapter: an explanation and a usable page', async ({ page }) => {
  await openPlayground(page);
  await expectExplanationAndUsablePage(page, /offered no GPU adapter/);
});

test('no WebGPU API at all (as in browsers without it): the same explanation', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined });
  });
  await openPlayground(page);
  await expectExplanationAndUsablePage(page, /navigator\.gpu is missing/);
});

test('the WebGPU notice can be folded, and stays folded on every tab and after a reload', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('cpu-fallback')).toBeVisible();
  await page.getByRole('button', { name: 'Got it, fold this notice' }).click();
  await expect(page.getByTestId('cpu-fallback')).toHaveCount(0);
  await expect(page.getByTestId('gpu-notice-folded')).toContainText('the CPU models (wllama) work');
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('cpu-fallback')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('gpu-notice-folded')).toBeVisible();
  await page.getByRole('button', { name: 'Show details' }).click();
  await expect(page.getByTestId('cpu-fallback')).toBeVisible();
});
