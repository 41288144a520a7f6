import { beforeAll, describe, expect, test } from 'vitest';
import { codeSet, shippedSets, webAppSet } from '../eval/sets';
import type { EvalItem, EvalSet } from '../eval/types';
import { programRunner, type ProgramRunner } from '../software/run-program';
import { definitionOf } from '../software/software-item';
import type { CheckReport } from '../software/web-app/checker';
import { MemoryBatchStore } from '../storage/batch-store';
import type { BatchItemRecord, BatchRecord } from '../storage/batch-records';
import { softwareSoloSide, softwareTeamSide } from '../team/presets';
import { testBatch } from '../testing/batch-fixtures';
import { inProcessSandbox } from '../testing/in-process-sandbox';
import { createScriptedTeamChat, fastScript, scriptedModel } from '../testing/scripted-chat';
import { batchToCsv, batchToJson } from './export';
import { parseResultsFile } from './results-schema';
import { runBatch } from './runner';
import { summarize } from './summary';

const todo = webAppSet.items[0]!;
const vowels = codeSet.items.find(
  (i) => i.software?.kind === 'function' && i.id === 'Playground/0',
)!;
const title = codeSet.items.find((i) => i.id === 'Playground/5')!;
const set: EvalSet = { ...codeSet, items: [todo, vowels, title] };

const APP = (marker: string) =>
  '```html\n<!doctype html><title>My Tasks</title>' + marker + '\n```';
const RIGHT_VOWELS =
  "```python\ndef count_vowels(text):\n    return sum(c in 'aeiou' for c in text.lower())\n```";
/** Fits the docstring's example and nothing else: passes the visible run, fails the hidden tests. */
const FITTED_VOWELS = '```python\ndef count_vowels(text):\n    return 3\n```';
const WRONG_TITLE = '```javascript\nfunction titleCase(text) {\n  return text;\n}\n```';

/** Web apps cannot run in Node: a checker double that passes apps whose Delete works. */
function webRunner(): ProgramRunner {
  const check = (program: string): CheckReport => {
    const works = program.includes('delete works');
    return {
      met: works ? 5 : 4,
      total: 5,
      ms: 1,
      results: [
        { id: 'title', text: 'Shows the title.', met: true, reason: 'Met.' },
        { id: 'add', text: 'Adds.', met: true, reason: 'Met.' },
        { id: 'check', text: 'Checks.', met: true, reason: 'Met.' },
        { id: 'edit', text: 'Edits.', met: true, reason: 'Met.' },
        { id: 'delete', text: 'Deletes.', met: works, reason: works ? 'Met.' : 'still listed' },
      ],
    };
  };
  return {
    runVisible: async (program) => ({
      passed: check(program).met === 5,
      report: check(program).met === 5 ? 'All met.' : 'FAIL: Deletes. — still listed',
    }),
    score: async (program) => ({
      kind: 'web-app',
      passed: check(program).met === 5,
      check: check(program),
    }),
  };
}

const sandbox = inProcessSandbox();
const runnerFor = (item: EvalItem): ProgramRunner =>
  item.software?.kind === 'function'
    ? programRunner(definitionOf(item.software), { sandbox })
    : webRunner();

let batch: BatchRecord;
let rows: BatchItemRecord[];
const testerSaw: string[] = [];

