import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * End-to-end tests run against the test build (a production build that also ships the scripted
 * test engine; see README) served by `vite preview` on 127.0.0.1.
 *
 * Browser: CHROMIUM_PATH if set, else Debian's /usr/bin/chromium if present, else Playwright's own.
 * Network: every host but the local server resolves to nothing, so no test can reach the internet
 * (model hubs included) even on a machine that has it.
 */
/** E2E_PORT lets two test runs on one machine use their own servers. */
const PORT = Number(process.env.E2E_PORT ?? 4174);
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const baseArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    // The built site registers a service worker; tests that are about it opt in with
    // test.use({ serviceWorkers: 'allow' }) (offline.e2e.ts, idle-start.e2e.ts).
    serviceWorkers: 'block',
    launchOptions: { executablePath, args: baseArgs },
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: '**/*no-webgpu*.e2e.ts',
      use: { launchOptions: { executablePath, args: [...baseArgs, '--enable-unsafe-webgpu'] } },
    },
    {
      // Any file with "no-webgpu" in its name (no-webgpu.e2e.ts, wllama-no-webgpu.e2e.ts) runs here.
      name: 'no-webgpu',
      testMatch: '**/*no-webgpu*.e2e.ts',
      use: { launchOptions: { executablePath, args: [...baseArgs, '--disable-webgpu'] } },
    },
  ],
  webServer: {
    // build:test also writes the tiny GGUF test models; the server sends them uncompressed.
    command: `npm run build:test && node scripts/serve-test-build.mjs ${PORT}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
