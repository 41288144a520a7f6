import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEAM_RULES } from '../../src/lib/catalog/scripted-models';
import { GSM8K_TEST_URL } from '../../src/lib/eval/extract-number';
import { pickModel } from './helpers';

/**
 * What the GSM8K test serves for the official URL: the real test split where `../shared/data/`
 * has it (CI), else the project's own GSM8K-format fixture (a clone has no `../shared/`).
 */
const SHARED_GSM8K = new URL('../../../shared/data/gsm8k-test.jsonl', import.meta.url);
const GSM8K_FILE = existsSync(SHARED_GSM8K)
  ? SHARED_GSM8K
  : new URL('../../src/lib/eval/fixtures/gsm8k.jsonl', import.meta.url);

type Rule = { match?: string; reply: string };

/** scripted-team's own replies by role. */
const DEFAULT_RULES: Rule[] = TEAM_RULES;

/**
 * On the first five shipped multi-hop items: Solo is right on items 1 and 2, the critic-loop
 * team on 1 and 3. On item 3 the team's draft concludes wrongly ("yes"), the critic asks for a
 * revision, and the revision is right ("no"). Everything else gets the default replies (wrong).
 */
const FLIP_RULES: Rule[] = [
  { match: 'You answer questions[\\s\\S]*Glasswater Library born', reply: 'Answer: Halvik' },
  { match: 'You answer questions[\\s\\S]*the Tane or the Ossel', reply: 'Answer: Tane' },
  {
    match: 'You are the Reasoner[\\s\\S]*Glasswater Library born',
    reply: [
      'Steps:',
      '1. Ilse Varnholt designed the library [Glasswater Library, sentence 2].',
      '2. She was born in Halvik [Ilse Varnholt, sentence 2].',
      'Conclusion: Halvik',
      'References:',
      '[Glasswater Library, sentence 2]',
      '[Ilse Varnholt, sentence 2]',
    ].join('\n'),
  },
  {
    match: 'You are the Reasoner[\\s\\S]*Question: Were Ilse Varnholt',
    reply:
      'Steps:\n1. Both were born in Halvik.\nConclusion: yes\nReferences:\n[Ilse Varnholt, sentence 2]',
  },
  {
    match: 'You are the Critic[\\s\\S]*Conclusion: yes',
    reply: '{"verdict":"revise","feedback":"REVISE-3: where was Oskar Brandt born?"}',
  },
  {
    match: 'You are the Reasoner[\\s\\S]*REVISE-3',
    reply: [
      'Steps:',
      '1. Ilse Varnholt was born in Halvik [Ilse Varnholt, sentence 2].',
      '2. Oskar Brandt was born in Merrow [Oskar Brandt, sentence 1].',
      'Conclusion: no',
      'References:',
      '[Ilse Varnholt, sentence 2]',
      '[Oskar Brandt, sentence 1]',
    ].join('\n'),
  },
  { match: 'You are the Answerer[\\s\\S]*Conclusion: Halvik', reply: 'Halvik' },
  { match: 'You are the Answerer[\\s\\S]*Tane or the Ossel', reply: 'Ossel' },
  { match: 'You are the Answerer[\\s\\S]*Conclusion: no\\b', reply: 'no' },
  ...DEFAULT_RULES,
];

/** Makes scripted-team fast (0: as fast as it can) and, optionally, gives it other rules. */
async function scriptTeamModel(page: Page, tokensPerSecond: number, rules?: Rule[]) {
  const overrides = {
    'scripted-team': { tokensPerSecond, loadMs: 0, ...(rules ? { rules } : {}) },
  };
  await page.addInitScript((value) => {
    localStorage.setItem('playground:scripted-overrides', value);
  }, JSON.stringify(overrides));
}

/** Both sides on scripted-team (Solo vs Reasoner → Critic → Answerer), then the Benchmark tab. */
async function openBenchmark(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Solo vs Team' }).click();
  await pickModel(page, 'scripted-team', 'Solo model (all roles)');
  await pickModel(page, 'scripted-team', 'Team model (all roles)');
  await page.getByRole('button', { name: 'Benchmark' }).click();
  await expect(page.getByRole('heading', { name: 'Question set' })).toBeVisible();
}

async function chooseItems(page: Page, set: RegExp | string, count: number) {
  await page.getByLabel(set).check();
  await page.getByLabel('Items to run').fill(String(count));
}

