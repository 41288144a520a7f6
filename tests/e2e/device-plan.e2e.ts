/**
 * The plan against the device (issue 17): a phone gets a clear warning with a smaller model to
 * try; the RAM the browser reports, or "unknown"; and the choice to run a GGUF model on WebGPU,
 * offered only on a hardware adapter (these machines have SwiftShader, so one test pretends).
 */
import { expect, test, type Page } from '@playwright/test';
import { openCompare, pickModel } from './helpers';

const SOLO = 'Solo model (all roles)';
const TEAM = 'Team model (all roles)';

/** Makes `navigator` report this device before any page script runs. */
async function pretendDevice(
  page: Page,
  device: { deviceMemory: number | null; mobile: boolean },
): Promise<void> {
  await page.addInitScript((d) => {
    Object.defineProperty(Navigator.prototype, 'deviceMemory', {
      get: () => (d.deviceMemory === null ? undefined : d.deviceMemory),
      configurable: true,
    });
    if (d.deviceMemory === null)
      delete (Navigator.prototype as { deviceMemory?: number }).deviceMemory;
    Object.defineProperty(Navigator.prototype, 'userAgentData', {
      get: () => ({ mobile: d.mobile, brands: [], platform: 'Android' }),
      configurable: true,
    });
  }, device);
}

/** Both sides on one catalog model. */
async function useModel(page: Page, id: string): Promise<void> {
  await pickModel(page, id, SOLO);
  await pickModel(page, id, TEAM);
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a large model gets a clear warning that names the smallest catalog model', async ({
    page,
  }) => {
    await pretendDevice(page, { deviceMemory: 2, mobile: true });
    await openCompare(page);
    await useModel(page, 'Qwen3-1.7B-Q4_K_M-GGUF');

    const warning = page.getByTestId('device-warning');
    await expect(warning).toContainText('This looks like a phone');
    await expect(warning).toContainText('reports 2 GB of RAM');
    await expect(warning).toContainText('Try SmolLM2-135M-Instruct (Q8_0) on the CPU');
    // The RAM check uses what the browser reported: half of 2 GB.
    const verdict = page.getByTestId('memory-verdict');
    await expect(verdict).toContainText('more than the ~1.0 GB for models here');
    await expect(verdict).toContainText("the device's RAM is about 2 GB");

    // The suggested model is small enough: the warning goes.
    await useModel(page, 'SmolLM2-135M-Instruct-Q8_0-GGUF');
    await expect(warning).toHaveCount(0);
  });
});

test('a browser that does not report RAM gets "unknown", not a guess', async ({ page }) => {
  await pretendDevice(page, { deviceMemory: null, mobile: false });
  await openCompare(page);
  await useModel(page, 'Qwen3-1.7B-Q4_K_M-GGUF');
  await expect(page.getByTestId('memory-verdict')).toContainText(
    "the device's RAM is unknown (this browser does not report it)",
  );
  await expect(page.getByTestId('device-warning')).toHaveCount(0);
});

test('on a software adapter, "Run on: GPU" cannot be chosen, and one line says why', async ({
  page,
}) => {
  await openCompare(page);
  await pickModel(page, 'SmolLM2-135M-Instruct-Q8_0-GGUF', SOLO);
  const runOn = page.locator('#solo-model-device');
  await expect(runOn).toBeDisabled();
  await expect(runOn).toHaveValue('cpu');
  await expect(page.locator('#solo-model-device-why')).toHaveText(
    /software adapter \(swiftshader\), slower than the CPU/,
  );
});

test('with a hardware adapter, a GGUF model can run on WebGPU: a load of its own in the plan', async ({
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem('playground:test-pretend-gpu', 'hardware'));
  await openCompare(page);
  await useModel(page, 'SmolLM2-135M-Instruct-Q8_0-GGUF');
  const soloRunOn = page.locator('#solo-model-device');
  await expect(soloRunOn).toBeEnabled();
  await soloRunOn.selectOption('gpu');
  await expect(soloRunOn).toHaveValue('gpu');

  // Solo on the GPU, the Team on the CPU: the same file, two loads.
  const rows = page.getByTestId('plan-model');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('SmolLM2-135M-Instruct-Q8_0-GGUF on WebGPU');
  await expect(rows.nth(1)).not.toContainText('on WebGPU');
  await expect(page.getByTestId('memory-verdict')).toContainText('of GPU memory');
  await expect(page.getByTestId('plan-summary')).toContainText('GPU memory ≈');

  // Picking another GGUF model keeps the choice; the link carries it.
  await pickModel(page, 'SmolLM2-360M-Instruct-Q8_0-GGUF', SOLO);
  await expect(soloRunOn).toHaveValue('gpu');
});
