import { expect, test, type Page } from '@playwright/test';
import { expectModel, openPlayground, pickModel } from './helpers';
import { TINY } from './wllama-helpers';

/**
 * An untouched page must not start an agent worker or fetch an engine (WebLLM's chunk, wllama's
 * chunk or wasm): engines load when the user loads or runs a model, never to answer "is this
 * model cached?", which the page reads from the engines' storage itself. The service worker runs
 * as it does for a real visitor: it installs the app shell, and its own fetches count here too
 * (engine files are cached on first use, never ahead of it; see vite-plugins/pwa.ts).
 */
test.use({ serviceWorkers: 'allow' });

/** The worker entry, an engine's chunk, or any WebAssembly file. */
const ENGINE_FILE = /\/(agent\.worker|[\w-]*engine)[-.][\w-]*\.js$|\.wasm$/;

/**
 * From now on, the workers the page starts, the engine files it (or a worker, or the service
 * worker) requests, and every file the service worker itself fetches.
 */
function watchEngines(page: Page): {
  workers: string[];
  engineFiles: string[];
  serviceWorkerFetches: string[];
} {
  const seen = {
    workers: [] as string[],
    engineFiles: [] as string[],
    serviceWorkerFetches: [] as string[],
  };
  page.on('worker', (worker) => seen.workers.push(worker.url()));
  page.context().on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (ENGINE_FILE.test(path)) seen.engineFiles.push(path);
    if (request.serviceWorker()) seen.serviceWorkerFetches.push(path);
  });
  return seen;
}

/** Every model of the plan shows a cache mark (yes or no, no longer "…"). */
async function expectPlanMarks(page: Page, marks: RegExp) {
  const cells = page.getByTestId('plan-model').locator('td:nth-child(5)');
  await expect(cells.first()).toBeVisible();
  for (const cell of await cells.all()) await expect(cell).toHaveText(marks);
}

test('the untouched page shows cache marks without starting a worker or fetching an engine', async ({
  page,
}) => {
  const seen = watchEngines(page);
  await page.goto('/');
  // The first visit installs the service worker (the app shell), which then controls the page.
  await page.waitForFunction(
    () => navigator.serviceWorker.controller?.state === 'activated',
    null,
    {
      timeout: 30_000,
    },
  );
  // The default view: its model plan asks whether each model is cached.
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await expectPlanMarks(page, /^(yes|no)$/);
  // The single-agent view's picker asks too.
  await page.getByRole('button', { name: 'Single agent' }).click();
  await expect(page.getByTestId('cached-state')).toHaveText(/^(no|yes)/);
  // A GGUF model (wllama's cache) and a scripted one (the test engine's cache).
  await pickModel(page, TINY);
  await expect(page.getByTestId('cached-state')).toHaveText('no');
  await pickModel(page, 'scripted-echo');
  await expect(page.getByTestId('cached-state')).toHaveText('no');
  // Anything the checks set off has had time to start.
  await page.waitForTimeout(1000);

  expect(seen.workers).toEqual([]);
  expect(seen.engineFiles).toEqual([]);
  // The service worker's own fetches were watched too: it installed the page's entry chunk.
  expect(seen.serviceWorkerFetches).toContainEqual(expect.stringMatching(/^\/assets\/main-/));
});

test('after a model is used, the page reads its cache mark without a worker', async ({ page }) => {
  // A real model load, a run and two reloads: room for a busy machine.
  test.setTimeout(120_000);
  // The GGUF model: downloaded into wllama's cache (OPFS) by the engine in a worker.
  await openPlayground(page);
  await pickModel(page, TINY);
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('loaded-state')).toContainText(`Loaded ${TINY} in`, {
    timeout: 60_000,
  });
  // The scripted model: recorded in the scripted engine's cache (CacheStorage).
  await page.getByRole('button', { name: 'Solo vs Team' }).click();
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(
    page.getByRole('region', { name: 'Team', exact: true }).getByTestId('final-answer'),
  ).toContainText('Szeged', { timeout: 30_000 });

  const seen = watchEngines(page);
  await page.reload();
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await expect(page.getByTestId('plan-model')).toHaveCount(1);
  await expectPlanMarks(page, /^yes$/);
  await page.getByRole('button', { name: 'Single agent' }).click();
  await pickModel(page, TINY);
  await expect(page.getByTestId('cached-state')).toHaveText('yes, loads without downloading');
  await page.waitForTimeout(1000);
  expect(seen.workers).toEqual([]);
  expect(seen.engineFiles).toEqual([]);

  // Deleting goes through the engine, and the mark follows.
  await page.getByRole('button', { name: 'Delete from cache' }).click();
  await expect(page.getByTestId('cached-state')).toHaveText('no');
  await page.reload();
  await expectModel(page, TINY);
  await expect(page.getByTestId('cached-state')).toHaveText('no');
});
