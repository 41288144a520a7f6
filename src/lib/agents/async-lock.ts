import { abortError } from '../engine/errors';

/**
 * A first-come, first-served lock: one model worker serves one generation at a time, so agents
 * that share a model wait their turn here. Waiting can be abandoned through an AbortSignal.
 */
export class AsyncLock {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
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
