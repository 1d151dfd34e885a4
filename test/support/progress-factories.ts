import { randomBytes } from 'node:crypto';
import type { Sql } from '../../src/database/sql.js';
import { createMunicipality, createSchool, createUser, TEST_PASSWORD, type TestUser } from './factories.js';

/**
 * Programmes, cohorts, members, windows and progress rows straight in SQL, so the progress tests
 * do not depend on the programme and cohort screens. Days are offsets from today (negative = past),
 * in the city's calendar as the app counts them (the database's own date can be a day behind
 * Israel's late in the evening).
 */
function unique(): string {
  return randomBytes(3).toString('hex');
}

const CITY_TODAY = `SELECT (now() AT TIME ZONE mu.time_zone)::date AS today FROM municipality mu`;

/**
 * This moment `days` days ago on the calendar of the cohort `cohort`'s city: exactly that many of
 * its days back, also across a daylight-saving change.
 */
const cityDaysAgo = (cohort: string, days: string) =>
  `(SELECT ((now() AT TIME ZONE mu.time_zone) - make_interval(days => ${days}::int)) AT TIME ZONE mu.time_zone
      FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id WHERE c.id = ${cohort})`;

export interface ProgrammeFields {
  municipalityId: string | null;
  title?: string;
  minSessions?: number;
  minReflections?: number;
  minAttendancePct?: number;
}

export async function createProgramme(db: Sql, f: ProgrammeFields): Promise<{ id: string; title: string }> {
  const rows = await db.query(
    `INSERT INTO programme (municipality_id, title, min_sessions_attended, min_reflections, min_workshop_attendance_pct)
     VALUES ($1, $2, $3, $4, $5) RETURNING id, title`,
    [f.municipalityId, f.title ?? `Programme ${unique()}`, f.minSessions ?? 0, f.minReflections ?? 0, f.minAttendancePct ?? 0],
  );
  return rows[0];
}

export async function createPhase(db: Sql, programmeId: string, position: number, title = `Phase ${position + 1}`): Promise<{ id: string }> {
  const rows = await db.query('INSERT INTO programme_phase (programme_id, position, title) VALUES ($1, $2, $3) RETURNING id', [programmeId, position, title]);
  return rows[0];
}

export interface ModuleFields {
  title?: string;
  method?: 'self' | 'approval' | 'attendance';
  kind?: 'workshop' | 'online' | 'practicum' | 'expedition';
  required?: boolean;
  bodyMd?: string;
  /** The window in the cohort, in days from today. */
  opens?: number;
  due?: number;
  prerequisiteIds?: string[];
}

export async function createModule(
  db: Sql,
  programmeId: string,
  phaseId: string,
  position: number,
  f: ModuleFields = {},
): Promise<{ id: string; title: string }> {
  const method = f.method ?? 'self';
  const rows = await db.query(
    `INSERT INTO curriculum_module (programme_id, phase_id, position, title, kind, completion_method, required, body_md, learning_objectives, reflection_prompt)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Objective one', 'What did you notice?') RETURNING id, title`,
    [
      programmeId,
      phaseId,
      position,
      f.title ?? `Module ${unique()}`,
      f.kind ?? (method === 'attendance' ? 'workshop' : 'online'),
      method,
      f.required ?? true,
      f.bodyMd ?? '',
    ],
  );
  for (const prerequisiteId of f.prerequisiteIds ?? []) {
    await db.query('INSERT INTO module_prerequisite (module_id, prerequisite_id) VALUES ($1, $2)', [rows[0].id, prerequisiteId]);
  }
  return rows[0];
}

export async function createCohortRow(
  db: Sql,
  municipalityId: string,
  programmeId: string,
  startDays: number,
  endDays: number,
  name = `Cohort ${unique()}`,
): Promise<{ id: string; name: string }> {
  const rows = await db.query(
    `INSERT INTO cohort (municipality_id, programme_id, name, starts_on, ends_on)
     SELECT $1, $2, $3, today + $4::int, today + $5::int FROM (${CITY_TODAY} WHERE mu.id = $1) city
     RETURNING id, name`,
    [municipalityId, programmeId, name, startDays, endDays],
  );
  return rows[0];
}

