import { expect, test } from '@playwright/test';
import { benchmarkOnScriptedTeam } from './views';

/**
 * A sweep over the generators' K in the Benchmark tab, with the scripted model: K = 1, 3, 5 run
 * as three configs and are plotted against K; each K makes K generator calls and one judge call.
 */
test('a sweep over K = 1, 3, 5 runs three configs and plots them against K', async ({ page }) => {
  test.setTimeout(120_000);
  await benchmarkOnScriptedTeam(page);
  await page.getByLabel('Multi-hop questions (20)').check();
  await page.getByLabel('Items to run').fill('2');
  await page.getByLabel('Add a team').selectOption({ label: 'Generators + Judge' });
  await page.getByRole('button', { name: 'Add team', exact: true }).click();

  const sweep = page.getByTestId('sweep-setup');
  await sweep.getByLabel('Config').selectOption({ label: 'Team 2' });
  await sweep.getByLabel('Setting').selectOption({ label: 'Generators (K)' });
  await expect(sweep).toContainText('1 to 8; Team 2 has 3');
  // A bad value says what is wrong and adds nothing.
  await sweep.getByLabel('Values').fill('1, 9');
  await sweep.getByRole('button', { name: 'Add sweep' }).click();
  await expect(sweep.getByRole('alert')).toHaveText(
    'Generators (K) goes from 1 to 8; 9 is outside.',
  );
  await expect(page.getByTestId('batch-config')).toHaveCount(3);
  await sweep.getByLabel('Values').fill('1, 3, 5');
  await sweep.getByRole('button', { name: 'Add sweep' }).press('Enter');
  await expect(page.getByTestId('batch-config')).toHaveCount(5);
  await expect(sweep.getByRole('status')).toContainText('K = 1');

  await page.getByRole('button', { name: /^Run batch \(2 items × 5 configs\)/ }).click();
  await expect(page.getByTestId('batch-status')).toHaveText('done', { timeout: 90_000 });

  const plotted = page.getByTestId('sweep');
  await expect(plotted).toHaveCount(1);
  await expect(plotted).toHaveAttribute('data-setting', 'generators');
  await expect(plotted.getByTestId('sweep-point')).toHaveCount(3);
  const rows = plotted.getByTestId('sweep-table').locator('tbody tr');
  await expect(rows.locator('th')).toHaveText(['1', '3', '5']);
  // Calls per item: K generators and one judge.
  await expect(rows.locator('td:nth-of-type(6)')).toHaveText(['2', '4', '6']);
});
