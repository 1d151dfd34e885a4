import type { Sql } from '../database/sql.js';
import type { DemoIds } from './demo-data.js';

/** Where each city's workshops meet: real kinds of places in Bat Yam and Hadera, named as people there write them. */
const PLACES: Record<keyof DemoIds['cities'], string[]> = {
  batyam: ['מרכז פסגה בת ים, אולם ההדרכה', 'היכל התרבות בת ים, האולם הקטן', 'בית ספר יסודי הים, הספרייה'],
  hadera: ['מרכז פסגה חדרה, חדר הסדנאות', 'היכל התרבות חדרה, אולם הכנסים', 'בית יד לבנים חדרה, האולם העליון'],
};

/**
 * Workshop events in the demo's cohorts (issue 11 §2): each workshop module gets a date on its
 * window's due day, 16:30–19:30 on the city's clock, at one of the city's places, for 40 people;
 * the attendance that seeding progress recorded (a workshop module approved) is linked to it, as
 * the migration links attendance recorded before events existed. Idempotent: a cohort that has an
 * event is left as it is.
 */
export async function seedDemoWorkshops(m: Sql, ids: DemoIds): Promise<void> {
  for (const [key, city] of Object.entries(ids.cities) as [keyof DemoIds['cities'], DemoIds['cities'][keyof DemoIds['cities']]][]) {
    await m.query(
      `INSERT INTO workshop_event (municipality_id, cohort_id, module_id, day, starts_at, ends_at, place, capacity)
       SELECT c.municipality_id, c.id, cm.id, w.due_on, (w.due_on + time '16:30') AT TIME ZONE mu.time_zone, (w.due_on + time '19:30') AT TIME ZONE mu.time_zone,
              ($2::text[])[1 + (row_number() OVER (PARTITION BY c.id ORDER BY w.due_on, cm.id) - 1) % array_length($2::text[], 1)], 40
         FROM cohort c
         JOIN municipality mu ON mu.id = c.municipality_id
         JOIN module_window w ON w.cohort_id = c.id
         JOIN curriculum_module cm ON cm.id = w.module_id AND cm.completion_method = 'attendance'
        WHERE c.municipality_id = $1 AND NOT EXISTS (SELECT 1 FROM workshop_event e WHERE e.cohort_id = c.id)`,
      [city.municipalityId, PLACES[key]],
    );
  }
  await m.query(
    `INSERT INTO workshop_attendance (event_id, teacher_id, recorded_by, recorded_at)
     SELECT e.id, p.teacher_id, p.reviewed_by, coalesce(p.reviewed_at, p.updated_at)
       FROM module_progress p
       JOIN curriculum_module cm ON cm.id = p.module_id AND cm.completion_method = 'attendance'
       JOIN workshop_event e ON e.cohort_id = p.cohort_id AND e.module_id = p.module_id
      WHERE p.status = 'approved' AND e.municipality_id = ANY($1::uuid[])
     ON CONFLICT (event_id, teacher_id) DO NOTHING`,
    [Object.values(ids.cities).map((c) => c.municipalityId)],
  );
}
