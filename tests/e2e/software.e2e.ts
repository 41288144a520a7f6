/**
 * The Software tab (#14) in the built site. The test build's scripted coder (CODER_RULES): its
 * Solo and first team program is the to-do app with a Delete that does nothing, and its fix after
 * the tester's report is the working app. Both apps then run side by side in sandboxed frames, with the
 * requirements each met. Then Stop and Run again, a phone-sized screen, the keyboard, and one
 * run on the real WebAssembly engine (the tiny random GGUF: gibberish, but every step runs).
 */
import { expect, test, type Page } from '@playwright/test';
import { pickModel } from './helpers';
import { openView } from './views';
import { TINY } from './wllama-helpers';

const CODER = 'scripted-coder';

/** The test build's scripted coder (CODER_RULES) at `tokensPerSecond` (0: at once). */
async function scriptedCoder(page: Page, tokensPerSecond = 0): Promise<void> {
  await page.addInitScript(
    (value) => localStorage.setItem('playground:scripted-overrides', value),
    JSON.stringify({ [CODER]: { tokensPerSecond, loadMs: 0 } }),
  );
}

async function openSoftware(page: Page, model = CODER): Promise<void> {
  await page.goto('/');
  await openView(page, 'Software');
  await pickModel(page, model, 'Solo model');
  await pickModel(page, model, 'Team model (all roles)');
}

const side = (page: Page, name: 'Solo' | 'Team') => page.getByRole('region', { name, exact: true });
const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });

/** Both sides have ended and their programs have been checked. */
async function expectChecked(page: Page, timeout = 60_000): Promise<void> {
  await expect(page.getByTestId('software-status')).toHaveText('Run over.', { timeout });
  for (const name of ['Solo', 'Team'] as const)
    await expect(side(page, name).getByTestId('checking')).toHaveCount(0);
}

test('Solo writes the broken to-do app, the team fixes it after a failed test round; both apps run side by side', async ({
  page,
}) => {
  await scriptedCoder(page);
  await openSoftware(page);
  await expect(page.getByRole('combobox', { name: 'Task' })).toHaveValue('web-app:todo');
  await expect(page.getByTestId('task-prompt')).toContainText('titled "My Tasks"');
  await expect(page.getByTestId('shared-model')).toContainText('take turns');
  await runButton(page).click();
  await expectChecked(page);

  const solo = side(page, 'Solo');
  const team = side(page, 'Team');
  await expect(solo.getByTestId('checks-summary')).toHaveText('4 of 5 requirements met');
  await expect(team.getByTestId('checks-summary')).toHaveText('5 of 5 requirements met');
  await expect(solo.getByRole('list', { name: "Solo's requirements" })).toContainText(
    /Not met:.*delete/i,
  );

  // The team's turns: design, program, review, a test report (the failure), then the fix.
  const steps = await team
    .getByTestId('turn')
    .evaluateAll((els) =>
      els.map((el) => `${el.getAttribute('data-role')}:${el.getAttribute('data-step')}`),
    );
  expect(steps).toEqual([
    'Designer:design',
    'Programmer:program',
    'Reviewer:review',
    'Tester:test',
    'Programmer:fix',
  ]);
  await expect(team.locator('[data-step="test"]')).toContainText('Delete does nothing');

  // Each app runs in its own sandboxed frame, side by side (not the page's origin).
  const frames = page.locator('.software-sides iframe');
  await expect(frames).toHaveCount(2);
  for (const frame of await frames.all()) {
    const sandbox = await frame.getAttribute('sandbox');
    expect(sandbox).toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
  }
  const [soloBox, teamBox] = await Promise.all([
    solo.locator('iframe').boundingBox(),
    team.locator('iframe').boundingBox(),
  ]);
  expect(teamBox!.x).toBeGreaterThan(soloBox!.x + soloBox!.width - 1);
  expect(Math.abs(teamBox!.y - soloBox!.y)).toBeLessThan(400);

  // The team's app works in its frame: a task added there can be deleted.
  const teamApp = team.frameLocator('iframe');
  await teamApp.getByLabel('New task').fill('Water the plants');
  await teamApp.getByRole('button', { name: 'Add' }).click();
  await expect(teamApp.getByText('Water the plants')).toBeVisible();
  await teamApp.getByRole('button', { name: 'Delete' }).click();
  await expect(teamApp.getByText('Water the plants')).toHaveCount(0);

  // Figures per side: Solo made one call, the team five.
  await expect(solo.locator('[data-figure="calls"]')).toHaveText('1');
  await expect(team.locator('[data-figure="calls"]')).toHaveText('5');

  // Recorded in History, the task as its question.
  await expect(page.getByText('Recorded in History.')).toBeVisible();
  await openView(page, 'History');
  await expect(page.getByTestId('history-run').first()).toContainText('My Tasks');
  // Re-run goes back to this tab (Solo vs Team asks questions, not software tasks).
  await page.getByTestId('history-run').first().getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: 'Re-run this experiment' }).click();
  await expect(page.getByRole('button', { name: 'Software', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expectChecked(page);
  await expect(side(page, 'Team').getByTestId('checks-summary')).toHaveText(
    '5 of 5 requirements met',
  );
});

test("the setup survives a reload; a function task shows each side's code and its hidden tests", async ({
  page,
}) => {
  await scriptedCoder(page);
  await openSoftware(page);
  await page
    .getByRole('combobox', { name: 'Task' })
    .selectOption({ label: 'JavaScript: titleCase' });
  await page.getByLabel('Test rounds').fill('1');
  await page.reload();
  await openView(page, 'Software');
  await expect(page.getByRole('combobox', { name: 'Task' })).toHaveValue(/^function:/);
  await expect(page.getByLabel('Test rounds')).toHaveValue('1');
  await expect(page.getByRole('combobox', { name: 'Solo model' })).toHaveAttribute(
    'data-model-id',
    CODER,
  );
  await runButton(page).click();
  await expectChecked(page);
  // Solo's titleCase fails the hidden tests; the team's, fixed after its test round, passes.
  await expect(side(page, 'Solo').getByTestId('checks-summary')).toHaveText(
    /Hidden tests: failed: AssertionError/,
  );
  await expect(side(page, 'Team').getByTestId('checks-summary')).toHaveText('Hidden tests: passed');
  await expect(side(page, 'Solo').getByLabel("Solo's code")).toContainText('toUpperCase');
  await expect(page.locator('.software-sides iframe')).toHaveCount(0);
});

test('Stop mid-run keeps what streamed with its figures; Run straight after completes', async ({
  page,
}) => {
  await scriptedCoder(page, 100);
  await openSoftware(page);
  await runButton(page).click();
  // Both sides share the one model: the team's programmer streams once Solo's call is done.
  const program = side(page, 'Team').locator('[data-testid="turn"][data-step="program"]');
  await expect(program).toHaveAttribute('data-status', 'streaming');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('software-status')).toHaveText('Run over.');
  const team = side(page, 'Team');
  await expect(team.getByTestId('no-program')).toContainText('Stopped before it finished');
  await expect(team.getByTestId('turn').first()).not.toBeEmpty();
  // "1,234", or "1,234 (some prompts not counted)" when the stop came before the worker counted it.
  const figure = (await team.locator('[data-figure="tokens"]').textContent()) ?? '';
  const tokens = Number(/[\d,]+/.exec(figure)?.[0]?.replace(/,/g, ''));
  expect(tokens).toBeGreaterThan(0);

  await runButton(page).click();
  await expectChecked(page, 90_000);
  await expect(team.getByTestId('checks-summary')).toHaveText('5 of 5 requirements met');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the two apps stack and nothing scrolls sideways', async ({ page }) => {
    await scriptedCoder(page);
    await openSoftware(page);
    await runButton(page).click();
    await expectChecked(page);
    const [soloBox, teamBox] = await Promise.all([
      side(page, 'Solo').locator('iframe').boundingBox(),
      side(page, 'Team').locator('iframe').boundingBox(),
    ]);
    expect(teamBox!.y).toBeGreaterThan(soloBox!.y + soloBox!.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
  });
});

