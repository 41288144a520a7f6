/**
 * The question set, found as the site finds it: the playground's own sets (src/lib/eval/sets),
 * the benchmark slices in ../shared/data/ where that folder sits beside the repository, GSM8K's
 * official file from its URL (the tab's "Load GSM8K test set"), or a file in a benchmark's own
 * format. Every file goes through the tab's loaders (sources.ts), with their messages.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GSM8K_TEST_URL,
  loadSetFile,
  loadSetUrl,
  SetSourceError,
} from '../../src/lib/batch/sources';
// The question sets only: software sets need the browser's sandboxes to run their programs.
import { questionSets } from '../../src/lib/eval/sets';
import type { EvalSet } from '../../src/lib/eval/types';

/** `../shared/data/` beside the repository (as src/lib/eval/test-data.ts finds it). */
export const SHARED_DATA_DIR = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** The benchmark names the runner knows, and their slice in the shared folder. */
export const BENCHMARK_FILES: Readonly<Record<string, string>> = {
  gsm8k: 'gsm8k-test.jsonl',
  svamp: 'svamp.json',
  hotpotqa: 'hotpotqa-train-100.json',
  '2wiki': '2wikimultihopqa-dev-60.json',
  strategyqa: 'strategyqa-dev.json',
};

/** The playground's own sets by short name ('math' for 'playground-math') and by id. */
function shippedSet(name: string): EvalSet | undefined {
  return questionSets.find((s) => s.id === name || s.id === `playground-${name}`);
}

export interface SetSourceOptions {
  /** Where the benchmark slices are (default SHARED_DATA_DIR). */
  sharedDir?: string;
  fetch?: typeof fetch;
}

function fileSource(path: string) {
  return { name: basename(path), text: () => readFile(path, 'utf8') };
}

/** Loads the set `--set` names. Throws SetSourceError with the loader's own message. */
export async function loadNamedSet(name: string, options: SetSourceOptions = {}): Promise<EvalSet> {
  const shipped = shippedSet(name.toLowerCase());
  if (shipped) return shipped;
  const benchmark = BENCHMARK_FILES[name.toLowerCase()];
  if (benchmark) {
    const local = `${options.sharedDir ?? SHARED_DATA_DIR}${benchmark}`;
    if (existsSync(local)) return loadSetFile(fileSource(local));
    if (name.toLowerCase() === 'gsm8k')
      return loadSetUrl(GSM8K_TEST_URL, options.fetch ? { fetch: options.fetch } : {});
    throw new SetSourceError(
      `There is no local copy of ${name} (${local}): give the path of its file in the official format instead.`,
    );
  }
  if (existsSync(name)) return loadSetFile(fileSource(name));
  const known = [
    ...questionSets.map((s) => s.id.replace(/^playground-/, '')),
    ...Object.keys(BENCHMARK_FILES),
  ];
  throw new SetSourceError(`"${name}" is neither a question set (${known.join(', ')}) nor a file.`);
}
