import { expect, type Page } from '@playwright/test';

/** Opens the playground's single-agent view and waits until the catalog is listed. */
export async function openPlayground(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByRole('button', { name: 'Single agent' }).click();
  await expect(modelPicker(page)).toBeVisible();
}

/** Opens the Solo vs Team view (the default view). */
export async function openCompare(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByRole('button', { name: 'Solo vs Team' }).click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
}

/** Single agent's model picker. */
export const SINGLE_PICKER = /Choose a model/;

/**
 * A model picker (a combobox) by its label: Single agent's by default, or e.g.
 * 'Solo model (all roles)', 'Team model (all roles)'.
 */
export const modelPicker = (page: Page, label: string | RegExp = SINGLE_PICKER) =>
  page.getByRole('combobox', { name: label });

/** The options of a picker's list (open it first). */
export async function pickerListbox(page: Page, label: string | RegExp = SINGLE_PICKER) {
  const id = await modelPicker(page, label).getAttribute('aria-controls');
  return page.locator(`[id="${id}"]`);
}

/** Picks a model by its catalog id in the picker labelled `label`: types the id, clicks it. */
export async function pickModel(
  page: Page,
  id: string,
  label: string | RegExp = SINGLE_PICKER,
): Promise<void> {
  const input = modelPicker(page, label);
  await input.click();
  await input.fill(id);
  const listbox = await pickerListbox(page, label);
  await listbox.locator(`[role="option"][data-model-id="${id}"]`).first().click();
  await expectModel(page, id, label);
}

/** Checks the model chosen in the picker labelled `label`, by catalog id. */
export async function expectModel(
  page: Page,
  id: string,
  label: string | RegExp = SINGLE_PICKER,
): Promise<void> {
  await expect(modelPicker(page, label)).toHaveAttribute('data-model-id', id);
}

/** The group names a picker lists (with their notes, e.g. "WebGPU (WebLLM): needs WebGPU…"). */
export async function pickerGroups(
  page: Page,
  label: string | RegExp = SINGLE_PICKER,
): Promise<string[]> {
  const input = modelPicker(page, label);
  if ((await input.getAttribute('aria-expanded')) !== 'true') await input.click();
  const listbox = await pickerListbox(page, label);
  const groups = await listbox
    .getByRole('group')
    .evaluateAll((els) =>
      els.map((el) =>
        (document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent ?? '')
          .replace(/\s+/g, ' ')
          .trim(),
      ),
    );
  await input.press('Escape');
  return groups;
}

/** Types a question and presses Run. */
export async function ask(page: Page, question: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Question' }).fill(question);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

export const output = (page: Page) => page.getByTestId('output');