export async function setWindow(db: Sql, cohortId: string, moduleId: string, opens: number, due: number): Promise<void> {
  await db.query(
    `INSERT INTO module_window (cohort_id, module_id, opens_on, due_on)
     SELECT $1, $2, today + $3::int, today + $4::int FROM (${CITY_TODAY} JOIN cohort c ON c.municipality_id = mu.id WHERE c.id = $1) city
     ON CONFLICT (cohort_id, module_id) DO UPDATE SET opens_on = EXCLUDED.opens_on, due_on = EXCLUDED.due_on`,
    [cohortId, moduleId, opens, due],
  );
}

export async function createMentorGroup(db: Sql, cohortId: string, mentorId: string, name = `Group ${unique()}`): Promise<{ id: string }> {
  const rows = await db.query('INSERT INTO mentor_group (cohort_id, mentor_id, name) VALUES ($1, $2, $3) RETURNING id', [cohortId, mentorId, name]);
  return rows[0];
}

/**
 * Enrols a person in a cohort (membership + the cohort-scoped role grant), as part A's enrolment does.
 * A teacher has had their group's mentor since the cohort started (or since they joined, if earlier),
 * unless `mentorSinceDaysAgo` says otherwise: their mentor reads only work handed in from then on.
 */
export async function enrol(
  db: Sql,
  cohortId: string,
  municipalityId: string,
  userId: string,
  role: 'teacher' | 'mentor',
  f: { groupId?: string | null; status?: 'active' | 'withdrawn'; joinedDaysAgo?: number; mentorSinceDaysAgo?: number } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO cohort_member (cohort_id, user_id, role, status, mentor_group_id, joined_at, withdrawn_at, mentor_since)
     SELECT $1, $2, $3, $4, $5, ${cityDaysAgo('$1', '$6')}, CASE WHEN $4 = 'withdrawn' THEN now() END,
            -- The cohort's first day begins at midnight on the city's clock, not the server's.
            coalesce(${cityDaysAgo('$1', '$7')}, least(c.starts_on::timestamp AT TIME ZONE mu.time_zone, ${cityDaysAgo('$1', '$6')}))
       FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id WHERE c.id = $1`,
    [cohortId, userId, role, f.status ?? 'active', role === 'teacher' ? (f.groupId ?? null) : null, f.joinedDaysAgo ?? 0, f.mentorSinceDaysAgo ?? null],
  );
  await db.query(`INSERT INTO role_grant (user_id, role, municipality_id, cohort_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
    userId,
    role,
    municipalityId,
    cohortId,
  ]);
}

/** A progress row with one history event dated daysAgo (the shortcut the status tests need). */
export async function setProgress(db: Sql, cohortId: string, teacherId: string, moduleId: string, status: string, daysAgo = 1): Promise<string> {
  const rows = await db.query(
    `INSERT INTO module_progress (cohort_id, teacher_id, module_id, status, submission_text, submitted_at, completed_at, updated_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $4 IN ('submitted', 'returned', 'approved') THEN 'My work' END,
             -- Days back on the city's calendar (not 24-hour days in UTC, which late in an Israeli
             -- evening in winter land on the next city day of a summer date).
             CASE WHEN $4 IN ('submitted', 'returned', 'approved') THEN ${cityDaysAgo('$1', '$5')} END,
             CASE WHEN $4 = 'approved' THEN ${cityDaysAgo('$1', '$5')} END, now())
     ON CONFLICT (cohort_id, teacher_id, module_id) DO UPDATE SET status = EXCLUDED.status
     RETURNING id`,
    [cohortId, teacherId, moduleId, status, daysAgo],
  );
  await db.query(
    `INSERT INTO progress_event (progress_id, from_status, to_status, actor_id, occurred_at) VALUES ($1, 'in_progress', $2, $3, ${cityDaysAgo('$4', '$5')})`,
    [rows[0].id, status, teacherId, cohortId, daysAgo],
  );
  return rows[0].id;
}

export interface CohortWorld {
  city: { id: string; nameEn: string };
  school: { id: string; name: string };
  programme: { id: string; title: string };
  phaseId: string;
  cohort: { id: string; name: string };
  modules: { id: string; title: string }[];
  admin: TestUser;
  mentor: TestUser;
  groupId: string;
  teachers: TestUser[];
}

/**
 * A city with a school, a department admin, a programme of the given modules (one phase), a
 * running cohort (started `startDays` ago, ending `endDays` from now) with windows, one mentor
 * group and `teacherCount` teachers in it.
 */
