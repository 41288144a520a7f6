/**
 * Test helper: reads the benchmark slices kept beside the repository in `../shared/data/` (they
 * are not part of the product). A missing file fails the test loudly.
 */
import { existsSync, readFileSync } from 'node:fs';

const DATA_DIR = new URL('../../../../shared/data/', import.meta.url);

/** The text of one shared data file. */
export function readSharedData(name: string): string {
  const url = new URL(name, DATA_DIR);
  if (!existsSync(url)) {
    throw new Error(
      `Missing ${url.pathname}: the tests need ../shared/data/ beside the repository.`,
    );
  }
  return readFileSync(new URL(name, DATA_DIR), 'utf8');
}