test('keyboard only: Tab to Run, Enter runs', async ({ page }) => {
  await scriptedCoder(page);
  await openSoftware(page);
  await page.getByLabel('Test rounds').focus();
  for (
    let i = 0;
    i < 5 && !(await runButton(page).evaluate((b) => b === document.activeElement));
    i++
  )
    await page.keyboard.press('Tab');
  await expect(runButton(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expectChecked(page);
  await expect(side(page, 'Team').getByTestId('checks-summary')).toHaveText(
    '5 of 5 requirements met',
  );
});

test('the real WebAssembly engine on the tiny GGUF: a software-team run ends, with failing checks and no crash', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openSoftware(page, TINY);
  await page.getByLabel('Review rounds').fill('0');
  await page.getByLabel('Test rounds').fill('1');
  // The tiny model's window is 2,048 tokens: the task and the program must fit in it.
  await page.getByLabel('Max tokens per program').fill('400');
  await runButton(page).click();
  await expectChecked(page, 280_000);
  for (const name of ['Solo', 'Team'] as const) {
    const panel = side(page, name);
    await expect(panel).toHaveAttribute('data-phase', 'done');
    // Gibberish: no program, or one that meets fewer than all requirements.
    await expect(
      panel.getByTestId('no-program').or(panel.getByTestId('checks-summary')),
    ).not.toContainText('5 of 5');
    expect(Number(await panel.locator('[data-figure="calls"]').textContent())).toBeGreaterThan(0);
  }
  const steps = await side(page, 'Team')
    .getByTestId('turn')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-step')));
  expect(steps.slice(0, 2)).toEqual(['design', 'program']);
  expect(steps).toContain('test');
  expect(steps.at(-1)).toBe('fix');
});

test('a second copy for the team: Solo and the team run on their own copies, and it stays chosen', async ({
  page,
}) => {
  await scriptedCoder(page, 200);
  await openSoftware(page);
  const note = page.getByTestId('shared-model');
  await expect(note).toContainText('take turns');
  await note.getByLabel('Load a second copy for the team').check();
  await expect(note).toContainText('each get their own copy');
  await runButton(page).click();
  await expectChecked(page);
  await expect(side(page, 'Team').getByTestId('checks-summary')).toHaveText(
    '5 of 5 requirements met',
  );
  // The choice survives a reload.
  await page.reload();
  await openView(page, 'Software');
  await expect(page.getByLabel('Load a second copy for the team')).toBeChecked();
});
