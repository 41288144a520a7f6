import { expect, test, type Page } from '@playwright/test';
import { todoHtml } from '../../src/lib/software/web-app/fixtures';
import { pickModel } from './helpers';

/**
 * The Benchmark tab on the shipped web-app set, with scripted models: every program starts
 * with a Delete that does nothing; only the software team's tester sees that (its visible run
 * drives the app), and its programmer's fix works. Scoring runs each side's program in a
 * sandboxed frame off the screen.
 */
const app = (broken: boolean) => '```html\n' + todoHtml(broken) + '\n```';
const RULES = [
  { match: 'You are the Designer', reply: '1. A list: add, check off, edit and delete items.' },
  { match: 'You are the Code Reviewer', reply: '{"verdict":"accept","feedback":""}' },
  {
    match: 'You are the Tester[\\s\\S]*FAIL',
    reply: 'Deleting an item leaves it listed: make Delete remove it.',
  },
  { match: 'The tester said', reply: app(false) },
  { match: 'My Tasks', reply: app(true) },
  { reply: 'Answer: none' },
];

async function openBenchmark(page: Page) {
  await page.addInitScript(
    (value) => {
      localStorage.setItem('playground:scripted-overrides', value);
    },
    JSON.stringify({ 'scripted-team': { tokensPerSecond: 0, loadMs: 0, rules: RULES } }),
  );
  await page.goto('/');
  await page.getByRole('button', { name: 'Solo vs Team' }).click();
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Benchmark' }).click();
  await expect(page.getByRole('heading', { name: 'Question set' })).toBeVisible();
}

const softwareCell = (page: Page, config: string, field: string) =>
  page.locator(`[data-testid="software"] tr[data-config="${config}"] td[data-field="${field}"]`);

test('the web-app set in the Benchmark tab: the software team fixes what its tester found, Solo does not; checks per requirement', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openBenchmark(page);
  await page.getByLabel('Web apps (10)').check();
  await page.getByLabel('Items to run').fill('1');

  const add = page.getByTestId('software-configs').getByRole('button');
  await expect(add).toHaveText('Add Software team and Solo programmer');
  await add.click();
  await expect(add).toHaveText('Software team and Solo programmer added');
  await expect(add).toBeDisabled();
  await expect(page.getByTestId('batch-config')).toHaveCount(4);

  await page.getByRole('button', { name: /^Run batch \(1 item × 4 configs\)/ }).click();
  await expect(page.getByTestId('batch-status')).toHaveText('done', { timeout: 90_000 });

  // extra-1: the software team; extra-2: Solo with the programmer's prompt.
  await expect(softwareCell(page, 'extra-1', 'sw-items')).toHaveText('1');
  await expect(softwareCell(page, 'extra-1', 'sw-pass')).toHaveText('100.0%');
  await expect(softwareCell(page, 'extra-1', 'sw-requirements')).toHaveText('100.0%');
  await expect(softwareCell(page, 'extra-2', 'sw-pass')).toHaveText('0.0%');
  await expect(softwareCell(page, 'extra-2', 'sw-requirements')).toHaveText('80.0%');
  await expect(softwareCell(page, 'extra-2', 'sw-requirements-interval')).toContainText('%');

  await page.getByRole('button', { name: 'Details' }).first().click();
  const detail = page.getByTestId('item-detail');
  const checks = detail.locator('[data-field="checks"]');
  await expect(checks).toHaveCount(4);
  await expect(checks.filter({ hasText: '5 of 5 requirements met' })).toHaveCount(1);
  const solo = checks.filter({ hasText: '4 of 5 requirements met' });
  await expect(solo.first().locator('li:not(.met)')).toHaveCount(1);
  await expect(solo.first().locator('li:not(.met)')).toContainText('not met');
  // The generated apps ran off the screen and were removed: nothing of them stays in the page.
  await expect(page.locator('iframe')).toHaveCount(0);
});
