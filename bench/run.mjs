#!/usr/bin/env node
// `npm run bench`: the key pages under load, each beside the bare Fortunes page on the same
// PostgreSQL, interleaved (bare, page, page, …) round after round so that drift in the machine hits
// all of them alike; prints the median of the rounds.
//
// The app runs from its production build (NODE_ENV=production) on a fresh database holding the
// demo data: on the server in BENCH_DATABASE_URL (a database is created there and dropped after),
// else on an embedded PostgreSQL in a temporary folder.
// Settings: BENCH_DURATION seconds per measurement (10), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { prepareFortunes } from './fortunes-server.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PASSWORD = 'demo-accelerator';

const { startEmbeddedPostgres, findFreePort } = await import('../dist/src/database/embedded-postgres.js');

const work = mkdtempSync(join(tmpdir(), 'ta-bench-'));
const children = [];
let embedded;
let created;

async function serverUrl() {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  embedded = await startEmbeddedPostgres(join(work, 'postgres'), { persistent: false });
  return embedded.url;
}

function withDatabase(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Starts a process and resolves once it prints `ready` on stdout. */
function start(label, args, env, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      if (ready.test(output)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`${label} exited with ${code}:\n${output.slice(-3000)}`)));
  });
}

/** A signed-in cookie for a demo account, through the login form as a browser would. */
async function signIn(base, email) {
  const form = await fetch(`${base}/login`);
  const cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())[1];
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }),
  });
  if (response.status !== 303) throw new Error(`sign-in of ${email} answered ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

function measure(url, cookie) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: cookie ? { cookie } : {} }, (error, result) => {
      if (error) return reject(error);
      const failed = result.non2xx + result.errors + result.timeouts;
      if (failed > 0) return reject(new Error(`${url}: ${failed} failed responses of ${result.requests.total}`));
      resolve({ rps: result.requests.average, p97_5: result.latency.p97_5 });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  const server = await serverUrl();
  const dbName = `ta_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  created = { server, dbName };
  const databaseUrl = withDatabase(server, dbName);
  const fortunesDb = new pg.Client({ connectionString: databaseUrl });
  await fortunesDb.connect();
  await prepareFortunes(fortunesDb);
  await fortunesDb.end();

  const appPort = await findFreePort();
  const barePort = await findFreePort();
  console.log('starting the app (production build, demo data) and the bare Fortunes server…');
  await start(
    'app',
    ['dist/src/main.js'],
    {
      NODE_ENV: 'production',
      PORT: String(appPort),
      DATABASE_URL: databaseUrl,
      LOAD_DEMO_DATA: 'true',
      RUN_SCHEDULER: 'false',
      DATA_DIR: join(work, 'data'),
      SESSION_SECRET: 'bench-session-secret-0123456789-0123456789',
    },
    /running at/,
  );
  await start('fortunes', ['bench/fortunes-server.mjs'], { DATABASE_URL: databaseUrl, PORT: String(barePort) }, /fortunes on/);

  const base = `http://127.0.0.1:${appPort}`;
  const teacher = await signIn(base, 'teacher.batyam@demo.test');
  const department = await signIn(base, 'dept.batyam@demo.test');
  const cohorts = await (await fetch(`${base}/cohorts`, { headers: { cookie: department } })).text();
  const cohortPath = /href="(\/cohorts\/[0-9a-f-]{36})"/.exec(cohorts)?.[1];
  if (!cohortPath) throw new Error('no cohort found on /cohorts');

  const targets = [
    { page: 'bare Fortunes page', url: `http://127.0.0.1:${barePort}/` },
    { page: 'teacher home', url: `${base}/`, cookie: teacher },
    { page: 'cohort page', url: `${base}${cohortPath}`, cookie: department },
  ];
  const results = new Map(targets.map((t) => [t.page, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const target of targets) {
      const result = await measure(target.url, target.cookie);
      results.get(target.page).push(result);
      console.log(`round ${round}: ${target.page.padEnd(20)} ${result.rps.toFixed(0).padStart(7)} req/s  p97.5 ${result.p97_5} ms`);
    }
  }

  const bare = median(results.get(targets[0].page).map((r) => r.rps));
  console.log(`\nMedian of ${ROUNDS} rounds, ${DURATION} s each, ${CONNECTIONS} connections:\n`);
  console.log('| page | req/s | p97.5 | share of bare |');
  console.log('|---|---|---|---|');
  for (const { page } of targets) {
    const rps = median(results.get(page).map((r) => r.rps));
    const p = median(results.get(page).map((r) => r.p97_5));
    console.log(`| ${page} | ${Math.round(rps).toLocaleString('en')} | ${p} ms | ${(rps / bare).toFixed(3)}× |`);
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  if (created && !embedded) {
    const admin = new pg.Client({ connectionString: created.server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${created.dbName}" WITH (FORCE)`);
    await admin.end();
  }
  if (embedded) await embedded.stop();
  rmSync(work, { recursive: true, force: true });
}
