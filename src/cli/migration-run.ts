import 'reflect-metadata';
import { runMigrations } from '../database/database-runtime.js';
import { openCliDatabase } from './cli-database.js';

const database = await openCliDatabase();
try {
  const applied = await runMigrations(database.url);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await database.stop();
}
