import { expect, test, type Page } from '@playwright/test';
import { expectModel, openCompare, pickModel } from './helpers';

const solo = (page: Page) => page.getByRole('region', { name: 'Solo', exact: true });
const team = (page: Page) => page.getByRole('region', { name: 'Team', exact: true });

async function useModels(page: Page, soloModel: string, teamModel: string) {
  await pickModel(page, soloModel, 'Solo model (all roles)');
  await pickModel(page, teamModel, 'Team model (all roles)');
}

async function calls(page: Page, side: 'solo' | 'team'): Promise<number> {
  const cell = page
    .getByTestId('comparison')
    .locator(`tr[data-row="calls"] td[data-side="${side}"]`);
  return Number(await cell.textContent());
}

test('the default preset: Solo vs Reasoner → Critic → Answerer, with transcript and figures', async ({
  page,
}) => {
  await openCompare(page);
  await expect(page.getByRole('textbox', { name: 'Question', exact: true })).toHaveValue(
    /architect of the Marlow Library/,
  );
  await useModels(page, 'scripted-team', 'scripted-team');
  // One shared model for four agents: counted once.
  await expect(page.getByTestId('plan-summary')).toContainText('4 agents on 1 distinct model');
  await expect(page.getByTestId('plan-model')).toHaveCount(1);

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(team(page).getByTestId('final-answer')).toContainText('Szeged', { timeout: 30_000 });
  await expect(team(page).getByTestId('final-answer')).toContainText('matches the expected answer');
  await expect(solo(page).getByTestId('final-answer')).toContainText('Eastbrook');
  await expect(solo(page).getByTestId('final-answer')).toContainText(
    'differs from the expected answer',
  );

  // The transcript shows the roles in protocol order, with the critic's verdict.
  const turns = team(page).getByTestId('turn');
  await expect(turns).toHaveCount(3);
  expect(await turns.evaluateAll((els) => els.map((e) => e.getAttribute('data-role')))).toEqual([
    'Reasoner',
    'Critic',
    'Answerer',
  ]);
  await expect(turns.nth(1).getByTestId('verdict')).toHaveText('Accepted');
  await expect(team(page)).toContainText(
    'References: [Marlow Library, sentence 2]; [Helena Varga, sentence 2]',
  );

  // Figures: calls as the protocol implies (draft, one accepting review, answer), per-turn usage,
  // and a ratio.
  expect(await calls(page, 'solo')).toBe(1);
  expect(await calls(page, 'team')).toBe(3);
  await expect(team(page).getByTestId('turn-figures')).toHaveCount(3);
  await expect(team(page).getByTestId('turn-figures').first()).toContainText(/context \d+\/4096/);
  await expect(page.getByTestId('comparison').locator('tr[data-row="calls"]')).toContainText(
    '3.00×',
  );
  await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByTestId('fairness')).toBeVisible();

  // The shared model's worker stays loaded until the user frees it.
  const loaded = page.workers().length;
  await page.getByRole('button', { name: 'Unload models (free memory)' }).click();
  await expect.poll(() => page.workers().length).toBe(loaded - 1);
  await expect(page.getByRole('button', { name: 'Unload models (free memory)' })).toHaveCount(0);
});

test('both sides stream at once, and Stop cancels every agent in flight', async ({ page }) => {
  await openCompare(page);
  await useModels(page, 'scripted-slow', 'scripted-team');
  await expect(page.getByTestId('plan-summary')).toContainText('on 2 distinct models');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // The team finishes while the slow solo model is still streaming: they ran side by side.
  await expect(team(page).getByTestId('final-answer')).toContainText('Szeged', { timeout: 30_000 });
  await expect(solo(page).getByTestId('turn')).toHaveAttribute('data-status', 'streaming');
  const before = await solo(page).getByTestId('turn').textContent();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(solo(page).getByTestId('final-answer')).toContainText('Stopped');
  await expect(solo(page).getByTestId('turn')).toHaveAttribute('data-status', 'stopped');
  // What streamed stays in view.
  expect((await solo(page).getByTestId('turn').textContent())!.length).toBeGreaterThanOrEqual(
    before!.length - 20,
  );
  await expect(solo(page).getByTestId('turn')).toContainText('word1');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
});

test('one agent failing ends its side with a clear error while the other side finishes', async ({
  page,
}) => {
  await openCompare(page);
  await useModels(page, 'scripted-team', 'scripted-broken');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const failure = team(page).locator('[data-error-name="GenerationError"]');
  await expect(failure).toContainText('Team failed');
  await expect(failure).toContainText('Scripted GenerationError after 3 tokens');
  await expect(solo(page).getByTestId('final-answer')).toContainText('Eastbrook');
  // The failed turn keeps what it had streamed.
  await expect(team(page).getByTestId('turn').first()).toContainText('Steps:');
});

