import { expect, test } from '@playwright/test';

/**
 * Another tab still runs an old version of the playground and holds version 1 of the database
 * open, so this tab cannot upgrade it. Every view that keeps data says so at once, naming the
 * cause, and goes on in memory; none waits for the browser to time out.
 */
test('a schema upgrade blocked by another tab: History and Benchmark both say so at once', async ({
  context,
}) => {
  await context.route('**/old-tab.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Old tab</title>' }),
  );
  const oldTab = await context.newPage();
  await oldTab.goto('/old-tab.html');
  // Old code: a connection at version 1 with no versionchange handler, so it never lets go.
  await oldTab.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('slm-playground', 1);
        request.onsuccess = () => {
          (window as unknown as { held: IDBDatabase }).held = request.result;
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );

  const page = await context.newPage();
  await page.goto('/');
  const cause = /another tab still has the old version open/i;
  // Well before the 10 s after which an open that hears nothing gives up as "did not answer".
  const soon = { timeout: 5_000 };
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('storage-memory')).toContainText(cause, soon);
  await page.getByRole('button', { name: 'Benchmark' }).click();
  const notice = page.getByTestId('batch-storage');
  await expect(notice).toContainText(cause, soon);
  await expect(notice).toContainText('in memory only');
  await expect(notice).not.toContainText('did not answer');
});
