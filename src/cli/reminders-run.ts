import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger } from '../common/logger.js';
import { ConfigError, loadConfig } from '../config/app-config.js';

/**
 * `npm run reminders:run -- --at <ISO-8601 time>`: one full pass of the reminder engine (find,
 * enqueue, send) as if the clock read that time, then exits. Without --at, the clock's time.
 * Uses DATABASE_URL (required: this command never starts the embedded server) and SMTP_URL. Safe
 * to run twice, or twice at once: each reminder is sent once.
 */
function parseAt(args: string[]): Date {
  const i = args.indexOf('--at');
  if (i === -1) return new Date();
  const raw = args[i + 1];
  const at = raw && /^\d{4}-\d{2}-\d{2}T/.test(raw) ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(at.getTime())) {
    console.error(`--at needs an ISO-8601 time such as 2027-01-06T08:00:00+02:00, got "${raw ?? ''}"`);
    process.exit(2);
  }
  return at;
}

const at = parseAt(process.argv.slice(2));
let config;
try {
  config = { ...loadConfig(), runScheduler: false };
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
if (!config.databaseUrl) {
  console.error('DATABASE_URL is required for reminders:run');
  process.exit(2);
}
// The app's modules load only once the arguments are known good: a mistake is told at once.
const { AppModule } = await import('../app.module.js');
const { RemindersEngine } = await import('../reminders/reminders.engine.js');
const logger = createLogger({ ...config, logLevel: process.env.LOG_LEVEL ?? 'warn' });
const app = await NestFactory.createApplicationContext(AppModule.register({ config, databaseUrl: config.databaseUrl, logger }), { logger: ['error', 'warn'] });
try {
  const result = await app.get(RemindersEngine).runPass(at);
  console.log(JSON.stringify({ at: at.toISOString(), ...result }));
} finally {
  await app.close();
}
