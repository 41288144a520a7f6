/**
 * The arena (#16) in the built site, on scripted models (Solo answers Eastbrook, the Team
 * Szeged): both sides answer as Left and Right with no names until the vote, then the names
 * show; votes make the leaderboard and survive a reload; export and import round trip; a bad
 * votes file is named and changes nothing; a failed side means no vote; voting by keyboard.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { pickModel } from './helpers';
import { openView } from './views';

const QUESTION = 'In which city was Helena Varga born?';
const TEAM = 'Reasoner → Critic → Answerer on Scripted test model: team';
const SOLO = 'Solo on Scripted test model: team';

/** Scripted models at full speed (`tokensPerSecond` for scripted-team, 0 = at once). */
async function scripted(page: Page, tokensPerSecond = 0): Promise<void> {
  await page.addInitScript(
    (value) => localStorage.setItem('playground:scripted-overrides', value),
    JSON.stringify({
      'scripted-team': { tokensPerSecond, loadMs: 0 },
      'scripted-broken': { tokensPerSecond: 0, loadMs: 0 },
    }),
  );
}

/** Sets up Solo and Team in Solo vs Team (Solo on `soloModel`), then opens the arena. */
async function openArena(page: Page, soloModel = 'scripted-team'): Promise<void> {
  await page.goto('/');
  await openView(page, 'Solo vs Team');
  await pickModel(page, soloModel, 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await openView(page, 'Arena');
}

const panel = (page: Page, seat: 'left' | 'right') => page.getByTestId(`arena-${seat}`);
const voteHeading = (page: Page) => page.getByRole('heading', { name: 'Which answer is better?' });

/** Asks the question and waits until both answers are in. */
async function ask(page: Page, question = QUESTION): Promise<void> {
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(question);
  await page.getByRole('button', { name: 'Ask both' }).click();
  await expect(voteHeading(page)).toBeVisible({ timeout: 30_000 });
}

/** The seat the Team sits in (its answer is Szeged). */
async function teamSeat(page: Page): Promise<'left' | 'right'> {
  const left = await panel(page, 'left').getByTestId('arena-final').textContent();
  return left?.includes('Szeged') ? 'left' : 'right';
}

/** One round voted for the Team; returns the seat it sat in. */
async function voteForTeam(page: Page, question = QUESTION): Promise<'left' | 'right'> {
  await ask(page, question);
  const seat = await teamSeat(page);
  await page
    .getByRole('button', { name: seat === 'left' ? 'Left is better' : 'Right is better' })
    .click();
  await expect(page.getByTestId('vote-cast')).toContainText('Saved to the leaderboard');
  await page.getByRole('button', { name: 'Next question' }).click();
  return seat;
}

const GIVEAWAYS = /Solo|Team|Scripted|Reasoner|Critic|Answerer|tokens/;

test('names are hidden until the vote and shown after; the voted-for config ranks first', async ({
  page,
}) => {
  await scripted(page, 30);
  await openArena(page);
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(QUESTION);
  await page.getByRole('button', { name: 'Ask both' }).click();
  // Streaming: blind.
  await expect(page.getByTestId('arena-status')).toContainText('Both sides are answering');
  for (const seat of ['left', 'right'] as const) {
    await expect(panel(page, seat)).toBeVisible();
    await expect(panel(page, seat)).not.toContainText(GIVEAWAYS);
  }
  // Both in: still blind, and only now can one vote.
  await expect(voteHeading(page)).toBeVisible({ timeout: 30_000 });
  for (const seat of ['left', 'right'] as const) {
    await expect(panel(page, seat)).not.toContainText(GIVEAWAYS);
    await expect(panel(page, seat).getByTestId('arena-reveal')).toHaveCount(0);
  }
  const seat = await teamSeat(page);
  const other = seat === 'left' ? 'right' : 'left';
  await page
    .getByRole('button', { name: seat === 'left' ? 'Left is better' : 'Right is better' })
    .click();

  // Revealed: who sat where, with protocol and model.
  const team = panel(page, seat).getByTestId('arena-reveal');
  await expect(team).toContainText('Team');
  await expect(team).toContainText(TEAM);
  await expect(team).toContainText('Reasoner → Critic → Answerer');
  await expect(team).toContainText('Scripted test model: team');
  await expect(panel(page, other).getByTestId('arena-reveal')).toContainText(SOLO);
  await expect(page.getByRole('button', { name: 'Left is better' })).toHaveCount(0);

  const axe = await new AxeBuilder({ page })
    .options({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' '))}`)).toEqual(
    [],
  );

  await page.getByRole('button', { name: 'Next question' }).click();
  // Two more, one on a question drawn from a shipped set (its category).
  await voteForTeam(page);
  await page.getByLabel('Question set').selectOption({ label: 'Grade-school math (20)' });
  await page.getByRole('button', { name: 'Draw a question' }).click();
  await expect(page.getByTestId('drawn-from')).toContainText('Grade-school math');
  await page.getByRole('button', { name: 'Ask both' }).click();
  await expect(voteHeading(page)).toBeVisible({ timeout: 30_000 });
  const drawnSeat = await teamSeat(page);
  await page
    .getByRole('button', { name: drawnSeat === 'left' ? 'Left is better' : 'Right is better' })
    .click();

  const rows = page.getByTestId('leaderboard-row');
  await expect(page.getByTestId('vote-count')).toHaveText('3 votes in all');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(TEAM);
  await expect(rows.first()).toContainText('3 / 0 / 0');
  await expect(rows.first()).toContainText('preliminary');
  await expect(rows.nth(1)).toContainText(SOLO);
  await expect(rows.nth(1)).toContainText('0 / 3 / 0');

  // The category filter: the drawn question's set alone.
  const category = page.getByLabel('Category');
  await category.selectOption({ label: 'Grade-school math (20)' });
  await expect(rows.first()).toContainText('1 / 0 / 0');
  await category.selectOption({ label: 'Typed questions' });
  await expect(rows.first()).toContainText('2 / 0 / 0');

  // Kept: after a reload the board is the same.
  await page.reload();
  await openView(page, 'Arena');
  await expect(page.getByTestId('vote-count')).toHaveText('3 votes in all');
  await expect(rows.first()).toContainText(TEAM);
});

test('export then import round trip; a malformed votes file is named and loses nothing', async ({
  page,
  browser,
}, info) => {
  await scripted(page);
  await openArena(page);
  await voteForTeam(page);
  await voteForTeam(page, 'Where did Helena Varga study?');
  await expect(page.getByTestId('vote-count')).toHaveText('2 votes in all');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export votes' }).click();
  const file = info.outputPath('votes.json');
  await (await download).saveAs(file);
  const text = readFileSync(file, 'utf8');
  const exported = JSON.parse(text) as { format: string; votes: { judge: string }[] };
  expect(exported.format).toBe('slm-playground-votes');
  expect(exported.votes.map((v) => v.judge)).toEqual(['human', 'human']);

  // Another browser profile (its own IndexedDB) reads them in.
  const context = await browser.newContext({
    baseURL: info.project.use.baseURL,
    serviceWorkers: 'block',
  });
  const second = await context.newPage();
  await second.goto('/');
  await openView(second, 'Arena');
  await expect(second.getByTestId('vote-count')).toHaveText('0 votes in all');
  const input = second.getByLabel('Import votes');
  await input.setInputFiles(file);
  await expect(second.getByTestId('import-result')).toHaveText(
    'Imported 2 votes: 2 new, 0 already here.',
  );
  await expect(second.getByTestId('vote-count')).toHaveText('2 votes in all');
  await expect(second.getByTestId('leaderboard-row').first()).toContainText(TEAM);
  await expect(second.getByTestId('leaderboard-row').first()).toContainText('2 / 0 / 0');

  // The same file again: merged by id, nothing doubled.
  await input.setInputFiles(file);
  await expect(second.getByTestId('import-result')).toHaveText(
    'Imported 2 votes: 0 new, 2 already here.',
  );
  await expect(second.getByTestId('vote-count')).toHaveText('2 votes in all');

  // A malformed file: a clear error, every vote kept.
  const broken = JSON.parse(text) as { votes: Record<string, unknown>[] };
  broken.votes[0]!.outcome = 'left-ish';
  await input.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  const alert = second.getByTestId('import-result');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('Could not import the votes: The votes file has a bad field.');
  await expect(alert).toContainText('votes › 1 › outcome');
  await expect(alert).toContainText('Nothing was changed.');
  await input.setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ not json'),
  });
  await expect(alert).toContainText('The file is not valid JSON');
  await expect(second.getByTestId('vote-count')).toHaveText('2 votes in all');
  await second.reload();
  await openView(second, 'Arena');
  await expect(second.getByTestId('vote-count')).toHaveText('2 votes in all');
  await context.close();
});

test('a failed side means no vote can be cast, and the page says why', async ({ page }) => {
  await scripted(page);
  await openArena(page, 'scripted-broken');
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(QUESTION);
  await page.getByRole('button', { name: 'Ask both' }).click();
  const why = page.getByTestId('no-vote');
  await expect(why).toContainText(/No vote can be cast on this question: (Left|Right) failed/, {
    timeout: 30_000,
  });
  await expect(voteHeading(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Tie' })).toHaveCount(0);
  await expect(page.getByTestId('vote-count')).toHaveText('0 votes in all');
});

test('keyboard only: ask with Enter, Tab to a vote button, vote, go on to the next question', async ({
  page,
}) => {
  await scripted(page);
  await openArena(page);
  const box = page.getByRole('textbox', { name: 'Question', exact: true });
  await box.focus();
  await page.keyboard.type(QUESTION);
  await page.keyboard.press('Enter');
  await expect(voteHeading(page)).toBeFocused({ timeout: 30_000 });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Left is better' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Right is better' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Tie' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('vote-cast')).toContainText('Tie');
  await expect(page.getByTestId('arena-reveal')).toHaveCount(2);
  const next = page.getByRole('button', { name: 'Next question' });
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');
  await expect(page.getByTestId('leaderboard-row').first()).toContainText('0 / 0 / 1');
});

test('a model judge votes only when both orders agree, on its own board; a position-bound judge casts none', async ({
  page,
}) => {
  await page.addInitScript(
    (value) => localStorage.setItem('playground:scripted-overrides', value),
    JSON.stringify({
      'scripted-team': { tokensPerSecond: 0, loadMs: 0 },
      'scripted-fair-judge': {
        tokensPerSecond: 0,
        loadMs: 0,
        rules: [
          { match: 'Answer A:\\n<answer_a>\\nSzeged', reply: 'A names Szeged.\nVerdict: A' },
          { reply: 'B names Szeged.\nVerdict: B' },
        ],
      },
      'scripted-first-judge': { tokensPerSecond: 0, loadMs: 0, rules: [{ reply: 'Verdict: A' }] },
    }),
  );
  await openArena(page);
  await ask(page);
  const seat = await teamSeat(page);
  const judgeBox = page.getByTestId('model-judge');
  await judgeBox.getByText('Ask a model to judge').click();

  await pickModel(page, 'scripted-first-judge', 'Judge model');
  await judgeBox.getByRole('button', { name: 'Judge', exact: true }).click();
  await expect(judgeBox.getByTestId('judge-result')).toContainText(
    'No vote: the two orders disagree',
  );

  await pickModel(page, 'scripted-fair-judge', 'Judge model');
  await judgeBox.getByRole('button', { name: 'Judge', exact: true }).click();
  await expect(judgeBox.getByTestId('judge-result')).toHaveText(
    `Scripted test model: fair-judge picked ${seat === 'left' ? 'Left' : 'Right'} in both orders: saved to the model judges' board.`,
  );
  // Still blind, and the person's board has no vote; the model judges' board has one.
  await expect(voteHeading(page)).toBeVisible();
  await expect(page.getByTestId('leaderboard-row')).toHaveCount(0);
  await page.getByLabel('Votes by').selectOption('model');
  await expect(page.getByTestId('leaderboard-row')).toHaveCount(2);
  await expect(page.getByTestId('leaderboard-row').first()).toContainText(TEAM);
});
