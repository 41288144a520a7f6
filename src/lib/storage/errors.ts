/**
 * Storage faults, as errors with distinct names (callers branch on `name`, like AgentError).
 * Every IndexedDB failure is turned into one of these by `toStorageError`, so the UI only has
 * to know four kinds and can show their messages as they are.
 */

export const STORAGE_ERROR_NAMES = [
  /** Another tab holds an older version of the database open, so this one cannot upgrade it. */
  'StorageBlockedError',
  /** The browser's storage quota is used up; writes fail until something is deleted. */
  'StorageQuotaError',
  /** IndexedDB is missing, disabled (private windows) or its connection was lost. */
  'StorageUnavailableError',
  /** Anything else IndexedDB reported (a bug, a corrupt record, a failed transaction). */
  'StorageError',
] as const;

export type StorageErrorName = (typeof STORAGE_ERROR_NAMES)[number];

export class StorageError extends Error {
  override readonly name: StorageErrorName;

  constructor(name: StorageErrorName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }
}

/** Whether `error` is a StorageError (of the given name, when one is given). */
export function isStorageError(error: unknown, name?: StorageErrorName): error is StorageError {
  return error instanceof StorageError && (name === undefined || error.name === name);
}

/** The message for a blocked upgrade: shown as is, by History and by the Benchmark. */
export const BLOCKED_MESSAGE =
  'The playground was updated, but another tab still has the old version open. ' +
  'Close the other tabs of the playground (or reload them) so saved runs and batches can be ' +
  'upgraded; until then, this tab keeps its runs and batches in memory only.';

/** Whether an error (DOMException or not) means the storage quota was exceeded. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return (
    name === 'QuotaExceededError' ||
    // Old Firefox
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    // Legacy DOMException code for QUOTA_EXCEEDED_ERR
    code === 22
  );
}

/** IndexedDB error names that mean "there is no usable database here". */
const UNAVAILABLE_NAMES = new Set([
  // Firefox private windows (older versions), or a connection closed under us.
  'InvalidStateError',
  // Storage disabled by settings or policy, or an opaque origin (sandboxed iframe, file://).
  'SecurityError',
  // The backing store failed (disk error, corrupt profile).
  'UnknownError',
  // The database on disk is newer than this code (a newer version of the site ran here).
  'VersionError',
  // IndexedDB is missing entirely.
  'ReferenceError',
]);

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

/**
 * Turns anything IndexedDB (or idb) threw into a StorageError. `action` says what was being done,
 * in a few words ('save the run'), for the message.
 */
export function toStorageError(error: unknown, action: string): StorageError {
  if (error instanceof StorageError) return error;
  if (isQuotaError(error)) {
    return new StorageError(
      'StorageQuotaError',
      `Browser storage is full: could not ${action}. Delete old runs or traces in the history ` +
        'to free space. Until then, new results are kept in memory only and are lost on reload.',
      { cause: error },
    );
  }
  const name = typeof error === 'object' && error !== null ? (error as Error).name : undefined;
  if (name === 'VersionError') {
    return new StorageError(
      'StorageUnavailableError',
      `Could not ${action}: the saved runs were written by a newer version of the playground. ` +
        'Reload the page to get the newer version; until then, runs are kept in memory only.',
      { cause: error },
    );
  }
  if (name !== undefined && UNAVAILABLE_NAMES.has(name)) {
    return new StorageError(
      'StorageUnavailableError',
      `Browser storage (IndexedDB) is not available, so runs are kept in memory only and are ` +
        `lost on reload. Private windows and some privacy settings disable it. (${describe(error)})`,
      { cause: error },
    );
  }
  return new StorageError('StorageError', `Could not ${action}: ${describe(error)}`, {
    cause: error,
  });
}
