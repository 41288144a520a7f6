import { expect, test, type Page } from '@playwright/test';
import { openCompare, pickModel } from './helpers';

/** A scripted model with a 1,024-token context window (see scripted-models.ts). */
const SMALL = 'scripted-small-window';
const ROUNDS = 3;

/** A long draft: 200 short words, about 200 tokens. */
const DRAFT =
  'Steps: ' +
  Array.from({ length: 200 }, (_, i) => `s${i % 10}`).join(' ') +
  '\nConclusion: Szeged';

/** The critic always asks for a revision, so every round is used and the drafts pile up. */
const rules = [
  { match: 'You are the Critic', reply: '{"verdict":"revise","feedback":"Check the birthplace."}' },
  { match: 'You are the Answerer', reply: 'Szeged' },
  { match: 'You are the Reasoner', reply: DRAFT },
  { reply: 'Answer: Szeged' },
];

const teamSetup = (page: Page) => page.getByRole('group', { name: 'Team setup' });
const teamResults = (page: Page) => page.getByRole('region', { name: 'Team', exact: true });

test('a critic loop on a 1,024-token model: the Plan warns, later revisions are trimmed, the side completes', async ({
  page,
}) => {
  await page.addInitScript(
    (value) => localStorage.setItem('playground:scripted-overrides', value),
    JSON.stringify({ [SMALL]: { tokensPerSecond: 0, loadMs: 0, rules } }),
  );
  // Eight model calls a side, and a long form to fill: more than the default minute on a
  // loaded machine.
  test.slow();
  await openCompare(page);
  await pickModel(page, SMALL, 'Solo model (all roles)');
  await pickModel(page, SMALL, 'Team model (all roles)');
  await teamSetup(page).getByLabel('Critic rounds (at most)').fill(String(ROUNDS));

  // The default reasoner's 512-token reply leaves no room for its prompt and the question.
  const warnings = page.getByTestId('context-warnings');
  await expect(warnings.locator('li[data-level="cannot-fit"]')).toContainText(
    "Team › Reasoner's context window (1,024 tokens) cannot hold its prompt and the question",
  );

  // A 256-token reply fits; the worst case of three rounds still does not: trimmed.
  await teamSetup(page).locator('summary', { hasText: 'Roles' }).click();
  await teamSetup(page).getByLabel('Max tokens').first().fill('256');
  await expect(warnings.locator('li[data-level="cannot-fit"]')).toHaveCount(0);
  const reasoner = warnings.locator('li[data-level="trimmed"]', { hasText: 'Team › Reasoner' });
  await expect(reasoner).toContainText('Team › Reasoner: at worst a call needs about');
  await expect(reasoner).toContainText(
    `(${ROUNDS} rounds of drafts and feedback), more than ${SMALL}'s 1,024-token window: ` +
      'older rounds will be shortened or dropped to fit.',
  );

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const team = teamResults(page);
  await expect(team.getByTestId('final-answer')).toContainText('Szeged', { timeout: 60_000 });
  await expect(team.getByRole('alert')).toHaveCount(0);

  const revisions = team.locator('[data-testid="turn"][data-step="revise"]');
  await expect(revisions).toHaveCount(ROUNDS);
  await expect(revisions.last()).toHaveAttribute('data-status', 'done');
  // The last revision carries three rounds: the older ones were cut to fit.
  await expect(revisions.last().getByTestId('turn-trimmed')).toHaveText(
    /^Context trimmed: (\d+ older rounds? dropped|[\d,]+ characters shortened)(, [\d,]+ characters shortened)? to fit 1,024 tokens\.$/,
  );
  // The prompt as sent keeps the latest draft whole; what was cut is marked.
  const prompt = revisions.last().getByTestId('turn-prompt');
  await prompt.locator('summary').click();
  await expect(prompt).toContainText('s9 s0 s1');
  const figures = await revisions.last().getByTestId('turn-figures').textContent();
  const [used, window] = (/context (\d+)\/(\d+)/.exec(figures ?? '') ?? []).slice(1).map(Number);
  expect(window).toBe(1024);
  expect(used).toBeLessThanOrEqual(1024);
});
