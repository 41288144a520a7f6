import { expect, test } from '@playwright/test';
import {
  ask,
  expectModel,
  modelPicker,
  openPlayground,
  output,
  pickModel,
  pickerGroups,
} from './helpers';
import {
  TINY,
  TINY_CORRUPT,
  loadSeconds,
  loadTexts,
  readFigures,
  setSampling,
  throttle,
  tokenCounts,
  watchProgress,
} from './wllama-helpers';

/**
 * The real WebAssembly engine (wllama: llama.cpp in wasm) in its worker, on a tiny random-weights
 * GGUF model that the test build serves itself (scripts/make-tiny-gguf.mjs). The text is
 * gibberish, but every real step runs: download with progress, cache, chat template, sampling,
 * streaming, usage counts, abort.
 */

test('a software WebGPU adapter gets a CPU model by default, and the picker says how it runs', async ({
  page,
}) => {
  await openPlayground(page);
  // SwiftShader is WebGPU in name only: the default is a GGUF model, grouped as a CPU model.
  await expectModel(page, 'Qwen2.5-0.5B-Instruct-Q8_0-GGUF');
  await expect(page.getByTestId('cpu-fallback')).toContainText('CPU models work well here');
  const groups = await pickerGroups(page);
  expect(groups[0]).toBe('CPU, WebAssembly (wllama)');
  expect(groups).toContain('WebGPU (WebLLM): very slow on this software GPU');

  const details = page.getByTestId('model-details');
  await expect(details).toContainText('qwen2.5-0.5b-instruct-q8_0.gguf from huggingface.co');
  await expect(details).toContainText('≈ 676 MB');
  await expect(details).toContainText('4,096 tokens (trained for 32,768)');
  await expect(details).toContainText('CPU, WebAssembly (1 thread)');

  await pickModel(page, TINY);
  await expect(details).toContainText('tiny-chat.gguf from this site');
  await expect(modelPicker(page)).toHaveValue('Tiny random-weights test model (gibberish)');
});

test('the tiny GGUF model downloads with progress, then streams an answer with real figures', async ({
  page,
}) => {
  await watchProgress(page);
  await openPlayground(page);
  await pickModel(page, TINY);
  await expect(page.getByTestId('cached-state')).toHaveText('no');

  // ~450 KB at 150 KB/s: a three-second download whose progress bar a person would see.
  await throttle(page, 150_000);
  await ask(page, 'Where is the Eiffel Tower?');
  const bar = page.getByRole('progressbar', { name: 'Loading progress' });
  await expect(bar).toBeVisible();
  await expect(page.locator('.load-status')).toContainText('Downloading');
  await expect(page.locator('.load-status')).toContainText(/\d+ KB of 439 KB/);
  await expect(page.getByTestId('loaded-state')).toContainText(`Loaded ${TINY} in`, {
    timeout: 30_000,
  });
  await throttle(page, null);

  // The default settings (seed 42, max 512 tokens) run this model to the max-tokens limit.
  await expect(page.getByText('Stopped at the max-tokens limit.')).toBeVisible({ timeout: 30_000 });
  const figures = await readFigures(page);
  expect(figures.streamed).toBe(512);
  expect(figures.completionTokens).toBe(figures.streamed);
  // System prompt and question in the GGUF's ChatML template: far more than the raw words.
  expect(figures.promptTokens).toBeGreaterThan(20);
  await expect(page.locator('[data-figure="context"]')).toContainText('/ 2048');
  expect(((await output(page).textContent()) ?? '').trim().length).toBeGreaterThan(100);

  // The download went through its phases, with bytes, and the answer arrived in many steps.
  const texts = await loadTexts(page);
  expect(texts.some((t) => /^Downloading \d+% \d+ KB of 439 KB/.test(t))).toBe(true);
  expect(texts.some((t) => t.startsWith('Initialising'))).toBe(true);
  const counts = await tokenCounts(page);
  expect(counts.length).toBeGreaterThan(5);
  expect(counts).toEqual([...counts].sort((a, b) => a - b));

  const seconds = await loadSeconds(page);
  console.log(
    `[wllama tiny model] first load (throttled download) ${seconds} s; ` +
      `${figures.completionTokens} tokens, prompt ${figures.promptTokens}, ` +
      `first token ${figures.ttft}, decode ${figures.decodeRate}`,
  );
});

