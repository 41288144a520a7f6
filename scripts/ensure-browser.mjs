#!/usr/bin/env node
/**
 * Makes sure the end-to-end tests have a Chromium: CHROMIUM_PATH, Debian's /usr/bin/chromium,
 * or Playwright's own browser. When none is there it installs one: Debian's package where
 * apt-get can run (as root, or through sudo), else Playwright's download (needs internet).
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (command) => execSync(command, { stdio: 'inherit' });
const has = (command) => {
  try {
    execSync(`command -v ${command}`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

function playwrightBrowser() {
  try {
    const path = execSync(
      'node -e "console.log(require(\'@playwright/test\').chromium.executablePath())"',
      { encoding: 'utf8' },
    ).trim();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const configured = process.env.CHROMIUM_PATH;
if (configured) {
  if (!existsSync(configured)) {
    console.error(`CHROMIUM_PATH is set to ${configured}, which does not exist.`);
    process.exit(1);
  }
  process.exit(0);
}
if (existsSync('/usr/bin/chromium') || playwrightBrowser()) process.exit(0);

const root = process.getuid?.() === 0;
if (has('apt-get') && (root || has('sudo'))) {
  const sudo = root ? '' : 'sudo ';
  console.log('Installing Debian chromium for the end-to-end tests…');
  run(`${sudo}apt-get update -qq`);
  run(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`);
  process.exit(0);
}
console.log('Installing Playwright Chromium for the end-to-end tests…');
try {
  run('npx playwright install chromium');
} catch {
  console.error(
    'No Chromium found and none could be installed. Install Chromium and set CHROMIUM_PATH to it.',
  );
  process.exit(1);
}
