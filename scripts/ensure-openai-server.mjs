#!/usr/bin/env node
/**
 * Installs the OpenAI-compatible test server's engine (tests/openai-server: node-llama-cpp with
 * this platform's CPU binary only, about 85 MB instead of about 700 MB with the CUDA and Vulkan
 * builds) when it is not there yet. The versions are pinned in tests/openai-server/package.json;
 * the binary package follows node-llama-cpp's version.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'openai-server');
const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies[
  'node-llama-cpp'
];
const platform = `${process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'win' : process.platform}-${process.arch}${process.platform === 'darwin' && process.arch === 'arm64' ? '-metal' : ''}`;
const binary = `@node-llama-cpp/${platform}`;
const installed = (name) => {
  const file = join(dir, 'node_modules', name, 'package.json');
  return existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).version === version;
};

if (installed('node-llama-cpp') && installed(binary)) process.exit(0);
console.log(`Installing node-llama-cpp ${version} (${binary}) for the remote-engine tests…`);
execSync(
  `npm install --no-save --no-audit --no-fund --omit=optional --ignore-scripts node-llama-cpp@${version} ${binary}@${version}`,
  { cwd: dir, stdio: 'inherit' },
);
