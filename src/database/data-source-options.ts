import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { entities } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** A request never waits longer than this on the database; migrations and seeds are exempt. */
export const QUERY_TIMEOUT_MS = 20000;

export function dataSourceOptions(url: string, poolSize = 10, options: { queryTimeout?: boolean } = {}): DataSourceOptions {
  const timeouts = options.queryTimeout === false ? {} : { query_timeout: QUERY_TIMEOUT_MS, statement_timeout: QUERY_TIMEOUT_MS };
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // A dropped connection is replaced on the next query, so the app survives a database restart.
    extra: { max: poolSize, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000, application_name: 'teacher-accelerator', ...timeouts },
  };
}
