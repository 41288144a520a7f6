/**
 * Serves Pyodide's runtime files (from its npm package) at `<base>pyodide/<version>/`, for the
 * Python sandbox worker's `loadPyodide({ indexURL })`: emitted into the build, served from
 * node_modules by the dev server. The versioned folder means a cached copy is never stale.
 * `__PYODIDE_VERSION__` names the folder in the page's code.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** What loadPyodide fetches: the interpreter, its WebAssembly, the standard library, the lock. */
export const PYODIDE_FILES = [
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
] as const;

const TYPES: Record<string, string> = {
  mjs: 'text/javascript',
  wasm: 'application/wasm',
  zip: 'application/zip',
  json: 'application/json',
};

function pyodideDir(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('pyodide/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: dirname(manifest), version };
}

export function pyodideFiles(): Plugin {
  const { dir, version } = pyodideDir();
  const folder = `pyodide/${version}/`;
  return {
    name: 'pyodide-files',
    config: () => ({
      define: { __PYODIDE_VERSION__: JSON.stringify(version) },
      // Pyodide finds its files itself: Vite must not pre-bundle it.
      optimizeDeps: { exclude: ['pyodide'] },
    }),
    configureServer(server) {
      const prefix = `${server.config.base}${folder}`;
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        if (!path.startsWith(prefix)) return next();
        const name = path.slice(prefix.length);
        const file = join(dir, name);
        if (!(PYODIDE_FILES as readonly string[]).includes(name) || !existsSync(file))
          return next();
        res.setHeader(
          'Content-Type',
          TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
        );
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const name of PYODIDE_FILES)
        this.emitFile({
          type: 'asset',
          fileName: `${folder}${name}`,
          source: readFileSync(join(dir, name)),
        });
    },
  };
}