const progress = (page: Page) => page.getByTestId('batch-progress');
const rows = (page: Page) => page.getByTestId('batch-item');
const summaryCell = (page: Page, config: string, field: string) =>
  page.locator(
    `[data-testid="batch-summary"] tr[data-config="${config}"] td[data-field="${field}"]`,
  );

/** What the page shows per item for a config: right (1) or wrong (0), and tokens. */
async function itemFigures(page: Page, config: string) {
  const cells = page.locator(`[data-testid="batch-item"] td[data-config="${config}"]`);
  const correct = (
    await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-correct')))
  ).map(Number);
  const marks = await cells.getByTestId('mark').allTextContents();
  const tokens = (await cells.getByTestId('item-tokens').allTextContents()).map((t) =>
    Number(t.replace(/,/g, '')),
  );
  return { correct, marks, tokens };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const oneDecimal = (value: number, digits = 1) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits });
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

test('a batch of 5 shipped multi-hop items: progress, summary from the rows, flips, critic rounds', async ({
  page,
}, info) => {
  await scriptTeamModel(page, 0, FLIP_RULES);
  await openBenchmark(page);
  await expect(page.getByTestId('set-option').first()).toContainText('MIT (this project)');
  await chooseItems(page, 'Multi-hop questions (20)', 5);
  await expect(page.getByTestId('batch-config')).toHaveCount(2);
  await page.getByRole('button', { name: /^Run batch \(5 items × 2 configs\)/ }).click();

  await expect(page.getByTestId('progress-count')).toHaveText('5 / 5 items', { timeout: 30_000 });
  await expect(progress(page)).toHaveAttribute('data-done', '5');
  await expect(page.getByTestId('batch-status')).toHaveText('done');
  await expect(page.getByTestId('remaining')).toHaveText('Time left: none');
  await expect(page.getByTestId('elapsed')).toContainText(/Elapsed \d/);
  await expect(rows(page)).toHaveCount(5);

  const solo = await itemFigures(page, 'solo');
  const team = await itemFigures(page, 'team');
  expect(solo.correct).toEqual([1, 1, 0, 0, 0]);
  expect(team.correct).toEqual([1, 0, 1, 0, 0]);
  expect(solo.marks.map((m) => m.trim())).toEqual([
    '✓ right',
    '✓ right',
    '✗ wrong',
    '✗ wrong',
    '✗ wrong',
  ]);
  // The team cites "[Glasswater Library, sentence 2]": sentence 2 shown is index 1 in the data.
  await expect(rows(page).first().locator('td[data-config="team"]')).toContainText('SP F1 1.00');

  // The summary is the aggregate of the rows shown.
  for (const [config, figures] of [
    ['solo', solo],
    ['team', team],
  ] as const) {
    const accuracy = sum(figures.correct) / 5;
    await expect(summaryCell(page, config, 'items')).toHaveText('5');
    await expect(summaryCell(page, config, 'accuracy')).toHaveText(percent(accuracy));
    await expect(summaryCell(page, config, 'tokens')).toHaveText(
      oneDecimal(sum(figures.tokens) / 5),
    );
    await expect(summaryCell(page, config, 'per-1k')).toHaveText(
      oneDecimal((1000 * sum(figures.correct)) / sum(figures.tokens), 2),
    );
    await expect(summaryCell(page, config, 'interval')).toContainText('%');
  }
  await expect(summaryCell(page, 'team', 'calls')).toHaveText('3.4'); // 3 calls per item, 5 on item 3

  // Flips: Solo right and Team wrong on item 2, the reverse on item 3; links open the item.
  const flips = page.getByTestId('flips');
  await expect(flips.getByTestId('flip-base-only')).toHaveAttribute('data-count', '1');
  await expect(flips.getByTestId('flip-base-only')).toHaveText('1: #2');
  await expect(flips.getByTestId('flip-other-only')).toHaveText('1: #3');
  await expect(flips).toContainText('Solo right, config wrong');
  await flips.getByTestId('flip-other-only').getByRole('link', { name: '#3' }).click();
  await expect(page.locator('#batch-item-2')).toHaveClass(/open/);
  const detail = page.getByTestId('item-detail');
  await expect(detail).toBeVisible();
  await expect(detail).toBeInViewport();
  await expect(detail).toContainText('Draft conclusion');
  await expect(detail).toContainText('yes (1 revision)');

  // The critic's revision turned a wrong draft right, once.
  const critic = page.getByTestId('critic-flips');
  await expect(critic.getByTestId('revised')).toHaveText('1');
  await expect(critic.getByTestId('wrong-to-right')).toHaveText('1');
  await expect(critic.getByTestId('right-to-wrong')).toHaveText('0');
  await expect(critic).toContainText('How this is measured');

  await expect(page.getByTestId('batch-chart')).toHaveAttribute('data-ready', 'true');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = info.outputPath('batch.csv');
  await (await download).saveAs(file);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
  expect(lines).toHaveLength(1 + 5 * 2);
  expect(lines[0]).toMatch(/^item,item_id,kind,question,gold,config,/);
});

