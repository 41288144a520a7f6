/**
 * Where a question set comes from besides the shipped ones: a file the user drops or picks, a
 * URL, or GSM8K's official test file. Every path ends in `loadEvalFile`, so the loaders'
 * specific messages (which item, which field) reach the user as they are.
 */
import { loadEvalFile } from '../eval/detect-format';
import { GSM8K_TEST_URL } from '../eval/extract-number';
import { EvalLoadError } from '../eval/load-util';
import type { EvalSet } from '../eval/types';

export { GSM8K_TEST_URL };

/** Why a set could not be loaded; the message is shown as it is. */
export class SetSourceError extends Error {
  override readonly name = 'SetSourceError';
}

/** The last part of a URL's path ('test.jsonl'), for format detection by name. */
export function fileNameOf(url: string): string {
  try {
    const path = new URL(url, 'http://localhost/').pathname;
    return decodeURIComponent(path.split('/').pop() ?? '');
  } catch {
    return '';
  }
}

function load(text: string, fileName: string, source: string | undefined): EvalSet {
  try {
    return loadEvalFile(text, fileName, source === undefined ? {} : { source });
  } catch (error) {
    if (error instanceof EvalLoadError) throw new SetSourceError(error.message);
    throw new SetSourceError(
      `${fileName || 'The file'} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Loads a dropped or picked file (anything with `name` and `text()`, like a File). */
export async function loadSetFile(file: {
  name: string;
  text(): Promise<string>;
}): Promise<EvalSet> {
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    throw new SetSourceError(
      `"${file.name}" could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return load(text, file.name, undefined);
}

/** Fetches a set from a URL and loads it; network and HTTP failures get their own messages. */
export async function loadSetUrl(
  url: string,
  options: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<EvalSet> {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new SetSourceError(`"${trimmed}" is not a URL (it should start with https://).`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new SetSourceError(`Only http and https URLs can be loaded, not ${parsed.protocol}`);
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await fetcher(parsed.href, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    throw new SetSourceError(
      `Could not fetch ${parsed.href}: ${error instanceof Error ? error.message : String(error)} ` +
        '(offline, or the server does not allow this page to read it: CORS).',
    );
  }
  if (!response.ok)
    throw new SetSourceError(
      `Could not fetch ${parsed.href}: the server answered ${response.status} ${response.statusText}`.trim(),
    );
  return load(await response.text(), fileNameOf(parsed.href), parsed.href);
}
