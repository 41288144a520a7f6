import { expect, test, type Page } from '@playwright/test';
import {
  expectModel,
  modelPicker,
  openCompare,
  openPlayground,
  pickModel,
  pickerGroups,
  pickerListbox,
} from './helpers';
import { TINY } from './wllama-helpers';

/**
 * The one model picker every view uses: a WAI-ARIA combobox grouped by engine, with sizes,
 * memory, context, cached marks and notes, filtered by typing, recently used first.
 */

const SOLO = 'Solo model (all roles)';
const TEAM = 'Team model (all roles)';

const options = async (page: Page, label: string | RegExp) =>
  (await pickerListbox(page, label)).getByRole('option');

test('the picker lists models by engine, under the names the WebGPU notice uses', async ({
  page,
}) => {
  await openCompare(page);
  const groups = await pickerGroups(page, SOLO);
  // SwiftShader: WebGPU in name only, so the CPU models come first and GPU ones are flagged slow.
  expect(groups[0]).toBe('CPU, WebAssembly (wllama)');
  expect(groups).toContain('WebGPU (WebLLM): very slow on this software GPU');
  const notice = (await page.getByTestId('cpu-fallback').textContent()) ?? '';
  const named = /“([^”]+)”/.exec(notice.replace(/\s+/g, ' '));
  expect(groups).toContain(named?.[1]);

  // Every entry: name, download, memory, context window and a note.
  await modelPicker(page, SOLO).click();
  const qwen = (await pickerListbox(page, SOLO)).locator(
    '[role="option"][data-model-id="Qwen2.5-0.5B-Instruct-Q8_0-GGUF"]',
  );
  await expect(qwen).toContainText('≈ 676 MB download');
  await expect(qwen).toContainText(/≈ [\d.]+ (MB|GB) RAM/);
  await expect(qwen).toContainText('4,096-token context');
  await expect(qwen).toContainText('Runs on the CPU with WebAssembly');
  const gpuModel = (await pickerListbox(page, SOLO)).locator(
    '[role="option"][data-model-id="Qwen2.5-0.5B-Instruct"]',
  );
  await expect(gpuModel).toContainText('GPU memory');
  await expect(gpuModel).toContainText('Very slow here');
});

test('typing filters by name, family, engine and quantisation', async ({ page }) => {
  await openCompare(page);
  const input = modelPicker(page, TEAM);
  await input.click();
  const all = await (await options(page, TEAM)).count();
  await input.fill('smollm2 q8_0');
  const names = await (await pickerListbox(page, TEAM)).locator('.name').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  expect(names.length).toBeLessThan(all);
  for (const name of names) expect(name).toMatch(/SmolLM2/i);
  await input.fill('wllama');
  const cpu = await (await options(page, TEAM)).count();
  expect(cpu).toBeGreaterThan(0);
  expect(cpu).toBeLessThan(all);
  await expect((await pickerListbox(page, TEAM)).getByRole('group')).toHaveCount(1);
  await input.fill('no such model anywhere');
  await expect(await options(page, TEAM)).toHaveCount(0);
  await expect(await pickerListbox(page, TEAM)).toContainText('No model matches');
  // Escape closes the list and keeps the chosen model.
  const before = await input.getAttribute('data-model-id');
  await input.press('Escape');
  await expect(input).toHaveAttribute('aria-expanded', 'false');
  await expect(input).toHaveAttribute('data-model-id', before!);
});

