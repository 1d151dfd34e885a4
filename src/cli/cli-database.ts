import { createLogger } from '../common/logger.js';
import { loadConfig } from '../config/app-config.js';
import { openDatabase, type DatabaseHandle } from '../database/database-runtime.js';

/** Commands use DATABASE_URL, or the embedded server under DATA_DIR like `npm start`. */
export async function openCliDatabase(): Promise<DatabaseHandle> {
  const config = loadConfig();
  const logger = createLogger({ logLevel: process.env.LOG_LEVEL ?? 'warn' });
  return openDatabase(config, (line) => logger.debug(line));
}
