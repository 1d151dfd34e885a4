import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recorded workshop attendance the old way (a workshop module's progress approved by a mentor,
 * with no event) moved onto events: one event per (cohort, workshop module) that has such
 * attendance and no event yet, dated on the module's due day in the cohort (else the day the
 * attendance was first recorded, in the city's calendar), its time and place unknown; then each
 * such teacher's attendance linked to the first event of that module. Idempotent, so a test can
 * run it again over rows it inserted the old way.
 */
export const WORKSHOP_ATTENDANCE_BACKFILL = [
  `WITH unlinked AS (
     SELECT p.cohort_id, p.module_id, min(coalesce(p.reviewed_at, p.completed_at, p.updated_at)) AS first_at
       FROM module_progress p
       JOIN curriculum_module cm ON cm.id = p.module_id AND cm.completion_method = 'attendance'
      WHERE p.status = 'approved'
        AND NOT EXISTS (SELECT 1 FROM workshop_event e WHERE e.cohort_id = p.cohort_id AND e.module_id = p.module_id)
      GROUP BY p.cohort_id, p.module_id)
   INSERT INTO workshop_event (municipality_id, cohort_id, module_id, day)
   SELECT c.municipality_id, u.cohort_id, u.module_id, coalesce(w.due_on, (u.first_at AT TIME ZONE mu.time_zone)::date)
     FROM unlinked u
     JOIN cohort c ON c.id = u.cohort_id
     JOIN municipality mu ON mu.id = c.municipality_id
     LEFT JOIN module_window w ON w.cohort_id = u.cohort_id AND w.module_id = u.module_id`,
  `INSERT INTO workshop_attendance (event_id, teacher_id, recorded_by, recorded_at)
   SELECT first_event.id, p.teacher_id, p.reviewed_by, coalesce(p.reviewed_at, p.completed_at, p.updated_at)
     FROM module_progress p
     JOIN curriculum_module cm ON cm.id = p.module_id AND cm.completion_method = 'attendance'
     CROSS JOIN LATERAL (
       SELECT e.id FROM workshop_event e WHERE e.cohort_id = p.cohort_id AND e.module_id = p.module_id ORDER BY e.created_at, e.id LIMIT 1
     ) first_event
    WHERE p.status = 'approved'
      AND NOT EXISTS (
        SELECT 1 FROM workshop_attendance a JOIN workshop_event e ON e.id = a.event_id
         WHERE a.teacher_id = p.teacher_id AND e.cohort_id = p.cohort_id AND e.module_id = p.module_id)
   ON CONFLICT (event_id, teacher_id) DO NOTHING`,
];

/**
 * Workshops are events (issue 11 §2): a workshop module's dated events in a cohort (day, start and
 * end on the city's clock, place, capacity), managed by the city's department admins, shown in the
 * calendar and the iCal feed (SEQUENCE rises with each change), with attendance taken per event.
 * A module's progress stays what completion counts: attending an event of the module approves it.
 */
export class WorkshopEvents1796239000000 implements MigrationInterface {
  name = 'WorkshopEvents1796239000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE workshop_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      municipality_id uuid NOT NULL REFERENCES municipality(id),
      cohort_id uuid NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
      module_id uuid NOT NULL REFERENCES curriculum_module(id) ON DELETE CASCADE,
      day date NOT NULL,
      starts_at timestamptz,
      ends_at timestamptz,
      place text CHECK (length(place) <= 300),
      capacity integer CHECK (capacity BETWEEN 1 AND 10000),
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
      cancel_reason text CHECK (length(cancel_reason) <= 1000),
      sequence integer NOT NULL DEFAULT 0,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((starts_at IS NULL) = (ends_at IS NULL)),
      CHECK (ends_at > starts_at)
    )`);
    await q.query(`COMMENT ON TABLE workshop_event IS 'A dated event of a workshop module in a cohort; times and place null when unknown (events made from attendance recorded before events existed).'`);
    // A module's events in a cohort (the path, the register); a cohort's events by day (the calendar, the feed, conflicts).
    await q.query(`CREATE INDEX workshop_event_cohort_module_idx ON workshop_event (cohort_id, module_id, day)`);
    await q.query(`CREATE INDEX workshop_event_cohort_day_idx ON workshop_event (cohort_id, day)`);

    await q.query(`CREATE TABLE workshop_attendance (
      event_id uuid NOT NULL REFERENCES workshop_event(id) ON DELETE CASCADE,
      teacher_id uuid NOT NULL REFERENCES app_user(id),
      recorded_by uuid REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, teacher_id)
    )`);
    await q.query(`CREATE INDEX workshop_attendance_teacher_idx ON workshop_attendance (teacher_id)`);

    for (const statement of WORKSHOP_ATTENDANCE_BACKFILL) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workshop_attendance`);
    await q.query(`DROP TABLE workshop_event`);
  }
}
