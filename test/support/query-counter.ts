import type { Sql, StatementEvent } from '../../src/database/sql.js';

/**
 * Records the SQL statements the app sends through its gateway while `fn` runs (every statement
 * goes through it, the session store's too), with the name each was prepared under (null when sent
 * as unnamed text).
 */
export async function countQueries<T>(db: Sql, fn: () => Promise<T>): Promise<{ result: T; count: number; statements: string[]; events: StatementEvent[] }> {
  const events: StatementEvent[] = [];
  const stop = db.observe((event) => events.push(event));
  try {
    const result = await fn();
    return { result, count: events.length, statements: events.map((e) => e.text), events };
  } finally {
    stop();
  }
}
