import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme's contact interval (issue 14 §2): how many days a mentor may go without meeting a
 * mentee (an attended mentoring session) before the mentee stands out on the mentor's home and in
 * the department's mentor load. Existing programmes keep the 30 days every one had until now.
 */
export class ProgrammeContactInterval1796242000000 implements MigrationInterface {
  name = 'ProgrammeContactInterval1796242000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programme ADD COLUMN contact_interval_days integer NOT NULL DEFAULT 30 CHECK (contact_interval_days BETWEEN 7 AND 180)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programme DROP COLUMN contact_interval_days`);
  }
}
