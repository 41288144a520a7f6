import { describe, expect, it, vi } from 'vitest';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import { AppUpdate } from './app-update.svelte';

/** A fake registerSW: hands its options to the test, which plays the worker's events. */
function fakeWorker() {
  const worker = { options: {} as RegisterSWOptions, activate: vi.fn(async () => {}) };
  const register = async () => (options: RegisterSWOptions) => {
    worker.options = options;
    return worker.activate;
  };
  return { worker, register };
}

describe('AppUpdate', () => {
  it('says when a new version waits, and lets it take over only when asked', async () => {
    const { worker, register } = fakeWorker();
    const reload = vi.fn();
    const update = new AppUpdate({ register, reload });
    await update.start();
    expect(update.waiting).toBe(false);

    worker.options.onNeedRefresh?.();
    expect(update.waiting).toBe(true);
    expect(worker.activate).not.toHaveBeenCalled();

    await update.apply();
    expect(worker.activate).toHaveBeenCalledOnce();
    expect(reload).not.toHaveBeenCalled();
    // The new worker controls the page: this tab asked, so it reloads into the new version.
    worker.options.onNeedReload?.();
    expect(reload).toHaveBeenCalledOnce();
  });

  it('does not reload by itself when another tab applied the update', async () => {
    const { worker, register } = fakeWorker();
    const reload = vi.fn();
    const update = new AppUpdate({ register, reload });
    await update.start();
    worker.options.onNeedRefresh?.();
    worker.options.onNeedReload?.();
    expect(reload).not.toHaveBeenCalled();
    expect(update).toMatchObject({ waiting: false, appliedElsewhere: true });

    await update.apply();
    expect(reload).toHaveBeenCalledOnce();
    expect(worker.activate).not.toHaveBeenCalled();
  });

  it('keeps the registration error', async () => {
    const { worker, register } = fakeWorker();
    const update = new AppUpdate({ register, reload: vi.fn() });
    await update.start();
    worker.options.onRegisterError?.(new Error('SecurityError: insecure origin'));
    expect(update.error).toBe('SecurityError: insecure origin');
  });
});