beforeAll(async () => {
  const { chat, calls } = await createScriptedTeamChat({
    // Solo: a broken to-do app, a program fitted to the example, a wrong titleCase.
    'scripted-solo': fastScript([
      { match: 'count_vowels', reply: FITTED_VOWELS },
      { match: 'titleCase', reply: WRONG_TITLE },
      { match: 'My Tasks', reply: APP('delete does nothing') },
    ]),
    // The team: the programmer's first program fails its visible run, the tester reports it,
    // and the fix passes (except count_vowels: right from the start).
    'scripted-team': fastScript([
      { match: 'You are the Designer', reply: '1. Do what the task says.' },
      { match: 'You are the Code Reviewer', reply: '{"verdict":"accept","feedback":""}' },
      { match: 'You are the Tester', reply: 'The run failed; fix what it names.' },
      { match: 'The tester said', reply: 'FIX' },
      { match: 'count_vowels', reply: RIGHT_VOWELS },
      { match: 'titleCase', reply: WRONG_TITLE },
      { match: 'My Tasks', reply: APP('delete does nothing') },
    ]),
  });
  batch = testBatch(
    [
      { id: 'solo', label: 'Solo', side: softwareSoloSide(scriptedModel('scripted-solo')) },
      {
        id: 'team',
        label: 'Software team',
        side: softwareTeamSide(scriptedModel('scripted-team')),
      },
    ],
    set,
  );
  const store = new MemoryBatchStore();
  const end = await runBatch(batch, [], {
    chat,
    store,
    signal: new AbortController().signal,
    softwareRunner: runnerFor,
  });
  expect(end).toEqual({ status: 'done' });
  rows = (await store.itemsOf(batch.id)).sort((a, b) => a.index - b.index);
  for (const call of calls)
    if (String(call.request.messages[0]?.content).startsWith('You are the Tester'))
      testerSaw.push(String(call.request.messages.at(-1)?.content));
}, 120_000);

describe('a software batch', () => {
  test('the shipped sets list the ten web apps and six functions', () => {
    expect(shippedSets).toContain(webAppSet);
    expect(webAppSet.items).toHaveLength(10);
    expect(codeSet.items.map((i) => i.kind)).toEqual(Array(6).fill('code'));
    expect(todo.question).toContain('titled "My Tasks"');
  });

  test('Solo is scored by running its programs: the hidden tests catch the fitted one', () => {
    const solo = rows.map((r) => r.sides[0]!.scores);
    expect(solo.map((s) => s.correct)).toEqual([0, 0, 0]);
    expect(solo[0]!.software).toMatchObject({
      met: 4,
      total: 5,
      summary: '4 of 5 requirements met',
    });
    expect(solo[0]!.software!.requirements!.find((r) => !r.met)?.reason).toBe('still listed');
    expect(solo[1]!.software).toMatchObject({ met: 0, total: 1 });
    expect(solo[1]!.software!.summary).toMatch(/^failed: AssertionError/);
    expect(solo[2]!.software!.summary).toMatch(/^failed: AssertionError: titleCase/);
  });

  test("the team's tester read the visible run's failure, and the scores follow the fixed programs", () => {
    expect(testerSaw.some((m) => m.includes('FAIL: Deletes. — still listed'))).toBe(true);
    expect(
      testerSaw.some((m) =>
        m.includes('titleCase(\'the QUICK brown fox\') returned "the QUICK brown fox"'),
      ),
    ).toBe(true);
    const team = rows.map((r) => r.sides[1]!.scores);
    expect(team[1]).toMatchObject({
      correct: 1,
      software: { met: 1, total: 1, summary: 'passed' },
    });
  });

  test('the summary gives pass@1 and requirements met with intervals', () => {
    const summary = summarize(batch, rows);
    expect(summary.kinds).toEqual({ 'web-app': 1, code: 2 });
    const [solo, team] = summary.configs;
    expect(solo!.software).toMatchObject({ items: 3, webApps: 1 });
    expect(solo!.software!.passRate.mean).toBe(0);
    expect(solo!.software!.requirements!.mean).toBeCloseTo(0.8);
    expect(team!.software!.passRate.mean).toBeCloseTo(1 / 3);
  });

  test('CSV has the checks; the results file reads back with its software items', () => {
    const csv = batchToCsv(batch, rows);
    expect(csv.split('\r\n')[0]).toContain('checks_met,checks_total,checks_summary');
    expect(csv).toContain(',4,5,4 of 5 requirements met,');
    const back = parseResultsFile(batchToJson(batch, rows));
    expect(back.ok).toBe(true);
    if (back.ok) {
      expect(back.file.batch.items[0]!.software).toEqual(todo.software);
      expect(back.file.results[0]!.sides[0]!.scores.software?.met).toBe(4);
    }
  });

  test('a results file naming a web-app task this playground lacks is refused by name', () => {
    const json = JSON.parse(batchToJson(batch, rows));
    json.batch.items[0].software.taskId = 'spaceship';
    const back = parseResultsFile(JSON.stringify(json));
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.problems.join('\n')).toContain('spaceship');
  });
});
