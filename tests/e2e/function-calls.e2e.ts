/**
 * The function-calling set in the Benchmark tab: each item offers its functions, the side's
 * final answer is its calls, scored by BFCL's rules. With scripted models the scores and the
 * reasons are checked; with the real wllama engine on the tiny random-weights GGUF, the grammar
 * makes every answer's calls valid, whatever the random weights would write.
 */
import { expect, test, type Page } from '@playwright/test';
import { openCompare, pickModel } from './helpers';
import { openView } from './views';
import { TINY } from './wllama-helpers';

const call = (name: string, args: object) =>
  `<tool_call>\n${JSON.stringify({ name, arguments: args })}\n</tool_call>`;

async function runFunctionCalls(page: Page, items: number): Promise<void> {
  await openView(page, 'Benchmark');
  await page.getByLabel('Function calling (40)').check();
  await expect(page.getByText(/40 function-calling/).first()).toBeVisible();
  await page.getByLabel('Items to run').fill(String(items));
  await page.getByRole('button', { name: /^Run batch \(/ }).click();
}

test('scripted: right calls, a wrong argument and words are scored, with the reason shown', async ({
  page,
}) => {
  await page.addInitScript(
    (value) => localStorage.setItem('playground:scripted-overrides', value),
    JSON.stringify({
      'scripted-calls': {
        tokensPerSecond: 0,
        loadMs: 0,
        rules: [
          // simple-1 right; simple-2 with a wrong amount; anything else in words.
          { match: 'weather in Lisbon', reply: call('get_weather', { city: 'Lisbon' }) },
          {
            match: 'Convert 250 euros',
            reply: call('convert_currency', { amount: 25, from: 'EUR', to: 'USD' }),
          },
          { reply: 'Answer: I cannot tell.' },
        ],
      },
    }),
  );
  await openCompare(page);
  await pickModel(page, 'scripted-calls', 'Solo model (all roles)');
  await pickModel(page, 'scripted-calls', 'Team model (all roles)');
  await runFunctionCalls(page, 2);
  await expect(page.getByTestId('batch-status')).toHaveText('done', { timeout: 60_000 });
  const table = page.getByTestId('function-calls');
  const solo = table.locator('tr[data-config="solo"]');
  await expect(solo.locator('[data-field="fc-items"]')).toHaveText('2');
  await expect(solo.locator('[data-field="fc-valid"]')).toHaveText('100.0%');
  await expect(solo.locator('[data-field="fc-correct"]')).toHaveText('50.0%');
  await page.locator('#batch-item-1').getByRole('button', { name: 'Details' }).click();
  const detail = page.getByTestId('item-detail');
  await expect(detail).toContainText('expects convert_currency(amount=250, from="EUR", to="USD")');
  await expect(detail.getByText('convert_currency: amount is 25').first()).toBeVisible();
});

test("the tiny GGUF model on the real engine: under the grammar every answer's calls are valid", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openCompare(page);
  await pickModel(page, TINY, 'Solo model (all roles)');
  await pickModel(page, TINY, 'Team model (all roles)');
  await runFunctionCalls(page, 4);
  await expect(page.getByTestId('batch-status')).toHaveText('done', { timeout: 240_000 });
  const table = page.getByTestId('function-calls');
  const solo = table.locator('tr[data-config="solo"]');
  await expect(solo.locator('[data-field="fc-items"]')).toHaveText('4');
  await expect(solo.locator('[data-field="fc-valid"]')).toHaveText('100.0%');
  // The team's answerer writes under the same grammar; a team item may instead fail when the
  // random reasoning outgrows the tiny model's 2,048-token window (its tokenizer spends more
  // tokens per character than the budget's estimate), which the item says.
  await expect(table.locator('tr[data-config="team"] [data-field="fc-items"]')).toHaveText('4');
  for (let i = 0; i < 4; i++)
    await page.locator(`#batch-item-${i}`).getByRole('button', { name: 'Details' }).click();
  for (const detail of await page.getByTestId('item-detail').all()) {
    const text = await detail.innerText();
    const team = text.slice(text.indexOf('\nTeam '));
    expect(team, text).toMatch(/Calls valid\s+yes|too long for tiny-random-GGUF's context window/);
  }
});
