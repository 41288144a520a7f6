/**
 * The service worker (vite-plugin-pwa, Workbox's generateSW) that keeps the app working offline
 * after the first visit.
 *
 * - Installed at once: the app shell (the HTML page, its JS and CSS chunks, icons, manifest).
 * - Cached on first use, never ahead of it: the engine code (the agent worker, WebLLM's and
 *   wllama's chunks, wllama's ~10 MB wasm). An untouched page fetches no engine file, service
 *   worker included; a model that has run once has its engine cached beside it.
 * - Cached on first use too: the code sandboxes' worker and Pyodide's files (pyodide/<version>/,
 *   about 13 MB), fetched only when a tool first runs Python.
 * - Never: model files. They stay in the engines' own caches (wllama's OPFS cache, WebLLM's
 *   Cache Storage), so nothing is stored twice; the worker does not touch other hosts at all.
 * - Updates wait: a new deployment's worker waits until the user chooses "Reload to update"
 *   (registerType 'prompt', registered by src/lib/pwa/), never swapped in mid-run.
 */
import { VitePWA } from 'vite-plugin-pwa';
import type { PluginOption } from 'vite';

/** The engine files, by their built names: cached on first use, not at install. */
export const ENGINE_FILE_GLOBS = [
  '**/agent.worker-*.js',
  '**/sandbox.worker-*.js',
  '**/*engine-*.js',
  '**/*.wasm',
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The same files as a URL pattern (same origin only: Workbox matches a cross-origin URL only
 * when the pattern matches from its first character, and this one cannot). */
export function engineFilePattern(base: string): RegExp {
  const assets = `${escapeRegExp(base)}assets/`;
  return new RegExp(
    `${assets}((?:agent|sandbox)\\.worker-[\\w-]+\\.js|[\\w-]*engine-[\\w-]+\\.js|[\\w-]+\\.wasm)$`,
  );
}

export function pwa(base: string): PluginOption {
  return VitePWA({
    registerType: 'prompt',
    // src/lib/pwa/ registers it (production builds only), so the page controls the update prompt.
    injectRegister: null,
    base,
    scope: base,
    // The precache glob below already holds the icons.
    includeManifestIcons: false,
    manifest: {
      name: 'SLM Team Playground',
      short_name: 'SLM Playground',
      description:
        'Run small language models in your browser, alone or as a team, and compare quality and cost.',
      theme_color: '#0f172a',
      background_color: '#0f172a',
      display: 'standalone',
      icons: [
        { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png}'],
      globIgnores: [
        ...ENGINE_FILE_GLOBS,
        // Never a model file, whatever its folder.
        '**/*.gguf',
        'test-models/**',
        'pyodide/**',
        // The test build's benchmark page (bench.html) and its workers are not the app.
        'bench.html',
        'assets/bench-*.js',
        'assets/bare.worker-*.js',
        'assets/clock.worker-*.js',
      ],
      // Only the app's own page falls back to the cached shell (not bench.html, not a model).
      navigateFallback: 'index.html',
      navigateFallbackAllowlist: [new RegExp(`^${escapeRegExp(base)}(index\\.html)?$`)],
      cleanupOutdatedCaches: true,
      // The first install controls the open page at once (there is no older version to swap).
      clientsClaim: true,
      runtimeCaching: [
        {
          urlPattern: engineFilePattern(base),
          // Built names carry a content hash: a cached copy is never stale.
          handler: 'CacheFirst',
          options: {
            cacheName: 'engine-code',
            cacheableResponse: { statuses: [200] },
            // A few deployments' worth: older copies go first.
            expiration: { maxEntries: 30, purgeOnQuotaError: true },
          },
        },
        {
          // Pyodide's runtime, in a folder named for its version: never stale either.
          urlPattern: new RegExp(`${escapeRegExp(base)}pyodide/[\\w.-]+/[\\w.-]+$`),
          handler: 'CacheFirst',
          options: {
            cacheName: 'pyodide',
            cacheableResponse: { statuses: [200] },
            expiration: { maxEntries: 12, purgeOnQuotaError: true },
          },
        },
      ],
    },
  });
}
