/**
 * Task discovery in the Traces view, on the test build with the real WebAssembly engine
 * (wllama) and the tiny random-weights embedding model the project writes
 * (static/test-models/tiny-embed.gguf, 64-dimensional). Calls are seeded into IndexedDB: three
 * kinds of prompts written with different characters (sums of digits, French sentences, code in
 * capitals), so that even random weights place them apart; no vector is injected.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { readFile } from 'node:fs/promises';
import { putRecords } from './idb';
import { findTasks } from './tasks';
import { throttle } from './wllama-helpers';

const rows = (page: Page) => page.getByTestId('call-row');
const count = (page: Page) => page.getByTestId('calls-count');
const tasks = (page: Page) => page.getByTestId('task');

const KINDS = {
  sum: (i: number) => `${i} + ${i * 7} + 12 + 30 + 99 + ${i * 3} = ? 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8`,
  french: (i: number) =>
    `traduisez en français : le chat dort sur le tapis numéro ${i}, et la souris mange le fromage`,
  code: (i: number) => `DEF F_${i}(XS): RETURN [X*X FOR X IN XS IF X%2==0]; PRINT(F_${i}([1,2,3]))`,
} as const;
type Kind = keyof typeof KINDS;
const PER_KIND = 6;

/**
 * Seeds a run and PER_KIND calls of each kind (plus one repeat of the first sum prompt, and
 * with `long`, one sum prompt of 5,000 characters: more tokens than the model's context).
 */
async function seedCalls(
  page: Page,
  long = false,
): Promise<{ id: string; kind: Kind; prompt: string }[]> {
  const calls: { id: string; kind: Kind; prompt: string; role: string; model: string }[] = [];
  for (let i = 0; i < PER_KIND; i++)
    for (const kind of Object.keys(KINDS) as Kind[])
      calls.push({
        id: `${kind}-${i}`,
        kind,
        prompt: KINDS[kind](i),
        role: i % 2 ? 'Critic' : 'Solo',
        model: kind === 'code' ? 'model-big' : 'model-small',
      });
  calls.push({ ...calls[0]!, id: 'sum-0-again' });
  if (long)
    calls.push({ ...calls[0]!, id: 'sum-long', prompt: KINDS.sum(9).repeat(60).slice(0, 5000) });
  const question = 'Seeded question';
  const side = (label: string, type: string) => ({
    config: { label, protocol: type === 'solo' ? { type } : { type, maxRounds: 2 }, roles: [] },
    record: { status: 'done', finalAnswer: 'x', turns: [], warnings: [] },
  });
  const solo = side('Solo', 'solo');
  const team = side('Team', 'critic-loop');
  const run = {
    id: 'seeded-run',
    createdAt: 1,
    updatedAt: 1,
    config: { version: 1, question, solo: solo.config, team: team.config },
    question,
    questionLower: question.toLowerCase(),
    status: 'done',
    sides: { solo: solo.record, team: team.record },
  };
  const traces = calls.map((call, i) => ({
    id: call.id,
    runId: 'seeded-run',
    side: call.role === 'Solo' ? 'solo' : 'team',
    turnIndex: i,
    role: call.role.toLowerCase(),
    roleName: call.role,
    kind: call.role === 'Solo' ? 'solo' : 'critic',
    step: 'answer',
    modelId: call.model,
    messages: [
      { role: 'system', content: 'You are a careful assistant.' },
      { role: 'user', content: call.prompt },
    ],
    output: `Reply ${i}`,
    usage: { promptTokens: 20, completionTokens: 5, ttftMs: 5, decodeTokensPerSec: 20, wallMs: 90 },
    startedAt: 10_000 + i,
    endedAt: 10_100 + i,
    status: 'done',
  }));
  await putRecords(page, { runs: [run], traces });
  return calls;
}

interface StoredMap {
  traceIds: string[];
  vectors: number[][];
  dimensions: number;
  clusters: { key: string; traceIds: string[] }[];
}

/** The task map as the page stored it (vectors as plain arrays). */
async function storedMap(page: Page): Promise<StoredMap | null> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('slm-playground');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const record = await new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
      const request = db.transaction('curation').objectStore('curation').get('tasks:current');
      request.onsuccess = () => resolve(request.result as Record<string, unknown> | undefined);
      request.onerror = () => reject(request.error);
    });
    db.close();
    if (!record) return null;
    return {
      ...(record as unknown as StoredMap),
      vectors: (record.vectors as Float32Array[]).map((v) => Array.from(v)),
    };
  });
}

