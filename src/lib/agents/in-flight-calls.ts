/**
 * The calls an agent has in flight, so none can hang: each races its work against an abort and
 * against `failAll`, which rejects every call still waiting (the worker died or was ended).
 */
import { abortError, type AgentError } from '../engine/errors';

export class InFlightCalls {
  readonly #fail = new Set<(error: AgentError) => void>();

  /** Runs `work`; rejects early on abort (after `onAbort`) or when `failAll` is called. */
  async race<T>(
    work: Promise<T>,
    signal?: AbortSignal,
    onAbort: () => void = () => {},
  ): Promise<T> {
    let cleanup = () => {};
    const stopped = new Promise<never>((_, reject) => {
      const fail = (error: AgentError) => reject(error);
      const abort = () => {
        onAbort();
        reject(abortError());
      };
      this.#fail.add(fail);
      signal?.addEventListener('abort', abort, { once: true });
      cleanup = () => {
        this.#fail.delete(fail);
        signal?.removeEventListener('abort', abort);
      };
    });
    try {
      return await Promise.race([work, stopped]);
    } finally {
      cleanup();
    }
  }

  /** Rejects every call in flight with `error`. */
  failAll(error: AgentError): void {
    const listeners = [...this.#fail];
    this.#fail.clear();
    for (const listener of listeners) listener(error);
  }
}
