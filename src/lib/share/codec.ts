/**
 * Experiments in links: `#x=<format>.<payload>`, where the payload is the envelope's JSON,
 * deflated (raw DEFLATE, level 9) and written in base64url. The fragment never reaches a
 * server, so a shared experiment stays between the people who pass the link around.
 *
 * Reading is defensive: the fragment's length is checked before anything is decoded, and
 * inflation stops as soon as its output passes MAX_JSON_BYTES (a deflate bomb of a few KB
 * could otherwise expand to many MB).
 */
import { Inflate, deflateSync, strToU8, type FlateError } from 'fflate';
import { toBase64Url, fromBase64Url } from './base64url';
import { fail, formatCount, invalid, quote, type ShareFailure, type ShareResult } from './errors';
import { unsupportedFormat } from './migrate';
import { SHARE_FORMAT_VERSION, SUPPORTED_FORMATS, type ShareEnvelope } from './schema';
import { checkEnvelope, parseEnvelope } from './validate';

/** The fragment's key: `#x=…`. */
export const SHARE_PARAM = 'x';
/** Longest fragment read (characters after '#'). */
export const MAX_FRAGMENT_CHARS = 64 * 1024;
/** Most bytes of JSON a link may unpack to. */
export const MAX_JSON_BYTES = 256 * 1024;
/** Compressed bytes fed to the inflater at a time: bounds the output of one step (~1 MB). */
const INFLATE_CHUNK = 1024;

const PREFIX = `${SHARE_PARAM}=`;

/** The JSON of an envelope, as written into links. */
const envelopeJson = (envelope: ShareEnvelope) => JSON.stringify(envelope);

/** An envelope → `#x=2.<payload>`. Does not validate: see `prepareShareFragment`. */
export function encodeShareFragment(envelope: ShareEnvelope): string {
  const packed = deflateSync(strToU8(envelopeJson(envelope)), { level: 9 });
  return `#${PREFIX}${SHARE_FORMAT_VERSION}.${toBase64Url(packed)}`;
}

/**
 * The fragment for an envelope, or why it cannot be shared by link: the experiment is not
 * valid, or it is too large for a link (then a config file still works).
 */
export function prepareShareFragment(
  envelope: ShareEnvelope,
): { ok: true; fragment: string } | ShareFailure {
  const problems = checkEnvelope(envelope);
  if (problems.length > 0) return invalid(problems);
  const bytes = strToU8(envelopeJson(envelope)).length;
  if (bytes > MAX_JSON_BYTES)
    return fail(
      'too-large',
      `The experiment is too large for a link (${kb(bytes)} of data; a link holds at most ` +
        `${kb(MAX_JSON_BYTES)}). Export it as a file instead.`,
    );
  const fragment = encodeShareFragment(envelope);
  if (fragment.length - 1 > MAX_FRAGMENT_CHARS)
    return fail(
      'too-large',
      `The link would be ${formatCount(fragment.length)} characters long, more than the ` +
        `${formatCount(MAX_FRAGMENT_CHARS)} a link may have. Export it as a file instead.`,
    );
  return { ok: true, fragment };
}

/** The page's URL with its fragment replaced by the shared experiment. */
export function buildShareUrl(baseHref: string, envelope: ShareEnvelope): string {
  const url = new URL(baseHref);
  url.hash = '';
  return url.href + encodeShareFragment(envelope);
}

/** Whether a fragment looks like a share link (cheap; does not decode). */
export function isShareFragment(hash: string): boolean {
  return (hash.startsWith('#') ? hash.slice(1) : hash).startsWith(PREFIX);
}

const kb = (bytes: number) => `${formatCount(Math.ceil(bytes / 1024))} KB`;

const CUT_OFF = "The link's data is cut off: it may have been truncated when copied.";

/**
 * `location.hash` (with or without its '#') → the shared envelope, migrated to the current
 * format and validated, or a ShareLinkError that says what is wrong.
 */
