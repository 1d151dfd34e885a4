import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';

/**
 * TypeORM runs the migrations and nothing else: the app and the commands send their SQL through the
 * gateway (sql.ts) on a pg pool of their own, so there are no entities to describe.
 */
export function migrationDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [],
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: { max: 2, application_name: 'teacher-accelerator-migrations' },
  };
}
