import { expect, test, type Page } from '@playwright/test';
import { ask, openCompare, openPlayground, output, pickModel } from './helpers';

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
  await page.getByRole('button', { name: 'Run', exact: true }).click();

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
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  const turn = region(page, 'Solo').getByTestId('turn').first();
  const summary = turn.locator('details.thinking summary');
  await expect(summary).toHaveText('Thinking…');
  await expect(turn).toHaveAttribute('data-status', 'streaming');
  await expect(turn.locator('.turn-output')).not.toContainText('step');

  await expect(summary).toHaveText(/^Thinking · \d+ tokens$/, { timeout: 30_000 });
  await expect(region(page, 'Solo').getByTestId('final-answer')).toContainText('Szeged');
});

test('thinking switched off for the Team: its turns come back without thinking, Solo keeps its own', async ({
  page,
}) => {
  // A run, then every turn's raw reply opened and read.
  test.setTimeout(90_000);
  await page.addInitScript(
    (value) => {
      localStorage.setItem('playground:scripted-overrides', value);
    },
    JSON.stringify({ 'scripted-thinker': { tokensPerSecond: 0, loadMs: 0, rules } }),
  );
  await openCompare(page);
  await page.getByLabel('Protocol').nth(1).selectOption({ label: 'Reasoner → Answerer' });
  await pickModel(page, 'scripted-thinker', 'Solo model (all roles)');
  await pickModel(page, 'scripted-thinker', 'Team model (all roles)');
  // A reasoning model (flagged from its id): each side offers the switch, on the model's default.
  const teamSwitch = page.getByLabel('Team thinking (all roles)');
  await expect(teamSwitch).toHaveValue('default');
  await expect(page.getByLabel('Solo thinking (all roles)')).toHaveValue('default');
  await teamSwitch.selectOption('off');
  // Every team role follows; each has its own switch too.
  await page.getByRole('group', { name: 'Team setup' }).getByText('Roles (2)').click();
  const roleSwitches = page.getByRole('group', { name: 'Team setup' }).getByLabel('Thinking', {
    exact: true,
  });
  await expect(roleSwitches).toHaveCount(2);
  for (const s of await roleSwitches.all()) await expect(s).toHaveValue('off');
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  const team = region(page, 'Team');
  await expect(team.getByTestId('final-answer')).toContainText('Szeged', { timeout: 30_000 });
  const turns = team.getByTestId('turn');
  await expect(turns).toHaveCount(2);
  for (const turn of await turns.all()) {
    await expect(turn.getByTestId('thinking')).toHaveCount(0);
    await expect(turn.getByTestId('turn-figures')).not.toContainText('thinking');
    // The raw reply is the engine's own text: the scripted engine got the switch and left its
    // think block out (as Qwen3 does with thinking off).
    await turn.getByText('Prompt and raw reply').click();
    await expect(turn.getByTestId('turn-prompt')).not.toContainText('think>');
    await expect(turn.getByTestId('turn-prompt')).not.toContainText('PONDERING');
  }
  await expect(turns.nth(1).locator('.turn-output')).toContainText('Answer: Szeged');

  // Solo, on the model's default, still thinks.
  const solo = region(page, 'Solo');
  await expect(solo.getByTestId('final-answer')).toContainText('Szeged');
  await expect(solo.getByTestId('turn').first().getByTestId('thinking')).toHaveCount(1);
});

test('a model that does not think offers no switch', async ({ page }) => {
  await openCompare(page);
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await expect(page.getByLabel('Team thinking (all roles)')).toHaveCount(0);
  await openPlayground(page);
  await pickModel(page, 'scripted-echo');
  await page.getByText('Settings', { exact: true }).click();
  await expect(page.getByLabel('Thinking', { exact: true })).toHaveCount(0);
});

