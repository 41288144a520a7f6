/**
 * Which batches some tab is running: a tab holds a Web Lock named after the batch it runs, so
 * another tab (or this one after a reload) can tell a batch that is running elsewhere from one
 * whose page went away. Without the Web Locks API, no batch counts as running elsewhere.
 */
import type { LockApi } from '../storage/run-locks';

const PREFIX = 'slm-playground-batch:';

function defaultLocks(): LockApi | undefined {
  return (globalThis as { navigator?: { locks?: LockApi } }).navigator?.locks;
}

/** Holds the batch's lock until the returned function is called. */
export function holdBatchLock(id: string, locks = defaultLocks()): () => void {
  if (!locks) return () => undefined;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  locks.request(PREFIX + id, () => held).catch(() => undefined);
  return release;
}

/** Ids of batches whose lock some tab holds now. */
export async function liveBatchIds(locks = defaultLocks()): Promise<Set<string>> {
  if (!locks) return new Set();
  try {
    const { held = [] } = await locks.query();
    return new Set(
      held.flatMap((lock) =>
        lock.name?.startsWith(PREFIX) ? [lock.name.slice(PREFIX.length)] : [],
      ),
    );
  } catch {
    return new Set();
  }
}
