/**
 * The playground's IndexedDB database: a versioned schema with one upgrade step per version, and
 * the opening of it with every way that can go wrong turned into a StorageError.
 *
 * Versions:
 * - 1: `runs` (key `id`; indexes `by-createdAt`, `by-questionLower`), `configs` (key `id`; index
 *   `by-createdAt`), `traces` (key `id`; index `by-runId`).
 * - 2: adds `runs.by-status` (finding runs left 'running' on start) and `traces.by-model`.
 * - 3: adds `batches` (key `id`; indexes `by-createdAt`, `by-batchId`): benchmark batches and
 *   their finished items (see batch-records.ts).
 * - 4: adds `votes` (key `id`; index `by-createdAt`): blind votes (arena/votes.ts), and
 *   `curation` (key `id`; index `by-kind`): the trace explorer's keep/drop marks and cluster
 *   names (curation-records.ts).
 *
 * To change the schema, append a step to MIGRATIONS and bump DB_VERSION; never edit a step that
 * has shipped, since browsers out there hold databases at every earlier version.
 */
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { BLOCKED_MESSAGE, StorageError, toStorageError } from './errors';
import type { BatchStoreRecord } from './batch-records';
import type { CurationRecord } from './curation-records';
import type { Vote } from '../arena/votes';
import type { RunRecord, RunStatus, SavedConfigRecord, TraceRecord } from './records';

export const DB_NAME = 'slm-playground';
export const DB_VERSION = 4;

export interface PlaygroundSchema extends DBSchema {
  runs: {
    key: string;
    value: RunRecord;
    indexes: { 'by-createdAt': number; 'by-questionLower': string; 'by-status': RunStatus };
  };
  configs: { key: string; value: SavedConfigRecord; indexes: { 'by-createdAt': number } };
  traces: {
    key: string;
    value: TraceRecord;
    indexes: { 'by-runId': string; 'by-model': string };
  };
  /** Batch records (`createdAt`, indexed) and item records (`batchId`, indexed). */
  batches: {
    key: string;
    value: BatchStoreRecord;
    indexes: { 'by-createdAt': number; 'by-batchId': string };
  };
  votes: { key: string; value: Vote; indexes: { 'by-createdAt': number } };
  curation: { key: string; value: CurationRecord; indexes: { 'by-kind': CurationRecord['kind'] } };
}

export type PlaygroundDb = IDBPDatabase<PlaygroundSchema>;
export type UpgradeTransaction = IDBPTransaction<
  PlaygroundSchema,
  StoreNames<PlaygroundSchema>[],
  'versionchange'
>;
export type Migration = (db: PlaygroundDb, tx: UpgradeTransaction) => void;

/** MIGRATIONS[v] upgrades a database at version v to version v + 1. */
export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: the three stores.
  (db) => {
    const runs = db.createObjectStore('runs', { keyPath: 'id' });
    runs.createIndex('by-createdAt', 'createdAt');
    runs.createIndex('by-questionLower', 'questionLower');
    const configs = db.createObjectStore('configs', { keyPath: 'id' });
    configs.createIndex('by-createdAt', 'createdAt');
    const traces = db.createObjectStore('traces', { keyPath: 'id' });
    traces.createIndex('by-runId', 'runId');
  },
  // 1 → 2: indexes by run status and by model (IndexedDB fills them from the existing records).
  (_db, tx) => {
    tx.objectStore('runs').createIndex('by-status', 'status');
    tx.objectStore('traces').createIndex('by-model', 'modelId');
  },
  // 2 → 3: benchmark batches and their items, in one store; each index holds one kind.
  (db) => {
    const batches = db.createObjectStore('batches', { keyPath: 'id' });
    batches.createIndex('by-createdAt', 'createdAt');
    batches.createIndex('by-batchId', 'batchId');
  },
  // 3 → 4: blind votes, and the trace explorer's marks and cluster names.
  (db) => {
    db.createObjectStore('votes', { keyPath: 'id' }).createIndex('by-createdAt', 'createdAt');
    db.createObjectStore('curation', { keyPath: 'id' }).createIndex('by-kind', 'kind');
  },
];

if (MIGRATIONS.length !== DB_VERSION) throw new Error('DB_VERSION must equal MIGRATIONS.length');

/** Runs the steps from `oldVersion` up to `newVersion`, in order, in the upgrade transaction. */
export function upgradeSchema(
  db: PlaygroundDb,
  tx: UpgradeTransaction,
  oldVersion: number,
  newVersion: number,
): void {
  for (let v = oldVersion; v < newVersion; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`No schema step from version ${v} to ${v + 1}.`);
    step(db, tx);
  }
}

export interface OpenPlaygroundDbOptions {
  /** Default: the page's `indexedDB`. Tests pass fake-indexeddb's. */
  factory?: IDBFactory;
  /** Default DB_NAME. */
  name?: string;
  /** Default DB_VERSION; lower values exist to test the upgrade path. */
  version?: number;
  /** Reject with StorageUnavailableError when the browser has not answered in this time. */
  timeoutMs?: number;
  /**
   * Called after this connection closed itself because another tab wants to upgrade (or delete)
   * the database. From then on, every operation on it fails; the store switches to memory.
   */
  onBlocking?: () => void;
  /** Called when the browser closed the connection abnormally (storage cleared, disk error). */
  onTerminated?: () => void;
}

