/**
 * Remote models end to end: a real OpenAI-compatible server (llama.cpp through node-llama-cpp,
 * tests/openai-server) on another port of 127.0.0.1, so the page calls it cross-origin, as it
 * calls a user's Ollama or vLLM.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { decodeShareUrl } from '../../src/lib/share';
import { startOpenAIServer, type OpenAITestServer } from '../openai-server/server.mjs';
import { openCompare, openPlayground, output, pickModel, ask } from './helpers';
import { TINY, setSampling } from './wllama-helpers';

test.describe.configure({ mode: 'serial' });

const MODEL_PATH = 'static/test-models/tiny-chat.gguf';
const KEY = 'sk-e2e-never-shared';
let open: OpenAITestServer;
let long: OpenAITestServer;
let noCors: OpenAITestServer;
let keyed: OpenAITestServer;
/** Replies are cut at this many tokens server-side (llama-server's `-n`), to keep runs short. */
const N_PREDICT = 48;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  execFileSync('node', ['scripts/ensure-openai-server.mjs'], { stdio: 'inherit' });
  open = await startOpenAIServer({
    modelPath: MODEL_PATH,
    ownedBy: 'library',
    nPredict: N_PREDICT,
  });
  long = await startOpenAIServer({ modelPath: MODEL_PATH });
  noCors = await startOpenAIServer({ modelPath: MODEL_PATH, cors: false });
  keyed = await startOpenAIServer({
    modelPath: MODEL_PATH,
    apiKey: KEY,
    ownedBy: 'vllm',
    nPredict: N_PREDICT,
  });
});

test.afterAll(async () => {
  await Promise.all([open?.close(), long?.close(), noCors?.close(), keyed?.close()]);
});

/** Adds the test server's model through "Add a custom model". */
async function addRemote(page: Page, url: string, key = '', remember = false): Promise<void> {
  await page.getByText('Add a custom model').click();
  await page.getByLabel(/A model on an OpenAI-compatible server/).check();
  await page.getByTestId('remote-url').fill(url);
  if (key) await page.getByTestId('remote-key').fill(key);
  if (remember) await page.getByLabel('Remember the key in this browser').check();
  await page.getByRole('button', { name: 'List its models' }).click();
  await expect(page.getByTestId('remote-model')).toHaveValue('tiny-chat');
  await page.getByRole('button', { name: 'Add model' }).click();
  await expect(page.getByText(/Added "tiny-chat · /)).toBeVisible();
}

/** The catalog id the form gives the test server's model at `url`. */
const remoteId = (url: string) => `custom:tiny-chat-127.0.0.1-${new URL(url).port}`;

/** Picks a model in one role's picker (Team setup → role → Model). */
async function pickRoleModel(page: Page, role: string, id: string): Promise<void> {
  const fieldset: Locator = page
    .getByRole('group', { name: 'Team setup' })
    .getByRole('group', { name: role, exact: true });
  const input = fieldset.getByRole('combobox', { name: 'Model' });
  await input.click();
  await input.fill(id);
  const listbox = page.locator(`[id="${await input.getAttribute('aria-controls')}"]`);
  await listbox.locator(`[role="option"][data-model-id="${id}"]`).first().click();
  await expect(input).toHaveAttribute('data-model-id', id);
}

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('a mixed team runs: an in-tab reasoner on wllama, critic and answerer on a remote server', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openCompare(page);
  await addRemote(page, open.url);
  const id = remoteId(open.url);
  await expect(page.getByRole('combobox', { name: 'Solo model (all roles)' })).toBeVisible();
  await pickModel(page, id, 'Solo model (all roles)');
  await page
    .getByRole('group', { name: 'Team setup' })
    .getByText(/^Roles \(/)
    .click();
  await pickRoleModel(page, 'Reasoner', TINY);
  await pickRoleModel(page, 'Critic', id);
  await pickRoleModel(page, 'Answerer', id);
  const before = open.stats.completions;
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  for (const side of ['Solo', 'Team']) {
    await expect(region(page, side).getByTestId('final-answer')).toContainText('Final answer', {
      timeout: 150_000,
    });
  }
  // Solo's one call and at least the critic's and the answerer's reached the server.
  expect(open.stats.completions - before).toBeGreaterThanOrEqual(3);
  // Every remote turn has the server's own token counts: prompt and completion above 0.
  const figures = await region(page, 'Team').getByTestId('turn-figures').allTextContents();
  expect(figures.length).toBeGreaterThanOrEqual(3);
  for (const text of figures) expect(text).toMatch(/[1-9]\d* → [1-9]\d* tok/);
});

test('a server that refuses this page (no CORS) is named, with the setting that fixes it', async ({
  page,
}) => {
  await openCompare(page);
  await page.getByText('Add a custom model').click();
  await page.getByLabel(/A model on an OpenAI-compatible server/).check();
  await page.getByTestId('remote-url').fill(noCors.url);
  await page.getByRole('button', { name: 'List its models' }).click();
  const problems = page.getByTestId('custom-model-problems');
  await expect(problems).toContainText(
    'answered, but it does not allow this page (http://127.0.0.1',
  );
  await expect(problems).toContainText('Access-Control-Allow-Origin');
  // A port nothing listens on is a different failure.
  await page.getByTestId('remote-url').fill('http://127.0.0.1:9');
  await page.getByRole('button', { name: 'List its models' }).click();
  await expect(problems).toContainText('Could not reach the server at 127.0.0.1:9: is it running');
});

test('Stop aborts the HTTP request: the server sees the connection close', async ({ page }) => {
  test.setTimeout(120_000);
  await openCompare(page);
  await addRemote(page, long.url);
  await openPlayground(page);
  await pickModel(page, remoteId(long.url));
  await setSampling(page, { maxTokens: 1500 });
  const closed = long.stats.closedEarly;
  await ask(page, 'Talk for a long time.');
  await expect(output(page)).not.toBeEmpty({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect.poll(() => long.stats.closedEarly, { timeout: 15_000 }).toBe(closed + 1);
});

test('a key reaches its server but never a copied link, an exported file or storage', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await openCompare(page);
  await addRemote(page, keyed.url, KEY);
  const id = remoteId(keyed.url);
  await pickModel(page, id, 'Solo model (all roles)');
  await pickModel(page, id, 'Team model (all roles)');
  // Nothing to download, no memory here: the plan says the model lives on its server.
  await expect(page.getByTestId('plan-summary')).toContainText('nothing to download');
  await expect(page.getByTestId('plan-summary')).toContainText('runs on remote servers');
  await expect(page.getByTestId('plan-model').first()).toContainText('none (on its server)');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  for (const side of ['Solo', 'Team']) {
    await expect(region(page, side).getByTestId('final-answer')).toContainText('Final answer', {
      timeout: 100_000,
    });
  }

  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  const decoded = decodeShareUrl(link);
  expect(decoded.ok).toBe(true);
  const json = JSON.stringify(decoded);
  expect(json).toContain(id);
  expect(json).toContain(`${keyed.url}/v1`);
  expect(json).not.toContain(KEY);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = testInfo.outputPath('experiment.json');
  await (await download).saveAs(file);
  expect(readFileSync(file, 'utf8')).not.toContain(KEY);

  const stored = await page.evaluate(async () => {
    const local = JSON.stringify({ ...localStorage });
    const dbs = await indexedDB.databases();
    const dumps: string[] = [];
    for (const info of dbs) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        dumps.push(JSON.stringify(all));
      }
      db.close();
    }
    return local + dumps.join('');
  });
  expect(stored).toContain(id); // the run and the model are there…
  expect(stored).not.toContain(KEY); // …the key is not
});
