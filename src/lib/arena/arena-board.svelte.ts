/**
 * The arena's votes and the leaderboard they make, as the page shows them: votes kept in the
 * vote store, a category filter, export and import. The board (Bradley–Terry with a bootstrap
 * interval) is computed after a macrotask, off the path of the click that cast a vote, and
 * with fewer resamples past LARGE_VOTES votes, so voting stays responsive; the latest
 * computation wins.
 */
import { toStorageError, type StorageError } from '../storage/errors';
import { openVoteStore, type VoteStoreApi, type VoteStoreHandle } from '../storage/vote-store';
import { mergeVotes } from './merge';
import { leaderboard, voteCategories, type LeaderboardRow } from './leaderboard';
import { parseVotesFile, votesToJson } from './votes-file';
import type { Vote } from './votes';

/** Past this many votes in a board, its interval comes from FEW_RESAMPLES resamples. */
export const LARGE_VOTES = 2_000;
export const FULL_RESAMPLES = 1_000;
export const FEW_RESAMPLES = 200;

/** The resamples used for a board of `votes` votes. */
export const resamplesFor = (votes: number): number =>
  votes > LARGE_VOTES ? FEW_RESAMPLES : FULL_RESAMPLES;

/** The category filter: every vote (null), or one category ('' for typed questions). */
export type CategoryFilter = string | null;

export interface ArenaBoardOptions {
  openStore?: () => Promise<VoteStoreHandle>;
  /** Runs the board computation later (default: setTimeout 0). */
  defer?: (fn: () => void) => void;
  /** The leaderboard function (tests count its calls). */
  compute?: typeof leaderboard;
}

export interface ImportOutcome {
  ok: boolean;
  message: string;
  problems: string[];
}

export class ArenaBoard {
  votes = $state.raw<Vote[]>([]);
  category = $state<CategoryFilter>(null);
  /** Whose votes the board counts: people's (default) or model judges'. */
  judge = $state<'human' | 'model'>('human');
  rows = $state.raw<LeaderboardRow[]>([]);
  /** Resamples behind the rows' intervals. */
  resamples = $state(FULL_RESAMPLES);
  /** A computation is pending: the rows shown are not the latest votes' yet. */
  computing = $state(false);
  /** Why votes are kept in memory only, or the last write that failed. */
  storeProblem = $state.raw<StorageError | null>(null);
  /** What the last import did, or what was wrong with its file. */
  imported = $state.raw<ImportOutcome | null>(null);

  readonly #openStore: () => Promise<VoteStoreHandle>;
  readonly #defer: (fn: () => void) => void;
  readonly #compute: typeof leaderboard;
  #store: VoteStoreApi | null = null;
  #opening: Promise<void> | null = null;
  #generation = 0;

  constructor(options: ArenaBoardOptions = {}) {
    this.#openStore = options.openStore ?? (() => openVoteStore());
    this.#defer = options.defer ?? ((fn) => setTimeout(fn, 0));
    this.#compute = options.compute ?? leaderboard;
  }

  /** Categories present, for the filter: each set id, then '' when typed questions have votes. */
  get categories(): string[] {
    const named = voteCategories(this.votes);
    return this.votes.some((v) => v.category === '') ? [...named, ''] : named;
  }

  /** Opens the store (once) and reads every vote. */
  init(): Promise<void> {
    this.#opening ??= (async () => {
      const handle = await this.#openStore();
      this.#store = handle.store;
      if (handle.reason) this.storeProblem = handle.reason;
      try {
        this.votes = mergeVotes(await handle.store.all(), this.votes).votes;
      } catch (error) {
        this.storeProblem = toStorageError(error, 'read the votes');
      }
      this.refresh();
    })();
    return this.#opening;
  }

  /** Shows the board for another category. */
  setCategory(category: CategoryFilter): void {
    this.category = category;
    this.refresh();
  }

  /** Shows the board of people's votes or of model judges' votes. */
  setJudge(judge: 'human' | 'model'): void {
    this.judge = judge;
    this.refresh();
  }

  /** Recomputes the rows later; only the latest request's rows are kept. */
  refresh(): void {
    const generation = ++this.#generation;
    this.computing = true;
    this.#defer(() => {
      if (generation !== this.#generation) return;
      const votes = this.votes;
      const category = this.category;
      const judge = this.judge;
      const resamples = resamplesFor(votes.length);
      this.rows = this.#compute(votes, {
        ...(category === null ? {} : { category }),
        resamples,
        judge,
      });
      this.resamples = resamples;
      this.computing = false;
    });
  }

  /** Keeps a new vote (on the page even when the store refuses it) and updates the board. */
  async add(vote: Vote): Promise<void> {
    this.votes = [...this.votes, vote];
    this.refresh();
    await this.init();
    try {
      await this.#store?.put(vote);
    } catch (error) {
      this.storeProblem = toStorageError(error, 'save the vote');
    }
  }

  /** The votes file's text for every vote. */
  exportJson(now?: Date): string {
    return votesToJson(this.votes, now);
  }

  /**
   * Reads a votes file and merges its votes by id (a vote already here is replaced by the
   * file's). A file that cannot be read changes nothing, and `imported` says what is wrong.
   */
  async importText(text: string): Promise<ImportOutcome> {
    await this.init();
    const read = parseVotesFile(text);
    if (!read.ok) {
      this.imported = { ok: false, message: read.message, problems: read.problems };
      return this.imported;
    }
    const { votes, fresh } = mergeVotes(this.votes, read.votes);
    this.votes = votes;
    this.refresh();
    try {
      await this.#store?.putMany(read.votes);
    } catch (error) {
      this.storeProblem = toStorageError(error, 'save the imported votes');
    }
    const count = read.votes.length;
    this.imported = {
      ok: true,
      message: `Imported ${count} vote${count === 1 ? '' : 's'}: ${fresh} new, ${count - fresh} already here.`,
      problems: [],
    };
    return this.imported;
  }

  dispose(): void {
    this.#generation++;
    void this.#store?.close();
  }
}
