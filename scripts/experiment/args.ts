/**
 * The headless runner's command line: what to run (a config file or a share link), on which
 * question set, how many items, how many at once, where to write the results, and which
 * environment variable holds the API key. Mistakes are UsageErrors whose message says what to
 * type instead.
 */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run experiment -- <config.json | share link> [options]

Runs the experiment's Solo and Team on a question set, in Node, against the servers its models
are on (every role must be a remote model), and writes a results file that the Benchmark tab
opens ("Open results file…").

Options:
  --set NAME|FILE      question set: multihop, math, yesno (the playground's own), gsm8k, svamp,
                       hotpotqa, 2wiki, strategyqa (from ../shared/data when present; gsm8k is
                       otherwise fetched from its official URL, as the tab does), or a file in
                       one of those formats (default: multihop)
  --n N                items to run (default: the whole set)
  --sample SEED        N items drawn at random with SEED (default: the first N)
  --concurrency N      items run at once (default 8)
  --out FILE           results file (default: batch-<set>-<date>.json)
  --key-env VAR        the API key is in environment variable VAR, for every server; or
  --key-env HOST=VAR   for the server at HOST (host:port) only; may be repeated.
                       Without it, no key is sent to any server.
  -h, --help           this text`;

/** A command line that cannot run; the message says why. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface KeyEnv {
  /** The variable for every server (`--key-env VAR`). */
  all?: string;
  /** Variables for single servers, by host (`--key-env localhost:8000=VAR`). */
  byHost: Record<string, string>;
}

export interface ExperimentArgs {
  /** A path to a config file, or a share link. */
  source: string;
  set: string;
  /** Items to run; absent: every item of the set. */
  n?: number;
  /** A random sample with this seed; absent: the first n. */
  sample?: number;
  concurrency: number;
  out?: string;
  keyEnv: KeyEnv;
}

export const DEFAULT_SET = 'multihop';
export const DEFAULT_CONCURRENCY = 8;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
    throw new UsageError(
      `${flag} takes a whole number${min > 0 ? ` of at least ${min}` : ''} (got "${value}").`,
    );
  return n;
}

function keyEnvOf(values: readonly string[]): KeyEnv {
  const keyEnv: KeyEnv = { byHost: {} };
  for (const value of values) {
    const eq = value.lastIndexOf('=');
    const host = eq < 0 ? null : value.slice(0, eq).trim().toLowerCase();
    const name = eq < 0 ? value.trim() : value.slice(eq + 1).trim();
    if (!ENV_NAME.test(name))
      throw new UsageError(
        // Not echoed: it may be the key itself.
        '--key-env takes the NAME of an environment variable (as in --key-env OPENAI_API_KEY), not the key itself: what was given is not a variable name.',
      );
    if (host === null) keyEnv.all = name;
    else if (!/^[a-z0-9.[\]:-]+$/.test(host))
      throw new UsageError(`--key-env ${value}: "${host}" is not a host (as in localhost:8000).`);
    else keyEnv.byHost[host] = name;
  }
  return keyEnv;
}

/** Parses the arguments after `npm run experiment --`; null for --help. Throws UsageError. */
export function parseExperimentArgs(argv: readonly string[]): ExperimentArgs | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        set: { type: 'string' },
        n: { type: 'string' },
        sample: { type: 'string' },
        concurrency: { type: 'string' },
        out: { type: 'string' },
        'key-env': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // node:util's messages name the option ("Unknown option '--x'"); the usage follows.
    throw new UsageError((error as Error).message.split('. ')[0] + '.');
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  if (positionals.length === 0)
    throw new UsageError('Say what to run: a config file (experiment-….json) or a share link.');
  if (positionals.length > 1)
    throw new UsageError(
      `One config file or share link at a time (got ${positionals.length}: ${positionals.map((p) => `"${p.slice(0, 40)}"`).join(', ')}). A share link with & in it needs quotes.`,
    );
  const n = wholeNumber('--n', values.n, 1);
  const sample = wholeNumber('--sample', values.sample, 0);
  const concurrency = wholeNumber('--concurrency', values.concurrency, 1) ?? DEFAULT_CONCURRENCY;
  if (values.set !== undefined && values.set.trim() === '')
    throw new UsageError('--set needs a set name or a file.');
  if (values.out !== undefined && values.out.trim() === '')
    throw new UsageError('--out needs a file name.');
  return {
    source: positionals[0]!,
    set: values.set?.trim() ?? DEFAULT_SET,
    ...(n === undefined ? {} : { n }),
    ...(sample === undefined ? {} : { sample }),
    concurrency,
    ...(values.out === undefined ? {} : { out: values.out }),
    keyEnv: keyEnvOf(values['key-env'] ?? []),
  };
}
