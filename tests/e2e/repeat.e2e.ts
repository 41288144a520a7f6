import { expect, test } from '@playwright/test';
import { openCompare, pickModel } from './helpers';

/**
 * Repeat N in Solo vs Team: Solo's scripted model answers otherwise on the second run's seed
 * (its role's seed 1 + 100), so three repeats give two distinct answers, counted.
 */
test('Repeat runs a side again with other seeds and counts its distinct answers', async ({
  page,
}) => {
  await page.addInitScript(
    (value) => localStorage.setItem('playground:scripted-overrides', value),
    JSON.stringify({
      'scripted-team': { tokensPerSecond: 0, loadMs: 0 },
      'scripted-seedy': {
        tokensPerSecond: 0,
        loadMs: 0,
        rules: [{ seeds: [101], reply: 'Answer: Vienna' }, { reply: 'Answer: Szeged' }],
      },
    }),
  );
  await openCompare(page);
  await pickModel(page, 'scripted-seedy', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  const repeat = page.getByTestId('repeat');
  await expect(repeat).toBeVisible({ timeout: 30_000 });
  await repeat.getByLabel('Side').selectOption('solo');
  await repeat.getByLabel('Runs').fill('3');
  await repeat.getByRole('button', { name: 'Repeat' }).click();
  await expect(repeat.getByTestId('repeat-status')).toContainText(
    '3 of 3 runs — 2 of 3 finished runs answered “Szeged”; 2 distinct answers.',
    { timeout: 30_000 },
  );
  await expect(repeat.getByTestId('repeat-answers').locator('tbody tr')).toHaveCount(2);
  await expect(repeat.locator('[data-field="count"]')).toHaveText(['2', '1']);
  // The experiment's own result is untouched.
  await expect(
    page.getByRole('region', { name: 'Solo', exact: true }).getByTestId('final-answer'),
  ).toContainText('Szeged');

  // The repeats' calls are logged as the run's (Solo: one call per repeat), each with its answer.
  await page.getByRole('button', { name: 'Traces', exact: true }).click();
  const solo = page.getByTestId('call-row').filter({ hasText: 'scripted-seedy' });
  await expect(solo).toHaveCount(1 + 3);
  await expect(solo.filter({ hasText: 'Vienna' })).toHaveCount(1);
});
