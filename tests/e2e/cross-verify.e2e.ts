import { expect, test, type Page } from '@playwright/test';
import { openCompare, pickModel } from './helpers';

const ACCEPT = '{"verdict":"accept","feedback":""}';
const REJECT =
  '{"verdict":"revise","feedback":"She settled in Eastbrook; she was born in Szeged."}';

/**
 * Answerer A (and the reconciler) on one scripted model, answerer B on another. A is right
 * (Szeged) and rejects B's answer; B is wrong (Eastbrook) and accepts A's; the reconciler
 * decides for A.
 */
const OVERRIDES = {
  'scripted-peer-a': {
    tokensPerSecond: 0,
    loadMs: 0,
    rules: [
      { match: 'Another assistant answered', reply: REJECT },
      { match: 'You are the Reconciler', reply: 'Answer A cites the paragraph.\nAnswer: Szeged' },
      { reply: 'Helena Varga was born in Szeged.\nAnswer: Szeged' },
    ],
  },
  'scripted-peer-b': {
    tokensPerSecond: 0,
    loadMs: 0,
    rules: [
      { match: 'Another assistant answered', reply: ACCEPT },
      { reply: 'She settled in Eastbrook.\nAnswer: Eastbrook' },
    ],
  },
};

const team = (page: Page) => page.getByRole('region', { name: 'Team', exact: true });
const teamSetup = (page: Page) => page.getByRole('group', { name: 'Team setup' });

test('cross-verification: two answers on two models, crossed checks, the reconciler decides', async ({
  page,
}) => {
  await page.addInitScript((value) => {
    localStorage.setItem('playground:scripted-overrides', value);
  }, JSON.stringify(OVERRIDES));
  await openCompare(page);
  await pickModel(page, 'scripted-peer-a', 'Solo model (all roles)');
  await teamSetup(page).getByLabel('Protocol').selectOption({ label: 'Cross-verification' });
  await expect(teamSetup(page).getByTestId('cross-verify-roles')).toContainText(
    'Roles: Answerer A, Answerer B, Reconciler.',
  );
  await pickModel(page, 'scripted-peer-a', 'Team model (all roles)');
  await pickModel(page, 'scripted-peer-b', 'Answerer B model');
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  await expect(team(page).getByTestId('final-answer')).toContainText('Szeged', { timeout: 30_000 });
  await expect(team(page).getByTestId('final-answer')).toContainText('matches the expected answer');
  const turns = team(page).getByTestId('turn');
  await expect(turns).toHaveCount(5);
  await expect(turns.nth(0)).toContainText('Answerer A · independent answer');
  await expect(turns.nth(1)).toContainText('Answerer B · independent answer');
  await expect(turns.nth(2)).toContainText('Answerer A · check of the other’s answer');
  await expect(turns.nth(2).getByTestId('verdict')).toHaveText('Rejected');
  await expect(turns.nth(2)).toContainText('She settled in Eastbrook; she was born in Szeged.');
  await expect(turns.nth(3).getByTestId('verdict')).toHaveText('Accepted');
  await expect(turns.nth(4)).toContainText('Reconciler · reconciliation');
});
