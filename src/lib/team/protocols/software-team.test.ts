import { describe, expect, test } from 'vitest';
import { fastScript, scriptedModel } from '../../testing/scripted-chat';
import { runScripted } from '../../testing/fixtures';
import type { ProgramReport, SoftwareTask } from '../../software/task';
import { expectedCalls } from '../budget';
import { validateSide } from '../config';
import { softwareSoloSide, softwareTeamSide } from '../presets';
import type { ProtocolInput } from './types';

const task: SoftwareTask = {
  kind: 'web-app',
  id: 'todo',
  title: 'My Tasks',
  prompt: 'Users add items, check them off, edit and delete them.',
};
const input: ProtocolInput = { question: 'Build the to-do app.', software: task };
const html = (marker: string) =>
  '```html\n<!doctype html><title>My Tasks</title><div id="app">' + marker + '</div>\n```';
const BROKEN = html('delete does nothing');
const FIXED = html('delete works');

/** A team on one scripted model, each role matched by its system prompt. */
function script(reviewer: string[], programmer: { match: string; reply: string }[]) {
  return fastScript([
    { match: 'You are the Designer', reply: '1. A list.\n2. Add, check, edit, delete.' },
    ...reviewer.map((reply, i) => ({
      match: i === 0 ? 'You are the Code Reviewer' : `REVIEW-${i}`,
      reply,
    })),
    { match: 'You are the Tester', reply: 'Deleting an item leaves it in the list.' },
    ...programmer,
  ]);
}

describe('the software team', () => {
  test('design → program → review → a failed run → tester → fix → a passing run', async () => {
    const side = softwareTeamSide(scriptedModel('scripted-main'));
    expect(validateSide(side)).toEqual([]);
    const runs: string[] = [];
    const runProgram = async (program: string): Promise<ProgramReport> => {
      runs.push(program);
      return program.includes('delete works')
        ? { passed: true, report: 'All 4 requirements met.' }
        : { passed: false, report: 'Not met: delete an item (it is still listed).' };
    };
    const { result, calls } = await runScripted(
      side,
      {
        'scripted-main': script(
          ['{"verdict":"accept","feedback":""}'],
          [
            { match: 'Deleting an item leaves it', reply: FIXED },
            { match: 'You are a programmer', reply: BROKEN },
          ],
        ),
      },
      { input, runProgram },
    );
    expect(result.status).toBe('done');
    expect(result.turns.map((t) => [t.roleName, t.step])).toEqual([
      ['Designer', 'design'],
      ['Programmer', 'program'],
      ['Reviewer', 'review'],
      ['Tester', 'test'],
      ['Programmer', 'fix'],
    ]);
    // The run's failure reached the tester; the tester's report reached the programmer.
    expect(calls[3]!.request.messages.at(-1)!.content).toContain('Not met: delete an item');
    expect(calls[4]!.request.messages.at(-1)!.content).toContain(
      'The tester said:\nDeleting an item leaves it in the list.',
    );
    expect(runs).toHaveLength(2);
    expect(result.finalAnswer).toContain('delete works');
    expect(result.finalAnswer.startsWith('<!doctype html>')).toBe(true);
    expect(calls).toHaveLength(expectedCalls(side.protocol, { reviews: 1, fixes: 1, tests: 1 }));
  });

  test("a reviewer's 'revise' sends its feedback back for a fix before testing", async () => {
    const side = softwareTeamSide(scriptedModel('scripted-main'));
    const { result, calls } = await runScripted(
      side,
      {
        'scripted-main': script(
          ['{"verdict":"revise","feedback":"The delete button is not wired."}'],
          [
            { match: 'delete button is not wired', reply: FIXED },
            { match: 'You are a programmer', reply: BROKEN },
          ],
        ),
      },
      { input, runProgram: async () => ({ passed: true, report: 'All met.' }) },
    );
    expect(result.turns.map((t) => t.step)).toEqual(['design', 'program', 'review', 'fix']);
    expect(calls[3]!.request.messages.at(-1)!.content).toContain('The reviewer said:');
    expect(result.finalAnswer).toContain('delete works');
  });

  test('without a way to run the program the tester reads the code, with a warning', async () => {
    const side = softwareTeamSide(scriptedModel('scripted-main'));
    side.protocol = { type: 'software-team', reviewRounds: 0, testRounds: 1 };
    const { result, calls } = await runScripted(
      side,
      {
        'scripted-main': script(
          [],
          [
            { match: 'Deleting an item leaves it', reply: FIXED },
            { match: 'You are a programmer', reply: BROKEN },
          ],
        ),
      },
      { input },
    );
    expect(result.turns.map((t) => t.step)).toEqual(['design', 'program', 'test', 'fix']);
    expect(calls[2]!.request.messages.at(-1)!.content).toContain('could not be run here');
    expect(result.warnings).toEqual([
      'The program could not be run here: the tester read the code only.',
    ]);
  });

  test('checks that throw are a failed run the tester hears about, not a failed side', async () => {
    const side = softwareTeamSide(scriptedModel('scripted-main'));
    side.protocol = { type: 'software-team', reviewRounds: 0, testRounds: 1 };
    const { result, calls } = await runScripted(
      side,
      {
        'scripted-main': script(
          [],
          [
            { match: 'Deleting an item leaves it', reply: FIXED },
            { match: 'You are a programmer', reply: BROKEN },
          ],
        ),
      },
      {
        input,
        runProgram: async () => {
          throw new Error('the app frame did not answer in 5 s');
        },
      },
    );
    expect(result.status).toBe('done');
    expect(calls[2]!.request.messages.at(-1)!.content).toContain(
      'The checks could not run: the app frame did not answer in 5 s',
    );
  });

  test('on a question instead of a task it fails with the reason', async () => {
    const { result, calls } = await runScripted(
      softwareTeamSide(scriptedModel('scripted-main')),
      { 'scripted-main': fastScript([{ reply: 'x' }]) },
      { input: { question: 'What is 2 + 2?' } },
    );
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('works on software tasks');
    expect(calls).toHaveLength(0);
  });

  test('Solo writes the program in one go; its answer is the program', async () => {
    const { result, calls } = await runScripted(
      softwareSoloSide(scriptedModel('scripted-main')),
      { 'scripted-main': fastScript([{ reply: `Here it is.\n${FIXED}\nEnjoy!` }]) },
      { input },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request.messages.at(-1)!.content).toContain(
      'Task: build a small web app titled "My Tasks".',
    );
    expect(result.finalAnswer).toBe(
      '<!doctype html><title>My Tasks</title><div id="app">delete works</div>',
    );
  });
});
