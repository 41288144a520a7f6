/**
 * The headless runner's results in the Benchmark tab: `npm run experiment` runs against a real
 * OpenAI-compatible server (llama.cpp on the tiny GGUF, tests/openai-server) and writes a file;
 * "Open results file…" shows it like a batch run in the tab, keeps it across a reload, renders
 * model output as text, and names what is wrong with a malformed file.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatPercent } from '../../src/lib/batch/format';
import { parseResultsFile, type ResultsFile } from '../../src/lib/batch/results-schema';
import { summarize } from '../../src/lib/batch/summary';
import { startOpenAIServer, type OpenAITestServer } from '../openai-server/server.mjs';
import { configFileOf, remoteEnvelope } from '../unit/experiment-fixtures';
import { openView } from './views';

test.describe.configure({ mode: 'serial' });

const ITEMS = 3;
let dir: string;
let server: OpenAITestServer;
/** The runner's file, and what it holds. */
let resultsPath: string;
let results: ResultsFile;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  execFileSync('node', ['scripts/ensure-openai-server.mjs'], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'results-file-e2e-'));
  server = await startOpenAIServer({
    modelPath: 'static/test-models/tiny-chat.gguf',
    slots: ITEMS,
    nPredict: 8,
  });
  const config = join(dir, 'experiment.json');
  writeFileSync(config, configFileOf(remoteEnvelope(`${server.url}/v1`)));
  resultsPath = join(dir, 'results.json');
  // Not execFileSync: the server runs in this process and must answer while the runner waits.
  await new Promise<void>((resolve, reject) =>
    execFile(
      join('node_modules', '.bin', 'tsx'),
      [
        'scripts/experiment.ts',
        config,
        '--set',
        'math',
        '--n',
        String(ITEMS),
        '--out',
        resultsPath,
      ],
      { timeout: 180_000 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(),
    ),
  );
  const read = parseResultsFile(readFileSync(resultsPath, 'utf8'));
  if (!read.ok) throw new Error(read.message);
  results = read.file;
});

test.afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const fileInput = (page: Page) => page.locator('.results-file input[type="file"]');

const summaryCell = (page: Page, config: string, field: string) =>
  page.locator(
    `[data-testid="batch-summary"] tr[data-config="${config}"] td[data-field="${field}"]`,
  );

/** The summary row of each config shows the figures of the file's items. */
async function expectFigures(page: Page): Promise<void> {
  const summary = summarize(results.batch, results.results);
  await expect(page.getByTestId('batch-status')).toHaveText('done');
  await expect(page.getByRole('heading', { name: /^Batch: Grade-school math/ })).toBeVisible();
  await expect(page.getByTestId('batch-item')).toHaveCount(ITEMS);
  for (const config of summary.configs) {
    await expect(summaryCell(page, config.configId, 'items')).toHaveText(String(ITEMS));
    await expect(summaryCell(page, config.configId, 'accuracy')).toHaveText(
      formatPercent(config.accuracy.mean),
    );
  }
  for (const row of results.results)
    for (const side of row.sides)
      await expect(
        page.locator(
          `[data-testid="batch-item"][data-index="${row.index}"] td[data-config="${side.configId}"]`,
        ),
      ).toHaveAttribute('data-tokens', String(side.totalTokens));
}

test('the runner’s results file opens in the Benchmark tab as a batch, and stays after a reload', async ({
  page,
}) => {
  await page.goto('/');
  await openView(page, 'Benchmark');
  await fileInput(page).setInputFiles(resultsPath);
  await expectFigures(page);
  await expect(page.getByTestId('results-file-error')).toHaveCount(0);

  await page.reload();
  await openView(page, 'Benchmark');
  await expectFigures(page);
});

test('model output in a file is shown as text, never as markup', async ({ page }) => {
  const data = JSON.parse(readFileSync(resultsPath, 'utf8')) as {
    batch: { id: string };
    results: { sides: { finalAnswer: string; turns: { output: string }[] }[] }[];
  };
  const evil = '<img src="x" onerror="window.__injected = true">';
  data.batch.id = 'hostile-batch';
  data.results = data.results.map((row, i) => ({
    ...row,
    batchId: 'hostile-batch',
    id: `hostile-batch:${String(i).padStart(6, '0')}`,
  }));
  data.results[0]!.sides[0]!.finalAnswer = evil;
  data.results[0]!.sides[0]!.turns[0]!.output = `<script>window.__injected = true</script>${evil}`;
  const path = join(dir, 'hostile.json');
  writeFileSync(path, JSON.stringify(data));

  await page.goto('/');
  await openView(page, 'Benchmark');
  await fileInput(page).setInputFiles(path);
  const first = page.locator('[data-testid="batch-item"][data-index="0"]');
  await expect(first.locator('td[data-config="solo"] .item-answer')).toHaveText(evil);
  await first.getByRole('button', { name: 'Details' }).click();
  await expect(page.getByTestId('item-detail')).toContainText('<script>window.__injected');
  await expect(page.locator('.batch-items img')).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as { __injected?: boolean }).__injected),
  ).toBeUndefined();
});

test('a malformed file is refused with what is wrong; the batches kept are not touched', async ({
  page,
}) => {
  await page.goto('/');
  await openView(page, 'Benchmark');
  await fileInput(page).setInputFiles(resultsPath);
  await expect(page.getByTestId('batch-status')).toHaveText('done');
  const rows = await page.getByTestId('past-batch').count();

  const notJson = join(dir, 'not-json.json');
  writeFileSync(notJson, '{"format": "slm-playground-batch", "version": 1, ');
  await fileInput(page).setInputFiles(notJson);
  const error = page.getByTestId('results-file-error');
  await expect(error).toContainText('The results file could not be opened');
  await expect(error).toContainText('The file is not valid JSON');

  const data = JSON.parse(readFileSync(resultsPath, 'utf8')) as {
    version: number;
    results: { sides: { scores: { correct: number } }[] }[];
  };
  data.results[1]!.sides[0]!.scores.correct = 3;
  const badField = join(dir, 'bad-field.json');
  writeFileSync(badField, JSON.stringify(data));
  await fileInput(page).setInputFiles(badField);
  await expect(error).toContainText('The results file has a bad field.');
  await expect(error.getByRole('listitem')).toHaveText([
    'results › 2 › sides › 1 › scores › correct: must be at most 1 (got 3)',
  ]);

  data.version = 99;
  writeFileSync(badField, JSON.stringify(data));
  await fileInput(page).setInputFiles(badField);
  await expect(error).toContainText('The file is results version 99, newer than this page reads');

  // Nothing lost: the batch shown and the list are as they were.
  await expect(page.getByTestId('batch-status')).toHaveText('done');
  await expect(page.getByTestId('batch-item')).toHaveCount(ITEMS);
  await expect(page.getByTestId('past-batch')).toHaveCount(rows);
});