async function openSeeded(page: Page, long = false): Promise<{ id: string; kind: Kind }[]> {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  const calls = await seedCalls(page, long);
  await page.reload();
  await page.getByRole('button', { name: 'Traces', exact: true }).click();
  await expect(count(page)).toContainText(`${calls.length} of ${calls.length} calls shown`);
  return calls;
}

test('the tiny embedding model embeds each call into a unit vector of its 64 dimensions, the same text into the same vector', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const calls = await openSeeded(page, true);
  const panel = page.getByTestId('task-discovery');
  await panel.getByLabel('Embedding model').selectOption('tiny-embed-GGUF');
  await panel.getByRole('button', { name: /^Find tasks in the/ }).click();
  // The size is measured from the server (HEAD), not taken from the catalogue.
  await expect(panel.getByRole('group')).toContainText('449 KB, as its host says');
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByRole('group')).toHaveCount(0);

  await findTasks(page, 'tiny-embed-GGUF');
  await expect(page.getByTestId('task-summary')).toContainText('64-dimensional vectors');
  const map = await storedMap(page);
  expect(map?.dimensions).toBe(64);
  expect(map?.traceIds).toHaveLength(calls.length);
  for (const v of map?.vectors ?? []) {
    expect(v).toHaveLength(64);
    expect(Math.hypot(...v)).toBeCloseTo(1, 4);
  }
  const vectorOf = (id: string) => map?.vectors[map.traceIds.indexOf(id)];
  expect(vectorOf('sum-0-again')).toEqual(vectorOf('sum-0'));
  expect(vectorOf('sum-1')).not.toEqual(vectorOf('sum-0'));
  // The prompt longer than the model's context was cut until it fitted, not refused.
  expect(vectorOf('sum-long')).toHaveLength(64);

  // A model whose header names no pooling (the tiny chat model) is pooled by the mean, and says so.
  const chat = new URL('/test-models/tiny-chat.gguf', page.url()).href;
  await findTasks(page, { url: chat });
  await expect(page.getByTestId('task-message')).toContainText(
    'names no pooling; its vectors are the mean of its token vectors',
  );
  const again = await storedMap(page);
  expect(again?.vectors[0]).toHaveLength(64);
  expect(again?.vectors[0]).not.toEqual(map?.vectors[0]);
});

test('three kinds of calls make three tasks; a name survives a reload; one task filters the table and exports per role', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const calls = await openSeeded(page);
  await findTasks(page, 'tiny-embed-GGUF');
  await expect(tasks(page)).toHaveCount(3);
  // One path per task, one dot (a round zero-length stroke) per call.
  const dots = page.getByTestId('task-map').locator('path');
  await expect(dots).toHaveCount(3);
  const perTask = await dots.evaluateAll((paths) =>
    paths.map((p) => (p.getAttribute('d')?.match(/M/g) ?? []).length),
  );
  expect(perTask.reduce((a, b) => a + b, 0)).toBe(calls.length);

  // Each task holds the calls of one kind, all of them.
  const map = await storedMap(page);
  const kindOf = new Map(calls.map((c) => [c.id, c.kind]));
  const groups = (map?.clusters ?? []).map((c) => [
    ...new Set(c.traceIds.map((id) => kindOf.get(id))),
  ]);
  expect(groups.map((g) => g.length)).toEqual([1, 1, 1]);
  expect(new Set(groups.flat())).toEqual(new Set(['sum', 'french', 'code']));

  // Name the task of the code prompts, from the keyboard.
  const codeKey = map?.clusters.find((c) => kindOf.get(c.traceIds[0]!) === 'code')?.key;
  const codeTask = page.locator(`[data-testid="task"][data-key="${codeKey}"]`);
  await expect(codeTask.getByTestId('task-figures')).toContainText(
    `${PER_KIND} calls, ${((100 * PER_KIND) / calls.length).toFixed(1)}% of all ${calls.length} logged calls`,
  );
  await expect(codeTask).toContainText('model-big: 6 calls, 120 prompt + 30 completion tokens');
  const name = codeTask.getByRole('textbox');
  await name.fill('List comprehensions');
  await name.press('Enter');

  await page.reload();
  await page.getByRole('button', { name: 'Traces', exact: true }).click();
  await expect(tasks(page)).toHaveCount(3);
  await expect(codeTask.getByRole('textbox')).toHaveValue('List comprehensions');
  // The model is kept in the browser now: the confirm offers no download.
  const panel = page.getByTestId('task-discovery');
  // The model chosen before the reload is still chosen.
  await expect(panel.getByLabel('Embedding model')).toHaveValue('tiny-embed-GGUF');
  await panel.getByRole('button', { name: /^Find tasks in the \d+ calls shown$/ }).click();
  await expect(panel.getByRole('group')).toContainText(
    'It is kept in this browser: nothing is downloaded.',
  );
  await expect(panel.getByRole('button', { name: 'Find tasks', exact: true })).toBeEnabled();
  await panel.getByRole('button', { name: 'Cancel' }).click();

  await codeTask.getByRole('button', { name: 'Show only this task' }).click();
  await expect(count(page)).toContainText(`${PER_KIND} of ${calls.length} calls shown`);
  await expect(page.getByTestId('task-filter')).toContainText('List comprehensions');
  const shown = await rows(page).allTextContents();
  expect(shown).toHaveLength(PER_KIND);
  expect(shown.every((text) => text.includes('DEF F_'))).toBe(true);
  await page.getByRole('button', { name: 'Show all tasks' }).click();
  await expect(count(page)).toContainText(`${calls.length} of ${calls.length} calls shown`);

  // One dataset per task × role, each with its card.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download a dataset per task and role (.zip)' }).click();
  const file = testInfo.outputPath('tasks.zip');
  await (await download).saveAs(file);
  const zip = unzipSync(new Uint8Array(await readFile(file)));
  const paths = Object.keys(zip).sort();
  expect(paths).toContain('list-comprehensions/critic/train.jsonl');
  expect(paths).toContain('list-comprehensions/solo/README.md');
  expect(paths.filter((p) => p.endsWith('/README.md'))).toHaveLength(6);
  const lines = [
    ...strFromU8(zip['list-comprehensions/solo/train.jsonl']!).split('\n'),
    ...strFromU8(zip['list-comprehensions/solo/validation.jsonl']!).split('\n'),
  ].filter(Boolean);
  expect(lines).toHaveLength(3);
  for (const line of lines) expect(JSON.stringify(JSON.parse(line))).toContain('DEF F_');
  expect(strFromU8(zip['README.md']!)).toContain('| List comprehensions | Critic |');

  // Merge two tasks, then split the merged one: back to three.
  const first = tasks(page).first();
  await first.getByLabel('Merge with').selectOption({ index: 1 });
  await first.getByRole('button', { name: 'Merge' }).click();
  await expect(tasks(page)).toHaveCount(2);
  await tasks(page).first().getByRole('button', { name: 'Split in two' }).click();
  await expect(tasks(page)).toHaveCount(3);
});

