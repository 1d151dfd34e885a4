import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions are read and written through the app's SQL gateway instead of connect-pg-simple: their
 * expiry becomes an instant (timestamptz), compared with now() whatever the server's time zone.
 * Existing values were written in the connection's time zone, which is how they are read here.
 */
export class Groundwork1796221240425 implements MigrationInterface {
  name = 'Groundwork1796221240425';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE http_session ALTER COLUMN expire TYPE timestamptz USING expire::timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE http_session ALTER COLUMN expire TYPE timestamp(6) USING expire::timestamp`);
  }
}