test('Stop ends a long generation mid-stream and keeps what streamed', async ({ page }) => {
  await watchProgress(page);
  await openPlayground(page);
  await pickModel(page, TINY);
  // Greedy decoding never picks the end token on this model: it runs to max tokens (~10 s).
  await setSampling(page, { temperature: 0, maxTokens: 1900 });
  await ask(page, 'Write a long story.');
  await expect
    .poll(async () => Number(await output(page).getAttribute('data-tokens')))
    .toBeGreaterThan(50);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText(/Stopped after \d+ tokens/)).toBeVisible();

  const figures = await readFigures(page);
  expect(figures.streamed).toBeGreaterThan(50);
  expect(figures.streamed).toBeLessThan(1900);
  expect(figures.completionTokens).toBe(figures.streamed);
  // Nothing more arrives after the stop, and the model is still loaded for the next question.
  const partial = await output(page).textContent();
  await page.waitForTimeout(500);
  expect(await output(page).textContent()).toBe(partial);
  await setSampling(page, { temperature: 0.7, maxTokens: 16 });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByText('Stopped at the max-tokens limit.')).toBeVisible();
  expect((await readFigures(page)).completionTokens).toBe(16);
});

test('a second load reads the model from the browser cache', async ({ page }) => {
  await watchProgress(page);
  await openPlayground(page);
  await pickModel(page, TINY);
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('loaded-state')).toContainText(`Loaded ${TINY} in`);
  await expect(page.getByTestId('loaded-state')).not.toContainText('from cache');
  const first = await loadSeconds(page);

  // Opening the page again drops the model from memory; its file stays in the origin's storage.
  await openPlayground(page);
  await expectModel(page, TINY);
  await expect(page.getByTestId('cached-state')).toHaveText('yes, loads without downloading');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('loaded-state')).toContainText(`Loaded ${TINY} from cache in`);
  const second = await loadSeconds(page);
  expect(await loadTexts(page)).not.toContainEqual(expect.stringMatching(/^Downloading/));

  await setSampling(page, { maxTokens: 16 });
  await ask(page, 'Hello');
  await expect(page.getByText('Stopped at the max-tokens limit.')).toBeVisible();
  const figures = await readFigures(page);
  expect([figures.completionTokens, figures.streamed]).toEqual([16, 16]);
  console.log(
    `[wllama tiny model] load ${first} s from the network, ${second} s from the cache; ` +
      `decode ${figures.decodeRate}`,
  );

  // And it can be deleted from the cache.
  await page.getByRole('button', { name: 'Delete from cache' }).click();
  await expect(page.getByTestId('cached-state')).toHaveText('no');
});

test('a corrupt GGUF file fails with a clear load error, and is not kept in the cache', async ({
  page,
}) => {
  await openPlayground(page);
  await pickModel(page, TINY_CORRUPT);
  await page.getByRole('button', { name: 'Load model' }).click();
  const error = page.locator('[data-error-name="ModelLoadError"]');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toContainText('The model could not be loaded');
  await expect(error).toContainText('Could not load tiny-chat-corrupt.gguf');
  await expect(error).toContainText('not a usable GGUF model');
  await expect(page.getByTestId('loaded-state')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Load model' })).toBeEnabled();

  // The page stays usable: the good tiny model loads and answers in the same tab.
  await pickModel(page, TINY);
  await setSampling(page, { maxTokens: 8 });
  await ask(page, 'Hello');
  expect((await readFigures(page)).completionTokens).toBe(8);
  await pickModel(page, TINY_CORRUPT);
  await expect(page.getByTestId('cached-state')).toHaveText('no');
});
