import { expect, test } from '@playwright/test';
import { ask, expectModel, openPlayground, output, pickModel, pickerGroups } from './helpers';
import { TINY, loadSeconds, readFigures } from './wllama-helpers';

/**
 * Runs in the no-webgpu project (browser without WebGPU): the playground offers the CPU models
 * instead of a dead end, and a real model runs on the WebAssembly engine.
 */
test('without WebGPU, a CPU model is offered by default and the tiny GGUF model runs', async ({
  page,
}) => {
  await openPlayground(page);
  const notice = page.getByRole('alert').filter({ hasText: 'WebGPU is not available' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('The CPU models still work here');

  // The default is a CPU model that can load; the GPU models are still listed, marked unusable.
  await expectModel(page, 'Qwen2.5-0.5B-Instruct-Q8_0-GGUF');
  await expect(page.getByRole('button', { name: 'Load model' })).toBeEnabled();
  await expect(page.getByText('This model needs WebGPU.')).toHaveCount(0);
  const groups = await pickerGroups(page);
  expect(groups[0]).toBe('CPU, WebAssembly (wllama)');
  expect(groups).toContain('WebGPU (WebLLM): needs WebGPU, not available here');

  await pickModel(page, TINY);
  await ask(page, 'Where is the Eiffel Tower?');
  await expect(page.getByTestId('loaded-state')).toContainText(`Loaded ${TINY} in`, {
    timeout: 30_000,
  });
  const figures = await readFigures(page);
  expect(figures.completionTokens).toBe(figures.streamed);
  expect(figures.promptTokens).toBeGreaterThan(20);
  expect(((await output(page).textContent()) ?? '').trim()).not.toBe('');
  console.log(
    `[wllama tiny model, no WebGPU] load ${await loadSeconds(page)} s; ` +
      `${figures.completionTokens} tokens, decode ${figures.decodeRate}`,
  );

  // A GPU model next to it still explains itself.
  await pickModel(page, 'Qwen2.5-0.5B-Instruct');
  await expect(page.getByText('This model needs WebGPU.')).toBeVisible();
});
