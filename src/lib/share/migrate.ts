/**
 * Old formats to the current one, before validation, so that every link ever made keeps
 * working. Format 1 was the bare ExperimentConfig (`{ version: 1, question, … }`); format 2
 * wraps it in `{ v: 2, experiment, customModels? }`. Migration changes shape only: the
 * result is validated as format 2 afterwards, like any other input.
 */
import { fail, quote, type ShareFailure, type ShareLinkError, type ShareSource } from './errors';
import { describeValue } from './issues';
import { SHARE_FORMAT_VERSION, SUPPORTED_FORMATS } from './schema';

export type Migration =
  { ok: true; value: unknown; from: number; warnings: string[] } | ShareFailure;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** 'This link' / 'This file'. */
const subject = (source: ShareSource) => (source === 'link' ? 'This link' : 'This file');

/** Why a format number cannot be read, for 'unsupported-version'. */
export function unsupportedFormat(format: unknown, source: ShareSource): ShareLinkError {
  const readable = SUPPORTED_FORMATS.join(' and ');
  const message =
    typeof format === 'number' && Number.isInteger(format) && format > SHARE_FORMAT_VERSION
      ? `${subject(source)} uses format ${format}, made by a newer version of the playground; ` +
        `this version reads formats ${readable}.`
      : `${subject(source)} uses an unknown format (${describeValue(format)}); ` +
        `this version reads formats ${readable}.`;
  return { code: 'unsupported-version', message, details: [message] };
}

/** Format 1 → format 2: the bare experiment becomes the envelope's `experiment`. */
export function migrateV1(experiment: Record<string, unknown>): Record<string, unknown> {
  return { v: 2, experiment };
}

/**
 * Reads the format of parsed JSON and brings it to the current one. Fails with
 * 'unsupported-version' for formats it does not know, 'invalid-config' for data that
 * says no format at all.
 */
export function migrate(raw: unknown, source: ShareSource): Migration {
  if (!isRecord(raw))
    return fail(
      'invalid-config',
      `${subject(source)} does not hold an experiment (expected an object, got ${describeValue(raw)}).`,
    );
  if ('v' in raw) {
    if (raw.v === SHARE_FORMAT_VERSION)
      return { ok: true, value: raw, from: SHARE_FORMAT_VERSION, warnings: [] };
    return { ok: false, error: unsupportedFormat(raw.v, source) };
  }
  if ('version' in raw) {
    if (raw.version === 1)
      return {
        ok: true,
        value: migrateV1(raw),
        from: 1,
        warnings: [`${subject(source)} was made by an older version (format 1) and was upgraded.`],
      };
    return { ok: false, error: unsupportedFormat(raw.version, source) };
  }
  const keys = Object.keys(raw)
    .slice(0, 5)
    .map((key) => quote(key, 20));
  return fail(
    'invalid-config',
    `${subject(source)} does not say which format it is in (no "v" or "version" field` +
      (keys.length ? `; found ${keys.join(', ')})` : ')') +
      '.',
  );
}
