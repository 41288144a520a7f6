/**
 * Benchmark calls are traces: after a Solo vs Team run and a 2-item benchmark (Solo and a
 * critic-loop Team on scripted-team), the Traces view lists the batch's calls (as many as the
 * batch's summary counts), with the items' outcomes, names the set, item and config of a call,
 * exports them, and drops them when the batch is deleted.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { TEAM_RULES } from '../../src/lib/catalog/scripted-models';
import { openView, runSoloVsTeam } from './views';

/**
 * On the first two shipped multi-hop items Solo is right on both; the team is right on the
 * first only (its reasoner finds Halvik there and otherwise the default Szeged).
 */
const RULES = [
  { match: 'You answer questions[\\s\\S]*Glasswater Library born', reply: 'Answer: Halvik' },
  { match: 'You answer questions[\\s\\S]*the Tane or the Ossel', reply: 'Answer: Tane' },
  {
    match: 'You are the Reasoner[\\s\\S]*Glasswater Library born',
    reply: 'Steps:\n1. She was born in Halvik.\nConclusion: Halvik',
  },
  { match: 'You are the Answerer[\\s\\S]*Conclusion: Halvik', reply: 'Halvik' },
  ...TEAM_RULES,
];

const rows = (page: Page) => page.getByTestId('call-row');
const count = (page: Page) => page.getByTestId('calls-count');
/** The number of calls shown, and of all calls, from "3 of 9 calls shown · 9 kept". */
async function counted(page: Page): Promise<{ shown: number; total: number }> {
  const text = (await count(page).textContent()) ?? '';
  const match = /(\d+) of (\d+) calls shown/.exec(text);
  expect(match, text).not.toBeNull();
  return { shown: Number(match![1]), total: Number(match![2]) };
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const callsPerItem = async (page: Page, config: string) =>
  Number(
    await page
      .locator(`[data-testid="batch-summary"] tr[data-config="${config}"] td[data-field="calls"]`)
      .textContent(),
  );

test('a benchmark’s calls are traces with outcomes, export, and go with their batch', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  await page.addInitScript(
    (value) => {
      localStorage.setItem('playground:scripted-overrides', value);
    },
    JSON.stringify({ 'scripted-team': { tokensPerSecond: 0, loadMs: 0, rules: RULES } }),
  );
  await page.goto('/');
  await runSoloVsTeam(page);
  await openView(page, 'Traces');
  const runCalls = (await counted(page)).total;
  expect(runCalls).toBeGreaterThanOrEqual(4);
  // Only runs so far: no source to choose.
  await expect(page.getByTestId('filter-source')).toHaveCount(0);

  await openView(page, 'Benchmark');
  await page.getByLabel('Multi-hop questions (20)').check();
  await page.getByLabel('Items to run').fill('2');
  await page.getByRole('button', { name: /^Run batch \(2 items × 2 configs\)/ }).click();
  await expect(page.getByTestId('progress-count')).toHaveText('2 / 2 items', { timeout: 30_000 });
  await expect(page.getByTestId('batch-status')).toHaveText('done');
  const correct = (config: string) =>
    page
      .locator(`[data-testid="batch-item"] td[data-config="${config}"]`)
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-correct'))));
  expect(await correct('solo')).toEqual([1, 1]);
  expect(await correct('team')).toEqual([1, 0]);
  const soloCalls = 2 * (await callsPerItem(page, 'solo'));
  const teamCalls = 2 * (await callsPerItem(page, 'team'));
  expect(soloCalls).toBe(2);
  expect(teamCalls).toBe(6); // reasoner, critic (accepts), answerer on each item
  const setName = (await page.locator('#batch-title').evaluate((h) => h.firstChild?.textContent))!
    .replace('Batch:', '')
    .trim();
  expect(setName.length).toBeGreaterThan(0);

  await openView(page, 'Traces');
  await expect(count(page)).toContainText(`of ${runCalls + soloCalls + teamCalls} calls shown`);
  const source = page.getByLabel('Source');
  await source.selectOption('benchmark');
  await expect(count(page)).toContainText(
    `${soloCalls + teamCalls} of ${runCalls + soloCalls + teamCalls} calls shown`,
  );
  await expect(rows(page).first()).toHaveAttribute('data-source', 'benchmark');
  // Outcomes from the items' scores: Solo right twice; the team's calls right on item 1 only.
  const outcomeOf = (role: string) =>
    rows(page)
      .filter({ has: page.locator(`.role`, { hasText: role }) })
      .locator('.outcome')
      .allTextContents();
  expect(await outcomeOf('Solo')).toEqual(['right', 'right']);
  expect((await outcomeOf('Answerer')).sort()).toEqual(['right', 'wrong']);
  await page.getByLabel('Outcome').selectOption('wrong');
  await expect(count(page)).toContainText(`${teamCalls / 2} of`);
  await page.getByLabel('Outcome').selectOption('');

  // A call opened says where it came from.
  await rows(page)
    .filter({ has: page.locator('.role', { hasText: 'Solo' }) })
    .first()
    .getByRole('button')
    .click();
  await expect(page.getByTestId('call-benchmark')).toHaveText(
    new RegExp(`^\\s*Benchmark: ${escape(setName.trim())}, item \\S+, Solo\\s*$`),
  );

  // Every benchmark call is exported.
  await page.getByLabel('Format').selectOption('openai');
  await expect(page.getByTestId('export-counts')).toContainText(`${soloCalls + teamCalls} calls:`);
  const lines: string[] = [];
  for (const part of ['train', 'validation']) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: `Download ${part}.jsonl` }).click();
    const file = testInfo.outputPath(`${part}.jsonl`);
    await (await download).saveAs(file);
    lines.push(...(await readFile(file, 'utf8')).split('\n').filter(Boolean));
  }
  expect(lines).toHaveLength(soloCalls + teamCalls);
  // Both items' calls, in chat form.
  expect(lines.some((l) => l.includes('Glasswater Library born'))).toBe(true);
  expect(lines.some((l) => l.includes('the Tane or the Ossel'))).toBe(true);
  for (const line of lines)
    expect((JSON.parse(line) as { messages: { role: string }[] }).messages.at(-1)?.role).toBe(
      'assistant',
    );

  // A second batch (one item); deleting the first deletes its calls only.
  await openView(page, 'Benchmark');
  await page.getByLabel('Items to run').fill('1');
  await page.getByRole('button', { name: /^Run batch \(1 item/ }).click();
  await expect(page.getByTestId('progress-count')).toHaveText('1 / 1 items', { timeout: 30_000 });
  await expect(page.getByTestId('batch-status')).toHaveText('done');
  const secondCalls = (await callsPerItem(page, 'solo')) + (await callsPerItem(page, 'team'));
  // The kept batches: both, the one shown marked as current.
  const first = page.locator('[data-testid="past-batch"]:not(.current)');
  await expect(page.getByTestId('past-batch')).toHaveCount(2);
  await expect(first).toHaveCount(1);
  await first.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('past-batch')).toHaveCount(1);
  await expect(page.locator('[data-testid="past-batch"].current')).toHaveCount(1);
  await openView(page, 'Traces');
  const left = runCalls + secondCalls;
  await expect(count(page)).toContainText(`of ${left} calls shown`);
  await page.getByLabel('Source').selectOption('benchmark');
  await expect(count(page)).toContainText(`${secondCalls} of ${left} calls shown`);
  await page.reload();
  await openView(page, 'Traces');
  await expect(count(page)).toContainText(`${left} of ${left} calls shown`);

  // The only batch left, the one shown, can be deleted too: its calls go, the runs' stay.
  await openView(page, 'Benchmark');
  await page.getByTestId('past-batch').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('past-batch')).toHaveCount(0);
  await expect(page.getByTestId('batch-status')).toHaveCount(0);
  await openView(page, 'Traces');
  await expect(count(page)).toContainText(`${runCalls} of ${runCalls} calls shown`);
});
