/**
 * Figures stay honest under Stop, and Run works straight after Stop even when the engine takes
 * seconds to finish its step (a slow device).
 */
import { expect, test, type Page } from '@playwright/test';
import { pickModel } from './helpers';

const solo = (page: Page) => page.getByRole('region', { name: 'Solo', exact: true });
const team = (page: Page) => page.getByRole('region', { name: 'Team', exact: true });

async function overrideScripts(page: Page, overrides: Record<string, object>) {
  await page.addInitScript((value) => {
    localStorage.setItem('playground:scripted-overrides', value);
  }, JSON.stringify(overrides));
}

test('a turn stopped mid-stream keeps its prompt tokens and decode speed', async ({ page }) => {
  await overrideScripts(page, { 'scripted-slow': { tokensPerSecond: 20, loadMs: 0 } });
  await page.goto('/');
  await pickModel(page, 'scripted-slow', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const turn = solo(page).getByTestId('turn');
  await expect(turn).toHaveAttribute('data-status', 'streaming');
  await expect(turn).toContainText('word8');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(turn).toHaveAttribute('data-status', 'stopped');
  const figures = (await turn.getByTestId('turn-figures').textContent())!.replace(/\s+/g, ' ');
  // "<prompt> → <completion> tok · TTFT … · <rate> tok/s · …": the worker's own figures.
  const match = /(\d+) → (\d+) tok · TTFT [\d.]+ m?s · ([\d.,]+) tok\/s/.exec(figures);
  expect(match, figures).not.toBeNull();
  expect(Number(match![1])).toBeGreaterThan(0);
  expect(Number(match![2])).toBeGreaterThanOrEqual(8);
  const rate = Number(match![3]!.replace(/,/g, ''));
  expect(rate).toBeGreaterThan(2);
  expect(rate).toBeLessThan(20 * 1.1);
});

test('Run straight after Stop on a slow engine runs both sides instead of "already generating"', async ({
  page,
}) => {
  await overrideScripts(page, {
    // 12 tokens/s: Solo's reply streams for about a second, so a loaded machine cannot miss it.
    'scripted-team': { tokensPerSecond: 12, loadMs: 0, stopDelayMs: 2500 },
  });
  await page.goto('/');
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(solo(page).getByTestId('turn').first()).toHaveAttribute('data-status', 'streaming');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(team(page).getByTestId('final-answer')).toContainText('Final answer', {
    timeout: 60_000,
  });
  await expect(solo(page).getByTestId('final-answer')).toContainText('Final answer');
  await expect(page.getByText('already generating')).toHaveCount(0);
});
