#!/usr/bin/env node
// `npm test`: unit and end-to-end tests with jest (ESM mode, which Nest 12 needs on Node 20/22),
// then the browser tests when Chromium is installed; says so plainly when it skips them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const browserOnly = process.argv.includes('--browser-only');
// CI's second run (against an older PostgreSQL) proves the database layer; the browser tests, which
// exercise pages rather than the server version, ran in the first.
const skipBrowser = process.argv.includes('--skip-browser');
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim() };
const jest = 'node_modules/jest/bin/jest.js';

// Two jest workers even on two cores: an end-to-end file waits on PostgreSQL and a browser file on
// Chromium most of the time, so two files at once keep both cores busy (jest's own default on two
// cores is one worker). TEST_WORKERS overrides it.
const workers = process.env.TEST_WORKERS ?? String(Math.min(4, Math.max(2, availableParallelism())));

// Browser files run one at a time: two apps and two Chromiums on two cores starved each other until
// journeys timed out waiting for pages (measured 2026-12-02). BROWSER_TEST_WORKERS overrides it.
const browserWorkers = process.env.BROWSER_TEST_WORKERS ?? '1';

function run(phase, args, count = workers) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [jest, `--maxWorkers=${count}`, ...args], { stdio: 'inherit', env });
  console.log(`\n${phase}: ${((Date.now() - started) / 1000).toFixed(0)} s with ${count} workers`);
  return result.status ?? 1;
}

function chromiumPath() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

let status = 0;
if (!browserOnly) status = run('unit and end-to-end tests', ['--selectProjects', 'unit', 'e2e']);

const browserTestsExist = existsSync('test/browser') && readdirSync('test/browser').some((f) => f.endsWith('.browser-spec.ts'));
if (status !== 0 && browserTestsExist) {
  console.log('\nBrowser tests NOT RUN: the unit or end-to-end tests failed first.');
} else if (browserTestsExist && skipBrowser) {
  console.log('\nBrowser tests not run here (--skip-browser).');
} else if (browserTestsExist) {
  const chromium = chromiumPath();
  if (!chromium) {
    console.log('\nBrowser tests SKIPPED: no Chromium found (install Debian\'s "chromium" package, or set CHROMIUM_PATH).');
    if (browserOnly) status = 1;
  } else {
    env.CHROMIUM_PATH = chromium;
    status = run('browser tests', ['--selectProjects', 'browser'], browserWorkers);
  }
}
process.exit(status);
