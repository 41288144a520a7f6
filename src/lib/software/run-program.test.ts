// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { inProcessSandbox } from '../testing/in-process-sandbox';
import { playgroundCodeSet } from './problems';
import { checkWebApp, describeCheck, programRunner, softwareTaskOf } from './run-program';
import { completionAfterHeader, extractProgram } from './task';
import { todoTask, WEB_APP_TASKS } from './web-app/tasks';

const sandbox = inProcessSandbox();
const problem = (entryPoint: string) =>
  playgroundCodeSet.problems.find((p) => p.entryPoint === entryPoint)!;

describe('softwareTaskOf', () => {
  it("gives the team a web app's own title and prompt, and no checks", () => {
    const task = softwareTaskOf({ kind: 'web-app', task: todoTask('Groceries') });
    expect(task).toEqual({
      kind: 'web-app',
      id: 'todo',
      title: 'Groceries',
      prompt: todoTask('Groceries').prompt,
    });
    for (const t of WEB_APP_TASKS) expect(t.prompt).toContain(`titled "${t.appTitle}"`);
  });

  it('gives a function task without its tests or reference', () => {
    const task = softwareTaskOf({ kind: 'function', problem: problem('count_vowels') });
    expect(Object.keys(task).sort()).toEqual(['entryPoint', 'id', 'kind', 'language', 'prompt']);
  });
});

describe('programRunner on a function task', () => {
  const runner = programRunner({ kind: 'function', problem: problem('count_vowels') }, { sandbox });

  it('the visible run passes a right program and names the failing example of a wrong one', async () => {
    const right = "def count_vowels(text):\n    return sum(c in 'aeiou' for c in text.lower())\n";
    expect(await runner.runVisible(right)).toEqual({
      passed: true,
      report: 'All 1 example from the task passed.',
    });
    const wrong = await runner.runVisible('def count_vowels(text):\n    return len(text)\n');
    expect(wrong.passed).toBe(false);
    expect(wrong.report).toContain("count_vowels('Hello World') returned 11, expected 3");
  }, 60_000);

  it('the score runs the hidden tests, which a program fitted to the example fails', async () => {
    const fitted = 'def count_vowels(text):\n    return 3\n';
    expect((await runner.runVisible(fitted)).passed).toBe(true);
    const score = await runner.score(fitted);
    expect(score).toMatchObject({ kind: 'function', passed: false });
    if (score.kind === 'function') expect(score.result.status).toBe('failed');
  }, 60_000);

  it('a stopped run rejects with an AbortError', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(runner.score('def count_vowels(t):\n    return 0\n', stop.signal)).rejects.toThrow(
      /stopped/,
    );
  });
});

describe('a JavaScript reply that writes the whole function', () => {
  it('becomes the completion after the prompt, helpers kept', () => {
    const code =
      'const cap = (w) => w.toUpperCase();\nfunction titleCase(text) {\n  return cap(text);\n}\n';
    expect(completionAfterHeader(code, 'titleCase')).toBe(
      '\n  return cap(text);\n}\nconst cap = (w) => w.toUpperCase();\n',
    );
    expect(completionAfterHeader('  return 1;\n}\n', 'titleCase')).toBe('  return 1;\n}\n');
  });

  it('passes the hidden tests through extractProgram (it failed as a syntax error before)', async () => {
    const js = problem('titleCase');
    const task = softwareTaskOf({ kind: 'function', problem: js });
    const reply =
      "Here it is:\n```javascript\nfunction titleCase(text) {\n  return text.split(' ').map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join(' ');\n}\n```";
    const score = await programRunner({ kind: 'function', problem: js }, { sandbox }).score(
      extractProgram(reply, task),
    );
    expect(score).toMatchObject({ passed: true });
  }, 30_000);
});

describe('checkWebApp', () => {
  it('a reply with no HTML is every requirement unmet, with the reason, and no frame made', async () => {
    const task = todoTask();
    const report = await checkWebApp('', task);
    expect(report.met).toBe(0);
    expect(report.total).toBe(task.requirements.length);
    expect(report.results[0]?.reason).toBe('Not checked: the reply holds no HTML app.');
    expect(document.querySelector('iframe')).toBeNull();
    expect(describeCheck(report).split('\n')[0]).toBe(
      `0 of ${task.requirements.length} requirements met.`,
    );
  });
});
