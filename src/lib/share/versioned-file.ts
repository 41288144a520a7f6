/**
 * Reading a JSON file this playground wrote (a results file, a votes file): its size, a byte
 * order mark, JSON, the `format` and `version` it names, then its schema, each failure in words
 * a person can act on, and the bad fields named by their paths.
 */
import * as v from 'valibot';
import { formatIssues } from './issues';

/** Most problems listed for one file. */
export const MAX_FILE_PROBLEMS = 8;

export type FileReadResult<T> =
  | { ok: true; value: T }
  /** `problems`: one line per bad field, at most the first few. */
  | { ok: false; message: string; problems: string[] };

export const fileFailure = <T>(message: string, problems: string[] = []): FileReadResult<T> => ({
  ok: false,
  message,
  problems: problems.slice(0, MAX_FILE_PROBLEMS),
});

export interface VersionedFileKind<TSchema extends v.GenericSchema> {
  /** What the file is called in messages: 'results', 'votes'. */
  name: string;
  format: string;
  version: number;
  maxChars: number;
  schema: TSchema;
  /** Where such a file comes from, said when another kind of file is opened. */
  writtenBy: string;
}

export function readVersionedFile<TSchema extends v.GenericSchema>(
  body: string,
  kind: VersionedFileKind<TSchema>,
): FileReadResult<v.InferOutput<TSchema>> {
  const { name, format: expectedFormat, version: expectedVersion } = kind;
  if (body.length > kind.maxChars)
    return fileFailure(
      `The file is too large to be a ${name} file (over ${kind.maxChars / 2 ** 20} MB).`,
    );
  const trimmed = (body.startsWith('\uFEFF') ? body.slice(1) : body).trim();
  if (trimmed === '') return fileFailure('The file is empty.');
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch (error) {
    const reason = error instanceof Error ? `: ${error.message.slice(0, 120)}` : '';
    return fileFailure(`The file is not valid JSON${reason}.`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return fileFailure(`The file is not a ${name} file: it holds no object.`);
  const { format, version } = raw as { format?: unknown; version?: unknown };
  if (format !== expectedFormat)
    return fileFailure(
      `The file is not a ${name} file: its "format" is ${JSON.stringify(format ?? null)?.slice(0, 60)}, not "${expectedFormat}". ` +
        `Open a file written by ${kind.writtenBy}.`,
    );
  if (version !== expectedVersion)
    return fileFailure(
      typeof version === 'number' && version > expectedVersion
        ? `The file is ${name} version ${version}, newer than this page reads (version ${expectedVersion}). Update the playground (reload the page) and open it again.`
        : `The file's ${name} version is ${JSON.stringify(version ?? null)?.slice(0, 30)}; this page reads version ${expectedVersion}.`,
    );
  const parsed = v.safeParse(kind.schema, raw);
  if (!parsed.success) {
    const problems = formatIssues(parsed.issues);
    return fileFailure(
      `The ${name} file has ${problems.length === 1 ? 'a bad field' : `${problems.length} bad fields`}.`,
      problems,
    );
  }
  return { ok: true, value: parsed.output };
}
