/**
 * Test helpers for the eval data.
 *
 * - `readFixture` reads the small files in `./fixtures/`, written for this project in each
 *   benchmark's official format; every clone has them.
 * - `readSharedData` reads the benchmark slices kept beside the repository in `../shared/data/`
 *   (not part of the product, absent from a fresh clone). Tests on them run only where the
 *   folder exists: `describe.skipIf(skipWithoutSharedData())` skips them otherwise, and the
 *   helper prints one line saying so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SHARED_DATA_DIR = new URL('../../../../shared/data/', import.meta.url);
const FIXTURE_DIR = new URL('./fixtures/', import.meta.url);

/** True where `../shared/data/` sits beside the repository (CI has it; a fresh clone does not). */
export const hasSharedData = existsSync(SHARED_DATA_DIR);

/** The line printed (once) when the tests on the real slices are skipped. */
export const SHARED_DATA_SKIPPED =
  `Skipped the tests on the real benchmark slices: ${fileURLToPath(SHARED_DATA_DIR)} ` +
  'is not there (a clone has no ../shared/ beside it); the loaders are tested on ' +
  'src/lib/eval/fixtures/ instead.';

let toldSkipped = false;

/** True when the shared slices are missing, in which case it prints `SHARED_DATA_SKIPPED` once. */
export function skipWithoutSharedData(): boolean {
  if (!hasSharedData && !toldSkipped) {
    toldSkipped = true;
    console.log(SHARED_DATA_SKIPPED);
  }
  return !hasSharedData;
}

/** The text of one shared data file; a missing file fails the test loudly. */
export function readSharedData(name: string): string {
  const url = new URL(name, SHARED_DATA_DIR);
  if (!existsSync(url)) {
    throw new Error(
      `Missing ${fileURLToPath(url)}: guard this test with describe.skipIf(skipWithoutSharedData()).`,
    );
  }
  return readFileSync(url, 'utf8');
}

/** The text of one of the project's own fixtures in `src/lib/eval/fixtures/`. */
export function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURE_DIR), 'utf8');
}
