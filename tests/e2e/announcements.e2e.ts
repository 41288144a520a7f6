/**
 * Each view that runs something has a polite live region: screen readers hear the run start,
 * end, and fail without leaving what they are reading.
 */
import { expect, test, type Page } from '@playwright/test';
import { ask, openCompare, openPlayground, output, pickModel } from './helpers';

const announcer = (page: Page) => page.getByTestId('run-announcer');

async function expectPolite(page: Page): Promise<void> {
  await expect(announcer(page)).toHaveCount(1);
  await expect(announcer(page)).toHaveAttribute('aria-live', 'polite');
}

test('Single agent announces a run starting, finishing, stopping, and failing', async ({
  page,
}) => {
  await openPlayground(page);
  await expectPolite(page);
  await expect(announcer(page)).toHaveText('');

  await pickModel(page, 'scripted-slow');
  await ask(page, 'Count for me');
  await expect(announcer(page)).toHaveText('Run started: the model is answering.');
  await expect(output(page)).toContainText('word3');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(announcer(page)).toHaveText(/^Run stopped after/);
  const stopped = Number(await output(page).getAttribute('data-tokens'));
  await expect(announcer(page)).toHaveText(`Run stopped after ${stopped} tokens.`);

  await pickModel(page, 'scripted-echo');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(output(page).locator('strong')).toHaveText('Paris');
  // The reply goes on streaming after "Paris": read the count once the run is over.
  await expect(announcer(page)).toHaveText(/^Run over: the answer is complete/);
  const tokens = Number(await output(page).getAttribute('data-tokens'));
  expect(tokens).toBeGreaterThan(1);
  await expect(announcer(page)).toHaveText(`Run over: the answer is complete, ${tokens} tokens.`);

  await pickModel(page, 'scripted-crash');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-error-name="WorkerCrashedError"]')).toBeVisible();
  await expect(announcer(page)).toHaveText(/^The run failed: \S/);

  await pickModel(page, 'scripted-offline');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(announcer(page)).toHaveText('Loading the model…');
  await expect(page.locator('[data-error-name="ModelDownloadError"]')).toBeVisible();
  await expect(announcer(page)).toHaveText(/^The model could not be loaded: \S/);
});

test('Solo vs Team announces a side that failed, and a run that could not start', async ({
  page,
}) => {
  await openCompare(page);
  await expectPolite(page);
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-broken', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(announcer(page)).toHaveText('Run started: Solo and Team are answering.');
  await expect(announcer(page)).toHaveText('Run over. Solo finished, Team failed.', {
    timeout: 30_000,
  });

  await pickModel(page, 'scripted-offline', 'Solo model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(announcer(page)).toHaveText(/^The run could not start: \S/, { timeout: 30_000 });
});

/** Both sides on `model`, then the Benchmark tab with the first `items` multi-hop items chosen. */
async function openBenchmark(page: Page, model: string, items: number): Promise<void> {
  await openCompare(page);
  await pickModel(page, model, 'Solo model (all roles)');
  await pickModel(page, model, 'Team model (all roles)');
  await page.getByRole('button', { name: 'Benchmark' }).click();
  await page.getByLabel('Multi-hop questions (20)').check();
  await page.getByLabel('Items to run').fill(String(items));
}

test('Benchmark announces a batch starting and finishing', async ({ page }) => {
  await openBenchmark(page, 'scripted-team', 1);
  await expectPolite(page);
  await expect(announcer(page)).toHaveText('');
  await page.getByRole('button', { name: /^Run batch \(1 item × 2 configs\)/ }).click();
  await expect(announcer(page)).toHaveText('Batch started: 1 item.');
  await expect(announcer(page)).toHaveText('Batch over: 1 of 1 item done.', { timeout: 30_000 });
  await expect(page.getByTestId('batch-status')).toHaveText('done');
});

test('Benchmark announces a failure that pauses the batch, with its reason', async ({ page }) => {
  await openBenchmark(page, 'scripted-offline', 2);
  await page.getByRole('button', { name: /^Run batch \(2 items × 2 configs\)/ }).click();
  await expect(announcer(page)).toHaveText(/^The batch paused after 0 of 2 items: \S/, {
    timeout: 30_000,
  });
  await expect(page.getByRole('button', { name: 'Resume batch' })).toBeVisible();
});
