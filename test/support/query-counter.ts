import type pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Counts the SQL statements the app sends while `fn` runs: every TypeORM query (through the data
 * source's logger hook, which TypeORM calls for each statement whatever the logging settings) and
 * every statement sent straight to the pool (the session store's).
 */
export async function countQueries<T>(db: DataSource, fn: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }> {
  const statements: string[] = [];
  const logger = db.logger;
  const originalLogQuery = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, runner) => {
    statements.push(query);
    return originalLogQuery(query, parameters, runner);
  };
  const pool = (db.driver as unknown as { master: pg.Pool }).master;
  const originalPoolQuery = pool.query;
  pool.query = function (this: pg.Pool, ...args: unknown[]) {
    const first = args[0];
    statements.push(typeof first === 'string' ? first : String((first as { text?: string })?.text ?? first));
    return (originalPoolQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pool.query;
  try {
    const result = await fn();
    return { result, count: statements.length, statements };
  } finally {
    logger.logQuery = originalLogQuery;
    pool.query = originalPoolQuery;
  }
}
