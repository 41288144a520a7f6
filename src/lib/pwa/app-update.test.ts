import { describe, expect, it, vi } from 'vitest';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import { AppUpdate, type WorkerContainer } from './app-update.svelte';

/**
 * A fake registerSW and service worker container: the test plays the worker's events (a new
 * version waiting, a change of controller).
 */
function fakeWorker(controlled = true) {
  const target = new EventTarget();
  const container = {
    controller: controlled ? ({} as ServiceWorker) : null,
    addEventListener: target.addEventListener.bind(target),
  } as WorkerContainer;
  const worker = {
    options: {} as RegisterSWOptions,
    activate: vi.fn(async () => {}),
    takeOver: () => target.dispatchEvent(new Event('controllerchange')),
  };
  const register = async () => (options: RegisterSWOptions) => {
    worker.options = options;
    return worker.activate;
  };
  const reload = vi.fn();
  return { worker, update: new AppUpdate({ register, container, reload }), reload };
}

describe('AppUpdate', () => {
  it('says when a new version waits, and lets it take over only when asked', async () => {
    const { worker, update, reload } = fakeWorker();
    await update.start();
    expect(update.waiting).toBe(false);

    worker.options.onNeedRefresh?.();
    expect(update.waiting).toBe(true);
    expect(worker.activate).not.toHaveBeenCalled();

    await update.apply();
    expect(worker.activate).toHaveBeenCalledOnce();
    expect(reload).not.toHaveBeenCalled();
    // The new worker controls the page: this tab asked, so it reloads into the new version.
    worker.takeOver();
    expect(reload).toHaveBeenCalledOnce();
  });

  it('reloads into the update on a page the first install took over', async () => {
    const { worker, update, reload } = fakeWorker(false);
    await update.start();
    // The first version installs and claims the page: nothing to reload.
    worker.takeOver();
    expect(reload).not.toHaveBeenCalled();
    expect(update.appliedElsewhere).toBe(false);
    worker.options.onNeedRefresh?.();
    await update.apply();
    worker.takeOver();
    expect(reload).toHaveBeenCalledOnce();
  });

  it('does not reload by itself when another tab applied the update', async () => {
    const { worker, update, reload } = fakeWorker();
    await update.start();
    worker.options.onNeedRefresh?.();
    worker.takeOver();
    // vite-plugin-pwa's own reload is replaced by a no-op.
    worker.options.onNeedReload?.();
    expect(reload).not.toHaveBeenCalled();
    expect(update).toMatchObject({ waiting: false, appliedElsewhere: true });

    await update.apply();
    expect(reload).toHaveBeenCalledOnce();
    expect(worker.activate).not.toHaveBeenCalled();
  });

  it('keeps a registration error', async () => {
    const { worker, update } = fakeWorker();
    await update.start();
    worker.options.onRegisterError?.(new Error('SecurityError: insecure origin'));
    expect(update.error).toBe('SecurityError: insecure origin');
  });
});