for (const [preset, expected] of [
  ['Reasoner → Answerer', 2],
  ['Generators + Judge', 4],
  ['Self-consistency', 5],
] as const) {
  test(`the ${preset} protocol runs from the UI with the calls it implies`, async ({ page }) => {
    await openCompare(page);
    await page.getByLabel('Protocol').nth(1).selectOption({ label: preset });
    await useModels(page, 'scripted-team', 'scripted-team');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(team(page).getByTestId('final-answer')).toContainText('Final answer', {
      timeout: 30_000,
    });
    await expect(team(page).getByTestId('turn')).toHaveCount(expected);
    expect(await calls(page, 'team')).toBe(expected);
  });
}

test('the setup survives a reload', async ({ page }) => {
  await openCompare(page);
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill('What is two plus two?');
  await useModels(page, 'scripted-echo', 'scripted-team');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Question', exact: true })).toHaveValue(
    'What is two plus two?',
  );
  await expectModel(page, 'scripted-team', 'Team model (all roles)');
});

test('the fairness column runs Solo again with the Team’s token budget', async ({ page }) => {
  await openCompare(page);
  await useModels(page, 'scripted-team', 'scripted-team');
  await page.getByLabel(/Fairness column/).check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const fair = page.getByRole('region', { name: "Solo with the Team's budget" });
  await expect(fair.getByTestId('final-answer')).toContainText('Final answer', { timeout: 30_000 });
  const samples = await fair.getByTestId('turn').count();
  expect(samples).toBeGreaterThan(1);
  await expect(fair).toContainText(`Self-consistency ×${samples}`);
  await expect(fair).toContainText('Votes: Eastbrook ×');
  const cell = page.getByTestId('comparison').locator('tr[data-row="calls"] td[data-side="fair"]');
  await expect(cell).toHaveText(String(samples));
});

test('the fairness column is headed, cleared when unticked, and says why it did not run', async ({
  page,
}) => {
  await openCompare(page);
  await useModels(page, 'scripted-team', 'scripted-team');
  await page.getByLabel(/Fairness column/).check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const table = page.getByTestId('comparison');
  await expect(table.locator('td[data-side="fair"]').first()).toBeVisible({ timeout: 30_000 });
  // As many header cells as body cells in every row.
  const headers = await table.locator('thead th').count();
  expect(headers).toBe(5);
  await expect(table.locator('thead th').nth(4)).toHaveText("Solo with the Team's budget");
  expect(await table.locator('tr[data-row="calls"] > *').count()).toBe(headers);

  // Unticked, the next run shows no fairness values from the last one.
  await page.getByLabel(/Fairness column/).uncheck();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(
    page.getByRole('region', { name: 'Team', exact: true }).getByTestId('final-answer'),
  ).toContainText('Final answer', { timeout: 30_000 });
  await expect(table.locator('td[data-side="fair"]')).toHaveCount(0);
  await expect(page.getByRole('region', { name: "Solo with the Team's budget" })).toHaveCount(0);

  // A failing Team: the fairness run is skipped, and the page says so.
  await page.getByLabel(/Fairness column/).check();
  await useModels(page, 'scripted-team', 'scripted-broken');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('fair-skipped')).toContainText('the Team did not finish', {
    timeout: 30_000,
  });
});

test('a failed load clears the previous run’s panels: only the new error is shown', async ({
  page,
}) => {
  await openCompare(page);
  await useModels(page, 'scripted-team', 'scripted-team');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(solo(page).getByTestId('final-answer')).toContainText('Final answer', {
    timeout: 30_000,
  });
  await useModels(page, 'scripted-offline', 'scripted-team');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'A model could not be loaded' }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(solo(page)).toHaveCount(0);
  await expect(team(page)).toHaveCount(0);
});

test('keyboard: one Tab and Enter reach Run; a live region announces the run and its end', async ({
  page,
}) => {
  await openCompare(page);
  await useModels(page, 'scripted-team', 'scripted-team');
  // The setup is kept; a fresh page starts the keyboard at the top.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to Run' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
  // The fragment is untouched: it carries share links.
  expect(new URL(page.url()).hash).toBe('');
  await page.keyboard.press('Enter');
  const live = page.getByTestId('run-announcer');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toHaveText('Run over. Solo finished, Team finished.', { timeout: 30_000 });
});

