import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cohort's weekly figures (issue 14 §3, §8), kept so a trend can be drawn: one row per cohort per
 * week (the week starts on Sunday, in the city's calendar). The scheduled job
 * (`src/dashboards/snapshots.scheduler.ts`) refreshes the current week's row until the week ends;
 * a finished week's row is never changed. Rows reconstructed from progress events for the weeks
 * before snapshots existed carry approved modules only (`reconstructed`: the other figures cannot
 * be rebuilt and are null).
 */
export class CohortWeekSnapshot1796240000000 implements MigrationInterface {
  name = 'CohortWeekSnapshot1796240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cohort_week_snapshot (
      cohort_id uuid NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
      week_start date NOT NULL CHECK (extract(dow FROM week_start) = 0),
      active_teachers integer CHECK (active_teachers >= 0),
      approved_modules integer NOT NULL CHECK (approved_modules >= 0),
      at_risk integer CHECK (at_risk >= 0),
      completed integer CHECK (completed >= 0),
      reconstructed boolean NOT NULL DEFAULT false,
      taken_at timestamptz NOT NULL,
      PRIMARY KEY (cohort_id, week_start),
      CHECK (reconstructed OR (active_teachers IS NOT NULL AND at_risk IS NOT NULL AND completed IS NOT NULL))
    )`);
    await q.query(
      `COMMENT ON TABLE cohort_week_snapshot IS 'A cohort''s figures once a week (Sunday in the city''s calendar): the current week''s row is refreshed until the week ends, then never changed. Reconstructed rows hold approved modules only.'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cohort_week_snapshot`);
  }
}
