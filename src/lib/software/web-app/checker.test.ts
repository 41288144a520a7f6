// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { checkApp, type CheckableApp, type Requirement } from './checker';
import { installDriver } from './driver';
import { TODO_BODY, todoScript } from './fixtures';
import { AppTimeoutError } from './frame-host';
import { DRIVER_CHANNEL, type DriverRequest, type DriverValue } from './protocol';
import { todoTask, WEB_APP_TASKS } from './tasks';

const limits = { stepMs: 200, loadMs: 200, totalMs: 10_000 };

/** The to-do fixture on jsdom's own document, with the real driver answering. */
function jsdomApp(
  script: string,
  body = TODO_BODY,
): CheckableApp & { loads: number; stops: number } {
  let handle: ((request: DriverRequest) => DriverValue) | null = null;
  return {
    loads: 0,
    stops: 0,
    load() {
      this.loads++;
      document.body.innerHTML = body;
      handle = installDriver(window, 't', DRIVER_CHANNEL);
      new Function(script)();
    },
    ready: async () => {},
    request: async (request) => {
      if (!handle) throw new Error('not loaded');
      try {
        return handle(request);
      } catch (error) {
        const driverError = new Error(error instanceof Error ? error.message : String(error));
        driverError.name = 'DriverError';
        throw driverError;
      }
    },
    stop() {
      this.stops++;
      handle = null;
    },
  };
}

describe('checkApp', () => {
  it('finds every requirement of the to-do task met by a working app', async () => {
    const app = jsdomApp(todoScript());
    const report = await checkApp(app, todoTask().requirements, limits);
    expect(report.results.filter((r) => !r.met)).toEqual([]);
    expect(report).toMatchObject({ met: 5, total: 5 });
    // A fresh load for every requirement.
    expect(app.loads).toBe(5);
  });

  it('reports a Delete that does nothing as not met, with the reason', async () => {
    const report = await checkApp(jsdomApp(todoScript(true)), todoTask().requirements, limits);
    const failed = report.results.filter((r) => !r.met);
    expect(failed.map((r) => r.id)).toEqual(['delete']);
    expect(failed[0]?.reason).toMatch(/step \d+ \(check that "Buy milk" is gone\).*not so/);
  });

  it('says which button was missing', async () => {
    const report = await checkApp(
      jsdomApp('', '<h1>My Tasks</h1><ul><li>Buy milk</li></ul>'),
      [
        {
          id: 'delete',
          text: 'Delete',
          steps: [{ do: 'click', target: ['Delete', 'Remove'], within: 'Buy milk' }],
        },
      ],
      limits,
    );
    expect(report.results[0]?.reason).toBe(
      'Not met at step 1 (click Delete / Remove near "Buy milk"): No button "Remove" found near "Buy milk".',
    );
  });

  it('stops an app that does not answer, and goes on with the next requirement', async () => {
    let hang = true;
    let stops = 0;
    const app: CheckableApp = {
      load: () => {},
      ready: async () => {},
      request: (_request, timeoutMs) =>
        hang
          ? new Promise((_, reject) =>
              setTimeout(
                () => reject(new AppTimeoutError(`No answer within ${timeoutMs} ms.`)),
                timeoutMs,
              ),
            )
          : Promise.resolve('My Tasks'),
      stop: () => {
        stops++;
        hang = false;
      },
    };
    const requirements: Requirement[] = todoTask().requirements.slice(0, 1);
    const report = await checkApp(app, [...requirements, ...requirements], limits);
    expect(report.results.map((r) => r.met)).toEqual([false, true]);
    expect(report.results[0]?.reason).toMatch(/No answer within 200 ms\. .*endless loop.*stopped/);
    expect(stops).toBe(1);
  });

  it('marks what is left unchecked when the whole check runs out of time', async () => {
    let clock = 0;
    const app: CheckableApp = {
      load: () => {},
      ready: async () => {},
      request: async () => {
        clock += 600;
        return 'My Tasks';
      },
      stop: () => {},
    };
    const requirements = todoTask().requirements.slice(0, 1);
    const report = await checkApp(
      app,
      [...requirements, ...requirements, ...requirements],
      {
        ...limits,
        totalMs: 1_000,
      },
      () => clock,
    );
    expect(report.results.map((r) => r.met)).toEqual([true, true, false]);
    expect(report.results[2]?.reason).toMatch(/^Not checked: .*1000 ms/);
  });
});

describe('the tasks', () => {
  it('are ten, with unique ids, prompts that list their requirements, and steps', () => {
    expect(WEB_APP_TASKS).toHaveLength(10);
    expect(new Set(WEB_APP_TASKS.map((t) => t.id)).size).toBe(10);
    for (const task of WEB_APP_TASKS) {
      expect(task.requirements.length).toBeGreaterThan(0);
      for (const r of task.requirements) {
        expect(task.prompt).toContain(r.text);
        expect(r.steps.length).toBeGreaterThan(0);
      }
      expect(task.prompt).toMatch(/```html/);
    }
    expect(WEB_APP_TASKS[0]?.prompt).toContain('"My Tasks"');
    expect(todoTask('Groceries').prompt).toContain('"Groceries"');
  });
});
