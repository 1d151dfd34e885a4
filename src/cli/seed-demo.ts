import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options.js';
import { runMigrations } from '../database/database-runtime.js';
import { openCliDatabase } from './cli-database.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
import { seedDemoData } from './demo-data.js';

const database = await openCliDatabase();
try {
  await runMigrations(database.url);
  const dataSource = await new DataSource(dataSourceOptions(database.url, 2, { queryTimeout: false })).initialize();
  try {
    await seedDemoData(dataSource);
  } finally {
    await dataSource.destroy();
  }
  console.log(`Demo data is in place. Logins (password "${DEMO_PASSWORD}"):`);
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(28)} ${account.description}`);
} finally {
  await database.stop();
}
