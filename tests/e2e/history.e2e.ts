import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openCompare } from './helpers';

const question = (page: Page) => page.getByRole('textbox', { name: 'Question', exact: true });
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function runTeamExperiment(page: Page, text?: string) {
  await openCompare(page);
  if (text) await question(page).fill(text);
  await page.getByLabel('Solo model (all roles)').selectOption('scripted-team');
  await page.getByLabel('Team model (all roles)').selectOption('scripted-team');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(region(page, 'Team').getByTestId('final-answer')).toContainText('Szeged', {
    timeout: 30_000,
  });
}

test('every run is kept: list, search, reopen side by side, re-run, delete', async ({ page }) => {
  await runTeamExperiment(page);
  await page.getByRole('button', { name: 'History' }).click();
  const rows = page.getByTestId('history-run');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-status', 'done');
  await expect(rows.first()).toContainText('Eastbrook');
  await expect(rows.first()).toContainText('Szeged');

  await page.getByLabel('Search past runs by question').fill('MARLOW');
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Search past runs by question').fill('no such question');
  await expect(rows).toHaveCount(0);
  await page.getByLabel('Search past runs by question').fill('');
  await expect(rows).toHaveCount(1);

  await rows.first().getByRole('button', { name: 'Open' }).click();
  const detail = page.getByTestId('run-detail');
  await expect(region(page, 'Team').getByTestId('turn')).toHaveCount(3);
  await expect(region(page, 'Team').getByTestId('final-answer')).toContainText('Szeged');
  await expect(detail.getByTestId('comparison')).toBeVisible();

  await page.getByRole('button', { name: 'Re-run this experiment' }).click();
  await expect(question(page)).toHaveValue(/Marlow Library/);
  await expect(page.getByLabel('Team model (all roles)')).toHaveValue('scripted-team');

  await page.getByRole('button', { name: 'History' }).click();
  await rows.first().getByRole('button', { name: 'Delete' }).click();
  await expect(rows).toHaveCount(0);
});

test('a reload mid-run keeps what had streamed, marked as interrupted', async ({ page }) => {
  await openCompare(page);
  await page.getByLabel('Solo model (all roles)').selectOption('scripted-slow');
  await page.getByLabel('Team model (all roles)').selectOption('scripted-slow');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(region(page, 'Solo').getByTestId('turn')).toContainText('word4', {
    timeout: 20_000,
  });
  await page.waitForTimeout(600); // Streaming writes are coalesced (at most one per 250 ms).
  await page.reload();
  await page.getByRole('button', { name: 'History' }).click();
  const row = page.getByTestId('history-run').first();
  await expect(row).toHaveAttribute('data-status', 'interrupted');
  await row.getByRole('button', { name: 'Open' }).click();
  await expect(region(page, 'Solo').getByTestId('interrupted')).toBeVisible();
  await expect(region(page, 'Solo').getByTestId('turn')).toContainText('word1 word2 word3 word4');
});

