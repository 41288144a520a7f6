/**
 * From a task found in the logged calls to a side-by-side comparison with a specialist, in the
 * built test site: runs with expected answers and their calls are seeded into IndexedDB (sums
 * and French sentences, which even the tiny random-weights embedding model places apart), the
 * tasks are found by the real WebAssembly engine, and "Compare a specialist" opens the Benchmark
 * tab on the sums' held-out questions. The specialist is a scripted model that gets the sums
 * right; the original team (scripted) answers something else.
 */
import { expect, test, type Page } from '@playwright/test';
import { newRunRecord, type TraceRecord } from '../../src/lib/storage/records';
import { presetSide } from '../../src/lib/team/presets';
import type { ExperimentConfig } from '../../src/lib/team/config';
import { pickModel } from './helpers';
import { getRecord, putRecords } from './idb';
import { findTasks } from './tasks';
import { benchmarkOnScriptedTeam } from './views';

const RUNS = 8;
const scripted = (modelId: string) => ({ engine: 'scripted' as const, modelId });

const sum = (i: number) => ({
  question: `${i} + ${i * 7} + 12 + 30 + 99 = ?`,
  answer: String(8 * i + 141),
});
const french = (i: number) => ({
  question: `traduisez en français : le chat dort sur le tapis numéro ${i}, et la souris mange le fromage`,
  answer: 'le chat',
});

/** Runs of both kinds, each with its Solo call and its team's Reasoner and Answerer calls. */
function seeded() {
  const runs = [];
  const traces: TraceRecord[] = [];
  for (let i = 0; i < RUNS; i++)
    for (const [kind, make] of [
      ['sum', sum],
      ['french', french],
    ] as const) {
      const { question, answer } = make(i + 1);
      const config: ExperimentConfig = {
        version: 1,
        question,
        expectedAnswer: answer,
        solo: presetSide('solo', scripted('scripted-team')),
        team: presetSide('reasoner-answerer', scripted('scripted-team')),
      };
      const run = newRunRecord(config, `${kind}-run-${i}`, 1_000 + i);
      run.status = 'done';
      runs.push(run);
      (['Solo', 'Reasoner', 'Answerer'] as const).forEach((roleName, turn) =>
        traces.push({
          id: `${kind}-${roleName.toLowerCase()}-${i}`,
          runId: run.id,
          side: roleName === 'Solo' ? 'solo' : 'team',
          turnIndex: turn,
          role: roleName.toLowerCase(),
          roleName,
          kind: roleName === 'Solo' ? 'solo' : roleName === 'Reasoner' ? 'reasoner' : 'answerer',
          step: 'answer',
          modelId: 'scripted-team',
          messages: [
            { role: 'system', content: `You are the ${roleName}.` },
            { role: 'user', content: question },
          ],
          output: 'Szeged',
          usage: {
            promptTokens: 20,
            completionTokens: 5,
            ttftMs: 5,
            decodeTokensPerSec: 20,
            wallMs: 90,
          },
          startedAt: 10_000 + turn,
          endedAt: 10_100 + turn,
          status: 'done',
        }),
      );
    }
  return { runs, traces };
}

async function seed(page: Page): Promise<number> {
  const { runs, traces } = seeded();
  await putRecords(page, { runs, traces });
  return traces.length;
}

/** The key of the task whose calls are the sums, as the page stored it. */
async function sumTaskKey(page: Page): Promise<string> {
  const map = await getRecord<{ clusters: { key: string; traceIds: string[] }[] }>(
    page,
    'curation',
    'tasks:current',
  );
  const clusters = map?.clusters ?? [];
  const sums = clusters.filter((c) => c.traceIds.every((id) => id.startsWith('sum-')));
  expect(sums).toHaveLength(1);
  expect(sums[0]!.traceIds).toHaveLength(3 * RUNS);
  return sums[0]!.key;
}

const summaryCell = (page: Page, config: string, field: string) =>
  page
    .getByTestId('batch-summary')
    .locator(`tr[data-config="${config}"] td[data-field="${field}"]`);

