import { expect, test, type Page } from '@playwright/test';
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
  await page.getByRole('button', { name: 'Run' }).click();

  for (const side of ['Solo', 'Team']) {
    await expect(region(page, side).getByTestId('final-answer')).toContainText('Final answer', {
      timeout: 90_000,
    });
  }
  // Real tokenising: the chat template and context paragraphs make long prompts; every call
  // streamed and was counted.
  const figures = region(page, 'Team').getByTestId('turn-figures');
  await expect(figures).toHaveCount(2);
  for (const text of await figures.allTextContents()) {
    const [prompt, completion] = text
      .match(/(\d+) → (\d+) tok/)!
      .slice(1)
      .map(Number);
    expect(prompt).toBeGreaterThan(100);
    expect(completion).toBeGreaterThan(0);
  }
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
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(
    page.getByRole('region', { name: 'Team', exact: true }).getByTestId('final-answer'),
  ).toContainText('Final answer', { timeout: 60_000 });
});