export async function buildCohort(
  db: Sql,
  f: {
    modules: ModuleFields[];
    teacherCount?: number;
    startDays?: number;
    endDays?: number;
    programme?: Omit<ProgrammeFields, 'municipalityId'>;
    city?: { id: string; nameEn: string };
    teacherNames?: string[];
  },
): Promise<CohortWorld> {
  const city = f.city ?? (await createMunicipality(db));
  const school = await createSchool(db, city.id);
  const admin = await createUser(db, { municipalityId: city.id, roles: ['department_admin'], displayName: `Admin ${unique()}`, preferredLanguage: 'en' });
  const mentor = await createUser(db, { municipalityId: city.id, schoolId: school.id, displayName: `Mentor ${unique()}`, preferredLanguage: 'en' });
  const programme = await createProgramme(db, { municipalityId: city.id, ...f.programme });
  const phase = await createPhase(db, programme.id, 0);
  const cohort = await createCohortRow(db, city.id, programme.id, -(f.startDays ?? 100), f.endDays ?? 600);
  const modules: { id: string; title: string }[] = [];
  for (const [position, fields] of f.modules.entries()) {
    const module = await createModule(db, programme.id, phase.id, position, fields);
    await setWindow(db, cohort.id, module.id, fields.opens ?? -30, fields.due ?? 30);
    modules.push(module);
  }
  await enrol(db, cohort.id, city.id, mentor.id, 'mentor');
  const group = await createMentorGroup(db, cohort.id, mentor.id);
  const teachers: TestUser[] = [];
  for (let i = 0; i < (f.teacherCount ?? 1); i++) {
    const teacher = await createUser(db, {
      municipalityId: city.id,
      schoolId: school.id,
      displayName: f.teacherNames?.[i] ?? `Teacher ${unique()}`,
      preferredLanguage: 'en',
    });
    await enrol(db, cohort.id, city.id, teacher.id, 'teacher', { groupId: group.id });
    teachers.push(teacher);
  }
  return { city, school, programme, phaseId: phase.id, cohort, modules, admin, mentor, groupId: group.id, teachers };
}

/**
 * A workshop event of the module in the cohort, as a department admin schedules one: on the
 * module's due day in the cohort (or `day` days from today), 17:00–19:00 on the city's clock
 * unless `timeKnown` is false (an event made from attendance recorded before events existed).
 */
export async function createWorkshopEvent(
  db: Sql,
  cohortId: string,
  moduleId: string,
  f: { day?: number; place?: string | null; capacity?: number | null; timeKnown?: boolean } = {},
): Promise<{ id: string }> {
  const rows = await db.query(
    `INSERT INTO workshop_event (municipality_id, cohort_id, module_id, day, starts_at, ends_at, place, capacity)
     SELECT c.municipality_id, c.id, $2, d.day,
            CASE WHEN $6::boolean THEN (d.day + time '17:00') AT TIME ZONE mu.time_zone END,
            CASE WHEN $6::boolean THEN (d.day + time '19:00') AT TIME ZONE mu.time_zone END, $4, $5
       FROM cohort c
       JOIN municipality mu ON mu.id = c.municipality_id
       LEFT JOIN module_window w ON w.cohort_id = c.id AND w.module_id = $2
       CROSS JOIN LATERAL (SELECT coalesce((now() AT TIME ZONE mu.time_zone)::date + $3::int, w.due_on, (now() AT TIME ZONE mu.time_zone)::date) AS day) d
      WHERE c.id = $1
     RETURNING id`,
    [cohortId, moduleId, f.day ?? null, f.place === undefined ? 'Room 1' : f.place, f.capacity ?? null, f.timeKnown ?? true],
  );
  return rows[0];
}

/**
 * Adds `count` active teachers to the world's cohort and mentor group in a handful of set-based
 * statements (hundreds in a second), each with something on every dashboard: a third approved
 * every module, a third handed in the first, the rest started nothing; all attended a session
 * 3 days ago and have one in 2 days with an open action item; each a goal with a check-in; every
 * other one a published reflection. For tests that compare a page for a few teachers and for
 * hundreds. Returns the teachers, in order; they sign in with the test password.
 */
