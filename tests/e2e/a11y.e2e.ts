/**
 * Accessibility: axe-core (WCAG 2.0 and 2.1, levels A and AA) finds nothing to report in any view,
 * with the share dialog open, and on a past run opened in History, before and after runs, on a
 * desktop screen and on a phone (and, after runs, in the dark theme).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openFirstRun, openShareDialog, openView, runInEveryView, VIEWS } from './views';

/** WCAG 2.0 and 2.1, A and AA, and one best-practice rule: no table header without a name. */
const AXE_OPTIONS = {
  runOnly: { type: 'tag' as const, values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  rules: { 'empty-table-header': { enabled: true } },
};

/** axe's violations on the page as it is now, one line per element, for a readable failure. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).options(AXE_OPTIONS).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map(
      (node) =>
        `${v.id} (${v.impact ?? 'n/a'}): ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`,
    ),
  );
}

/** Checks every state, and reports them all (not only the first with a violation). */
async function expectNoViolations(page: Page, where: string): Promise<void> {
  expect.soft(await violations(page), where).toEqual([]);
}

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

for (const { screen, viewport } of [
  { screen: 'desktop', viewport: DESKTOP },
  { screen: 'phone', viewport: PHONE },
]) {
  test.describe(`${screen} (${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport });

    test('no view has an axe violation before a run, nor the share dialog', async ({ page }) => {
      test.setTimeout(240_000); // axe takes seconds per page on a busy machine
      await page.goto('/');
      for (const view of VIEWS) {
        await openView(page, view);
        await expectNoViolations(page, `${view}, before a run`);
      }
      await openShareDialog(page);
      await expectNoViolations(page, 'share dialog');
    });
  });
}

for (const { screen, viewport, colorScheme } of [
  { screen: 'desktop', viewport: DESKTOP, colorScheme: 'light' },
  { screen: 'phone', viewport: PHONE, colorScheme: 'light' },
  { screen: 'desktop', viewport: DESKTOP, colorScheme: 'dark' },
] as const) {
  test.describe(`${screen} (${viewport.width}×${viewport.height}), ${colorScheme} theme`, () => {
    test.use({ viewport, colorScheme });

    test('after a run in each view, no view has an axe violation, nor a past run, nor the share dialog', async ({
      page,
    }) => {
      test.setTimeout(360_000);
      await runInEveryView(page);
      for (const view of VIEWS) {
        await openView(page, view);
        await expectNoViolations(page, `${view}, after a run`);
      }
      await openFirstRun(page);
      await expectNoViolations(page, 'History, a past run opened');
      await openShareDialog(page);
      await expectNoViolations(page, 'share dialog, after a run');
    });
  });
}
