import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-factor sign-in: a TOTP secret per person (confirmed once they typed a code from it; the last
 * time step accepted, so no code is accepted twice) and their one-time recovery codes, kept as
 * SHA-256 hashes only (each is 80 random bits, so a fast hash is enough, as for reset tokens).
 *
 * Each city decides whether its department admins must use it, and the network whether network
 * admins must: on for every city and network made from now on, off for those that exist already,
 * so nobody is stopped at their next sign-in by a rule they never chose.
 */
export class TwoFactor1796226039470 implements MigrationInterface {
  name = 'TwoFactor1796226039470';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['network', 'municipality']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN require_two_factor boolean NOT NULL DEFAULT false`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN require_two_factor SET DEFAULT true`);
    }
    await q.query(`CREATE TABLE two_factor (
      user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
      secret text NOT NULL CHECK (secret ~ '^[A-Z2-7]{32}$'),
      confirmed_at timestamptz,
      last_used_step bigint,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE two_factor_recovery_code (
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, code_hash)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE two_factor_recovery_code`);
    await q.query(`DROP TABLE two_factor`);
    for (const table of ['network', 'municipality']) await q.query(`ALTER TABLE ${table} DROP COLUMN require_two_factor`);
  }
}
