import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openCompare, pickModel } from './helpers';

const ACCEPT = '{"verdict":"accept","feedback":""}';
const REVISE = '{"verdict":"revise","feedback":"Check where she was born, not where she lived."}';

/**
 * Two scripted models at full speed. The small one answers (and, as the critic, reviews): its
 * doubtful replies carry SMALL-GUESS, which the critic sends back. The large one knows better.
 * On the first three shipped multi-hop items: small right on 1 (Halvik), wrong and doubted on
 * 2 (Ossel, escalated), wrong but accepted on 3 (yes); large right on all three.
 */
const OVERRIDES = {
  'scripted-small': {
    tokensPerSecond: 0,
    loadMs: 0,
    rules: [
      { match: 'You are the Critic[\\s\\S]*SMALL-GUESS', reply: REVISE },
      { match: 'You are the Critic', reply: ACCEPT },
      { match: 'Marlow Library', reply: 'SMALL-GUESS: she settled there.\nAnswer: Eastbrook' },
      { match: 'Glasswater Library', reply: 'Ilse Varnholt was born in Halvik.\nAnswer: Halvik' },
      { match: 'Tane or the Ossel', reply: 'SMALL-GUESS: it sounds longer.\nAnswer: Ossel' },
      { reply: 'They were both born there.\nAnswer: yes' },
    ],
  },
  'scripted-large': {
    tokensPerSecond: 0,
    loadMs: 0,
    rules: [
      { match: 'Marlow Library', reply: 'Helena Varga was born in Szeged.\nAnswer: Szeged' },
      { match: 'Glasswater Library', reply: 'Answer: Halvik' },
      { match: 'Tane or the Ossel', reply: 'The Tane is 120 km, the Ossel 80 km.\nAnswer: Tane' },
      { reply: 'One was born in Halvik, the other in Merrow.\nAnswer: no' },
    ],
  },
};

const team = (page: Page) => page.getByRole('region', { name: 'Team', exact: true });
const teamSetup = (page: Page) => page.getByRole('group', { name: 'Team setup' });

/** What axe finds against WCAG 2.0 and 2.1, A and AA, one line per rule. */
async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

/** Solo on the small model; Team: small first, escalate on the critic's verdict. */
async function setUpEscalation(page: Page) {
  await page.addInitScript((value) => {
    localStorage.setItem('playground:scripted-overrides', value);
  }, JSON.stringify(OVERRIDES));
  await openCompare(page);
  await pickModel(page, 'scripted-small', 'Solo model (all roles)');
  await teamSetup(page).getByLabel('Protocol').selectOption({ label: 'Small first, escalate' });
  await pickModel(page, 'scripted-small', 'Small model (answers first)');
  await pickModel(page, 'scripted-large', 'Large model (answers when escalated)');
  const check = teamSetup(page).getByLabel('Escalate when');
  // The agreement check is the default, with its parameters labelled.
  await expect(check).toHaveValue('agreement');
  await expect(teamSetup(page).getByLabel('Samples of the small model (k)')).toHaveValue('5');
  await expect(teamSetup(page).getByLabel('Agreeing samples needed (escalates below)')).toHaveValue(
    '3',
  );
  // By keyboard: fewer samples than the threshold bring the threshold down with them.
  await teamSetup(page).getByLabel('Samples of the small model (k)').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await expect(teamSetup(page).getByLabel('Agreeing samples needed (escalates below)')).toHaveValue(
    '2',
  );
  await expect(teamSetup(page)).toContainText(
    'Escalates when fewer than 2 of 2 samples give the same answer.',
  );
  await check.focus();
  await check.selectOption({ label: 'a critic asks for a revision' });
  await expect(teamSetup(page).getByRole('combobox', { name: 'Critic model' })).toHaveAttribute(
    'data-model-id',
    'scripted-small',
  );
}

test('the experiment shows the escalation: the critic doubts the small model, the large one answers', async ({
  page,
}) => {
  await setUpEscalation(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  await expect(team(page).getByTestId('final-answer')).toContainText('Szeged', { timeout: 30_000 });
  await expect(team(page).getByTestId('final-answer')).toContainText('matches the expected answer');
  const escalation = team(page).getByTestId('escalation');
  await expect(escalation).toHaveText(
    'Escalated to Scripted test model: large: Critic asked for a revision',
  );
  await expect(escalation).toHaveAttribute('data-escalated', 'true');
  const turns = team(page).getByTestId('turn');
  await expect(turns).toHaveCount(3);
  await expect(turns.nth(0)).toContainText('small model’s answer');
  await expect(turns.nth(1).getByTestId('verdict')).toContainText(/revis/i);
  await expect(turns.nth(2)).toContainText('escalated answer');

  // Nothing for axe to report in the setup and the results (WCAG 2.0/2.1 A and AA).
  expect(await axeViolations(page)).toEqual([]);

  // The history keeps it.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await page.getByTestId('history-run').first().getByRole('button', { name: 'Open' }).click();
  await expect(
    page
      .getByTestId('run-detail')
      .getByRole('region', { name: 'Team', exact: true })
      .getByTestId('escalation'),
  ).toHaveText('Escalated to Scripted test model: large: Critic asked for a revision');
});

test('a small batch reports the share escalated next to always small and always large', async ({
  page,
}) => {
  await setUpEscalation(page);
  await page.getByRole('button', { name: 'Benchmark', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Question set' })).toBeVisible();
  await page.getByLabel('Multi-hop questions (20)').check();
  await page.getByLabel('Items to run').fill('3');

  // Solo is already on the small model: the button adds only always-large.
  await expect(page.getByTestId('batch-config')).toHaveCount(2);
  await page.getByRole('button', { name: 'Add always-small and always-large' }).click();
  await expect(page.getByTestId('batch-config')).toHaveCount(3);
  await expect(
    page.getByRole('button', { name: 'Add always-small and always-large' }),
  ).toBeDisabled();

  await page.getByRole('button', { name: /^Run batch \(3 items × 3 configs\)/ }).click();
  await expect(page.getByTestId('progress-count')).toHaveText('3 / 3 items', { timeout: 30_000 });
  await expect(page.getByTestId('batch-status')).toHaveText('done');

  const summary = page.getByTestId('escalation-summary');
  await expect(summary.getByTestId('escalated-share')).toHaveText('33.3%');
  await expect(summary.getByTestId('escalated-count')).toHaveText('1');
  await expect(summary.getByTestId('escalation-accuracy')).toHaveText('66.7%');
  const accuracy = (run: string) =>
    summary.locator(`tr[data-baseline="${run}"] td[data-field="accuracy"]`);
  await expect(accuracy('Escalation')).toHaveText('66.7%');
  await expect(accuracy('Always small')).toHaveText('33.3%');
  await expect(accuracy('Always large')).toHaveText('100.0%');
  // Calls per model: the small model answers and reviews 3 times each, the large one once.
  await expect(summary.locator('[data-model="scripted-small"] td[data-field="calls"]')).toHaveText(
    '6',
  );
  await expect(summary.locator('[data-model="scripted-large"] td[data-field="calls"]')).toHaveText(
    '1',
  );

  // Each item says what was decided and why.
  const item = page.getByTestId('batch-item').nth(1);
  await item.getByRole('button').first().click();
  await expect(page.getByTestId('item-escalation').first()).toHaveText(
    "Escalation escalated: Critic asked for a revision (small model's answer: Ossel)",
  );
  // The escalation summary and the open item are readable by assistive technology too.
  expect(await axeViolations(page)).toEqual([]);
});
