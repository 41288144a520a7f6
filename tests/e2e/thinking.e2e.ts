import { expect, test, type Page } from '@playwright/test';
import { openCompare, pickModel } from './helpers';

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

const REASONER_THOUGHT = 'PONDERING Eastbrook or Szeged; she was born in Szeged';
const ANSWERER_THOUGHT = 'MULLING the conclusion says Szeged';

/** A reasoning model: each role thinks in a <think> block before its reply. */
const rules = [
  // Were the reasoner's thinking passed on, the answerer would answer this.
  { match: 'You are the Answerer[\\s\\S]*PONDERING', reply: 'Answer: Leaked' },
  {
    match: 'You are the Answerer',
    reply: `<think>\n${ANSWERER_THOUGHT}\n</think>\n\nAnswer: Szeged`,
  },
  {
    match: 'You are the Reasoner',
    reply:
      `<think>\n${REASONER_THOUGHT}\n</think>\n\n` +
      'Steps:\n1. Helena Varga was born in Szeged [Helena Varga, sentence 2].\nConclusion: Szeged',
  },
  { reply: `<think>\n${ANSWERER_THOUGHT}\n</think>\n\nAnswer: Szeged` },
];

test('a reasoning model: thinking folded apart, never passed on, counted apart', async ({
  page,
}) => {
  await page.addInitScript(
    (value) => {
      localStorage.setItem('playground:scripted-overrides', value);
    },
    JSON.stringify({ 'scripted-team': { tokensPerSecond: 0, loadMs: 0, rules } }),
  );
  await openCompare(page);
  await page.getByLabel('Protocol').nth(1).selectOption({ label: 'Reasoner → Answerer' });
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run' }).click();

  const team = region(page, 'Team');
  await expect(team.getByTestId('final-answer')).toContainText('Szeged', { timeout: 30_000 });
  await expect(team.getByTestId('final-answer')).not.toContainText('Leaked');

  const turns = team.getByTestId('turn');
  await expect(turns).toHaveCount(2);
  for (const [i, thought] of [REASONER_THOUGHT, ANSWERER_THOUGHT].entries()) {
    const turn = turns.nth(i);
    const thinking = turn.locator('details.thinking');
    // Folded: closed, its token count in the summary, the thought itself hidden.
    await expect(thinking).not.toHaveAttribute('open');
    await expect(thinking.locator('summary')).toHaveText(/^Thinking · \d+ tokens$/);
    await expect(thinking.getByText(thought.split(' ')[0] ?? '')).toBeHidden();
    // The reply shown is the answer part only.
    await expect(turn.locator('.turn-output')).not.toContainText(thought.split(' ')[0] ?? '');
    await expect(turn.locator('.turn-output')).not.toContainText('think>');

    // The figure line says how many of the tokens were thinking, as the summary does.
    const summary = (await thinking.locator('summary').textContent()) ?? '';
    const thinkingTokens = Number(/(\d+) tokens/.exec(summary)?.[1]);
    const figures = (await turn.getByTestId('turn-figures').textContent()) ?? '';
    const completion = Number(/→ (\d+) tok/.exec(figures)?.[1]);
    expect(figures).toContain(`(of which ${thinkingTokens} thinking)`);
    expect(thinkingTokens).toBeGreaterThan(0);
    expect(thinkingTokens).toBeLessThan(completion);

    // Unfolded, the thought is there.
    await thinking.locator('summary').click();
    await expect(thinking).toContainText(thought);
  }
  await expect(turns.nth(1).locator('.turn-output')).toContainText('Answer: Szeged');
  await expect(region(page, 'Solo').getByTestId('final-answer')).toContainText('Szeged');
});

test('while a reply streams inside its think block, the fold says Thinking… live', async ({
  page,
}) => {
  const thought = Array.from({ length: 40 }, (_, i) => `step${i}`).join(' ');
  const slow = [{ reply: `<think>\n${thought}\n</think>\n\nAnswer: Szeged` }];
  await page.addInitScript(
    (value) => {
      localStorage.setItem('playground:scripted-overrides', value);
    },
    JSON.stringify({ 'scripted-team': { tokensPerSecond: 15, loadMs: 0, rules: slow } }),
  );
  await openCompare(page);
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run' }).click();

  const turn = region(page, 'Solo').getByTestId('turn').first();
  const summary = turn.locator('details.thinking summary');
  await expect(summary).toHaveText('Thinking…');
  await expect(turn).toHaveAttribute('data-status', 'streaming');
  await expect(turn.locator('.turn-output')).not.toContainText('step');

  await expect(summary).toHaveText(/^Thinking · \d+ tokens$/, { timeout: 30_000 });
  await expect(region(page, 'Solo').getByTestId('final-answer')).toContainText('Szeged');
});