test('keyboard only: open, move, Home/End, Enter chooses, Escape cancels', async ({ page }) => {
  await openCompare(page);
  const input = modelPicker(page, TEAM);
  await input.focus();
  await expect(input).toHaveAttribute('aria-expanded', 'false');
  const listId = await input.getAttribute('aria-controls');
  await expect(page.locator(`[id="${listId}"]`)).toHaveAttribute('role', 'listbox');

  await input.press('ArrowDown');
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  const activeOption = async () => {
    const id = await input.getAttribute('aria-activedescendant');
    expect(id).toBeTruthy();
    return page.locator(`[id="${id}"]`);
  };
  // Opens on the chosen model.
  await expect(await activeOption()).toHaveAttribute('aria-selected', 'true');

  await input.press('End');
  const last = await (await options(page, TEAM)).last().getAttribute('id');
  await expect(input).toHaveAttribute('aria-activedescendant', last!);
  await input.press('Home');
  const first = await (await options(page, TEAM)).first().getAttribute('id');
  await expect(input).toHaveAttribute('aria-activedescendant', first!);
  await input.press('ArrowDown');
  await input.press('ArrowUp');
  await expect(input).toHaveAttribute('aria-activedescendant', first!);

  // Type to narrow, arrow to the model, Enter.
  await input.pressSequentially('scripted echo');
  const echo = (await pickerListbox(page, TEAM)).locator('[data-model-id="scripted-echo"]');
  await expect(echo).toBeVisible();
  for (let i = 0; i < 10; i++) {
    if ((await input.getAttribute('aria-activedescendant')) === (await echo.getAttribute('id')))
      break;
    await input.press('ArrowDown');
  }
  await input.press('Enter');
  await expect(input).toHaveAttribute('aria-expanded', 'false');
  await expectModel(page, 'scripted-echo', TEAM);
  await expect(input).toHaveValue('Scripted test model: echo');

  // Escape leaves the choice as it was.
  await input.press('ArrowDown');
  await input.press('End');
  await input.press('Escape');
  await expectModel(page, 'scripted-echo', TEAM);
  await expect(page.getByTestId('plan-model').filter({ hasText: 'echo' })).toHaveCount(1);
});

test('at 390 px wide the open picker fits, and the mouse picks a model', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await openCompare(page);
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  // (Other parts of the page, e.g. the plan table, are not the picker's to fix.)
  const closedWidth = await pageWidth();
  const input = modelPicker(page, SOLO);
  await input.click();
  const listbox = await pickerListbox(page, SOLO);
  await expect(listbox).toBeVisible();
  expect(await pageWidth()).toBe(closedWidth);
  for (const box of [await input.boundingBox(), await listbox.boundingBox()]) {
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  }
  // Long names and notes wrap: nothing inside the list scrolls sideways.
  expect(await listbox.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

  await listbox.locator('[data-model-id="scripted-team"]').click();
  await expect(listbox).toBeHidden();
  await expectModel(page, 'scripted-team', SOLO);
});

test('recently used models come first, across reloads', async ({ page }) => {
  await openCompare(page);
  await pickModel(page, 'scripted-slow', SOLO);
  await page.reload();
  const groups = await pickerGroups(page, TEAM);
  expect(groups[0]).toBe('Recently used');
  await modelPicker(page, TEAM).click();
  await expect((await options(page, TEAM)).first()).toHaveAttribute(
    'data-model-id',
    'scripted-slow',
  );
});

test('a model shows a cached mark once it has been loaded', async ({ page }) => {
  await openPlayground(page);
  await pickModel(page, TINY);
  const input = modelPicker(page);
  const tiny = async () =>
    (await pickerListbox(page)).locator(`[role="option"][data-model-id="${TINY}"]`);
  await input.click();
  await input.fill('tiny');
  await expect(await tiny()).toBeVisible();
  await expect(page.getByTestId('cached-state')).toHaveText('no');
  await expect((await tiny()).getByTestId('cached-mark')).toHaveCount(0);
  await input.press('Escape');

  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('loaded-state')).toContainText(`Loaded ${TINY} in`, {
    timeout: 30_000,
  });
  await input.click();
  await input.fill('tiny');
  await expect((await tiny()).getByTestId('cached-mark')).toBeVisible();
  await input.press('Escape');

  // After a reload the picker asks the cache itself.
  await page.reload();
  await page.getByRole('button', { name: 'Single agent' }).click();
  await input.click();
  await input.fill('tiny');
  await expect((await tiny()).getByTestId('cached-mark')).toBeVisible();
});
