import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { createAppFromModule } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createTestDatabase, dropTestDatabase } from './test-database.js';
import type { TestApp } from './test-app.js';

/**
 * The whole app plus controllers of the test's own, on a fresh database: for exercising the
 * shared pipes, guards and error filter through routes no feature has yet (a UUID path id,
 * a permission check, a page number).
 */
export async function createProbeApp(controllers: Type<unknown>[], env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ta-test-data-')),
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-1234567890',
    DATABASE_URL: database.url,
    DB_POOL_SIZE: '4',
    ...env,
  });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  class ProbeModule {}
  const app = await createAppFromModule(
    { module: ProbeModule, imports: [AppModule.register({ config, databaseUrl: database.url, logger })], controllers },
    config,
    logger,
  );
  return {
    app,
    http: app.getHttpServer(),
    db: app.get(DataSource),
    config,
    databaseUrl: database.url,
    async close() {
      await app.close();
      await dropTestDatabase(database.name);
    },
  };
}