test('Single agent: the thinking folded apart, its tokens shown apart, and the switch', async ({
  page,
}) => {
  const thought = 'WEIGHING the capital of France';
  await page.addInitScript(
    (value) => {
      localStorage.setItem('playground:scripted-overrides', value);
    },
    JSON.stringify({
      'scripted-thinker': {
        tokensPerSecond: 0,
        loadMs: 0,
        rules: [{ reply: `<think>\n${thought}\n</think>\n\nThe capital is **Paris**.` }],
      },
    }),
  );
  await openPlayground(page);
  await pickModel(page, 'scripted-thinker');
  await ask(page, 'What is the capital of France?');

  const thinking = page.getByTestId('thinking');
  await expect(thinking.locator('summary')).toHaveText(/^Thinking · \d+ tokens$/, {
    timeout: 30_000,
  });
  await expect(thinking).not.toHaveAttribute('open');
  await expect(output(page).locator('strong')).toHaveText('Paris');
  await expect(output(page)).not.toContainText('WEIGHING');
  await expect(output(page)).not.toContainText('think>');

  // Thinking and answer tokens, shown apart, add up to the completion tokens.
  const figure = async (name: string) =>
    Number(await page.locator(`[data-figure="${name}"]`).textContent());
  const summary = (await thinking.locator('summary').textContent()) ?? '';
  const thinkingTokens = await figure('thinking-tokens');
  expect(thinkingTokens).toBe(Number(/(\d+) tokens/.exec(summary)?.[1]));
  expect(thinkingTokens).toBeGreaterThan(0);
  const answerTokens = await figure('answer-tokens');
  expect(answerTokens).toBeGreaterThan(0);
  expect(thinkingTokens + answerTokens).toBe(await figure('completion-tokens'));

  await thinking.locator('summary').click();
  await expect(thinking).toContainText(thought);

  // Switched off: the engine answers at once; no fold, no thinking figures.
  await page.getByText('Settings', { exact: true }).click();
  const toggle = page.getByLabel('Thinking', { exact: true });
  await expect(toggle).toHaveValue('default');
  await toggle.selectOption('off');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // Only the answer's tokens this time.
  await expect.poll(() => figure('completion-tokens')).toBe(answerTokens);
  await expect(output(page).locator('strong')).toHaveText('Paris');
  await expect(page.getByTestId('thinking')).toHaveCount(0);
  await expect(page.locator('[data-figure="thinking-tokens"]')).toHaveCount(0);
});

test("Benchmark items fold a reasoning model's thinking and count it apart", async ({ page }) => {
  // Two views and a whole batch run: longer than one Solo vs Team run.
  test.setTimeout(90_000);
  const thought = 'CONSIDERING both paragraphs';
  await page.addInitScript(
    (value) => {
      localStorage.setItem('playground:scripted-overrides', value);
    },
    JSON.stringify({
      'scripted-thinker': {
        tokensPerSecond: 0,
        loadMs: 0,
        rules: [{ reply: `<think>\n${thought}\n</think>\n\nAnswer: Halvik` }],
      },
      'scripted-team': { tokensPerSecond: 0, loadMs: 0 },
    }),
  );
  await openCompare(page);
  await pickModel(page, 'scripted-thinker', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Benchmark' }).click();
  await page.getByLabel('Multi-hop questions (20)').check();
  await page.getByLabel('Items to run').fill('1');
  await page.getByRole('button', { name: /^Run batch \(1 item/ }).click();
  await expect(page.getByTestId('progress-count')).toHaveText('1 / 1 items', { timeout: 30_000 });

  const row = page.getByTestId('batch-item').first();
  await expect(row.locator('td[data-config="solo"] .item-answer')).toHaveText('Halvik');
  await row.getByRole('button', { name: 'Details' }).click();
  const detail = page.getByTestId('item-detail');
  const soloTurn = detail.locator('.item-side').first().locator('.turn-summaries details').first();
  await expect(soloTurn.locator('summary').first()).toContainText(/\(of which \d+ thinking\)/);
  await soloTurn.locator('summary').first().click();
  const fold = soloTurn.getByTestId('thinking');
  await expect(fold).not.toHaveAttribute('open');
  await expect(fold.locator('summary')).toHaveText(/^Thinking · \d+ tokens$/);
  await expect(soloTurn.locator('.turn-text')).toHaveText('Answer: Halvik');
  await fold.locator('summary').click();
  await expect(fold).toContainText(thought);
});
