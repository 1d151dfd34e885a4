import session from 'express-session';
import { type Sql, sqlStatement } from '../../database/sql.js';
import { isUuid } from '../params.js';
import { sessionEndsAt, type SessionLifetimes } from './session-lifetime.js';

const FIND = sqlStatement('session.find', 'SELECT sess FROM http_session WHERE sid = $1 AND expire >= now()');
const SAVE = sqlStatement(
  'session.save',
  `INSERT INTO http_session (sid, sess, expire, user_id, signed_in_at, last_seen_at, user_agent, ip)
   VALUES ($1, $2, to_timestamp($3), $4, to_timestamp($5), to_timestamp($6), $7, $8)
   ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expire = excluded.expire, user_id = excluded.user_id,
     signed_in_at = excluded.signed_in_at, last_seen_at = excluded.last_seen_at, user_agent = excluded.user_agent, ip = excluded.ip`,
);
const DESTROY = sqlStatement('session.destroy', 'DELETE FROM http_session WHERE sid = $1');
const PRUNE = sqlStatement('session.prune', 'DELETE FROM http_session WHERE expire < now()');

const seconds = (ms: number | undefined) => (ms === undefined ? null : ms / 1000);

/**
 * Sessions in PostgreSQL (so any instance serves any request), through the SQL gateway like every
 * other statement. There is no per-request touch: the session middleware records when a session
 * was last seen at most every few minutes, so a read-only request writes nothing. Beside the data,
 * each row says whose session it is, when it ends, and what a person's list of their sessions
 * shows (from the session's own fields, see session-lifetime.ts).
 */
export class PgSessionStore extends session.Store {
  private readonly pruner: NodeJS.Timeout | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly lifetimes: SessionLifetimes,
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
    const userId = (data as { passport?: { user?: unknown } }).passport?.user;
    this.sql
      .execute(SAVE, [
        sid,
        JSON.stringify(data),
        Math.ceil(sessionEndsAt(data, this.lifetimes, Date.now()) / 1000),
        isUuid(userId) ? userId : null,
        seconds(data.signedInAt),
        seconds(data.seenAt),
        data.userAgent ?? null,
        data.ip ?? null,
      ])
      .then(
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
