/** The headless runner's command line and its choice of API keys. */
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_SET,
  parseExperimentArgs,
  UsageError,
} from '../../scripts/experiment/args';
import { chooseKey, refusedForKey } from '../../scripts/experiment/keys';

const usageError = (argv: string[]) => {
  try {
    parseExperimentArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
};

describe('parseExperimentArgs', () => {
  test('a config and every option', () => {
    expect(
      parseExperimentArgs([
        'exp.json',
        '--set',
        'gsm8k',
        '--n',
        '200',
        '--concurrency',
        '16',
        '--out',
        'results.json',
        '--sample',
        '7',
        '--key-env',
        'MY_KEY',
        '--key-env',
        'LocalHost:8000=LOCAL_KEY',
      ]),
    ).toEqual({
      source: 'exp.json',
      set: 'gsm8k',
      n: 200,
      sample: 7,
      concurrency: 16,
      out: 'results.json',
      keyEnv: { all: 'MY_KEY', byHost: { 'localhost:8000': 'LOCAL_KEY' } },
    });
  });

  test('defaults: the first shipped set, all of it, 8 at once, no key variable named', () => {
    expect(parseExperimentArgs(['https://x.org/#x=2.abc'])).toEqual({
      source: 'https://x.org/#x=2.abc',
      set: DEFAULT_SET,
      concurrency: DEFAULT_CONCURRENCY,
      keyEnv: { byHost: {} },
    });
  });

  test('--help asks for the usage', () => {
    expect(parseExperimentArgs(['--help'])).toBeNull();
    expect(parseExperimentArgs(['x.json', '-h'])).toBeNull();
  });

  test('mistakes say what is wrong', () => {
    expect(usageError([])).toBe(
      'Say what to run: a config file (experiment-….json) or a share link.',
    );
    expect(usageError(['a.json', 'b.json'])).toMatch(
      /^One config file or share link at a time \(got 2: "a.json", "b.json"\)/,
    );
    expect(usageError(['x.json', '--bogus'])).toBe("Unknown option '--bogus'.");
    expect(usageError(['x.json', '--n', '0'])).toBe(
      '--n takes a whole number of at least 1 (got "0").',
    );
    expect(usageError(['x.json', '--concurrency', '2.5'])).toBe(
      '--concurrency takes a whole number of at least 1 (got "2.5").',
    );
    expect(usageError(['x.json', '--sample', 'seed'])).toBe(
      '--sample takes a whole number (got "seed").',
    );
    expect(usageError(['x.json', '--set', ' '])).toBe('--set needs a set name or a file.');
  });

  test('a key given where its variable name belongs is refused without echoing it', () => {
    const message = usageError(['x.json', '--key-env', 'sk-live-abcdef123']);
    expect(message).toContain('takes the NAME of an environment variable');
    expect(message).not.toContain('sk-');
    expect(message).not.toContain('abcdef');
  });
});

describe('chooseKey', () => {
  const env = { MY_KEY: 'k-all', LOCAL_KEY: 'k-local', OPENAI_API_KEY: 'k-openai' };

  test('a variable for one host wins over the one for every host', () => {
    const keyEnv = { all: 'MY_KEY', byHost: { 'localhost:8000': 'LOCAL_KEY' } };
    expect(chooseKey('http://localhost:8000/v1', keyEnv, env)).toEqual({
      key: { value: 'k-local', from: 'LOCAL_KEY' },
    });
    expect(chooseKey('https://api.example.com/v1', keyEnv, env)).toEqual({
      key: { value: 'k-all', from: 'MY_KEY' },
    });
  });

  test('without --key-env, no key goes anywhere, OPENAI_API_KEY included (a link names its hosts)', () => {
    expect(chooseKey('http://localhost:8000/v1', { byHost: {} }, env)).toEqual({});
    expect(chooseKey('http://localhost:8000/v1', { byHost: {} }, {})).toEqual({});
  });

  test('a named variable that is not set is an error naming it', () => {
    expect(() => chooseKey('http://h:1/v1', { all: 'NOPE', byHost: {} }, env)).toThrow(
      new UsageError(
        '--key-env names NOPE for h:1, but NOPE is not set (or empty) in the environment.',
      ),
    );
  });

  test('refusals for a key are HTTP 401 and 403', () => {
    expect(refusedForKey(new Error('X refused the request (HTTP 401): the API key…'))).toBe(true);
    expect(refusedForKey(new Error('X refused the request (HTTP 403).'))).toBe(true);
    expect(refusedForKey(new Error('X failed (HTTP 500).'))).toBe(false);
  });
});
