import { expect, test, type Page } from '@playwright/test';
import { makeRole } from '../../src/lib/team/presets';
import { expectModel, modelPicker, openCompare, pickModel } from './helpers';

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function addGgufByUrl(page: Page, name: string, url: string) {
  await page.getByText('Add a custom model').click();
  await page.getByLabel('GGUF file URL (CPU)').check();
  await page.getByLabel('Model name').fill(name);
  await page.getByRole('textbox', { name: 'GGUF file URL' }).fill(url);
  await page.getByRole('button', { name: 'Add model' }).click();
}

test('a custom GGUF model by URL runs Solo vs Team end to end on the real WebAssembly engine', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await openCompare(page);
  await addGgufByUrl(page, 'Tiny local', `${baseURL}/test-models/tiny-chat.gguf`);
  await expect(page.getByText('Added "Tiny local"')).toBeVisible();
  await page.getByLabel('Protocol').nth(1).selectOption({ label: 'Reasoner → Answerer' });
  await pickModel(page, 'custom:tiny-local', 'Solo model (all roles)');
  await pickModel(page, 'custom:tiny-local', 'Team model (all roles)');
  await expect(page.getByTestId('plan-summary')).toContainText('3 agents on 1 distinct model');
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  for (const side of ['Solo', 'Team']) {
    await expect(region(page, side).getByTestId('final-answer')).toContainText('Final answer', {
      timeout: 90_000,
    });
  }
  // Real tokenising: the chat template and context paragraphs make long prompts. Random weights
  // never pick the end token, so each role streams and counts exactly its max tokens.
  const model = { engine: 'wllama', modelId: 'custom:tiny-local' } as const;
  const figures = region(page, 'Team').getByTestId('turn-figures');
  await expect(figures).toHaveCount(2);
  const counted = (await figures.allTextContents()).map((text) =>
    text
      .match(/(\d+) → (\d+) tok/)!
      .slice(1)
      .map(Number),
  );
  expect(counted.map(([prompt]) => prompt! > 100)).toEqual([true, true]);
  expect(counted.map(([, completion]) => completion)).toEqual([
    makeRole('reasoner', model).maxTokens,
    makeRole('answerer', model).maxTokens,
  ]);
  const calls = page.getByTestId('comparison').locator('tr[data-row="calls"]');
  await expect(calls.locator('td[data-side="solo"]')).toHaveText('1');
  await expect(calls.locator('td[data-side="team"]')).toHaveText('2');
});