export function decodeShareFragment(hash: string): ShareResult {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment === '')
    return fail(
      'not-a-share-link',
      'This address holds no shared experiment: it has nothing after the #.',
    );
  if (!fragment.startsWith(PREFIX))
    return fail(
      'not-a-share-link',
      `This address holds no shared experiment: its fragment ${quote(`#${fragment}`)} ` +
        `is not a share link (those start with #${PREFIX}).`,
    );
  if (fragment.length > MAX_FRAGMENT_CHARS)
    return fail(
      'too-large',
      `The link is too long (${formatCount(fragment.length)} characters after the #; a share ` +
        `link has at most ${formatCount(MAX_FRAGMENT_CHARS)}), so it was not read.`,
    );

  const body = fragment.slice(PREFIX.length);
  const dot = body.indexOf('.');
  const formatText = dot < 0 ? body : body.slice(0, dot);
  if (!/^(0|[1-9][0-9]{0,3})$/.test(formatText))
    return fail(
      'bad-encoding',
      `The link should start with a format number, as in #${PREFIX}${SHARE_FORMAT_VERSION}.…, ` +
        `but it starts with #${PREFIX}${quote(formatText, 12)}.`,
    );
  const format = Number(formatText);
  if (!SUPPORTED_FORMATS.includes(format))
    return { ok: false, error: unsupportedFormat(format, 'link') };
  const payload = dot < 0 ? '' : body.slice(dot + 1);
  if (payload === '') return fail('truncated', CUT_OFF);

  const decoded = fromBase64Url(payload);
  if (!decoded.ok) {
    if (decoded.reason === 'dangling') return fail('truncated', CUT_OFF);
    return fail(
      'bad-encoding',
      `The link's data contains ${quote(decoded.char)} (character ${formatCount(decoded.index + 1)}), ` +
        'which cannot be in a share link: it may have been changed when copied.',
    );
  }

  const inflated = inflateLimited(decoded.bytes, MAX_JSON_BYTES);
  if (!inflated.ok) return inflated;

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return fail('bad-json', "The link's data unpacks, but not to text (it is not valid UTF-8).");
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? `: ${error.message.slice(0, 120)}` : '';
    return fail('bad-json', `The link's data unpacks, but is not valid JSON${reason}.`);
  }
  return parseEnvelope(raw, 'link', format);
}

/**
 * A pasted link (a whole URL) → like `decodeShareFragment` on its fragment. For a "paste a
 * link" box; the URL's origin and path are not checked.
 */
export function decodeShareUrl(href: string): ShareResult {
  const hash = href.indexOf('#');
  if (hash < 0)
    return fail('not-a-share-link', 'This address holds no shared experiment: it has no # part.');
  return decodeShareFragment(href.slice(hash));
}

const isFlateError = (error: unknown): error is FlateError =>
  error instanceof Error && typeof (error as Partial<FlateError>).code === 'number';

/** fflate's error code for input that ends before the DEFLATE stream does. */
const UNEXPECTED_EOF = 0;

class OutputLimitReached extends Error {}

/**
 * Raw DEFLATE → bytes, refusing output beyond `limit`. Input goes in by INFLATE_CHUNK, and the
 * running total is checked after each step, so at most about a thousand times one chunk is
 * held beyond the limit before inflation stops.
 */
export function inflateLimited(
  data: Uint8Array,
  limit: number,
): { ok: true; bytes: Uint8Array } | ShareFailure {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) throw new OutputLimitReached();
    chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_CHUNK)
      inflater.push(data.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= data.length);
  } catch (error) {
    if (error instanceof OutputLimitReached)
      return fail(
        'too-large',
        `The link's data unpacks to more than ${kb(limit)}, far more than an experiment ` +
          'needs, so it was refused.',
      );
    if (isFlateError(error) && error.code === UNEXPECTED_EOF) return fail('truncated', CUT_OFF);
    const reason = error instanceof Error ? ` (${error.message})` : '';
    return fail(
      'bad-encoding',
      `The link's data is damaged and cannot be unpacked${reason}: it may have been changed ` +
        'when copied.',
    );
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { ok: true, bytes };
}