test('the transcript explains the protocol: numbered candidates, conclusions apart, one verdict', async ({
  page,
}) => {
  await openCompare(page);
  await page.getByLabel('Protocol').nth(1).selectOption({ label: 'Generators + Judge' });
  await useModels(page, 'scripted-team', 'scripted-team');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(team(page).getByTestId('final-answer')).toContainText('Final answer', {
    timeout: 30_000,
  });
  const candidates = team(page).locator('[data-testid="turn"][data-step="generate"]');
  await expect(candidates).toHaveCount(3);
  for (let i = 0; i < 3; i++)
    await expect(candidates.nth(i).locator('header strong')).toContainText(`candidate ${i + 1}`);

  // The default team: the reasoner's conclusion is its own paragraph, not list item 2's; the
  // critic's verdict shows once, its raw JSON only under "Prompt and raw reply".
  await page.getByLabel('Protocol').nth(1).selectOption({ label: 'Reasoner → Critic → Answerer' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(team(page).getByTestId('final-answer')).toContainText('Final answer', {
    timeout: 30_000,
  });
  const draft = team(page).locator('[data-testid="turn"][data-step="reason"] .turn-output');
  await expect(draft.locator('li', { hasText: /Conclusion/i })).toHaveCount(0);
  await expect(draft.locator('p', { hasText: /Conclusion/i })).toHaveCount(1);
  const review = team(page).locator('[data-testid="turn"][data-step="critique"]').first();
  // scripted-team's critic accepts with no feedback: no feedback line, the JSON folded away.
  await expect(review.getByTestId('verdict')).toHaveText('Accepted');
  await expect(review.locator('.feedback')).toHaveCount(0);
  await expect(review.locator('.turn-output')).toHaveCount(0);
  await expect(review.getByTestId('turn-prompt')).toContainText('{"verdict":"accept"');
});

test('when both sides share a model the plan says their calls take turns', async ({ page }) => {
  await openCompare(page);
  await useModels(page, 'scripted-team', 'scripted-team');
  await expect(page.getByTestId('shared-model-note')).toContainText(
    'Solo and Team share scripted-team',
  );
  await useModels(page, 'scripted-slow', 'scripted-team');
  await expect(page.getByTestId('shared-model-note')).toHaveCount(0);
});

test('a second copy of a shared model lets both sides run at once, with no waiting', async ({
  page,
}) => {
  await openCompare(page);
  await useModels(page, 'scripted-team', 'scripted-team');
  const copy = page.getByTestId('second-copy');
  await expect(page.getByTestId('second-copy-note')).toContainText('no extra memory');
  await copy.check();
  await expect(page.getByTestId('shared-model-note')).toContainText('each get their own copy');
  await expect(page.getByTestId('plan-model')).toHaveCount(2);
  await expect(page.getByTestId('plan-model').nth(1)).toContainText('scripted-team (copy 2)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(team(page).getByTestId('final-answer')).toContainText('Szeged', { timeout: 30_000 });
  await expect(solo(page).getByTestId('final-answer')).not.toBeEmpty();
  const waiting = page
    .getByTestId('comparison')
    .locator('tr[data-row="queuedMs"] td[data-side="team"]');
  // No call waited for Solo's: what is left is the page's own scheduling, a few milliseconds.
  await expect(waiting).toHaveText(/^\d+ ms$/);
  expect(parseInt((await waiting.textContent())!, 10)).toBeLessThan(250);
  // The choice stays for the next visit.
  await page.reload();
  await expect(page.getByTestId('second-copy')).toBeChecked();
});

test('the timeline has a time axis and labels each call with its step and round', async ({
  page,
}) => {
  await openCompare(page);
  await useModels(page, 'scripted-team', 'scripted-team');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(team(page).getByTestId('final-answer')).toContainText('Final answer', {
    timeout: 30_000,
  });
  const labels = await page.getByTestId('timeline-label').allTextContents();
  expect(labels).toContain('Solo · Solo · answer');
  expect(labels).toContain('Team · Reasoner · draft');
  expect(labels).toContain('Team · Critic · review · round 1');
  const ticks = page.getByTestId('timeline-axis').locator('.tick');
  await expect(ticks).toHaveCount(5);
  await expect(ticks.first()).toHaveText('0 ms');
});

test('each turn shows its prompt and raw reply on request', async ({ page }) => {
  await openCompare(page);
  await useModels(page, 'scripted-team', 'scripted-team');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(team(page).getByTestId('final-answer')).toContainText('Final answer', {
    timeout: 30_000,
  });
  const critic = team(page).locator('[data-testid="turn"][data-step="critique"]').first();
  const prompt = critic.getByTestId('turn-prompt');
  await prompt.locator('summary').click();
  await expect(prompt).toContainText('You are the Critic');
  await expect(prompt).toContainText('{"verdict":"accept"');
  await expect(critic.getByRole('button', { name: 'Copy reply' })).toBeVisible();
});
