import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { pino } from 'pino';
import { AppModule } from '../../src/app.module.js';
import { createAppFromModule } from '../../src/bootstrap.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { Sql } from '../../src/database/sql.js';
import { createTestDatabase, dropTestDatabase, type TestDatabaseContent } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  /** The Node HTTP server, for supertest. */
  http: ReturnType<NestExpressApplication['getHttpServer']>;
  /** The app's own SQL gateway, for setting up and checking what tests need. */
  db: Sql;
  config: AppConfig;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * The whole app on its own fresh database (cloned from the migrated template). One per test
 * file: `beforeAll(async () => (t = await createTestApp()))`, `afterAll(() => t.close())`.
 * `probeControllers` adds controllers of the test's own (see probe-app.ts); `database: 'demo'`
 * starts from a clone of the run's demo-seeded template (what the browser tests use).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  probeControllers: Type<unknown>[] = [],
  options: { database?: TestDatabaseContent } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(options.database);
  const dataDir = mkdtempSync(join(tmpdir(), 'ta-test-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-1234567890',
    DATABASE_URL: database.url,
    DB_POOL_SIZE: '4',
    ...env,
  });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const appModule = AppModule.register({ config, databaseUrl: database.url, logger });
  class ProbeModule {}
  const root = probeControllers.length ? { module: ProbeModule, imports: [appModule], controllers: probeControllers } : appModule;
  const app = await createAppFromModule(root, config, logger);
  return {
    app,
    http: app.getHttpServer(),
    db: app.get(Sql),
    config,
    databaseUrl: database.url,
    async close() {
      await app.close();
      await dropTestDatabase(database.name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
