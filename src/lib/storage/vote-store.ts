/**
 * Where blind votes are kept: the `votes` store of the playground database (arena/votes.ts),
 * or memory when IndexedDB cannot be opened (then votes go when the page does, and the handle
 * says why). A write IndexedDB refuses rejects with a StorageError; the caller keeps the vote
 * on the page and says so.
 */
import type { Vote } from '../arena/votes';
import type { StorageMode } from './api';
import { openPlaygroundDb, type OpenPlaygroundDbOptions, type PlaygroundDb } from './database';
import { StorageError, toStorageError } from './errors';

export interface VoteStoreApi {
  /** 'memory': IndexedDB could not be opened; votes go when the page does. */
  readonly mode: StorageMode;
  /** Adds a vote, or replaces the one with its id. */
  put(vote: Vote): Promise<void>;
  /** Adds or replaces many votes at once (one transaction: all or none). */
  putMany(votes: readonly Vote[]): Promise<void>;
  /** Every vote, oldest first. */
  all(): Promise<Vote[]>;
  delete(id: string): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

const oldestFirst = (a: Vote, b: Vote) => a.createdAt - b.createdAt;

/** Votes in a Map; copies in and out. */
export class MemoryVoteStore implements VoteStoreApi {
  readonly mode: StorageMode = 'memory';
  readonly #votes = new Map<string, Vote>();

  async put(vote: Vote): Promise<void> {
    this.#votes.set(vote.id, structuredClone(vote));
  }

  async putMany(votes: readonly Vote[]): Promise<void> {
    for (const vote of votes) this.#votes.set(vote.id, structuredClone(vote));
  }

  async all(): Promise<Vote[]> {
    return structuredClone([...this.#votes.values()].sort(oldestFirst));
  }

  async delete(id: string): Promise<void> {
    this.#votes.delete(id);
  }

  async clear(): Promise<void> {
    this.#votes.clear();
  }

  async close(): Promise<void> {}
}

/** The `votes` store over an open database; IndexedDB errors come back as StorageErrors. */
export class IdbVoteStore implements VoteStoreApi {
  readonly mode: StorageMode = 'indexeddb';
  readonly #db: PlaygroundDb;

  constructor(db: PlaygroundDb) {
    this.#db = db;
  }

  async #do<T>(op: () => Promise<T>, action: string): Promise<T> {
    try {
      return await op();
    } catch (error) {
      throw toStorageError(error, action);
    }
  }

  put(vote: Vote): Promise<void> {
    return this.#do(async () => void (await this.#db.put('votes', vote)), 'save the vote');
  }

  putMany(votes: readonly Vote[]): Promise<void> {
    return this.#do(async () => {
      const tx = this.#db.transaction('votes', 'readwrite');
      await Promise.all([...votes.map((vote) => tx.store.put(vote)), tx.done]);
    }, 'save the votes');
  }

  all(): Promise<Vote[]> {
    return this.#do(() => this.#db.getAllFromIndex('votes', 'by-createdAt'), 'read the votes');
  }

  delete(id: string): Promise<void> {
    return this.#do(() => this.#db.delete('votes', id), 'delete the vote');
  }

  clear(): Promise<void> {
    return this.#do(() => this.#db.clear('votes'), 'delete the votes');
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

export interface OpenVoteStoreOptions extends Omit<
  OpenPlaygroundDbOptions,
  'onBlocking' | 'onTerminated'
> {
  /** Opens the database instead of openPlaygroundDb (tests). */
  open?: () => Promise<PlaygroundDb>;
}

export interface VoteStoreHandle {
  store: VoteStoreApi;
  /** Why votes are kept in memory only (absent when IndexedDB opened). */
  reason?: StorageError;
}

/** Opens the vote store. Never rejects: without IndexedDB the votes are kept in memory. */
export async function openVoteStore(options: OpenVoteStoreOptions = {}): Promise<VoteStoreHandle> {
  const open = options.open ?? (() => openPlaygroundDb(options));
  try {
    return { store: new IdbVoteStore(await open()) };
  } catch (error) {
    return {
      store: new MemoryVoteStore(),
      reason: error instanceof StorageError ? error : toStorageError(error, 'open the votes'),
    };
  }
}
