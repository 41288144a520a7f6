import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { dropTestModels } from './vite-plugins/drop-test-models.ts';
import { pwa } from './vite-plugins/pwa.ts';
import { pyodideFiles } from './vite-plugins/pyodide-files.ts';
import { webllmCatalog } from './vite-plugins/webllm-catalog.ts';

// BASE_PATH lets the static site live under a sub-path (e.g. /playground/ on GitHub Pages).
const base = process.env.BASE_PATH ?? '/';

export default defineConfig(({ mode }) => ({
  base,
  publicDir: 'static',
  plugins: [svelte(), webllmCatalog(), dropTestModels(mode), pyodideFiles(), pwa(base)],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 8000,
    // The test build also carries the benchmark page (bench.html, see bench/); production does not.
    ...(mode === 'test'
      ? { rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } } }
      : {}),
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    expect: { requireAssertions: true },
  },
}));
