import { expect, test, type Page } from '@playwright/test';
import { ask, openPlayground, pickModel } from './helpers';
import { TINY, readFigures, setSampling } from './wllama-helpers';

/**
 * Offline after the first visit: the service worker keeps the app shell (installed at once) and
 * the engine code (cached when a model first runs); models stay in the engines' own caches.
 */
test.use({ serviceWorkers: 'allow' });

/** Every Cache Storage cache of the origin, with the paths it holds. */
function cachedPaths(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((request) => new URL(request.url).pathname);
    }
    return out;
  });
}

/** Waits until the service worker is active and controls the page. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(
    () => navigator.serviceWorker.controller?.state === 'activated',
    null,
    {
      timeout: 30_000,
    },
  );
}

/** Whether a new version's service worker is installed and waiting. */
function waitingWorker(page: Page): Promise<boolean> {
  return page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
}

/** Asks the tiny model a short question and checks that it streamed its 16 tokens. */
async function runTiny(page: Page): Promise<void> {
  await setSampling(page, { maxTokens: 16 });
  await ask(page, 'Hello');
  await expect(page.getByText('Stopped at the max-tokens limit.')).toBeVisible({ timeout: 60_000 });
  const figures = await readFigures(page);
  expect([figures.completionTokens, figures.streamed]).toEqual([16, 16]);
}

test('after one visit, the page reloads with the network off and the cached GGUF model runs', async ({
  page,
  context,
}) => {
  // Two loads and two runs of the tiny model: generous on a busy machine.
  test.setTimeout(300_000);
  await openPlayground(page);
  // The first visit installs the worker, which takes control of this page without a reload.
  await waitForServiceWorker(page);
  const installed = await cachedPaths(page);
  const precache = Object.keys(installed).find((name) => name.startsWith('workbox-precache'));
  expect(precache).toBeDefined();
  // The shell is installed; the engine code is not fetched before it is used.
  expect(installed[precache!]).toContain('/index.html');
  expect(
    installed[precache!].filter((path) => /\.wasm$|engine-|agent\.worker-/.test(path)),
  ).toEqual([]);

  // The first run downloads the model into wllama's own cache, and the engine into the worker's.
  await pickModel(page, TINY);
  await expect(page.getByTestId('cached-state')).toHaveText('no');
  await runTiny(page);

  await context.setOffline(true);
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await page.getByRole('button', { name: 'Single agent' }).click();
  await pickModel(page, TINY);
  await expect(page.getByTestId('cached-state')).toHaveText('yes, loads without downloading');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('loaded-state')).toContainText(`Loaded ${TINY} from cache in`, {
    timeout: 60_000,
  });
  await runTiny(page);

  // The engine code came from the worker's cache; no model file is stored there (or anywhere in
  // Cache Storage): the GGUF file lives in wllama's cache only.
  const cached = await cachedPaths(page);
  expect(cached['engine-code']).toContainEqual(
    expect.stringMatching(/\/assets\/wllama-[\w-]+\.wasm$/),
  );
  expect(cached['engine-code']).toContainEqual(expect.stringMatching(/\/assets\/agent\.worker-/));
  expect(
    Object.values(cached)
      .flat()
      .filter((path) => /\.gguf$|test-models/.test(path)),
  ).toEqual([]);
  await context.setOffline(false);
});

test('a new deployment waits for "Reload to update", which is held back while a model runs', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await openPlayground(page);
  await waitForServiceWorker(page);

  // The next deployment: the test server sends this browser a changed service worker script
  // (scripts/serve-test-build.mjs), and the page checks for an update as browsers do.
  const { origin } = new URL(page.url());
  await context.addCookies([{ name: 'next-deployment', value: '1', url: origin }]);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  const banner = page.getByTestId('update-banner');
  const reload = banner.getByRole('button', { name: 'Reload to update' });
  await expect(banner).toHaveText(/^A new version is ready\.\s*Reload to update$/, {
    timeout: 30_000,
  });
  await expect(reload).toBeEnabled();

  // While a model answers, the update waits for the run to end.
  await pickModel(page, 'scripted-slow');
  await ask(page, 'Tell me a long story.');
  await expect(banner).toContainText('It will be offered when the run in progress ends.');
  await expect(reload).toBeDisabled();
  // The new version still waits: nothing was swapped mid-run.
  expect(await waitingWorker(page)).toBe(true);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(reload).toBeEnabled();
  await expect(banner).toHaveText(/^A new version is ready\.\s*Reload to update$/);
  expect(await waitingWorker(page)).toBe(true);

  // Reload to update: the waiting worker takes over and the page reloads into it.
  await Promise.all([page.waitForEvent('load'), reload.click()]);
  await expect(banner).toHaveCount(0);
  await waitForServiceWorker(page);
  expect(await waitingWorker(page)).toBe(false);
});
