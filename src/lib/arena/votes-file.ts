/**
 * The votes file: every blind vote, to move them to another browser or study them elsewhere.
 * Versioned like the results file (batch/results-schema.ts): `format` names the kind of file
 * and `version` its layout, and reading checks both before the fields, so a file from another
 * tool or a newer version is named as such. Everything in the file is untrusted: the schema
 * checks shape, types and ranges and keeps only known fields.
 */
import * as v from 'valibot';
import { MAX_FILE_PROBLEMS, readVersionedFile } from '../share/versioned-file';
import { VOTE_OUTCOMES, type Vote } from './votes';

/** What `format` says in every votes file. */
export const VOTES_FORMAT = 'slm-playground-votes';

/** The layout this module reads and writes. */
export const VOTES_VERSION = 1;

/** Largest votes file read, in characters. */
export const MAX_VOTES_CHARS = 32 * 1024 * 1024;

/** Most votes a file may hold. */
const MAX_VOTES = 200_000;

/** Most problems listed for one file. */

const text = v.string();
const filled = v.pipe(v.string(), v.nonEmpty('must not be empty'));
const key = v.pipe(filled, v.maxLength(8192));

const EntryRefSchema = v.object({ key, label: text });

const VoteSchema = v.object({
  kind: v.literal('vote'),
  id: v.pipe(filled, v.maxLength(128)),
  createdAt: v.pipe(v.number(), v.finite()),
  question: text,
  category: text,
  left: EntryRefSchema,
  right: EntryRefSchema,
  outcome: v.picklist(VOTE_OUTCOMES),
  judge: v.union(
    [v.literal('human'), v.object({ model: filled })],
    'must be "human" or an object naming the judge model ({ "model": … })',
  ),
});

const VotesFileSchema = v.object({
  format: v.literal(VOTES_FORMAT),
  version: v.literal(VOTES_VERSION),
  exportedAt: text,
  votes: v.pipe(v.array(VoteSchema), v.maxLength(MAX_VOTES)),
});

/** Compile-time proof that the votes read are the votes the store keeps, and back. */
type Assert<T extends true> = T;
export type _VoteMatches = Assert<v.InferOutput<typeof VoteSchema> extends Vote ? true : false>;
export type _VoteCovered = Assert<Vote extends v.InferOutput<typeof VoteSchema> ? true : false>;

export type VotesReadResult =
  | { ok: true; votes: Vote[] }
  /** `problems`: one line per bad field, at most the first few. */
  | { ok: false; message: string; problems: string[] };

const failure = (message: string, problems: string[] = []): VotesReadResult => ({
  ok: false,
  message,
  problems: problems.slice(0, MAX_FILE_PROBLEMS),
});

/** The votes as a votes file's text (pretty-printed JSON), stamped with `now`. */
export function votesToJson(votes: readonly Vote[], now: Date = new Date()): string {
  const file: v.InferOutput<typeof VotesFileSchema> = {
    format: VOTES_FORMAT,
    version: VOTES_VERSION,
    exportedAt: now.toISOString(),
    votes: [...votes],
  };
  return JSON.stringify(file, null, 2);
}

/** Votes given the same id twice: the second would overwrite the first in the store. */
function duplicateProblems(votes: readonly Vote[]): string[] {
  const first = new Map<string, number>();
  const problems: string[] = [];
  votes.forEach((vote, i) => {
    const earlier = first.get(vote.id);
    if (earlier === undefined) first.set(vote.id, i);
    else problems.push(`votes › ${i + 1} › id: is the id of vote ${earlier + 1} too`);
  });
  return problems;
}

/**
 * A votes file's text → its votes, or what is wrong with it: too large, empty, not JSON,
 * another kind of file, another version, bad fields (each named by its path), or two votes
 * with one id.
 */
export function parseVotesFile(body: string): VotesReadResult {
  const read = readVersionedFile(body, {
    name: 'votes',
    format: VOTES_FORMAT,
    version: VOTES_VERSION,
    maxChars: MAX_VOTES_CHARS,
    schema: VotesFileSchema,
    writtenBy: "this playground's vote export",
  });
  if (!read.ok) return failure(read.message, read.problems);
  const { votes } = read.value;
  const duplicates = duplicateProblems(votes);
  if (duplicates.length)
    return failure(
      `The votes file gives ${duplicates.length === 1 ? 'one id to two votes' : `${duplicates.length} votes an id already used`}.`,
      duplicates,
    );
  return { ok: true, votes };
}
