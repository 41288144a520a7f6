/**
 * The same envelope as a link, as a JSON file to download and open again: readable, diffable,
 * and without a link's size limits (up to MAX_CONFIG_FILE_BYTES). Reading runs the same
 * migration and validation as links, with the same error codes.
 */
import { fail, formatCount, type ShareResult } from './errors';
import type { ShareEnvelope } from './schema';
import { parseEnvelope } from './validate';

/** Largest config file read, in bytes of UTF-8. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

/** The MIME type to save config files with. */
export const CONFIG_FILE_TYPE = 'application/json';

/** An envelope as pretty JSON (2-space indent, final newline). */
export function toConfigFile(envelope: ShareEnvelope): string {
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** A file name for an envelope: 'experiment-in-which-city-was-the.json'. */
export function configFileName(envelope: ShareEnvelope): string {
  const slug = envelope.experiment.question
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, 6)
    .join('-')
    .slice(0, 48)
    .replace(/-+$/, '');
  return `experiment${slug ? `-${slug}` : ''}.json`;
}

/** UTF-8 length of a string, without encoding it. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A config file's text → the envelope, migrated and validated, or what is wrong with it. */
export function fromConfigFile(text: string): ShareResult {
  // Every UTF-16 unit is at least one byte, so a long string is refused without a walk.
  const size = text.length > MAX_CONFIG_FILE_BYTES ? null : utf8Bytes(text);
  if (size === null || size > MAX_CONFIG_FILE_BYTES)
    return fail(
      'too-large',
      `The file is too large (${size === null ? 'over 1 MB' : `${formatCount(Math.ceil(size / 1024))} KB`}; ` +
        `a config file may have at most ${formatCount(MAX_CONFIG_FILE_BYTES / 1024)} KB).`,
    );
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return fail('bad-json', 'The file is empty.');
  let raw: unknown;
  try {
    raw = JSON.parse(body) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? `: ${error.message.slice(0, 120)}` : '';
    return fail('bad-json', `The file is not valid JSON${reason}.`);
  }
  return parseEnvelope(raw, 'file');
}
