import { abortError } from '../engine/errors';

/**
 * A first-come, first-served lock: one model worker serves one generation at a time, so agents
 * that share a model wait their turn here. Waiting can be abandoned through an AbortSignal.
 */
export class AsyncLock {
  #tail: Promise<void> = Promise.resolve();
  /** Holders and waiters whose slot has not been released yet. */
  #pending = 0;

  /** Whether someone holds the lock or waits for it (a new `acquire` would have to wait). */
  get busy(): boolean {
    return this.#pending > 0;
  }

  /** Resolves with a release function once every earlier holder has released. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    let resolveMine!: () => void;
    const mine = new Promise<void>((resolve) => (resolveMine = resolve));
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.#pending--;
      resolveMine();
    };
    this.#pending++;
    const previous = this.#tail;
    this.#tail = previous.then(() => mine);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        // Keep the queue moving: release our slot as soon as it comes.
        void previous.then(release);
        reject(abortError());
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      void previous.then(() => {
        if (signal?.aborted) return;
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      });
    });
  }
}
