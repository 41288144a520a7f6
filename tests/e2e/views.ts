/** Every view of the app, and runs that fill each one: shared by the a11y and phone tests. */
import { expect, type Page } from '@playwright/test';
import { ask, output, pickModel } from './helpers';
import { readFigures, setSampling, TINY } from './wllama-helpers';

export const VIEWS = [
  'Solo vs Team',
  'Single agent',
  'Benchmark',
  'Software',
  'History',
  'Traces',
  'Arena',
  'Storage',
] as const;
export type View = (typeof VIEWS)[number];

/** What each view shows once it has loaded (the views past the first load on first use). */
const READY: Record<View, (page: Page) => ReturnType<Page['getByRole']>> = {
  'Solo vs Team': (page) => page.getByRole('button', { name: 'Run', exact: true }),
  'Single agent': (page) => page.getByRole('combobox', { name: /Choose a model/ }),
  Benchmark: (page) => page.getByRole('heading', { name: 'Question set' }),
  Software: (page) => page.getByRole('combobox', { name: 'Task' }),
  History: (page) => page.getByRole('heading', { name: 'Past runs' }),
  Arena: (page) => page.getByRole('heading', { name: 'Leaderboard' }),
  Traces: (page) => page.getByTestId('calls-count').filter({ hasText: /calls shown/ }),
  Storage: (page) => page.getByTestId('storage-total').filter({ hasText: /models? stored/ }),
};

/** Opens a view by its tab and waits until it has loaded. */
export async function openView(page: Page, view: View): Promise<void> {
  await page.getByRole('button', { name: view, exact: true }).click();
  await expect(page.getByRole('button', { name: view, exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(READY[view](page)).toBeVisible();
}

/** Scripted models at full speed, so the runs below take a second or two. */
export async function fastScriptedModels(page: Page): Promise<void> {
  const fast = { tokensPerSecond: 0, loadMs: 0 };
  await page.addInitScript(
    (value) => {
      localStorage.setItem('playground:scripted-overrides', value);
    },
    JSON.stringify({ 'scripted-team': fast, 'scripted-coder': fast }),
  );
}

/** The Benchmark tab with Solo and the Team on the fast scripted-team model (opens the page). */
export async function benchmarkOnScriptedTeam(page: Page): Promise<void> {
  await fastScriptedModels(page);
  await page.goto('/');
  await openView(page, 'Solo vs Team');
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await openView(page, 'Benchmark');
}

const side = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** A Solo vs Team run on scripted-team (Solo answers wrong, Team right) to its end. */
export async function runSoloVsTeam(page: Page): Promise<void> {
  await openView(page, 'Solo vs Team');
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(side(page, 'Team').getByTestId('final-answer')).toContainText('Szeged', {
    timeout: 30_000,
  });
  await expect(side(page, 'Solo').getByTestId('final-answer')).toContainText('Eastbrook');
}

/**
 * A Single agent run on the tiny GGUF model (a real engine, so the Storage view then lists a
 * stored model).
 */
export async function runSingleAgent(page: Page): Promise<void> {
  await openView(page, 'Single agent');
  await pickModel(page, TINY);
  await setSampling(page, { maxTokens: 24 });
  await ask(page, 'Say something');
  await readFigures(page);
  await expect(output(page)).not.toBeEmpty();
}

/**
 * Two batches on the shipped multi-hop set (one item, then two), Solo and Team on scripted-team:
 * the view then shows the second with its results, and both under "Batches kept in this browser".
 */
export async function runBenchmark(page: Page): Promise<void> {
  await openView(page, 'Benchmark');
  await page.getByLabel('Multi-hop questions (20)').check();
  for (const items of [1, 2]) {
    await page.getByLabel('Items to run').fill(String(items));
    await page.getByRole('button', { name: /^Run batch \(/ }).click();
    await expect(page.getByTestId('progress-count')).toHaveText(`${items} / ${items} items`, {
      timeout: 30_000,
    });
    await expect(page.getByTestId('batch-status')).toHaveText('done');
  }
  await expect(page.getByTestId('past-batch')).toHaveCount(2);
}

/** A Software run on the scripted coder: Solo's broken to-do app and the team's working one. */
export async function runSoftware(page: Page): Promise<void> {
  await openView(page, 'Software');
  await pickModel(page, 'scripted-coder', 'Solo model');
  await pickModel(page, 'scripted-coder', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('software-status')).toHaveText('Run over.', { timeout: 60_000 });
  await expect(page.getByTestId('checks-summary')).toHaveCount(2);
}

/** One run in each view that runs something: Solo vs Team, Single agent, Benchmark, Software. */
export async function runInEveryView(page: Page): Promise<void> {
  await fastScriptedModels(page);
  await page.goto('/');
  await runSoloVsTeam(page);
  await runSingleAgent(page);
  await runBenchmark(page);
  await runSoftware(page);
}

/** Opens the first past run in History. */
export async function openFirstRun(page: Page): Promise<void> {
  await openView(page, 'History');
  await page.getByTestId('history-run').first().getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('run-detail')).toBeVisible();
}

/** Copies the current experiment's share link and opens it: the share dialog shows. */
export async function openShareDialog(page: Page): Promise<void> {
  await openView(page, 'Solo vs Team');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  await page.goto(link);
  await expect(page.getByRole('dialog', { name: 'This link holds an experiment' })).toBeVisible();
}
