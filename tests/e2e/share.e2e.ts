import { expect, test, type Page } from '@playwright/test';
import { expectModel, openCompare, pickModel } from './helpers';

const question = (page: Page) => page.getByRole('textbox', { name: 'Question', exact: true });

async function makeLink(page: Page): Promise<string> {
  await openCompare(page);
  await question(page).fill('Who designed the <b>Marlow</b> Library?');
  await pickModel(page, 'Qwen2.5-0.5B-Instruct', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  expect(link).toMatch(/#x=2\./);
  return link;
}

test('a copied link reproduces the experiment in a fresh browser context, downloading nothing first', async ({
  page,
  browser,
}) => {
  const link = await makeLink(page);

  const context = await browser.newContext();
  const other = await context.newPage();
  const remote: string[] = [];
  context.on('request', (r) => {
    if (!new URL(r.url()).hostname.match(/^(127\.0\.0\.1|localhost)$/)) remote.push(r.url());
  });
  await other.goto(link);
  const dialog = other.getByRole('dialog', { name: 'This link holds an experiment' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('share-question')).toHaveText(
    'Who designed the <b>Marlow</b> Library?',
  );
  await expect(dialog.getByTestId('share-team')).toContainText('Reasoner → Critic → Answerer');
  await expect(dialog.getByTestId('share-model')).toHaveCount(2);
  await expect(dialog).toContainText('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
  await expect(dialog).toContainText('Nothing has been downloaded or run');
  // Waiting for the user: nothing is fetched from a model host, nothing loads.
  await other.waitForTimeout(1000);
  expect(remote).toEqual([]);
  await expect(other.getByRole('progressbar')).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Use this experiment' }).click();
  await expect(dialog).toBeHidden();
  await expect(question(other)).toHaveValue('Who designed the <b>Marlow</b> Library?');
  await expectModel(other, 'Qwen2.5-0.5B-Instruct', 'Solo model (all roles)');
  await expectModel(other, 'scripted-team', 'Team model (all roles)');
  expect(other.url()).not.toContain('#x=');
  expect(remote).toEqual([]);
  await context.close();
});

test('declining a shared experiment keeps the current setup', async ({ page }) => {
  const link = await makeLink(page);
  await question(page).fill('My own question');
  await page.goto(link);
  await page.getByRole('button', { name: 'Keep my setup' }).click();
  await expect(question(page)).toHaveValue('My own question');
});

for (const [name, fragment, code, message] of [
  ['malformed base64', '#x=2.@@@', 'bad-encoding', /cannot be in a share link/],
  ['a newer format', '#x=9.AAAA', 'unsupported-version', /format 9/],
  ['a fragment that is no link', '#x', 'not-a-share-link', /no shared experiment/],
  ['an oversized link', `#x=2.${'A'.repeat(70_000)}`, 'too-large', /too long/],
] as const) {
  test(`a link with ${name} gets a specific message and the app opens as before`, async ({
    page,
  }) => {
    await openCompare(page);
    await question(page).fill('Kept question');
    await page.goto(`/${fragment}`);
    const error = page.getByTestId('share-error');
    await expect(error).toHaveAttribute('data-code', code);
    await expect(error).toContainText(message);
    await expect(question(page)).toHaveValue('Kept question');
  });
}

test('a truncated link says it was cut off', async ({ page }) => {
  const link = await makeLink(page);
  await page.goto(link.slice(0, link.length - Math.floor((link.length - link.indexOf('#')) / 2)));
  await expect(page.getByTestId('share-error')).toHaveAttribute('data-code', 'truncated');
  await expect(page.getByTestId('share-error')).toContainText('cut off');
});

test('export and import a config as a JSON file', async ({ page }, testInfo) => {
  await openCompare(page);
  await question(page).fill('Exported question');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = testInfo.outputPath('experiment.json');
  await (await download).saveAs(file);

  await question(page).fill('Something else');
  await page.getByLabel('Import JSON').setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: 'This file holds an experiment' });
  await dialog.getByRole('button', { name: 'Use this experiment' }).click();
  await expect(question(page)).toHaveValue('Exported question');

  await page.getByLabel('Import JSON').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"v":2,"experiment":{"version":1}}'),
  });
  await expect(page.getByTestId('share-error')).toHaveAttribute('data-code', 'invalid-config');
  await expect(question(page)).toHaveValue('Exported question');
});

test('the editor caps free texts at the share limits, so an exported config always imports', async ({
  page,
}, testInfo) => {
  // The limits, as the share schema has them (src/lib/team/config.ts LIMITS.text).
  const PROMPT_LIMIT = 8_000;
  const QUESTION_LIMIT = 20_000;
  const TITLE_LIMIT = 200;
  await openCompare(page);
  const team = page.getByRole('group', { name: 'Team setup' });
  await team.locator('summary', { hasText: 'Roles' }).click();
  const prompt = team.getByLabel('System prompt').first();
  await prompt.fill('p'.repeat(PROMPT_LIMIT + 500));
  await expect(prompt).toHaveValue('p'.repeat(PROMPT_LIMIT));
  await expect(team.getByTestId('prompt-length').first()).toContainText(
    `${PROMPT_LIMIT.toLocaleString('en')} / ${PROMPT_LIMIT.toLocaleString('en')} characters`,
  );
  await question(page).fill('q'.repeat(QUESTION_LIMIT + 10));
  await expect(question(page)).toHaveValue('q'.repeat(QUESTION_LIMIT));
  await page.locator('summary', { hasText: 'Context paragraphs' }).click();
  const title = page.getByLabel('Title').first();
  await title.fill('t'.repeat(TITLE_LIMIT + 10));
  await expect(title).toHaveValue('t'.repeat(TITLE_LIMIT));
  await expect(page.getByRole('list', { name: 'Problems with this setup' })).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = testInfo.outputPath('experiment.json');
  await (await download).saveAs(file);
  await question(page).fill('Something else');
  await page.getByLabel('Import JSON').setInputFiles(file);
  await expect(page.getByTestId('share-error')).toHaveCount(0);
  const dialog = page.getByRole('dialog', { name: 'This file holds an experiment' });
  await dialog.getByRole('button', { name: 'Use this experiment' }).click();
  await expect(question(page)).toHaveValue('q'.repeat(QUESTION_LIMIT));
  await expect(prompt).toHaveValue('p'.repeat(PROMPT_LIMIT));
});
