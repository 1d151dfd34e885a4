import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each city's headline figures (issue 14 §4, §8), counted by a scheduled job so the network view
 * reads 50 rows instead of computing 200,000 teachers' statuses on every request (5 s measured).
 * One row per city, replaced at each count; the page shows when it was counted.
 */
export class CityFigures1796241000000 implements MigrationInterface {
  name = 'CityFigures1796241000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE city_figures (
      municipality_id uuid PRIMARY KEY REFERENCES municipality(id) ON DELETE CASCADE,
      cohorts integer NOT NULL CHECK (cohorts >= 0),
      members integer NOT NULL CHECK (members >= 0),
      not_started integer NOT NULL CHECK (not_started >= 0),
      completed integer NOT NULL CHECK (completed >= 0),
      on_track integer NOT NULL CHECK (on_track >= 0),
      behind integer NOT NULL CHECK (behind >= 0),
      at_risk integer NOT NULL CHECK (at_risk >= 0),
      withdrawn integer NOT NULL CHECK (withdrawn >= 0),
      teachers integer NOT NULL CHECK (teachers >= 0),
      met integer NOT NULL CHECK (met >= 0),
      checked_in integer NOT NULL CHECK (checked_in >= 0),
      reflected integer NOT NULL CHECK (reflected >= 0),
      counted_at timestamptz NOT NULL
    )`);
    await q.query(
      `COMMENT ON TABLE city_figures IS 'Each city''s running cohorts by status (members: not withdrawn) and its active teachers'' recent activity (teachers counted once per city), as the scheduled job last counted them at counted_at.'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE city_figures`);
  }
}
