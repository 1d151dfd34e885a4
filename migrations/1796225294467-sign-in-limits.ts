import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-address sign-in limit counts the different accounts that failed from an address, not
 * every failure: one forgetful teacher behind a school's address must not lock the school out.
 * Each (address, account) pair is one member of the address's count while it is recent.
 */
export class SignInLimits1796225294467 implements MigrationInterface {
  name = 'SignInLimits1796225294467';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rate_limit_member (
      key text NOT NULL,
      member text NOT NULL,
      seen_at timestamptz NOT NULL,
      PRIMARY KEY (key, member)
    )`);
    await q.query(`CREATE INDEX rate_limit_member_seen_idx ON rate_limit_member (seen_at)`);
    await q.query(`CREATE INDEX rate_limit_counter_window_idx ON rate_limit_counter (window_started_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rate_limit_counter_window_idx`);
    await q.query(`DROP TABLE rate_limit_member`);
  }
}
