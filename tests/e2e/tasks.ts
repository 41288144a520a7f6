/** Find tasks in the Traces view, as a user does it, for the e2e tests of task discovery. */
import { expect, type Page } from '@playwright/test';

/**
 * Chooses the embedding model (a catalogue id, or a GGUF URL), and `k` tasks when given (else
 * the best silhouette), confirms the download the first time, and waits for the tasks.
 */
export async function findTasks(
  page: Page,
  model: string | { url: string },
  k?: number,
): Promise<void> {
  const panel = page.getByTestId('task-discovery');
  if (typeof model === 'string') await panel.getByLabel('Embedding model').selectOption(model);
  else {
    await panel.getByLabel('Embedding model').selectOption('custom');
    await panel.getByLabel('GGUF URL').fill(model.url);
  }
  if (k !== undefined) await panel.getByLabel('Number of tasks').selectOption(String(k));
  await panel.getByRole('button', { name: /^Find tasks in the \d+ calls shown$/ }).click();
  await expect(panel.getByRole('group')).toContainText('Download');
  await panel.getByRole('button', { name: 'Download and find tasks' }).click();
  await expect(page.getByTestId('task-summary')).toBeVisible({ timeout: 60_000 });
}
