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
const PORT = 4174;
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
    launchOptions: { executablePath, args: baseArgs },
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: '**/no-webgpu.e2e.ts',
      use: { launchOptions: { executablePath, args: [...baseArgs, '--enable-unsafe-webgpu'] } },
    },
    {
      name: 'no-webgpu',
      testMatch: '**/no-webgpu.e2e.ts',
      use: { launchOptions: { executablePath, args: [...baseArgs, '--disable-webgpu'] } },
    },
  ],
  webServer: {
    command: `npm run build:test && npx vite preview --outDir dist-test --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
