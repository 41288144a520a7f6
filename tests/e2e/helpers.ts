import { expect, type Page } from '@playwright/test';

/** Opens the playground's single-agent view and waits until the catalog is listed. */
export async function openPlayground(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByRole('button', { name: 'Single agent' }).click();
  await expect(page.getByLabel(/Choose a model/)).toBeVisible();
}

/** Opens the Solo vs Team view (the default view). */
export async function openCompare(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByRole('button', { name: 'Solo vs Team' }).click();
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
}

/** Picks a model in the catalog by its id. */
export async function pickModel(page: Page, id: string): Promise<void> {
  await page.getByLabel(/Choose a model/).selectOption(id);
}

/** Types a question and presses Run. */
export async function ask(page: Page, question: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Question' }).fill(question);
  await page.getByRole('button', { name: 'Run' }).click();
}

export const output = (page: Page) => page.getByTestId('output');