export async function addManyTeachers(db: Sql, w: CohortWorld, count: number): Promise<TestUser[]> {
  const tag = unique();
  const teachers = await db.query<{ id: string; email: string; displayName: string }>(
    `WITH u AS (
       INSERT INTO app_user (email, display_name, municipality_id, school_id, preferred_language, active, password_hash)
       SELECT 'many-' || $1 || '-' || i || '@example.test', 'Teacher ' || $1 || ' ' || i, $2, $3, 'en', true,
              (SELECT password_hash FROM app_user WHERE id = $5)
         FROM generate_series(1, $4::int) i
       RETURNING id, email, display_name
     ) SELECT id, email, display_name AS "displayName" FROM u ORDER BY split_part(split_part(email, '@', 1), '-', 3)::int`,
    [tag, w.city.id, w.school.id, count, w.mentor.id],
  );
  const ids = teachers.map((teacher) => teacher.id);
  await db.query(
    `INSERT INTO cohort_member (cohort_id, user_id, role, status, mentor_group_id, joined_at, mentor_since)
     SELECT c.id, u, 'teacher', 'active', $3, c.starts_on::timestamp AT TIME ZONE mu.time_zone, c.starts_on::timestamp AT TIME ZONE mu.time_zone
       FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id, unnest($2::uuid[]) u WHERE c.id = $1`,
    [w.cohort.id, ids, w.groupId],
  );
  await db.query(`INSERT INTO role_grant (user_id, role, municipality_id, cohort_id) SELECT u, 'teacher', $2, $3 FROM unnest($1::uuid[]) u`, [
    ids,
    w.city.id,
    w.cohort.id,
  ]);
  // Progress: teacher i (from 0) approved every module when i % 3 = 0, handed in the first when i % 3 = 1.
  await db.query(
    `WITH t AS (SELECT u, ord - 1 AS i FROM unnest($2::uuid[]) WITH ORDINALITY AS x(u, ord)),
     p AS (
       INSERT INTO module_progress (cohort_id, teacher_id, module_id, status, submission_text, submitted_at, completed_at, updated_at)
       SELECT $1, t.u, m.id, CASE WHEN t.i % 3 = 0 THEN 'approved' ELSE 'submitted' END, 'My work', now() - interval '5 days',
              CASE WHEN t.i % 3 = 0 THEN now() - interval '3 days' END, now()
         FROM t JOIN unnest($3::uuid[]) WITH ORDINALITY AS m(id, pos) ON t.i % 3 = 0 OR (t.i % 3 = 1 AND m.pos = 1)
       RETURNING id, teacher_id, status, coalesce(completed_at, submitted_at) AS at
     )
     INSERT INTO progress_event (progress_id, from_status, to_status, actor_id, occurred_at) SELECT id, 'in_progress', status, teacher_id, at FROM p`,
    [w.cohort.id, ids, w.modules.map((m) => m.id)],
  );
  // Mentoring: a session 3 days ago that all attended, one in 2 days with an open action item each.
  const sessions = await db.query<{ id: string; past: boolean }>(
    `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at)
     SELECT $1, $2, $3, now() + d * interval '1 day', now() + d * interval '1 day' + interval '1 hour' FROM unnest(ARRAY[-3, 2]) d
     RETURNING id, starts_at < now() AS past`,
    [w.city.id, w.cohort.id, w.mentor.id],
  );
  for (const session of sessions) {
    await db.query(`INSERT INTO mentoring_participant (session_id, teacher_id, attended) SELECT $1, u, $3 FROM unnest($2::uuid[]) u`, [
      session.id,
      ids,
      session.past ? true : null,
    ]);
    if (!session.past)
      await db.query(`INSERT INTO mentoring_action_item (session_id, owner_id, title) SELECT $1, u, 'Read the chapter' FROM unnest($2::uuid[]) u`, [
        session.id,
        ids,
      ]);
  }
  // Goals, check-ins and reflections.
  await db.query(
    `WITH g AS (
       INSERT INTO goal (owner_id, frame, what) SELECT u, (ARRAY['me','you','us'])[1 + (ord % 3)::int], 'A goal' FROM unnest($1::uuid[]) WITH ORDINALITY AS x(u, ord)
       RETURNING id
     ) INSERT INTO goal_check_in (goal_id, checked_on, note, rating) SELECT id, current_date - 4, 'On the way', 3 FROM g`,
    [ids],
  );
  await db.query(
    `INSERT INTO portfolio_entry (author_id, title, body_md, visibility, published_at)
     SELECT u, 'A reflection', 'What I learned', 'mentor', now() - interval '2 days' FROM unnest($1::uuid[]) WITH ORDINALITY AS x(u, ord) WHERE ord % 2 = 0`,
    [ids],
  );
  return teachers.map((teacher) => ({ ...teacher, password: TEST_PASSWORD, municipalityId: w.city.id }));
}
