import { expect, test } from '@playwright/test';
import { expectModel, modelPicker, openCompare, pickerGroups, pickerListbox } from './helpers';

/** Runs in the no-webgpu project: GPU models stay listed, marked, and cannot be chosen. */
test('without WebGPU, GPU models are listed with why they cannot run, and cannot be chosen', async ({
  page,
}) => {
  await openCompare(page);
  const label = 'Solo model (all roles)';
  const groups = await pickerGroups(page, label);
  expect(groups[0]).toBe('CPU, WebAssembly (wllama)');
  expect(groups).toContain('WebGPU (WebLLM): needs WebGPU, not available here');
  // The notice sends people to a group the picker has.
  const notice = (await page.getByTestId('cpu-fallback').textContent()) ?? '';
  expect(groups).toContain(/“([^”]+)”/.exec(notice.replace(/\s+/g, ' '))?.[1]);

  const input = modelPicker(page, label);
  const before = await input.getAttribute('data-model-id');
  await input.click();
  await input.fill('Qwen2.5-0.5B-Instruct');
  const gpuModel = (await pickerListbox(page, label)).locator(
    '[role="option"][data-model-id="Qwen2.5-0.5B-Instruct"]',
  );
  await expect(gpuModel).toHaveAttribute('aria-disabled', 'true');
  await expect(gpuModel).toContainText('Cannot run here: it needs WebGPU');
  // Playwright will not click an aria-disabled option; a person can.
  await gpuModel.click({ force: true });
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  await input.press('Escape');
  await expectModel(page, before!, label);
});
