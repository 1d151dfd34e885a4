import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations, withCommandSql, withDatabaseName } from '../../src/database/database-runtime.js';

/** Tests refuse any database whose name does not say it is a test one. */
export const TEST_DATABASE_PREFIX = 'ta_test_';

function runId(): string {
  const id = process.env.TEST_RUN_ID;
  if (!id) throw new Error('TEST_RUN_ID is not set: run the tests through jest (its global setup starts the database).');
  return id;
}

export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_SERVER_URL;
  if (!url) throw new Error('TEST_DATABASE_SERVER_URL is not set: run the tests through jest (its global setup starts the database).');
  return url;
}

/** What a test database starts with: the migrated schema only, or that and the demo network (SPEC §8). */
export type TestDatabaseContent = 'migrated' | 'demo';

function templateName(content: TestDatabaseContent = 'migrated'): string {
  return `${TEST_DATABASE_PREFIX}${runId()}_${content === 'demo' ? 'demo_template' : 'template'}`;
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE name TEMPLATE source, retried while another clone holds the source. */
async function cloneDatabase(client: pg.Client, name: string, source: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${source}"`);
      return;
    } catch (error) {
      // Two clones starting at the same instant can collide on the template; wait and retry.
      if (attempt >= 30 || (error as { code?: string }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

/**
 * The templates of this run, each made once: the first test file to need one takes an advisory
 * lock, creates it, and marks it ready; the others wait on the lock. The migrated template is the
 * schema alone; the demo template is a clone of it with the demo network seeded once per run
 * (the browser tests start from it, instead of each file hashing passwords and seeding again).
 */
async function ensureTemplate(client: pg.Client, content: TestDatabaseContent): Promise<void> {
  const template = templateName(content);
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
  try {
    const ready = await client.query(
      `SELECT 1 FROM pg_database d JOIN pg_shdescription s ON s.objoid = d.oid WHERE d.datname = $1 AND s.description = 'ready'`,
      [template],
    );
    if (ready.rowCount) return;
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    if (content === 'migrated') {
      await client.query(`CREATE DATABASE "${template}"`);
      await runMigrations(withDatabaseName(testServerUrl(), template));
    } else {
      await ensureTemplate(client, 'migrated');
      await cloneDatabase(client, template, templateName('migrated'));
      // Loaded only here: the end-to-end tests, which build their own data, never need it.
      const { seedDemoData } = await import('../../src/cli/demo-data.js');
      await withCommandSql(withDatabaseName(testServerUrl(), template), (sql) => seedDemoData(sql));
    }
    await client.query(`COMMENT ON DATABASE "${template}" IS 'ready'`);
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
  }
}

/**
 * A fresh database cloned from a template of this run: isolated and fast (a file copy). By
 * default the migrated schema alone; `'demo'` has the demo network in it too.
 */
export async function createTestDatabase(content: TestDatabaseContent = 'migrated'): Promise<{ name: string; url: string }> {
  const name = `${TEST_DATABASE_PREFIX}${runId()}_${randomBytes(5).toString('hex')}`;
  await onServer(async (client) => {
    await ensureTemplate(client, content);
    await cloneDatabase(client, name, templateName(content));
  });
  return { name, url: withDatabaseName(testServerUrl(), name) };
}

export async function dropTestDatabase(name: string): Promise<void> {
  if (!name.startsWith(TEST_DATABASE_PREFIX)) throw new Error(`Refusing to drop "${name}"`);
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