test('a link carrying a custom model asks to trust its host before it can be used', async ({
  page,
  browser,
  baseURL,
}) => {
  await openCompare(page);
  await addGgufByUrl(page, 'Tiny local', `${baseURL}/test-models/tiny-chat.gguf`);
  await pickModel(page, 'custom:tiny-local', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();

  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(link);
  const dialog = other.getByRole('dialog');
  await expect(dialog).toContainText('Custom models from other hosts');
  const host = new URL(baseURL!).host;
  await expect(dialog).toContainText(`I trust ${host}`);
  const use = dialog.getByRole('button', { name: 'Use this experiment' });
  await expect(use).toBeDisabled();
  await dialog.getByLabel(`I trust ${host}`).check();
  await use.click();
  await expectModel(other, 'custom:tiny-local', 'Team model (all roles)');
  await expect(modelPicker(other, 'Team model (all roles)')).toHaveValue(
    `Tiny local (custom: ${host})`,
  );
  await context.close();
});

test('bad custom model URLs are refused with a reason; local files cannot travel in links', async ({
  page,
}) => {
  await openCompare(page);
  await addGgufByUrl(page, 'Evil', 'javascript:alert(1)');
  await expect(page.getByRole('alert').filter({ hasText: 'Model URL' })).toContainText('https');
  await page
    .getByRole('textbox', { name: 'GGUF file URL' })
    .fill('https://models.example/model.bin');
  await page.getByRole('button', { name: 'Add model' }).click();
  await expect(page.getByText('A GGUF model URL must point at a .gguf file.')).toBeVisible();

  await page.getByLabel('GGUF file from this computer').check();
  await page.getByLabel('Model name').fill('From disk');
  await page
    .getByLabel('GGUF file', { exact: true })
    .setInputFiles('static/test-models/tiny-chat.gguf');
  await page.getByRole('button', { name: 'Add model' }).click();
  await pickModel(page, 'custom:from-disk', 'Solo model (all roles)');
  await expect(modelPicker(page, 'Solo model (all roles)')).toHaveValue(
    /local file, this session only/,
  );
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText(/uses a model from a local file/)).toBeVisible();

  // The local file really runs (read in the worker from the page's blob: URL, not cached).
  await pickModel(page, 'custom:from-disk', 'Team model (all roles)');
  await page.getByLabel('Protocol').nth(1).selectOption({ label: 'Solo' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(
    page.getByRole('region', { name: 'Team', exact: true }).getByTestId('final-answer'),
  ).toContainText('Final answer', { timeout: 60_000 });
});

test('a custom GGUF model by URL shows its real size and context window, not 0', async ({
  page,
  baseURL,
}) => {
  await openCompare(page);
  await addGgufByUrl(page, 'Tiny sized', `${baseURL}/test-models/tiny-chat.gguf`);
  await expect(page.getByText('Added "Tiny sized"')).toBeVisible();
  await pickModel(page, 'custom:tiny-sized', 'Solo model (all roles)');
  await pickModel(page, 'custom:tiny-sized', 'Team model (all roles)');
  // The file's size from the host (HEAD), in KB for this tiny file; never "0".
  const row = page.getByTestId('plan-model').filter({ hasText: 'custom:tiny-sized' });
  await expect(row).toContainText(/≈ [1-9]\d* KB/);
  await expect(page.getByTestId('plan-summary')).not.toContainText(/≈ 0 (KB|MB)|size unknown/);
  await expect(page.getByTestId('memory-verdict')).not.toContainText('0.0 GB');
});

test('a custom GGUF URL that answers 404 is refused as not found, not as a cache failure', async ({
  page,
  baseURL,
}) => {
  await page
    .context()
    .route('**/test-models/moved-away.gguf', (route) =>
      route.fulfill({ status: 404, body: 'Not Found' }),
    );
  await openCompare(page);
  await addGgufByUrl(page, 'Gone', `${baseURL}/test-models/moved-away.gguf`);
  const host = new URL(baseURL!).host;
  await expect(page.getByRole('alert').filter({ hasText: 'not found' })).toContainText(
    `The model file was not found at ${host}/test-models/moved-away.gguf (HTTP 404).`,
  );
  await expect(page.getByText('Added "Gone"')).toHaveCount(0);
});

test('a custom GGUF file removed from its host after it was added fails the run with "not found"', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(60_000);
  await openCompare(page);
  await addGgufByUrl(page, 'Removed later', `${baseURL}/test-models/tiny-chat.gguf`);
  await expect(page.getByText('Added "Removed later"')).toBeVisible();
  // From now on the host answers 404 (the file was deleted or renamed there).
  await page
    .context()
    .route('**/test-models/tiny-chat.gguf', (route) =>
      route.fulfill({ status: 404, body: 'Not Found' }),
    );
  await page.getByLabel('Protocol').nth(1).selectOption({ label: 'Solo' });
  await pickModel(page, 'custom:removed-later', 'Solo model (all roles)');
  await pickModel(page, 'custom:removed-later', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const error = page.getByRole('alert').filter({ hasText: 'A model could not be loaded' });
  await expect(error).toContainText(
    `The model file was not found at ${new URL(baseURL!).host}/test-models/tiny-chat.gguf (HTTP 404)`,
    { timeout: 45_000 },
  );
  await expect(error).not.toContainText(/Cache|connection|\.\./);
});
