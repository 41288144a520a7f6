/**
 * What the runner runs: a config file (the tab's Export JSON of an experiment) or a share link,
 * read with the site's own decoders, so the same migration, validation and messages apply.
 */
import { readFile } from 'node:fs/promises';
import {
  decodeShareUrl,
  fromConfigFile,
  isShareFragment,
  type ShareEnvelope,
} from '../../src/lib/share';
import type { ShareResult } from '../../src/lib/share';

/** The experiment could not be read; the message says why (and lists the problems). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Whether the argument is a share link (a URL, or a bare `#x=…` fragment) rather than a file. */
export function isShareLink(source: string): boolean {
  const hash = source.indexOf('#');
  return hash >= 0 && isShareFragment(source.slice(hash)) && !/\.json$/i.test(source);
}

function envelopeOf(result: ShareResult, what: string): ShareEnvelope {
  if (result.ok) return result.envelope;
  const details = result.error.details.length > 1 ? `\n  ${result.error.details.join('\n  ')}` : '';
  throw new ConfigError(`${what}: ${result.error.message}${details}`);
}

/** Reads a config file or decodes a share link. Throws ConfigError. */
export async function loadExperiment(
  source: string,
  read: (path: string) => Promise<string> = (path) => readFile(path, 'utf8'),
): Promise<ShareEnvelope> {
  if (isShareLink(source)) return envelopeOf(decodeShareUrl(source), 'The share link');
  let text: string;
  try {
    text = await read(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT'
        ? `There is no file "${source}". Give a config file (Export JSON in the Solo vs Team view) or a share link (in quotes).`
        : `"${source}" could not be read: ${(error as Error).message}`,
    );
  }
  return envelopeOf(fromConfigFile(text), `"${source}"`);
}