test('a reload right after tokens streamed keeps exactly what was on screen', async ({ page }) => {
  // Two models (one worker each, so both sides stream at once) that send a burst of tokens and
  // then pause mid-turn, so the screen holds still while the page reloads.
  const words = Array.from({ length: 60 }, (_, i) => `word${i + 1}`).join(' ');
  const pauses = { 'scripted-pause-solo': 17, 'scripted-pause-team': 23 };
  const overrides = Object.fromEntries(
    Object.entries(pauses).map(([id, after]) => [
      id,
      { rules: [{ reply: words }], tokensPerSecond: 0, loadMs: 0, pauseAfterTokens: after },
    ]),
  );
  await page.addInitScript((value) => {
    localStorage.setItem('playground:scripted-overrides', value);
  }, JSON.stringify(overrides));
  await page.clock.install();
  await openCompare(page);
  await page.getByLabel('Solo model (all roles)').selectOption('scripted-pause-solo');
  await page.getByLabel('Team model (all roles)').selectOption('scripted-pause-team');
  // The page's clock stands still from here: its timers (the store's coalesced writes, at most
  // one per 250 ms, and the frames that paint tokens) run only as far as the test moves it, so
  // the reload comes well within one write interval of the last tokens, every time.
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.getByRole('button', { name: 'Run' }).click();

  const turn = (side: string) => region(page, side).getByTestId('turn').first();
  const output = (side: string) => turn(side).locator('.turn-output');
  await expect(turn('Solo')).toBeVisible({ timeout: 20_000 });
  await expect(turn('Team')).toBeVisible({ timeout: 20_000 });
  // Real time passes for the workers, which send their tokens and pause; page time moves one
  // frame at a time, 200 ms in all at most: less than one write interval.
  const last = Object.values(pauses);
  const onScreen: string[] = [];
  for (let frame = 0; frame < 10; frame++) {
    await page.waitForTimeout(1_000);
    await page.clock.runFor(20);
    onScreen[0] = await output('Solo').innerText();
    onScreen[1] = await output('Team').innerText();
    if (onScreen.every((text, i) => text.trimEnd().endsWith(`word${last[i]}`))) break;
  }
  expect(onScreen[0]).toMatch(/word17$/);
  expect(onScreen[1]).toMatch(/word23$/);
  await page.reload();
  await page.clock.resume();

  await page.getByRole('button', { name: 'History' }).click();
  const row = page.getByTestId('history-run').first();
  await expect(row).toHaveAttribute('data-status', 'interrupted');
  await row.getByRole('button', { name: 'Open' }).click();
  await expect(output('Solo')).toBeVisible();
  expect(await output('Solo').innerText()).toBe(onScreen[0]);
  expect(await output('Team').innerText()).toBe(onScreen[1]);
});

test('named configs are saved and loaded back', async ({ page }) => {
  await openCompare(page);
  await question(page).fill('A saved question');
  await page.getByLabel('Config name').fill('My setup');
  await page.getByRole('button', { name: 'Save config' }).click();
  await expect(page.getByText('Saved as "My setup".')).toBeVisible();
  await question(page).fill('Changed');
  await page.getByRole('button', { name: 'History' }).click();
  const saved = page.getByTestId('saved-config');
  await expect(saved).toContainText('My setup');
  await saved.getByRole('button', { name: 'Load' }).click();
  await expect(question(page)).toHaveValue('A saved question');
});

test('agent calls export as fine-tuning JSONL, with personal data masked', async ({
  page,
}, info) => {
  await runTeamExperiment(
    page,
    'Mail ada@example.org or call +44 20 7946 0958: where was the architect born?',
  );
  await page.getByRole('button', { name: 'History' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export traces (JSONL)' }).click();
  const file = info.outputPath('traces.jsonl');
  await (await download).saveAs(file);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  // One line per agent call: Solo 1, Team 3 (draft, review, answer).
  expect(lines).toHaveLength(4);
  const examples = lines.map(
    (line) => JSON.parse(line) as { messages: { role: string; content: string }[] },
  );
  for (const example of examples) {
    expect(example.messages.at(-1)?.role).toBe('assistant');
    expect(example.messages.some((m) => m.role === 'user')).toBe(true);
  }
  expect(examples.map((e) => e.messages.at(-1)?.content)).toContain('Szeged');
  const text = lines.join('\n');
  expect(text).not.toContain('ada@example.org');
  expect(text).not.toContain('7946 0958');
  expect(text).toContain('[EMAIL]');
  expect(text).toContain('[PHONE]');
  await expect(page.getByText('Exported 4 agent calls, personal data masked.')).toBeVisible();
});

test('without IndexedDB (private windows) the app says so and keeps runs in memory', async ({
  page,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => undefined });
  });
  await runTeamExperiment(page);
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('storage-memory')).toContainText('in memory only');
  await expect(page.getByTestId('history-run')).toHaveCount(1);
});
