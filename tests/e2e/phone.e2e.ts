/** A phone-sized screen (390 × 844): no view scrolls sideways before a run. */
import { expect, test } from '@playwright/test';

test.use({ viewport: { width: 390, height: 844 } });

test('no view is wider than a 390 px screen', async ({ page }) => {
  await page.goto('/');
  for (const tab of ['Solo vs Team', 'Single agent', 'History', 'Benchmark', 'Storage']) {
    await page.getByRole('button', { name: tab }).click();
    await expect(page.getByRole('button', { name: tab })).toHaveAttribute('aria-pressed', 'true');
    await page.waitForTimeout(300);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, tab).toBeLessThanOrEqual(390);
  }
});
