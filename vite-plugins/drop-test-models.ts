/**
 * The test build's tiny GGUF models are written into static/test-models/ (git-ignored); Vite
 * copies the whole public folder into every build. This removes them from any build that is not
 * the test build, so a production site never ships them.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export function dropTestModels(mode: string): Plugin {
  let outDir = 'dist';
  return {
    name: 'drop-test-models',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      if (mode !== 'test') await rm(join(outDir, 'test-models'), { recursive: true, force: true });
    },
  };
}
