/**
 * Web apps on the benchmark page (test build only): `window.webApp` mounts the product's
 * AppFrame with an app's HTML and runs the product's checker on it, for tests/e2e/web-app.e2e.ts.
 */
import { flushSync, mount, unmount } from 'svelte';
import AppFrame from '../src/components/software/AppFrame.svelte';
import {
  checkApp,
  DEFAULT_CHECK_LIMITS,
  type CheckLimits,
  type CheckReport,
} from '../src/lib/software/web-app/checker';
import type { AppFrameHost } from '../src/lib/software/web-app/frame-host';
import { checkWebApp } from '../src/lib/software/run-program';
import { WEB_APP_TASKS } from '../src/lib/software/web-app/tasks';

export interface WebAppPage {
  /** Shows `html` in an AppFrame (replacing any shown before). */
  show(html: string, title?: string): Promise<void>;
  /** Shows `html` and checks it against a task's requirements (the default task if none). */
  check(
    html: string,
    options?: { taskId?: string; limits?: Partial<CheckLimits> },
  ): Promise<CheckReport>;
  /** Checks `html` off the screen, as a run's tester and scoring do (nothing shown). */
  checkOffscreen(html: string, taskId?: string): Promise<CheckReport>;
}

declare global {
  interface Window {
    webApp: WebAppPage;
  }
}

let shown: ReturnType<typeof mount> | null = null;
let host: AppFrameHost | null = null;

async function show(html: string, title = 'App'): Promise<void> {
  if (shown) void unmount(shown);
  host = null;
  const target = document.getElementById('bench') ?? document.body;
  shown = mount(AppFrame, {
    target,
    props: { html, title, onhost: (h: AppFrameHost) => (host = h) },
  });
  flushSync();
  if (!host) throw new Error('AppFrame gave no host.');
}

window.webApp = {
  show,
  async check(html, options = {}) {
    const task = WEB_APP_TASKS.find((t) => t.id === (options.taskId ?? WEB_APP_TASKS[0]?.id));
    if (!task) throw new Error(`No task ${options.taskId}.`);
    await show(html, task.title);
    if (!host) throw new Error('No app frame.');
    return checkApp(host, task.requirements, { ...DEFAULT_CHECK_LIMITS, ...options.limits });
  },
  async checkOffscreen(html, taskId = WEB_APP_TASKS[0]?.id) {
    const task = WEB_APP_TASKS.find((t) => t.id === taskId);
    if (!task) throw new Error(`No task ${taskId}.`);
    return checkWebApp(html, task);
  },
};