test('on a 390 px phone the tasks found and the compare form fit the screen and axe finds nothing', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await openSeeded(page);
  await findTasks(page, 'tiny-embed-GGUF');
  await expect(tasks(page).first()).toBeVisible();
  // The compare form opens from the keyboard and fits too.
  const compare = tasks(page).first().getByRole('button', { name: 'Compare a specialist…' });
  await compare.focus();
  await page.keyboard.press('Enter');
  await expect(compare).toHaveAttribute('aria-expanded', 'true');
  await expect(tasks(page).first().getByTestId('compare-form')).toBeVisible();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const results = await new AxeBuilder({ page })
    .include('[data-testid="task-discovery"]')
    .options({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .analyze();
  const found = results.violations.flatMap((v) =>
    v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}: ${node.failureSummary ?? v.help}`),
  );
  expect(found).toEqual([]);
});

test('the default model, on a network without Hugging Face, fails with a clear error; Stop ends a slow download, and a second try works', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openSeeded(page);
  const panel = page.getByTestId('task-discovery');
  // bge-small is the default; its host is unreachable here, so its size is the published one.
  await panel.getByRole('button', { name: /^Find tasks in the/ }).click();
  await expect(panel.getByRole('group')).toContainText(
    'bge-small-en-v1.5 (Q8_0, English) (about 36 MB)',
  );
  await panel.getByRole('button', { name: 'Download and find tasks' }).click();
  await expect(page.getByTestId('task-message')).toContainText(
    'Could not download bge-small-en-v1.5-q8_0.gguf',
  );
  await expect(page.getByTestId('task-message')).toContainText('host is unreachable');
  await expect(tasks(page)).toHaveCount(0);

  // A download slowed to 20 KB/s (about 22 s for the tiny model), stopped once it shows.
  await throttle(page, 20_000);
  await panel.getByLabel('Embedding model').selectOption('tiny-embed-GGUF');
  await panel.getByRole('button', { name: /^Find tasks in the/ }).click();
  await panel.getByRole('button', { name: 'Download and find tasks' }).click();
  await expect(page.getByTestId('task-progress')).toContainText('Downloading tiny-embed.gguf');
  await panel.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('task-message')).toContainText('Stopped');
  await expect(page.getByTestId('task-progress')).toHaveCount(0);
  await expect(tasks(page)).toHaveCount(0);

  await throttle(page, null);
  await findTasks(page, 'tiny-embed-GGUF');
  await expect(tasks(page)).toHaveCount(3);
});
