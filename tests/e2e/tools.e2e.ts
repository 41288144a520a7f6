/**
 * Agents with tools in the built site: a reasoner with the calculator on a GSM8K item, its call
 * shown as a card and kept in the history; a custom JavaScript tool that arrives in a share link,
 * shown for the user to read and allow, then run in the sandbox. The models are scripted (their
 * replies depend on what they are sent); the tools, their sandboxes and the tool loop are real.
 */
import { expect, test, type Page } from '@playwright/test';
import { encodeShareFragment } from '../../src/lib/share/codec';
import { makeEnvelope } from '../../src/lib/share/schema';
import { defaultExperiment } from '../../src/lib/team/presets';
import { openCompare, pickModel } from './helpers';
import { openFirstRun, openView } from './views';

const QUESTION =
  'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?';

const call = (name: string, args: object) =>
  `<tool_call>\n${JSON.stringify({ name, arguments: args })}\n</tool_call>`;

/** A scripted model that calls a tool when its system prompt declares tools. */
async function scriptedToolModel(page: Page, toolCall: string, afterTool: string) {
  await page.addInitScript(
    (value) => localStorage.setItem('playground:scripted-overrides', value),
    JSON.stringify({
      'scripted-tools': {
        tokensPerSecond: 0,
        loadMs: 0,
        rules: [
          { match: 'tool_response', reply: afterTool },
          { match: '# Tools', reply: toolCall },
          { match: 'You are the Critic', reply: '{"verdict":"accept","feedback":""}' },
          { match: 'You are the Answerer', reply: '72' },
          { reply: 'Half of 48 is 24, so 48 + 20 = 68.\nAnswer: 68' },
        ],
      },
    }),
  );
}

