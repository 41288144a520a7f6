/**
 * Test doubles for a Web Worker and the Web Locks API, in one thread: the worker is a
 * MessageChannel with the real agent worker API exposed on its far end (comlink, as in the
 * product), so the bridge's real messaging, proxies and failure paths run in unit tests.
 */
import { expose } from 'comlink';
import { createAgentWorkerApi } from '../../../workers/agent-worker-api';
import { ScriptedEngine } from '../../../workers/engines/scripted-engine';

/** A minimal LockManager: exclusive locks, granted in request order; `kill` drops a holder. */
export class FakeLocks {
  readonly #held = new Map<string, () => void>();
  readonly #queue = new Map<string, (() => void)[]>();

  request(name: string, callback: () => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        const released = new Promise<void>((r) => this.#held.set(name, r));
        const work = Promise.resolve().then(callback);
        work.then(resolve, reject);
        void Promise.race([work.catch(() => {}), released]).then(() => this.#free(name));
      };
      if (this.#held.has(name)) this.#queue.set(name, [...(this.#queue.get(name) ?? []), grant]);
      else grant();
    });
  }

  #free(name: string): void {
    if (!this.#held.has(name)) return;
    this.#held.delete(name);
    const next = this.#queue.get(name)?.shift();
    next?.();
  }

  /** Names held now. */
  held(): string[] {
    return [...this.#held.keys()];
  }

  /** The holder of `name` is gone (its worker died): the next request is granted. */
  kill(name: string): void {
    this.#held.get(name)?.();
  }
}

/** A Worker whose far end runs the real agent worker API on the scripted engine. */
export class FakeWorker extends EventTarget {
  readonly #port: MessagePort;
  terminated = false;

  constructor(locks?: FakeLocks) {
    super();
    const channel = new MessageChannel();
    this.#port = channel.port1;
    this.#port.addEventListener('message', (event) =>
      this.dispatchEvent(new MessageEvent('message', { data: (event as MessageEvent).data })),
    );
    this.#port.start();
    const api = createAgentWorkerApi({
      createEngine: async () => new ScriptedEngine({ crash: (message) => this.crash(message) }),
      tokenIntervalMs: 0,
      locks: locks as unknown as LockManager | undefined,
    });
    expose(api, channel.port2);
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (!this.terminated) this.#port.postMessage(message, transfer);
  }

  terminate(): void {
    this.terminated = true;
    this.#port.close();
  }

  /** An uncaught error in the worker. */
  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }
}
