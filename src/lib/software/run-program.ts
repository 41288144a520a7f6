/**
 * Runs a program a team (or Solo) wrote for a software task, two ways:
 *
 * - **visible checks** (the protocol's `runProgram`, what the tester reads): a web app's
 *   requirements, as its prompt lists them, driven in a sandboxed frame; a function's docstring
 *   examples, run by the official harness;
 * - **score**: the same requirements for a web app (requirements met); a function's hidden tests
 *   (pass@1), which neither the team nor its tester ever sees.
 *
 * Web apps run in an off-screen frame of their own, never the one the user watches, so the
 * checker's typing and clicking does not show in it. Nothing here throws for a bad program: a
 * program that fails, loops or is missing is a failed report with its reason.
 */
import { runCompletion } from './harness';
import { visibleProblem } from './examples';
import type { CodeProblem, CodeSandbox, HarnessResult } from './types';
import type { SoftwareTask } from './task';
import { checkApp, type CheckableApp, type CheckLimits, type CheckReport } from './web-app/checker';
import { AppFrameHost } from './web-app/frame-host';
import type { WebAppTask } from './web-app/tasks';
import type { ProgramRunner, SoftwareDefinition, SoftwareScore } from './program-types';

export type { ProgramRunner, SoftwareDefinition, SoftwareScore };

/** The task as the team is given it (no checks, no hidden tests). */
export function softwareTaskOf(definition: SoftwareDefinition): SoftwareTask {
  if (definition.kind === 'web-app') {
    const { id, appTitle, prompt } = definition.task;
    return { kind: 'web-app', id, title: appTitle, prompt };
  }
  const { id, language, prompt, entryPoint } = definition.problem;
  return { kind: 'function', id, language, prompt, entryPoint };
}

export interface ProgramRunnerOptions {
  /** Runs Python and JavaScript (the page's sandboxes). */
  sandbox: CodeSandbox;
  /** Where off-screen app frames are made (the page's document). */
  document?: Document;
  limits?: CheckLimits;
  now?: () => number;
}

/** An error for a stopped run, as fetch and the engines raise it. */
const aborted = () => new DOMException('The run was stopped.', 'AbortError');

/**
 * Checks `html` against `task`'s requirements in a frame off the screen (and out of the tab
 * order), removed afterwards. Stopping removes the app and rejects with an AbortError.
 */
export async function checkWebApp(
  html: string,
  task: WebAppTask,
  options: Omit<ProgramRunnerOptions, 'sandbox'> & { signal?: AbortSignal } = {},
): Promise<CheckReport> {
  const doc = options.document ?? document;
  if (options.signal?.aborted) throw aborted();
  if (html.trim() === '') {
    return {
      met: 0,
      total: task.requirements.length,
      ms: 0,
      results: task.requirements.map((r) => ({
        id: r.id,
        text: r.text,
        met: false,
        reason: 'Not checked: the reply holds no HTML app.',
      })),
    };
  }
  const container = doc.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  container.dataset.appCheck = task.id;
  // Laid out (a hidden frame has no layout, so nothing in it would count as visible), but away.
  container.style.cssText =
    'position:fixed;left:-10000px;top:0;width:800px;height:600px;overflow:hidden;pointer-events:none';
  doc.body.append(container);
  const host = new AppFrameHost(container, html, { title: `Check of ${task.appTitle}` });
  const app: CheckableApp = {
    load: () => {
      host.load();
      host.frame?.setAttribute('tabindex', '-1');
    },
    ready: (ms) => host.ready(ms),
    request: (request, ms) => host.request(request, ms),
    stop: () => host.stop(),
  };
  const stop = () => host.stop();
  options.signal?.addEventListener('abort', stop);
  try {
    const report = await checkApp(app, task.requirements, options.limits, options.now);
    if (options.signal?.aborted) throw aborted();
    return report;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    host.stop();
    container.remove();
  }
}

/** A web app's check in the tester's words: one line per requirement. */
export function describeCheck(report: CheckReport): string {
  const lines = report.results.map((r) =>
    r.met ? `PASS: ${r.text}` : `FAIL: ${r.text} — ${r.reason}`,
  );
  return [`${report.met} of ${report.total} requirements met.`, ...lines].join('\n');
}

function describeExamples(result: HarnessResult, examples: number): string {
  if (result.passed)
    return examples > 0
      ? `All ${examples} example${examples === 1 ? '' : 's'} from the task passed.`
      : 'The program runs; the task shows no examples to check it with.';
  const what = result.status === 'timed out' ? 'The run timed out' : 'The run failed';
  return `${what}: ${result.message}`;
}

/** The runner of one task's programs. */
export function programRunner(
  definition: SoftwareDefinition,
  options: ProgramRunnerOptions,
): ProgramRunner {
  const checkOptions = (signal?: AbortSignal) => ({
    ...(options.document ? { document: options.document } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(signal ? { signal } : {}),
  });
  const now = options.now ?? (() => performance.now());
  const harness = async (problem: CodeProblem, program: string, signal?: AbortSignal) => {
    if (signal?.aborted) throw aborted();
    const result = await runCompletion(options.sandbox, problem, program, signal ? { signal } : {});
    if (result.sandboxError === 'AbortError' || signal?.aborted) throw aborted();
    return result;
  };
  if (definition.kind === 'web-app') {
    const check = (program: string, signal?: AbortSignal) =>
      checkWebApp(program, definition.task, checkOptions(signal));
    return {
      async runVisible(program, signal) {
        const report = await check(program, signal);
        return { passed: report.met === report.total, report: describeCheck(report) };
      },
      async score(program, signal) {
        const report = await check(program, signal);
        return { kind: 'web-app', passed: report.met === report.total, check: report };
      },
    };
  }
  const visible = visibleProblem(definition.problem);
  return {
    async runVisible(program, signal) {
      const result = await harness(visible, program, signal);
      return { passed: result.passed, report: describeExamples(result, visible.examples) };
    },
    async score(program, signal) {
      const started = now();
      const result = await harness(definition.problem, program, signal);
      return { kind: 'function', passed: result.passed, result, ms: now() - started };
    },
  };
}
