import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a person's list of their own sessions needs, written by the session store beside the
 * session's data: whose it is (indexed: the list and "sign out of the others" look it up), when it
 * signed in and was last seen, and from which browser and address. Sessions already open are
 * given their owner from their data.
 */
export class SessionListing1796225556495 implements MigrationInterface {
  name = 'SessionListing1796225556495';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE http_session
      ADD COLUMN user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
      ADD COLUMN signed_in_at timestamptz,
      ADD COLUMN last_seen_at timestamptz,
      ADD COLUMN user_agent text CHECK (length(user_agent) <= 500),
      ADD COLUMN ip text CHECK (length(ip) <= 100)`);
    await q.query(`UPDATE http_session s SET user_id = u.id FROM app_user u WHERE u.id::text = s.sess->'passport'->>'user'`);
    await q.query(`CREATE INDEX http_session_user_idx ON http_session (user_id) WHERE user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX http_session_user_idx`);
    await q.query(`ALTER TABLE http_session DROP COLUMN user_id, DROP COLUMN signed_in_at, DROP COLUMN last_seen_at, DROP COLUMN user_agent, DROP COLUMN ip`);
  }
}
