import { expect, test } from '@playwright/test';
import { modelPicker, openCompare, openPlayground, pickModel, pickerListbox } from './helpers';

test('first load lists the catalog with sizes, memory and context', async ({ page }) => {
  await openPlayground(page);
  await modelPicker(page).click();
  const listbox = await pickerListbox(page);
  const names = await listbox.locator('[role="option"] .name').allTextContents();
  expect(names.length).toBeGreaterThan(15);
  expect(names).toContain('Qwen2.5-0.5B-Instruct');
  expect(names).toContain('SmolLM2-360M-Instruct');
  await modelPicker(page).press('Escape');

  await pickModel(page, 'Qwen2.5-0.5B-Instruct');
  const details = page.getByTestId('model-details');
  await expect(details).toContainText('Download');
  await expect(details).toContainText('≈ 286 MB');
  await expect(details).toContainText('4,096 tokens');
  // SwiftShader has no shader-f16: the 32-bit build is picked, and the page says why.
  await expect(details).toContainText('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
  await expect(details).toContainText(/lacks shader-f16/);
  await expect(page.getByTestId('cached-state')).toHaveText('no');
});

test('a software WebGPU adapter is named as such, not passed off as a GPU', async ({ page }) => {
  await openPlayground(page);
  await expect(page.getByRole('alert').filter({ hasText: 'runs on the CPU' })).toBeVisible();
});

test('the plan warns when a GPU model is picked on a software adapter and names a CPU model', async ({
  page,
}) => {
  await openCompare(page);
  await pickModel(page, 'Qwen2.5-0.5B-Instruct', 'Solo model (all roles)');
  const warning = page.getByTestId('plan-gpu-warning');
  await expect(warning).toContainText("This browser's WebGPU runs on the CPU");
  await expect(warning).toContainText('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
  await expect(warning).toContainText('Use a CPU model');
  await pickModel(page, 'SmolLM2-135M-Instruct-Q8_0-GGUF', 'Solo model (all roles)');
  await pickModel(page, 'SmolLM2-135M-Instruct-Q8_0-GGUF', 'Team model (all roles)');
  await expect(warning).toHaveCount(0);
});
