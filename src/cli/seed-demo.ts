import 'reflect-metadata';
import { runMigrations, withCommandSql } from '../database/database-runtime.js';
import { openCliDatabase } from './cli-database.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
import { seedDemoData } from './demo-data.js';

const database = await openCliDatabase();
try {
  await runMigrations(database.url);
  await withCommandSql(database.url, (sql) => seedDemoData(sql));
  console.log(`Demo data is in place. Logins (password "${DEMO_PASSWORD}"):`);
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(28)} ${account.description}`);
} finally {
  await database.stop();
}