const side = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('a reasoner with the calculator: its call is a card, its answer right, and the history keeps it', async ({
  page,
}) => {
  await scriptedToolModel(
    page,
    call('calculator', { expression: '48 + 48 / 2' }),
    'Steps:\n1. April 48, May 48 / 2 = 24; together 72 (calculator).\nConclusion: 72',
  );
  await openCompare(page);
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(QUESTION);
  await pickModel(page, 'scripted-tools', 'Solo model (all roles)');
  await pickModel(page, 'scripted-tools', 'Team model (all roles)');
  const team = page.getByRole('group', { name: 'Team setup', exact: true });
  await team.getByText(/^Roles \(/).click();
  const reasoner = team.getByRole('group', { name: 'Reasoner', exact: true });
  await reasoner.getByRole('checkbox', { name: 'Calculator' }).check();
  await expect(reasoner.getByLabel(/Tool steps/)).toHaveValue('4');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const teamRun = side(page, 'Team');
  await expect(teamRun.getByTestId('final-answer')).toContainText('72', { timeout: 30_000 });
  await expect(side(page, 'Solo').getByTestId('final-answer')).toContainText('68');
  const card = teamRun.getByTestId('tool-call');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-tool', 'calculator');
  await expect(card.getByTestId('tool-arguments')).toContainText('"expression": "48 + 48 / 2"');
  await expect(card.getByTestId('tool-result')).toHaveText('72');
  await expect(
    teamRun.getByRole('article', { name: /Reasoner · draft · tool step 1/ }),
  ).toBeVisible();

  // Kept: the run in the history shows the same card after a reload.
  await page.reload();
  await openFirstRun(page);
  await expect(page.getByTestId('run-detail').getByTestId('tool-result')).toHaveText('72');
});

test('a custom JavaScript tool from a share link is shown to be read and allowed, then runs in the sandbox', async ({
  page,
}) => {
  await scriptedToolModel(
    page,
    call('get_weather', { city: 'Oslo' }),
    'It is 12 degrees in Oslo.\nAnswer: 12',
  );
  const experiment = defaultExperiment({ engine: 'scripted', modelId: 'scripted-tools' });
  experiment.question = 'How warm is it in Oslo?';
  experiment.solo.roles[0]!.tools = {
    builtIn: [],
    custom: [
      {
        name: 'get_weather',
        description: 'Weather in a city.',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
        reply: {
          kind: 'javascript',
          body: 'return { city: args.city, celsius: args.city.length * 3, fetch: typeof fetch };',
        },
      },
    ],
    maxSteps: 2,
  };
  await page.goto(`/${encodeShareFragment(makeEnvelope(experiment))}`);
  const dialog = page.getByRole('dialog', { name: 'This link holds an experiment' });
  const code = dialog.getByTestId('share-code-tools');
  await expect(code).toContainText('get_weather');
  await expect(code).toContainText('return { city: args.city');
  const use = dialog.getByRole('button', { name: 'Use this experiment' });
  await expect(use).toBeDisabled();
  await code.getByRole('checkbox', { name: /I have read get_weather/ }).check();
  await use.click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const solo = side(page, 'Solo');
  await expect(solo.getByTestId('final-answer')).toContainText('12', { timeout: 30_000 });
  // The body ran in QuickJS: it computed from its arguments and found no fetch there.
  await expect(solo.getByTestId('tool-result')).toHaveText(
    'Value: {"city":"Oslo","celsius":12,"fetch":"undefined"}',
  );
});

test('a batch with a tool-using team reports its tool use', async ({ page }) => {
  await scriptedToolModel(
    page,
    call('calculator', { expression: '48 + 48 / 2' }),
    'Steps:\n1. 48 + 24 = 72 (calculator).\nConclusion: 72',
  );
  await openCompare(page);
  await pickModel(page, 'scripted-tools', 'Solo model (all roles)');
  await pickModel(page, 'scripted-tools', 'Team model (all roles)');
  const team = page.getByRole('group', { name: 'Team setup', exact: true });
  await team.getByText(/^Roles \(/).click();
  await team
    .getByRole('group', { name: 'Reasoner', exact: true })
    .getByRole('checkbox', { name: 'Calculator' })
    .check();

  await openView(page, 'Benchmark');
  await page.getByLabel('Multi-hop questions (20)').check();
  await page.getByLabel('Items to run').fill('2');
  await page.getByRole('button', { name: /^Run batch \(/ }).click();
  await expect(page.getByTestId('batch-status')).toHaveText('done', { timeout: 60_000 });
  const use = page.getByTestId('tool-use');
  await expect(use.locator('tbody tr')).toHaveCount(1);
  await expect(use.locator('[data-field="tool-steps"]')).toHaveText('2');
  await expect(use.locator('[data-field="tool-calls"]')).toHaveText('1');
  await expect(use.locator('[data-field="valid-calls"]')).toHaveText('100.0%');
  await expect(use.locator('[data-field="calls-ran"]')).toHaveText('100.0%');
});

test('a math set with and without the calculator: one click adds Solo + calculator beside Solo', async ({
  page,
}) => {
  await scriptedToolModel(
    page,
    call('calculator', { expression: '48 + 48 / 2' }),
    'The calculator says 72.\nAnswer: 72',
  );
  await openCompare(page);
  await pickModel(page, 'scripted-tools', 'Solo model (all roles)');
  await pickModel(page, 'scripted-tools', 'Team model (all roles)');
  await openView(page, 'Benchmark');
  await page.getByLabel('Grade-school math (20)').check();
  await page.getByRole('button', { name: 'Add Solo + calculator' }).click();
  await expect(page.getByTestId('batch-config')).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Add Solo + calculator' })).toHaveCount(0);
  await page.getByLabel('Items to run').fill('2');
  await page.getByRole('button', { name: /^Run batch \(/ }).click();
  await expect(page.getByTestId('batch-status')).toHaveText('done', { timeout: 60_000 });
  // Only the variant used tools: one call per item, each valid and run.
  const use = page.getByTestId('tool-use');
  await expect(use.locator('tbody tr')).toHaveCount(1);
  await expect(use.locator('tbody th')).toHaveText(/^Team 2\s*Solo \+ calculator$/);
  await expect(use.locator('[data-field="tool-calls"]')).toHaveText('1');
  await expect(use.locator('[data-field="calls-ran"]')).toHaveText('100.0%');
});

test('the Tool agent preset: its agent calls the calculator and answers, one card per call', async ({
  page,
}) => {
  await scriptedToolModel(
    page,
    call('calculator', { expression: '48 + 48 / 2' }),
    'April and May together: 72.\nAnswer: 72',
  );
  await openCompare(page);
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(QUESTION);
  await pickModel(page, 'scripted-tools', 'Solo model (all roles)');
  const team = page.getByRole('group', { name: 'Team setup', exact: true });
  await team.getByLabel('Protocol').selectOption({ label: 'Tool agent' });
  await pickModel(page, 'scripted-tools', 'Team model (all roles)');
  await team.getByText(/^Roles \(/).click();
  const agent = team.getByRole('group', { name: 'Agent', exact: true });
  await expect(agent.getByRole('checkbox', { name: 'Calculator' })).toBeChecked();
  await expect(agent.getByLabel(/Tool steps/)).toHaveValue('6');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const teamPanel = side(page, 'Team');
  await expect(teamPanel.getByTestId('final-answer')).toContainText('72', { timeout: 30_000 });
  await expect(teamPanel.getByTestId('tool-result')).toHaveText('72');
});