test('the results grid filters to failures and flips, searches, and diffs two configs’ answers', async ({
  page,
}) => {
  // Solo right on items 1 and 2, the team on 1 and 3 (FLIP_RULES).
  await scriptTeamModel(page, 0, FLIP_RULES);
  await openBenchmark(page);
  await chooseItems(page, 'Multi-hop questions (20)', 5);
  await page.getByRole('button', { name: /^Run batch \(5 items × 2 configs\)/ }).click();
  await expect(page.getByTestId('batch-status')).toHaveText('done', { timeout: 30_000 });
  const shown = () =>
    rows(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-index')) + 1));
  await expect(rows(page)).toHaveCount(5);

  // Failures: any config wrong (items 2–5); flips: the configs differ (items 2 and 3).
  await page.getByRole('radio', { name: 'Failures (4)' }).check();
  await expect(rows(page)).toHaveCount(4);
  expect(await shown()).toEqual([2, 3, 4, 5]);
  await expect(page.getByTestId('grid-count')).toHaveText('4 of 5 items match.');
  await page.getByRole('radio', { name: 'Flips (2)' }).check();
  await expect(rows(page)).toHaveCount(2);
  expect(await shown()).toEqual([2, 3]);

  // The search narrows within the filter (question words), and over every row on All.
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('Ossel');
  await expect(rows(page)).toHaveCount(1);
  expect(await shown()).toEqual([2]);
  // A link to an item the filter and search hide shows every row again, and opens it.
  await page.getByTestId('flip-other-only').getByRole('link', { name: '#3' }).click();
  await expect(page.locator('#batch-item-2')).toHaveClass(/open/);
  await expect(page.getByRole('radio', { name: 'All (5)' })).toBeChecked();
  await expect(search).toHaveValue('');
  await expect(rows(page)).toHaveCount(5);
  await page.locator('#batch-item-2').getByRole('button', { name: 'Hide' }).click();
  await page.getByRole('radio', { name: 'Flips (2)' }).check();
  await search.fill('no such words');
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByTestId('grid-empty')).toHaveText(
    'No item matches the flips filter and “no such words”.',
  );
  await page.getByRole('radio', { name: 'All (5)' }).check();
  await search.fill('halvik');
  expect(await shown()).toEqual([1]);
  await search.fill('');
  await expect(rows(page)).toHaveCount(5);

  // The word diff of Solo's answers against the team's, on item 2 (Tane → Ossel).
  await page.getByLabel('Compare answers of').selectOption({ label: 'Solo' });
  await page.getByLabel('Compare with').selectOption({ label: 'Team' });
  await expect(page.locator('[data-testid="batch-items"] thead')).toContainText('Solo → Team');
  const diff = rows(page).nth(1).getByTestId('answer-diff');
  await expect(diff.locator('del')).toHaveText('Tane');
  await expect(diff.locator('ins')).toHaveText('Ossel');
  await expect(rows(page).first().getByTestId('answer-diff')).toHaveText('same answer');
  // Keyboard: the filter radios are reachable and switch with the arrow keys.
  await page.getByRole('radio', { name: 'All (5)' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Failures (4)' })).toBeChecked();
  await expect(rows(page)).toHaveCount(4);

  // At 390 px the tools wrap and the grid scrolls inside its box: the page does not.
  await page.setViewportSize({ width: 390, height: 800 });
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('a reload in the middle of a batch resumes it where it stopped, to the end', async ({
  page,
}) => {
  await scriptTeamModel(page, 400);
  await openBenchmark(page);
  await chooseItems(page, 'Multi-hop questions (20)', 12);
  await page.getByRole('button', { name: /^Run batch/ }).click();
  await expect
    .poll(async () => Number(await progress(page).getAttribute('data-done')), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(3);
  const before = Number(await progress(page).getAttribute('data-done'));
  expect(before).toBeLessThan(12);
  await page.reload();

  // The Benchmark tab is still open; the batch offers to resume with what it had done.
  const notice = page.getByTestId('resume-notice');
  await expect(notice).toBeVisible();
  const done = Number((await notice.getByTestId('resume-count').textContent())!.split(' ')[0]);
  expect(done).toBeGreaterThanOrEqual(before);
  await expect(notice).toContainText(`${done} of 12 items done`);
  await expect(page.getByTestId('batch-status')).toHaveText('interrupted');
  await expect(rows(page)).toHaveCount(done);

  await notice.getByRole('button', { name: 'Resume batch' }).click();
  await expect(page.getByTestId('progress-count')).toHaveText('12 / 12 items', { timeout: 30_000 });
  await expect(page.getByTestId('batch-status')).toHaveText('done');
  await expect(notice).toBeHidden();
  expect(
    await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-index'))),
  ).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
  await expect(summaryCell(page, 'solo', 'items')).toHaveText('12');
});

test('GSM8K in one click: the file at the official URL loads in full; a batch of up to 50 is timed', async ({
  page,
}) => {
  const body = readFileSync(GSM8K_FILE, 'utf8');
  const problems = body.split('\n').filter((line) => line.trim() !== '').length;
  const shown = problems.toLocaleString('en-US');
  const batch = Math.min(50, problems);
  await page.route(GSM8K_TEST_URL, (route) =>
    route.fulfill({ status: 200, contentType: 'text/plain', body }),
  );
  await scriptTeamModel(page, 0);
  await openBenchmark(page);
  await page.getByRole('button', { name: /Load GSM8K test set/ }).click();
  await expect(page.getByLabel('GSM8K')).toBeChecked();
  await expect(page.getByTestId('set-size')).toHaveText(shown);
  await expect(page.getByTestId('set-details')).toContainText(`${shown} math`);
  await expect(page.getByTestId('set-details')).toContainText('MIT');

  await page.getByLabel('Items to run').fill(String(batch));
  const started = Date.now();
  await page.getByRole('button', { name: new RegExp(`^Run batch \\(${batch} items`) }).click();
  await expect(page.getByTestId('progress-count')).toHaveText(`${batch} / ${batch} items`, {
    timeout: 60_000,
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${batch}-item scripted batch (GSM8K from ${fileURLToPath(GSM8K_FILE)}, Solo vs ` +
      `Reasoner → Critic → Answerer, ${batch * 4} model calls): ${seconds.toFixed(1)} s wall time`,
  );
  await expect(rows(page)).toHaveCount(batch);
  // Scripted replies name towns, not numbers: every answer is wrong.
  await expect(summaryCell(page, 'team', 'accuracy')).toHaveText('0.0%');
});

test('a bad file, dropped or picked, shows the loader’s own error', async ({ page }) => {
  await openBenchmark(page);
  const drop = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(
      new File(['[{"question": "Where?"}]'], 'hotpot_dev.json', { type: 'application/json' }),
    );
    return data;
  });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: drop });
  await expect(page.getByTestId('set-error')).toContainText('HotpotQA item 1: missing "answer"');

  await page.locator('.drop-zone input[type="file"]').setInputFiles({
    name: 'gsm8k.jsonl',
    mimeType: 'application/json',
    buffer: Buffer.from('{"question": "1 + 1?", "answer": "two"}\n'),
  });
  await expect(page.getByTestId('set-error')).toContainText(
    'GSM8K line 1: "answer" has no final "#### N"',
  );

  // A good file replaces the error and becomes the chosen set.
  await page.locator('.drop-zone input[type="file"]').setInputFiles({
    name: 'mine.jsonl',
    mimeType: 'application/json',
    buffer: Buffer.from('{"question": "1 + 1?", "answer": "1 + 1 = 2\\n#### 2"}\n'),
  });
  await expect(page.getByTestId('set-error')).toBeHidden();
  await expect(page.getByTestId('set-size')).toHaveText('1');
});
