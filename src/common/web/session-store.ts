import session from 'express-session';
import { type Sql, sqlStatement } from '../../database/sql.js';

const FIND = sqlStatement('session.find', 'SELECT sess FROM http_session WHERE sid = $1 AND expire >= now()');
const SAVE = sqlStatement(
  'session.save',
  `INSERT INTO http_session (sid, sess, expire) VALUES ($1, $2, to_timestamp($3))
   ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expire = excluded.expire`,
);
const DESTROY = sqlStatement('session.destroy', 'DELETE FROM http_session WHERE sid = $1');
const PRUNE = sqlStatement('session.prune', 'DELETE FROM http_session WHERE expire < now()');

const ONE_DAY_SECONDS = 24 * 3600;

/**
 * Sessions in PostgreSQL (so any instance serves any request), through the SQL gateway like every
 * other statement. There is no per-request touch: the session middleware records when a session
 * was last seen at most every few minutes, so a read-only request writes nothing.
 */
export class PgSessionStore extends session.Store {
  private readonly pruner: NodeJS.Timeout | undefined;

  constructor(
    private readonly sql: Sql,
    options: { pruneEveryMinutes: number | false; onError: (error: unknown) => void },
  ) {
    super();
    if (options.pruneEveryMinutes) {
      this.pruner = setInterval(() => void this.sql.execute(PRUNE).catch(options.onError), options.pruneEveryMinutes * 60_000);
      this.pruner.unref();
    }
  }

  override get(sid: string, callback: (error: unknown, session?: session.SessionData | null) => void): void {
    this.sql.one<{ sess: session.SessionData }>(FIND, [sid]).then((row) => callback(null, row?.sess ?? null), callback);
  }

  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    const expires = data.cookie?.expires ? new Date(data.cookie.expires).getTime() / 1000 : Date.now() / 1000 + ONE_DAY_SECONDS;
    this.sql.execute(SAVE, [sid, JSON.stringify(data), Math.ceil(expires)]).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.sql.execute(DESTROY, [sid]).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  close(): void {
    if (this.pruner) clearInterval(this.pruner);
  }
}
