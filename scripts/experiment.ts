/**
 * `npm run experiment -- <config.json | share link> [options]`: the headless runner. Runs an
 * experiment's Solo and Team on a question set against the servers its models are on, prints one
 * progress line, and writes a results file for the Benchmark tab. See scripts/experiment/ and
 * README, "Headless runner".
 *
 * Exit status: 0 every item done; 1 it could not start, or a model failed for good (the items
 * finished so far are written); 2 a wrong command line; 130 stopped with Ctrl-C (the items
 * finished so far are written).
 */
import { parseExperimentArgs, UsageError, USAGE } from './experiment/args';
import { runExperiment } from './experiment/run-experiment';

async function main(): Promise<number> {
  // npm runs scripts from the package's folder; paths on the command line are the user's own.
  if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  let args;
  try {
    args = parseExperimentArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`experiment: ${error.message}\nRun with --help for the options.`);
    return 2;
  }
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  const stop = new AbortController();
  process.once('SIGINT', () => {
    console.error(
      '\nStopping: the items finished so far will be written. Ctrl-C again quits at once.',
    );
    stop.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  try {
    const outcome = await runExperiment({
      args,
      env: process.env,
      progress: process.stderr,
      log: (line) => console.error(line),
      signal: stop.signal,
    });
    const { end, done, batch, path } = outcome;
    if (end.status === 'failed')
      console.error(`experiment: stopped at item ${end.index + 1}: ${end.error.message}`);
    console.log(
      `Results written to ${path} (${done} of ${batch.items.length} items). ` +
        'Open it in the Benchmark tab: "Open results file…".',
    );
    return end.status === 'done' ? 0 : end.status === 'aborted' ? 130 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`experiment: ${error.message}`);
      return 2;
    }
    console.error(`experiment: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await main();
