#!/usr/bin/env node
/**
 * Serves the test build (dist-test/) for the end-to-end tests: `vite preview`, with one change.
 * vite preview gzips every file whose type it does not know (it takes it for text), so .gguf
 * files reach the browser chunked, without Content-Length. wllama's model cache records that
 * length and, without it, never counts the file as complete: every load would download again.
 * Real hosts (Hugging Face included) send GGUF files as they are, so here they are too.
 *
 * A second change, for the service worker's update test (tests/e2e/offline.e2e.ts): a browser
 * that carries the cookie `next-deployment=1` gets the service worker script with one more line,
 * as if a new version had been deployed.
 *
 * Usage: node scripts/serve-test-build.mjs [port] [dir]   (defaults: 4174, dist-test)
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { preview } from 'vite';

const port = Number(process.argv[2] ?? 4174);
const outDir = process.argv[3] ?? 'dist-test';

const server = await preview({
  build: { outDir },
  preview: { port, strictPort: true },
  plugins: [
    {
      name: 'gguf-uncompressed',
      configurePreviewServer(previewServer) {
        // Runs before vite's compression middleware: no Accept-Encoding, no gzip.
        previewServer.middlewares.use((req, _res, next) => {
          if (/\.gguf(\?|$)/i.test(req.url ?? '')) delete req.headers['accept-encoding'];
          next();
        });
      },
    },
    {
      name: 'next-deployment',
      configurePreviewServer(previewServer) {
        previewServer.middlewares.use(async (req, res, next) => {
          const path = (req.url ?? '').split('?')[0];
          if (
            !path.endsWith('/sw.js') ||
            !/(^|;\s*)next-deployment=1/.test(req.headers.cookie ?? '')
          )
            return next();
          const base = previewServer.config.base;
          const file = join(outDir, path.slice(base.length - 1));
          const script = await readFile(file, 'utf8').catch(() => null);
          if (script === null) return next();
          res.setHeader('Content-Type', 'text/javascript');
          res.setHeader('Cache-Control', 'no-cache');
          res.end(`${script}\n// next deployment\n`);
        });
      },
    },
  ],
});
server.printUrls();