test('a task’s held-out questions run in the Benchmark tab: the specialist alone, the original team, and the team with the specialist', async ({
  page,
}) => {
  test.setTimeout(150_000);
  // The specialist gets each sum right; the team's model answers Szeged to everything.
  const rules = Array.from({ length: RUNS }, (_, i) => ({
    match: sum(i + 1).question.replace(/[+?]/g, '\\$&'),
    reply: `The sum is ${sum(i + 1).answer}.\nAnswer: ${sum(i + 1).answer}`,
  }));
  await page.addInitScript((rules) => {
    localStorage.setItem(
      'playground:scripted-overrides',
      JSON.stringify({
        'scripted-team': { tokensPerSecond: 0, loadMs: 0 },
        'scripted-specialist': {
          rules: [...rules, { reply: 'Answer: 0' }],
          tokensPerSecond: 0,
          loadMs: 0,
        },
      }),
    );
  }, rules);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  const calls = await seed(page);
  await page.reload();
  await page.getByRole('button', { name: 'Traces', exact: true }).click();
  await expect(page.getByTestId('calls-count')).toContainText(`${calls} of ${calls} calls shown`);

  // Half of each task × role is held out (seed 1).
  await page.getByLabel('Validation share').fill('0.5');
  await page.getByLabel('Validation share').press('Tab');

  await findTasks(page, 'tiny-embed-GGUF', 2);
  const task = page.locator(`[data-testid="task"][data-key="${await sumTaskKey(page)}"]`);
  await task.getByRole('textbox').fill('Sums');
  await task.getByRole('textbox').press('Enter');

  await task.getByRole('button', { name: 'Compare a specialist…' }).click();
  const form = task.getByTestId('compare-form');
  const role = form.getByLabel('Role it was trained for');
  await expect(role.locator('option')).toHaveText([
    'Answerer: 8 calls, 4 held out',
    'Reasoner: 8 calls, 4 held out',
    'Solo: 8 calls, 4 held out',
  ]);
  await role.selectOption({ label: 'Reasoner: 8 calls, 4 held out' });
  // With no custom model yet, the role's own model is offered first, and the form says so.
  await expect(form.getByTestId('compare-same')).toContainText(
    'scripted-team is the model that made these calls',
  );
  await pickModel(page, 'scripted-specialist', 'Specialist model');
  await expect(form.getByTestId('compare-same')).toHaveCount(0);
  await form.getByRole('button', { name: 'Open the comparison in the Benchmark tab' }).click();

  // The Benchmark tab, with the held-out set and the three configs; focus on its heading.
  const comparison = page.getByTestId('specialist-comparison');
  await expect(comparison.getByRole('heading')).toHaveText(
    'Configs: Specialist for "Sums" (Reasoner)',
  );
  await expect(comparison.getByRole('heading')).toBeFocused();
  await expect(comparison).toContainText('4 held-out items from your logged calls');
  await expect(page.getByTestId('batch-config')).toHaveText([
    /^Specialist Solo: Solo \(Solo: scripted-specialist\)$/,
    /^Original team: Reasoner → Answerer \(Reasoner: scripted-team, Answerer: scripted-team\)$/,
    /^Team with the specialist as Reasoner: Reasoner → Answerer \(Reasoner: scripted-specialist, Answerer: scripted-team\)$/,
  ]);

  // It fits a 390 px phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The choice survives a reload.
  await page.reload();
  await expect(page.getByTestId('batch-config')).toHaveCount(3);
  await page.getByRole('button', { name: /^Run batch \(4 items × 3 configs\)/ }).click();
  await expect(page.getByTestId('batch-status')).toHaveText('done', { timeout: 60_000 });
  await expect(summaryCell(page, 'solo', 'items')).toHaveText('4');
  await expect(summaryCell(page, 'solo', 'accuracy')).toHaveText('100.0%');
  await expect(summaryCell(page, 'team', 'accuracy')).toHaveText('0.0%');
  await expect(summaryCell(page, 'extra-1', 'accuracy')).toHaveText('0.0%');

  // Back to the experiment's own configs: Solo and Team.
  await comparison.getByRole('button', { name: 'Back to my configs' }).click();
  await expect(page.getByTestId('specialist-comparison')).toHaveCount(0);
  await expect(page.getByTestId('batch-config')).toHaveCount(2);
});

test('from a benchmark run: its calls’ tasks, and a task’s held-out items are the batch’s own items', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await benchmarkOnScriptedTeam(page);
  await page.getByLabel('Grade-school math (20)').check();
  await page.getByLabel('Items to run').fill('10');
  await page.getByRole('button', { name: /^Run batch \(10 items × 2 configs\)/ }).click();
  await expect(page.getByTestId('batch-status')).toHaveText('done', { timeout: 90_000 });

  await page.getByRole('button', { name: 'Traces', exact: true }).click();
  await expect(page.getByTestId('calls-count')).toContainText(/of \d+ calls shown/);
  await page.getByLabel('Validation share').fill('0.5');
  await page.getByLabel('Validation share').press('Tab');
  await findTasks(page, 'tiny-embed-GGUF', 2);

  // The largest task, and its role with the most calls (the form's defaults).
  const task = page.getByTestId('task').first();
  await task.getByRole('button', { name: 'Compare a specialist…' }).click();
  const form = task.getByTestId('compare-form');
  const chosen = await form.getByLabel('Role it was trained for').inputValue();
  const option = (await form.locator('option:checked').textContent()) ?? '';
  const heldOut = Number(/(\d+) held out/.exec(option)?.[1]);
  expect(heldOut).toBeGreaterThan(0);
  await form.getByRole('button', { name: 'Open the comparison in the Benchmark tab' }).click();

  const comparison = page.getByTestId('specialist-comparison');
  await expect(comparison.getByRole('heading')).toContainText(`(${chosen})`);
  // The held-out set is the batch's items: the shipped set's licence, math items.
  await expect(page.getByRole('radio', { name: /^Held-out items of/ })).toBeChecked();
  const set = page.getByRole('radio', { name: /^Held-out items of/ });
  await expect(set).toHaveAccessibleName(/\d+ math · Grade-school math \(20\): MIT/);
  const name = (await set.evaluate((el) => el.closest('label')?.textContent ?? '')) ?? '';
  const n = Number(/(\d+) math/.exec(name)?.[1]);
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThanOrEqual(heldOut);
  await page.getByRole('button', { name: new RegExp(`^Run batch \\(${n} items? ×`) }).click();
  await expect(page.getByTestId('batch-status')).toHaveText('done', { timeout: 90_000 });
  await expect(summaryCell(page, 'solo', 'items')).toHaveText(String(n));
  await expect(summaryCell(page, 'team', 'items')).toHaveText(String(n));
});
