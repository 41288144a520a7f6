/**
 * The app's entry point to storage: opens IndexedDB and gives a RunStore over it, or, when the
 * database cannot be opened (no IndexedDB, private window, blocked upgrade, ...), a RunStore in
 * memory, saying which and why. Either way the app keeps working.
 */
import type { RunStoreApi, RunStoreOptions, StorageMode } from './api';
import { MemoryBackend } from './backend';
import { openPlaygroundDb, type OpenPlaygroundDbOptions, type PlaygroundDb } from './database';
import { StorageError, toStorageError } from './errors';
import { RunStore } from './run-store';

export interface CreateRunStoreOptions
  extends RunStoreOptions, Omit<OpenPlaygroundDbOptions, 'onBlocking' | 'onTerminated'> {
  /** Opens the database instead of openPlaygroundDb (tests, wrappers). */
  open?: () => Promise<PlaygroundDb>;
  /** Mark runs left 'running' by an earlier page as 'interrupted' (default true). */
  markInterrupted?: boolean;
}

export interface RunStoreHandle {
  store: RunStoreApi;
  /** Where runs are kept: 'memory' means they are lost on reload. */
  mode: StorageMode;
  /** Why the store is in memory (a StorageError to show to the user); absent for IndexedDB. */
  reason?: StorageError;
  /** Ids of runs marked 'interrupted' on the way in. */
  interrupted: string[];
}

const UPGRADED_ELSEWHERE =
  'Another tab opened a newer version of the playground, so this tab let go of the saved runs. ' +
  'Reload this tab to see them again; until then, new runs are kept in memory only.';

const CLOSED_BY_BROWSER =
  'The browser closed the playground storage (site data cleared, or a disk error). ' +
  'New runs are kept in memory only until the page is reloaded.';

/**
 * Opens storage. Never rejects: when IndexedDB cannot be opened, the store is in memory and
 * `reason` says why (it is not also sent to onError). Faults after opening go to onError.
 */
export async function createRunStore(options: CreateRunStoreOptions = {}): Promise<RunStoreHandle> {
  let store: RunStore | undefined;
  const open =
    options.open ??
    (() =>
      openPlaygroundDb({
        ...options,
        onBlocking: () =>
          store?.useMemory(new StorageError('StorageUnavailableError', UPGRADED_ELSEWHERE)),
        onTerminated: () =>
          store?.useMemory(new StorageError('StorageUnavailableError', CLOSED_BY_BROWSER)),
      }));

  let mode: StorageMode = 'indexeddb';
  let reason: StorageError | undefined;
  try {
    store = new RunStore(Promise.resolve(await open()), options);
  } catch (error) {
    reason = toStorageError(error, 'open the saved runs');
    mode = 'memory';
    store = new RunStore(new MemoryBackend(), options);
  }
  const interrupted = options.markInterrupted === false ? [] : await store.markInterrupted();
  const handle: RunStoreHandle = { store, mode, interrupted };
  if (reason) handle.reason = reason;
  return handle;
}