function pageFactory(): IDBFactory {
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) {
    throw new StorageError(
      'StorageUnavailableError',
      'This browser offers no IndexedDB storage, so runs are kept in memory only and are lost ' +
        'on reload.',
    );
  }
  return factory;
}

const OPEN = 'open the saved runs';

/**
 * The opens of one database (one factory and name) in this page. IndexedDB answers opens of a
 * database one after another: while one waits for an upgrade another tab blocks, every later
 * open (the Benchmark's, after History's) waits behind it and hears nothing, not even `blocked`.
 * So the page keeps what it knows: a `blocked` heard by one open fails the others in flight at
 * once, and an open started while that upgrade still waits fails with the same error, after a
 * moment's grace (BLOCKED_GRACE_MS) in which the other tab may just have let go.
 */
interface DbOpens {
  /** The blocked error, while the blocked open's request has not finished. */
  blocked?: StorageError;
  /** Fails an open in flight (one entry per unsettled open). */
  readonly pending: Set<(error: StorageError) => void>;
}

/** How long an open waiting behind a blocked upgrade waits before it says blocked too. */
const BLOCKED_GRACE_MS = 100;

const opensByFactory = new WeakMap<IDBFactory, Map<string, DbOpens>>();

function opensOf(factory: IDBFactory, name: string): DbOpens {
  let byName = opensByFactory.get(factory);
  if (!byName) opensByFactory.set(factory, (byName = new Map()));
  let opens = byName.get(name);
  if (!opens) byName.set(name, (opens = { pending: new Set() }));
  return opens;
}

/**
 * Opens (creating or upgrading as needed) the playground database. Rejects with:
 * - StorageBlockedError when another tab holds an older version open and does not let go (also
 *   at once for an open that would only wait behind such a blocked upgrade in this page);
 * - StorageUnavailableError when there is no IndexedDB, or opening throws or fails (private
 *   windows, disabled storage, a database from a newer version of the site), or times out;
 * - StorageQuotaError when creating the database already exceeds the quota.
 * A connection that opens after the promise was rejected (blocked, then let go) is closed.
 */
export function openPlaygroundDb(options: OpenPlaygroundDbOptions = {}): Promise<PlaygroundDb> {
  const name = options.name ?? DB_NAME;
  const version = options.version ?? DB_VERSION;
  return new Promise<PlaygroundDb>((resolve, reject) => {
    let factory: IDBFactory;
    let request: IDBOpenDBRequest;
    try {
      factory = options.factory ?? pageFactory();
      request = factory.open(name, version);
    } catch (error) {
      reject(toStorageError(error, OPEN));
      return;
    }
    const opens = opensOf(factory, name);

    let settled = false;
    let heardBlocked = false;
    const fail = (error: StorageError) => {
      if (settled) return;
      settled = true;
      opens.pending.delete(fail);
      clearTimeout(timer);
      reject(error);
    };
    opens.pending.add(fail);
    // An upgrade in this page waits for another tab: this open waits behind it. Unless the other
    // tab has just let go (the upgrade then goes through in a moment), say blocked at once.
    if (opens.blocked) {
      setTimeout(() => {
        if (opens.blocked) fail(opens.blocked);
      }, BLOCKED_GRACE_MS);
    }
    /** The request finished (success or error): a blocked upgrade no longer waits. */
    const finished = () => {
      if (heardBlocked) opens.blocked = undefined;
    };
    const timer = setTimeout(
      () =>
        fail(
          new StorageError(
            'StorageUnavailableError',
            'Browser storage (IndexedDB) did not answer, so runs are kept in memory only.',
          ),
        ),
      options.timeoutMs ?? 10_000,
    );

    request.addEventListener('upgradeneeded', (event) => {
      clearTimeout(timer);
      const db = wrap(request.result) as unknown as PlaygroundDb;
      const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTransaction;
      tx.done.catch(() => undefined); // a failed upgrade is reported through the request
      try {
        upgradeSchema(db, tx, event.oldVersion, event.newVersion ?? version);
      } catch (error) {
        fail(new StorageError('StorageError', `Could not upgrade the saved runs: ${error}`));
        request.transaction?.abort();
      }
    });
    request.addEventListener('blocked', () => {
      const error = new StorageError('StorageBlockedError', BLOCKED_MESSAGE);
      heardBlocked = true;
      opens.blocked = error;
      for (const other of [...opens.pending]) other(error);
    });
    request.addEventListener('error', (event) => {
      event.preventDefault();
      finished();
      fail(toStorageError(request.error, OPEN));
    });
    request.addEventListener('success', () => {
      finished();
      const raw = request.result;
      if (settled) {
        raw.close();
        return;
      }
      settled = true;
      opens.pending.delete(fail);
      clearTimeout(timer);
      raw.addEventListener('versionchange', () => {
        raw.close();
        options.onBlocking?.();
      });
      raw.addEventListener('close', () => options.onTerminated?.());
      resolve(wrap(raw) as unknown as PlaygroundDb);
    });
  });
}
