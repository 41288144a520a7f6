import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectModel, openCompare, pickModel } from './helpers';

const question = (page: Page) => page.getByRole('textbox', { name: 'Question', exact: true });
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function runTeamExperiment(page: Page, text?: string, open = true) {
  if (open) await openCompare(page);
  if (text) await question(page).fill(text);
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(region(page, 'Team').getByTestId('final-answer')).toContainText('Szeged', {
    timeout: 30_000,
  });
}

test('every run is kept: list, search, reopen side by side, load its setup, delete', async ({
  page,
}) => {
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

  await page.getByRole('button', { name: 'Load into Solo vs Team' }).click();
  await expect(question(page)).toHaveValue(/Marlow Library/);
  await expectModel(page, 'scripted-team', 'Team model (all roles)');

  await page.getByRole('button', { name: 'History' }).click();
  await rows.first().getByRole('button', { name: 'Delete' }).click();
  await expect(rows).toHaveCount(0);
});

test('a reload mid-run keeps what had streamed, marked as interrupted', async ({ page }) => {
  await openCompare(page);
  await pickModel(page, 'scripted-slow', 'Solo model (all roles)');
  await pickModel(page, 'scripted-slow', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
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
  await pickModel(page, 'scripted-pause-solo', 'Solo model (all roles)');
  await pickModel(page, 'scripted-pause-team', 'Team model (all roles)');
  // The page's clock stands still from here: its timers (the store's coalesced writes, at most
  // one per 250 ms, and the frames that paint tokens) run only as far as the test moves it, so
  // the reload comes well within one write interval of the last tokens, every time.
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.getByRole('button', { name: 'Run', exact: true }).click();

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

const historyRows = (page: Page) => page.getByTestId('history-run');

test('Re-run runs the experiment again, as a new History entry that finishes', async ({ page }) => {
  await runTeamExperiment(page);
  await page.getByRole('button', { name: 'History' }).click();
  await expect(historyRows(page)).toHaveCount(1);
  await historyRows(page).first().getByRole('button', { name: 'Re-run' }).click();

  // Back in Solo vs Team, the run starts by itself and streams to its end.
  await expect(question(page)).toHaveValue(/Marlow Library/);
  await expect(region(page, 'Team').getByTestId('final-answer')).toContainText('Szeged', {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'History' }).click();
  await expect(historyRows(page)).toHaveCount(2);
  for (const row of await historyRows(page).all())
    await expect(row).toHaveAttribute('data-status', 'done');

  // The opened run's own button re-runs as well.
  await historyRows(page).first().getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: 'Re-run this experiment' }).click();
  await expect(region(page, 'Team').getByTestId('final-answer')).toContainText('Szeged', {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'History' }).click();
  await expect(historyRows(page)).toHaveCount(3);
});

test('an opened run shows its question, expected answer, models, status and figures', async ({
  page,
}) => {
  await openCompare(page);
  await page.getByLabel(/Expected answer/).fill('Szeged');
  await runTeamExperiment(page, undefined, false);
  await page.getByRole('button', { name: 'History' }).click();
  await historyRows(page).first().getByRole('button', { name: 'Open' }).click();

  const detail = page.getByTestId('run-detail');
  await expect(detail.getByTestId('run-question')).toContainText('Marlow Library');
  await expect(detail.getByTestId('run-expected')).toContainText('Szeged');
  await expect(detail.getByTestId('run-status')).toHaveText('done');
  for (const side of ['solo', 'team']) {
    const summary = detail.locator(`[data-testid="run-side"][data-side="${side}"]`);
    // The model by its catalog name, not only its id.
    await expect(summary.getByTestId('run-models')).toHaveText('Scripted test model: team');
    await expect(summary).toContainText('done');
    const tokens = Number(
      (await summary.locator('[data-figure="tokens"]').textContent())?.replace(/\D/g, ''),
    );
    expect(tokens).toBeGreaterThan(0);
    await expect(summary.locator('[data-figure="time"]')).toHaveText(/\d/);
  }
  const team = detail.locator('[data-testid="run-side"][data-side="team"]');
  await expect(team).toContainText('Reasoner → Critic → Answerer');
  await expect(team.locator('[data-figure="calls"]')).toHaveText('3');
  await expect(
    detail.locator('[data-testid="run-side"][data-side="solo"] [data-figure="calls"]'),
  ).toHaveText('1');
});

test('Delete offers Undo, which brings the run back with its turns', async ({ page }) => {
  await runTeamExperiment(page);
  await page.getByRole('button', { name: 'History' }).click();
  await historyRows(page).first().getByRole('button', { name: 'Delete' }).click();
  await expect(historyRows(page)).toHaveCount(0);
  const notice = page.getByTestId('undo-delete');
  await expect(notice).toContainText('Marlow Library');
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(notice).toHaveCount(0);
  await expect(historyRows(page)).toHaveCount(1);

  // Still there after a reload, turns and all.
  await page.reload();
  await page.getByRole('button', { name: 'History' }).click();
  await expect(historyRows(page)).toHaveCount(1);
  await historyRows(page).first().getByRole('button', { name: 'Open' }).click();
  await expect(region(page, 'Team').getByTestId('turn')).toHaveCount(3);
});

test('Delete without Undo removes the run for good', async ({ page }) => {
  await runTeamExperiment(page);
  await page.getByRole('button', { name: 'History' }).click();
  await historyRows(page).first().getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('undo-delete')).toBeVisible();
  // Leaving the view ends the undo window.
  await page.getByRole('button', { name: 'Solo vs Team' }).click();
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('undo-delete')).toHaveCount(0);
  await expect(historyRows(page)).toHaveCount(0);
  await page.reload();
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByText('No runs yet')).toBeVisible();
  await expect(historyRows(page)).toHaveCount(0);
});

test('every header cell of the History table has a name', async ({ page }) => {
  await runTeamExperiment(page);
  await page.getByRole('button', { name: 'History' }).click();
  await expect(historyRows(page)).toHaveCount(1);
  const headers = await page
    .locator('.history-table th')
    .evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
  expect(headers.length).toBeGreaterThan(0);
  expect(headers.filter((text) => text === '')).toEqual([]);
});
