/**
 * Which runs are live in some tab. A tab holds a Web Lock named after each run it is recording,
 * so a tab that starts up (and marks runs left 'running' as interrupted) can skip runs another
 * tab is still recording. Without the Web Locks API, no run counts as live elsewhere.
 */

const PREFIX = 'slm-playground-run:';

/** The part of the Web Locks API used here (navigator.locks). */
export type LockApi = Pick<LockManager, 'request' | 'query'>;

export class RunLocks {
  readonly #locks: LockApi | undefined;
  readonly #releases = new Map<string, () => void>();

  /** Default: navigator.locks where the browser has it. `null`: no locks. */
  constructor(locks?: LockApi | null) {
    this.#locks = locks === undefined ? defaultLocks() : (locks ?? undefined);
  }

  /** Holds the run's lock until `release(runId)`. */
  hold(runId: string): void {
    if (!this.#locks || this.#releases.has(runId)) return;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.#releases.set(runId, release);
    this.#locks.request(PREFIX + runId, () => held).catch(() => undefined);
  }

  release(runId: string): void {
    this.#releases.get(runId)?.();
    this.#releases.delete(runId);
  }

  /** Ids of runs whose lock some tab (this one included) holds now. */
  async live(): Promise<Set<string>> {
    if (!this.#locks) return new Set();
    try {
      const { held = [] } = await this.#locks.query();
      return new Set(
        held.flatMap((lock) =>
          lock.name?.startsWith(PREFIX) ? [lock.name.slice(PREFIX.length)] : [],
        ),
      );
    } catch {
      return new Set();
    }
  }
}

function defaultLocks(): LockApi | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockApi } }).navigator;
  return nav?.locks;
}
