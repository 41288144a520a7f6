/**
 * Solo vs Team's layout: Run is in reach at once, the results show beside the setup on a wide
 * screen, nothing scrolls sideways on a phone, and a new run does not empty the page under the
 * reader.
 */
import { expect, test, type Page } from '@playwright/test';
import { openCompare, pickModel } from './helpers';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });
const stopButton = (page: Page) => page.getByRole('button', { name: 'Stop', exact: true });
const scrollY = (page: Page) => page.evaluate(() => window.scrollY);
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function useModels(page: Page, solo: string, team: string) {
  await pickModel(page, solo, 'Solo model (all roles)');
  await pickModel(page, team, 'Team model (all roles)');
}

async function toTop(page: Page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => scrollY(page)).toBe(0);
}

/** The element's top lies within the screen, with room for a line of text below it. */
async function topInView(page: Page, locator: ReturnType<Page['locator']>) {
  const box = (await locator.boundingBox())!;
  const height = page.viewportSize()!.height;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + 40).toBeLessThanOrEqual(height);
}

test('wide screen: Run is in view at once; after Run, Stop and the first streamed text are too', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  await openCompare(page);
  await useModels(page, 'scripted-slow', 'scripted-team');
  await toTop(page);
  await expect(runButton(page)).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('run-summary')).toHaveText('2 models · nothing to download');

  await runButton(page).click();
  const turn = region(page, 'Solo').getByTestId('turn').first();
  await expect(turn).toContainText('word1');
  // Nothing scrolled: the results column sits beside the setup.
  expect(await scrollY(page)).toBe(0);
  await topInView(page, turn);
  await expect(stopButton(page)).toBeInViewport({ ratio: 1 });
  await expect(stopButton(page)).toBeEnabled();
  await stopButton(page).click();
  await expect(region(page, 'Solo').getByTestId('final-answer')).toContainText('Stopped');
  await expect(runButton(page)).toBeInViewport({ ratio: 1 });
});

test('phone: Run is in view at once in a compact bar, and nothing is wider than the screen', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await openCompare(page);
  await useModels(page, 'scripted-team', 'scripted-team');
  await toTop(page);
  await expect(runButton(page)).toBeInViewport({ ratio: 1 });
  const bar = (await page.getByTestId('run-bar').boundingBox())!;
  expect(bar.height).toBeLessThanOrEqual(80);
  expect(bar.y + bar.height).toBeLessThanOrEqual(PHONE.height);
  expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

  await runButton(page).click();
  await expect(region(page, 'Team').getByTestId('final-answer')).toContainText('Szeged', {
    timeout: 30_000,
  });
  await expect(region(page, 'Solo').getByTestId('final-answer')).toContainText('Eastbrook');
  expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

  // Results ↓ brings the answers into view, below the bar, which stays in reach.
  await page.getByRole('button', { name: 'Results ↓' }).click();
  await topInView(page, region(page, 'Solo'));
  const solo = (await region(page, 'Solo').boundingBox())!;
  const barNow = (await page.getByTestId('run-bar').boundingBox())!;
  expect(solo.y).toBeGreaterThanOrEqual(barNow.y + barNow.height);
  await expect(runButton(page)).toBeInViewport({ ratio: 1 });
  expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
});

for (const [name, viewport] of [
  ['wide screen', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`${name}: a new run keeps the last answers shown, marked, until its own streams in; the page holds still`, async ({
    page,
  }) => {
    test.setTimeout(90_000); // Two runs.
    // One model for both sides that loads for a while, streams a few words and then holds: the
    // Team waits for it behind Solo (one loaded copy), so its last answer stays shown.
    const words = Array.from({ length: 40 }, (_, i) => `word${i + 1}`).join(' ');
    await page.addInitScript(
      (value) => {
        localStorage.setItem('playground:scripted-overrides', value);
      },
      JSON.stringify({
        'scripted-hold': {
          rules: [{ reply: words }],
          tokensPerSecond: 0,
          loadMs: 1500,
          pauseAfterTokens: 5,
        },
      }),
    );
    await page.setViewportSize(viewport);
    await openCompare(page);
    await useModels(page, 'scripted-team', 'scripted-team');
    await runButton(page).click();
    await expect(region(page, 'Team').getByTestId('final-answer')).toContainText('Szeged', {
      timeout: 30_000,
    });
    await expect(region(page, 'Solo').getByTestId('final-answer')).toContainText('Eastbrook');
    await expect(runButton(page)).toBeEnabled();

    await useModels(page, 'scripted-hold', 'scripted-hold');
    if (viewport === PHONE) await page.getByRole('button', { name: 'Results ↓' }).click();
    else await toTop(page);
    await topInView(page, page.getByRole('region', { name: /^Solo/ }));
    const before = await scrollY(page);

    await runButton(page).click();
    const staleSolo = region(page, 'Solo (previous run)');
    const staleTeam = region(page, 'Team (previous run)');
    // While the new model loads, both sides show the last run's answers, marked.
    for (const [stale, answer] of [
      [staleSolo, 'Eastbrook'],
      [staleTeam, 'Szeged'],
    ] as const) {
      await expect(stale).toHaveAttribute('data-stale', 'true');
      await expect(stale).toHaveAttribute('aria-busy', 'true');
      await expect(stale.getByTestId('stale-badge')).toHaveText('previous run');
      await expect(stale.getByTestId('final-answer')).toContainText(answer);
    }

    // Solo's first words replace its old answer; the Team, still waiting, keeps its own.
    await expect(region(page, 'Solo').getByTestId('turn').first()).toContainText('word5');
    await expect(staleSolo).toHaveCount(0);
    await expect(staleTeam.getByTestId('final-answer')).toContainText('Szeged');
    expect(Math.abs((await scrollY(page)) - before)).toBeLessThanOrEqual(100);
    await topInView(page, region(page, 'Solo'));

    await stopButton(page).click();
    await expect(region(page, 'Team').getByTestId('final-answer')).toContainText('Stopped');
    await expect(page.locator('[data-stale]')).toHaveCount(0);
    if (viewport === PHONE) expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  });
}
