/**
 * What can go wrong when reading a shared experiment (a link or a config file), as data: a code
 * the UI can branch on, and a message written for the person who clicked the link.
 */
import type { ShareEnvelope } from './schema';

export type ShareErrorCode =
  | 'not-a-share-link'
  | 'bad-encoding'
  | 'truncated'
  | 'too-large'
  | 'bad-json'
  | 'unsupported-version'
  | 'invalid-config';

export interface ShareLinkError {
  code: ShareErrorCode;
  /** One specific sentence: what is wrong, and where. */
  message: string;
  /** Every problem found (for 'invalid-config' there may be several); the first is `message`. */
  details: string[];
}

/** A failed read. */
export interface ShareFailure {
  ok: false;
  error: ShareLinkError;
}

/** The outcome of reading a link or a file. Warnings do not stop the import. */
export type ShareResult = { ok: true; envelope: ShareEnvelope; warnings: string[] } | ShareFailure;

/** Where the data came from, for wording messages ("The link's data…", "The file…"). */
export type ShareSource = 'link' | 'file';

/** A failed result with one message. */
export function fail(code: ShareErrorCode, message: string): ShareFailure {
  return { ok: false, error: { code, message, details: [message] } };
}

/** Most problems listed in `details`; more are summarised in the last line. */
const MAX_DETAILS = 50;

/** A failed 'invalid-config' result from a non-empty list of problems. */
export function invalid(problems: string[]): ShareFailure {
  const first = problems[0] ?? 'The experiment is not valid.';
  const more = problems.length - 1;
  const message = more > 0 ? `${first} (and ${more} more problem${more === 1 ? '' : 's'})` : first;
  const details = problems.slice(0, MAX_DETAILS);
  if (problems.length > MAX_DETAILS) details.push(`…and ${problems.length - MAX_DETAILS} more.`);
  return { ok: false, error: { code: 'invalid-config', message, details } };
}

/** A number with thousands separators, independent of the user's locale ('65,536'). */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A short, quoted preview of untrusted text for messages (at most `max` code points). */
export function quote(text: string, max = 40): string {
  // A code point is at most two UTF-16 units, so this slice holds `max` code points, and
  // a huge input is not walked whole.
  const head = text.slice(0, max * 2 + 2);
  const chars = Array.from(head);
  const cut = chars.length > max || head.length < text.length;
  return JSON.stringify(cut ? `${chars.slice(0, max).join('')}…` : text);
}
