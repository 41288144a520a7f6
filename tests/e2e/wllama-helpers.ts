import { expect, type Page } from '@playwright/test';
import { output } from './helpers';

/** The tiny random-weights GGUF model of the test build, and its cut-short twin. */
export const TINY = 'tiny-random-GGUF';
export const TINY_CORRUPT = 'tiny-corrupt-GGUF';

declare global {
  interface Window {
    /** Every text the load status showed, in order (recorded by watchProgress). */
    __loadTexts?: string[];
    /** Every distinct streamed-token count the answer showed, in order. */
    __tokenCounts?: number[];
  }
}

/**
 * Records, from the page's first script on, every text the load status shows and every token
 * count the answer shows. The tiny model loads and streams fast; a recording does not miss a
 * step the way polling can.
 */
export async function watchProgress(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__loadTexts = [];
    window.__tokenCounts = [];
    new MutationObserver(() => {
      const status = document.querySelector('.load-status');
      const text = status?.textContent?.replace(/\s+/g, ' ').trim();
      if (text && window.__loadTexts!.at(-1) !== text) window.__loadTexts!.push(text);
      const tokens = Number(
        document.querySelector('[data-testid="output"]')?.getAttribute('data-tokens') ?? 0,
      );
      if (tokens && window.__tokenCounts!.at(-1) !== tokens) window.__tokenCounts!.push(tokens);
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

export const loadTexts = (page: Page) => page.evaluate(() => window.__loadTexts ?? []);
export const tokenCounts = (page: Page) => page.evaluate(() => window.__tokenCounts ?? []);

/**
 * Slows the page's network (its workers' fetches included) so the download takes a few seconds
 * and its progress bar can be seen; `null` lifts the limit.
 */
export async function throttle(page: Page, bytesPerSecond: number | null): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: bytesPerSecond ?? -1,
    uploadThroughput: -1,
  });
}

/** Opens Settings and sets sampling values (then closes it again). */
export async function setSampling(
  page: Page,
  values: { temperature?: number; maxTokens?: number; seed?: number },
): Promise<void> {
  await page.getByText('Settings', { exact: true }).click();
  if (values.temperature !== undefined)
    await page.getByLabel('Temperature').fill(String(values.temperature));
  if (values.maxTokens !== undefined)
    await page.getByLabel('Max tokens').fill(String(values.maxTokens));
  if (values.seed !== undefined) await page.getByLabel('Seed').fill(String(values.seed));
  await page.getByText('Settings', { exact: true }).click();
}

export interface Figures {
  promptTokens: number;
  completionTokens: number;
  streamed: number;
  decodeRate: string;
  ttft: string;
}

/** Waits for a finished call's figures and reads them with the streamed-token count. */
export async function readFigures(page: Page): Promise<Figures> {
  const completion = page.locator('[data-figure="completion-tokens"]');
  await expect(completion).toHaveText(/^\d+$/, { timeout: 60_000 });
  return {
    promptTokens: Number(await page.locator('[data-figure="prompt-tokens"]').textContent()),
    completionTokens: Number(await completion.textContent()),
    streamed: Number(await output(page).getAttribute('data-tokens')),
    decodeRate: (await page.locator('[data-figure="decode-rate"]').textContent()) ?? '',
    ttft: (await page.locator('[data-figure="ttft"]').textContent()) ?? '',
  };
}

/** The seconds in "Loaded … in 1.2 s." */
export async function loadSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('loaded-state').textContent()) ?? '';
  return Number(/\bin\s+([\d.]+)\s*s\b/.exec(text)?.[1] ?? NaN);
}
