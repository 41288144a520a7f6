import { expect, test, type Page } from '@playwright/test';
import { TEAM_RULES } from '../../src/lib/catalog/scripted-models';
import { openCompare, pickModel } from './helpers';
import { openView } from './views';

/**
 * Fork from a turn: after a run of Solo vs Reasoner → Critic → Answerer (scripted), the
 * Reasoner's draft is edited to conclude Vienna; only the Critic and the Answerer run again
 * (2 calls), Solo is reused (0 calls), and the fork is a History entry linked to its parent.
 */
const team = (page: Page) => page.getByRole('region', { name: 'Team', exact: true });
const calls = (page: Page, side: 'solo' | 'team') =>
  page.getByTestId('comparison').locator(`tr[data-row="calls"] td[data-side="${side}"]`);

test('editing a turn re-runs only the calls after it, and the fork links to its parent', async ({
  page,
}) => {
  await page.addInitScript(
    (value) => localStorage.setItem('playground:scripted-overrides', value),
    JSON.stringify({
      'scripted-team': {
        tokensPerSecond: 0,
        loadMs: 0,
        rules: [
          { match: 'You are the Answerer[\\s\\S]*Conclusion: Vienna', reply: 'Vienna' },
          ...TEAM_RULES,
        ],
      },
    }),
  );
  await openCompare(page);
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(team(page).getByTestId('final-answer')).toContainText('Szeged', { timeout: 30_000 });
  await expect(calls(page, 'team')).toHaveText('3');

  const draft = team(page).getByTestId('turn').first();
  await draft.getByRole('button', { name: 'Edit and re-run from here' }).click();
  const form = draft.getByTestId('fork-form');
  await form.getByRole('textbox').fill('Steps:\n1. She was born in Vienna.\nConclusion: Vienna');
  await form.getByRole('button', { name: 'Re-run from here' }).click();

  await expect(team(page).getByTestId('final-answer')).toContainText('Vienna', { timeout: 30_000 });
  await expect(calls(page, 'team')).toHaveText('2');
  await expect(calls(page, 'solo')).toHaveText('0');
  await expect(team(page).getByTestId('turn-edited')).toHaveCount(1);
  const diff = page.getByTestId('fork-diff');
  await expect(diff.getByTestId('fork-summary')).toContainText(
    'the Team: turn 1 edited; 0 earlier turns reused without a call; 2 calls run again.',
  );
  await expect(diff.getByTestId('fork-row')).toHaveCount(3);
  await expect(diff.getByTestId('fork-row').first().locator('ins').last()).toContainText('Vienna');
  await expect(diff.getByTestId('fork-row').last().locator('del')).toContainText('Szeged');

  await openView(page, 'History');
  const rows = page.getByTestId('history-run');
  await expect(rows).toHaveCount(2);
  await rows.first().getByRole('button', { name: 'Open' }).click();
  const forkOf = page.getByTestId('run-fork-of');
  await expect(forkOf).toContainText("the Team's turn 1 was edited");
  await forkOf.getByRole('button', { name: 'its parent run' }).click();
  await expect(page.getByTestId('run-fork-of')).toHaveCount(0);
});

test("editing a role's prompt re-runs that turn and what follows with it", async ({ page }) => {
  await page.addInitScript(
    (value) => localStorage.setItem('playground:scripted-overrides', value),
    JSON.stringify({ 'scripted-team': { tokensPerSecond: 0, loadMs: 0 } }),
  );
  await openCompare(page);
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(team(page).getByTestId('final-answer')).toContainText('Szeged', { timeout: 30_000 });

  const critique = team(page).getByTestId('turn').nth(1);
  await critique.getByRole('button', { name: "Edit Critic's prompt and re-run" }).click();
  const prompt = critique.getByTestId('fork-form').getByRole('textbox');
  await expect(prompt).toHaveValue(/You are the Critic/);
  await prompt.fill('You are the Critic. STRICT-REVIEW: check every step.');
  await critique.getByRole('button', { name: 'Re-run from here' }).click();

  await expect(page.getByTestId('fork-diff').getByTestId('fork-summary')).toContainText(
    "the Team: Critic's prompt edited from turn 2; 1 earlier turn reused without a call; 2 calls run again.",
    { timeout: 30_000 },
  );
  await expect(calls(page, 'team')).toHaveText('2');
  await expect(team(page).getByTestId('turn-reused')).toHaveCount(1);
  const newCritique = team(page).getByTestId('turn').nth(1);
  await newCritique.getByTestId('turn-prompt').locator('summary').click();
  await expect(newCritique.getByTestId('turn-prompt')).toContainText('STRICT-REVIEW');
});
