#!/usr/bin/env node
/**
 * Serves the test build (dist-test/) for the end-to-end tests: `vite preview`, with one change.
 * vite preview gzips every file whose type it does not know (it takes it for text), so .gguf
 * files reach the browser chunked, without Content-Length. wllama's model cache records that
 * length and, without it, never counts the file as complete: every load would download again.
 * Real hosts (Hugging Face included) send GGUF files as they are, so here they are too.
 *
 * Usage: node scripts/serve-test-build.mjs [port] [dir]   (defaults: 4174, dist-test)
 */
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
  ],
});
server.printUrls();
