import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { migrationDataSourceOptions } from './data-source-options.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { createPool } from './pool.js';
import { Sql } from './sql.js';

export const APP_DATABASE_NAME = 'teacher_accelerator';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** Creates `name` on the server behind `serverUrl` unless it exists. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** The configured server, or an embedded one under DATA_DIR when DATABASE_URL is unset. */
export async function openDatabase(config: AppConfig, log: (line: string) => void): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres(join(config.dataDir, 'postgres'), { log: (line) => log(`[postgres] ${line}`) });
  await ensureDatabase(server.url, APP_DATABASE_NAME);
  return { url: withDatabaseName(server.url, APP_DATABASE_NAME), embedded: true, stop: () => server.stop() };
}

/** Applies every pending migration; safe to run from several instances at once (TypeORM takes a lock-free path, so we take an advisory lock). */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(migrationDataSourceOptions(url));
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock(727274)');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    await dataSource.destroy();
  }
}

/** Runs `work` with a gateway on a small pool of its own, without request timeouts (seeds, commands). */
export async function withCommandSql<T>(url: string, work: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = new Sql(createPool(url, { size: 2, queryTimeout: false }));
  try {
    return await work(sql);
  } finally {
    await sql.pool.end();
  }
}
