import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';

/** One of a person's signed-in sessions, as their list shows it: never its id, which is a secret. */
export interface SessionListRow {
  userAgent: string | null;
  ip: string | null;
  signedInAt: Date | null;
  lastSeenAt: Date | null;
  current: boolean;
}

/** At most this many: more would only be sessions the person has long forgotten. */
const LIST_LIMIT = 50;

const LIST_ACTIVE_OF = sqlStatement(
  'sessions.listActiveOf',
  `SELECT user_agent AS "userAgent", ip, signed_in_at AS "signedInAt", last_seen_at AS "lastSeenAt", sid = $2 AS current
     FROM http_session
    WHERE user_id = $1 AND expire > now()
    ORDER BY sid = $2 DESC, last_seen_at DESC NULLS LAST
    LIMIT $3`,
);

@Injectable()
export class SessionsRepository {
  constructor(private readonly sql: Sql) {}

  /** The person's sessions that have not ended, this one first, then the most recently seen. */
  async listActiveOf(userId: string, currentSessionId: string): Promise<SessionListRow[]> {
    return this.sql.query<SessionListRow>(LIST_ACTIVE_OF, [userId, currentSessionId, LIST_LIMIT]);
  }
}
