/** A phone-sized screen (390 × 844): no view scrolls sideways, before a run or after one. */
import { expect, test, type Page } from '@playwright/test';
import { openFirstRun, openView, runInEveryView, VIEWS } from './views';

test.use({ viewport: { width: 390, height: 844 } });

async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  await page.waitForTimeout(300);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect.soft(width, where).toBeLessThanOrEqual(390);
}

test('no view is wider than a 390 px screen', async ({ page }) => {
  await page.goto('/');
  for (const view of VIEWS) {
    await openView(page, view);
    await expectNoSidewaysScroll(page, view);
  }
});

test('after a run in each, no view is wider than a 390 px screen, nor an opened past run', async ({
  page,
}) => {
  test.setTimeout(240_000); // three runs, on a busy machine
  await runInEveryView(page);
  for (const view of VIEWS) {
    await openView(page, view);
    await expectNoSidewaysScroll(page, `${view}, after a run`);
  }
  await openFirstRun(page);
  await expectNoSidewaysScroll(page, 'History, a past run opened');
});
