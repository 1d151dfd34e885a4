import { SnapshotsScheduler } from '../../src/dashboards/snapshots.scheduler.js';
import { createUser, type TestUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, createMentorGroup, enrol, setProgress } from '../support/progress-factories.js';
import { countQueries } from '../support/query-counter.js';
import { csvLines, rowOf } from '../support/html-table.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface SnapshotRow {
  week: string;
  active: number | null;
  approved: number;
  atRisk: number | null;
  completed: number | null;
  reconstructed: boolean;
  takenAt: Date;
}

/**
 * The cohort's weekly trend and its mentors' load (issue 14 §3, §7, §8), against hand counts. The
 * cohort's dates, windows and approvals are fixed days of November 2026 in Jerusalem and the job is
 * run at fixed clocks, so the figures are the same whenever the tests run; weeks start on Sunday in
 * the city's calendar (Jerusalem is UTC+2 in November).
 */
describe('a cohort’s weekly trend and mentor load', () => {
  let t: TestApp;
  let a: CohortWorld; // 6 active teachers (and one withdrawn), two mentor groups
  let b: CohortWorld; // another city
  let jobs: SnapshotsScheduler;
  let nadia: TestUser; // the second mentor

  // Wednesday 18 Nov, noon in Jerusalem: the week of Sunday 15 Nov.
  const A = new Date('2026-11-18T10:00:00Z');
  // Wednesday 25 Nov: the week of Sunday 22 Nov.
  const B = new Date('2026-11-25T10:00:00Z');
  // Saturday 28 Nov 22:30 UTC is already Sunday 29 Nov, 00:30, in Jerusalem: a new week there.
  const C = new Date('2026-11-28T22:30:00Z');

  const rows = (cohortId: string) =>
    t.db.query<SnapshotRow>(
      `SELECT to_char(week_start, 'YYYY-MM-DD') AS week, active_teachers AS active, approved_modules AS approved, at_risk AS "atRisk",
              completed, reconstructed, taken_at AS "takenAt"
         FROM cohort_week_snapshot WHERE cohort_id = $1 ORDER BY week_start`,
      [cohortId],
    );
  /** A progress row at `status`, its one event at the instant `at`. */
  const progressAt = async (w: CohortWorld, teacher: TestUser, module: number, status: string, at: string) => {
    const id = await setProgress(t.db, w.cohort.id, teacher.id, w.modules[module].id, status);
    await t.db.query(`UPDATE progress_event SET occurred_at = $2 WHERE progress_id = $1`, [id, at]);
  };
  const session = async (w: CohortWorld, mentorId: string, daysAgo: number, attendance: [TestUser, boolean][], status = 'scheduled') => {
    const [s] = await t.db.query<{ id: string }>(
      `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at, status)
       VALUES ($1, $2, $3, now() - make_interval(days => $4), now() - make_interval(days => $4) + interval '1 hour', $5) RETURNING id`,
      [w.city.id, w.cohort.id, mentorId, daysAgo, status],
    );
    for (const [teacher, attended] of attendance)
      await t.db.query(`INSERT INTO mentoring_participant (session_id, teacher_id, attended) VALUES ($1, $2, $3)`, [s.id, teacher.id, attended]);
  };

  beforeAll(async () => {
    t = await createTestApp();
    jobs = t.app.get(SnapshotsScheduler);
    a = await buildCohort(t.db, {
      teacherCount: 6,
      modules: [
        { title: 'First', method: 'approval' },
        { title: 'Second', method: 'approval' },
        { title: 'Extra', method: 'approval', required: false },
      ],
    });
    b = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Only', method: 'approval' }] });
    // The cohort runs from Wednesday 28 Oct 2026 (its first week: Sunday 25 Oct); First was due on 8 Nov, Second on 12 Nov.
    await t.db.query(`UPDATE municipality SET time_zone = 'Asia/Jerusalem' WHERE id = $1`, [a.city.id]);
    await t.db.query(`UPDATE cohort SET starts_on = '2026-10-28', ends_on = '2027-09-30' WHERE id = $1`, [a.cohort.id]);
    await t.db.query(
      `UPDATE module_window SET opens_on = '2026-10-28', due_on = CASE module_id WHEN $2 THEN '2026-11-08'::date WHEN $3 THEN '2026-11-12'::date ELSE '2027-01-01'::date END
        WHERE cohort_id = $1`,
      [a.cohort.id, a.modules[0].id, a.modules[1].id],
    );
    const [t0, t1, t2, t3, t4, t5] = a.teachers;
    // t5 approved both required modules on Tuesday 3 Nov (week of 1 Nov): completed, 2 approved.
    await progressAt(a, t5, 0, 'approved', '2026-11-03T10:00:00Z');
    await progressAt(a, t5, 1, 'approved', '2026-11-03T10:00:00Z');
    // t1 approved First late on Saturday 7 Nov in UTC, which is Sunday 8 Nov in Jerusalem (week of 8 Nov): behind (Second overdue).
    await progressAt(a, t1, 0, 'approved', '2026-11-07T22:30:00Z');
    // t0 approved all three on Monday 16 Nov (week of 15 Nov): completed, 3 approved.
    for (const module of [0, 1, 2]) await progressAt(a, t0, module, 'approved', '2026-11-16T10:00:00Z');
    // t4 handed First in 4 days ago; t2 handed Second in 2 days ago; t3 handed Second in 10 days ago, before
    // their mentor became theirs (5 days ago). None of it is approved: t2, t3 and t4 have two overdue (at risk).
    await setProgress(t.db, a.cohort.id, t4.id, a.modules[0].id, 'submitted', 4);
    await setProgress(t.db, a.cohort.id, t2.id, a.modules[1].id, 'submitted', 2);
    await setProgress(t.db, a.cohort.id, t3.id, a.modules[1].id, 'submitted', 10);
    await t.db.query(`UPDATE cohort_member SET mentor_since = now() - interval '60 days' WHERE cohort_id = $1`, [a.cohort.id]);
    await t.db.query(`UPDATE cohort_member SET mentor_since = now() - interval '5 days' WHERE cohort_id = $1 AND user_id = $2`, [a.cohort.id, t3.id]);
    // A withdrawn teacher who approved First on 3 Nov: counted nowhere.
    const gone = await createUser(t.db, { municipalityId: a.city.id, displayName: 'Gone Gila' });
    await enrol(t.db, a.cohort.id, a.city.id, gone.id, 'teacher', { groupId: a.groupId, status: 'withdrawn' });
    await progressAt(a, gone, 0, 'approved', '2026-11-03T10:00:00Z');
    // A second mentor group, Nadia's: t4 and t5.
    nadia = await createUser(t.db, { municipalityId: a.city.id, displayName: 'Nadia Second-Mentor', preferredLanguage: 'en' });
    await enrol(t.db, a.cohort.id, a.city.id, nadia.id, 'mentor');
    const group = await createMentorGroup(t.db, a.cohort.id, nadia.id);
    await t.db.query(`UPDATE cohort_member SET mentor_group_id = $2 WHERE cohort_id = $1 AND user_id = ANY($3::uuid[])`, [
      a.cohort.id,
      group.id,
      [t4.id, t5.id],
    ]);
    // Meetings: the first mentor met t0 and t1 5 days ago (t2 was absent), t3 40 days ago, t4 2 days ago (not
    // t4's mentor); a cancelled session with t3 does not count. Nadia met t5 yesterday.
    await session(a, a.mentor.id, 5, [
      [t0, true],
      [t1, true],
      [t2, false],
    ]);
    await session(a, a.mentor.id, 40, [[t3, true]]);
    await session(a, a.mentor.id, 2, [[t4, true]]);
    await session(a, a.mentor.id, 3, [[t3, true]], 'cancelled');
    await session(a, nadia.id, 1, [[t5, true]]);
  }, 120_000);
  afterAll(() => t.close());

  it('takes the current week’s figures in the city’s calendar, and rebuilds the earlier weeks’ approvals from progress events', async () => {
    await jobs.takeSnapshots(A);
    const weeks = await rows(a.cohort.id);
    expect(weeks.map(({ week, active, approved, atRisk, completed, reconstructed }) => ({ week, active, approved, atRisk, completed, reconstructed }))).toEqual([
      { week: '2026-10-25', active: null, approved: 0, atRisk: null, completed: null, reconstructed: true },
      { week: '2026-11-01', active: null, approved: 2, atRisk: null, completed: null, reconstructed: true },
      { week: '2026-11-08', active: null, approved: 3, atRisk: null, completed: null, reconstructed: true },
      // 6 active teachers; approved: t0 3, t1 1, t5 2; at risk t2, t3, t4; completed t0, t5.
      { week: '2026-11-15', active: 6, approved: 6, atRisk: 3, completed: 2, reconstructed: false },
    ]);
    expect(weeks.every((w) => w.takenAt.getTime() === A.getTime())).toBe(true);
  });

  it('leaves one row per cohort per week when the job runs twice, and twice at once', async () => {
    await jobs.takeSnapshots(A);
    const later = new Date('2026-11-19T10:00:00Z');
    await Promise.all([jobs.takeSnapshots(later), jobs.takeSnapshots(later), jobs.takeSnapshots(later)]);
    const weeks = await rows(a.cohort.id);
    expect(weeks.map((w) => w.week)).toEqual(['2026-10-25', '2026-11-01', '2026-11-08', '2026-11-15']);
    // The current week's row was refreshed; the rebuilt weeks were not touched.
    expect(weeks[3]).toMatchObject({ approved: 6, atRisk: 3 });
    expect(weeks[3].takenAt.getTime()).toBe(later.getTime());
    expect(weeks[0].takenAt.getTime()).toBe(A.getTime());
    const [{ duplicates }] = await t.db.query<{ duplicates: number }>(
      `SELECT count(*)::int AS duplicates FROM (SELECT cohort_id, week_start FROM cohort_week_snapshot GROUP BY 1, 2 HAVING count(*) > 1) d`,
    );
    expect(duplicates).toBe(0);
  });

  it('keeps a finished week as it was when progress changes later, even for a job with a late clock', async () => {
    const before = (await rows(a.cohort.id))[3];
    // t2 approves First on Monday 23 Nov: one overdue left (behind, no longer at risk).
    await progressAt(a, a.teachers[2], 0, 'approved', '2026-11-23T08:00:00Z');
    await jobs.takeSnapshots(B);
    await jobs.takeSnapshots(A); // an instance whose clock is behind: the week of 15 Nov has finished
    const weeks = await rows(a.cohort.id);
    expect(weeks.map((w) => w.week)).toEqual(['2026-10-25', '2026-11-01', '2026-11-08', '2026-11-15', '2026-11-22']);
    expect(weeks[3]).toEqual(before);
    expect(weeks[4]).toMatchObject({ active: 6, approved: 7, atRisk: 2, completed: 2, reconstructed: false });
  });

  it('starts a new week at midnight between Saturday and Sunday in the city, not in UTC', async () => {
    await jobs.takeSnapshots(C);
    const weeks = await rows(a.cohort.id);
    expect(weeks.map((w) => w.week).slice(-2)).toEqual(['2026-11-22', '2026-11-29']);
    expect(weeks.at(-1)).toMatchObject({ approved: 7, atRisk: 2 });
  });

  it('shows the weekly trend with a chart, the table behind it and the data’s age, and downloads it as CSV (audited)', async () => {
    const admin = await signIn(t, a.admin);
    const page = await admin.get(`/cohorts/${a.cohort.id}/figures`).expect(200);
    expect(page.text).toContain('<h2 id="trend">Weekly trend</h2>');
    expect(page.text).toContain('Taken on 29 Nov 2026, 00:30');
    expect(page.text).toContain('Who was at risk then cannot be rebuilt');
    expect(page.text).toMatch(/<svg class="column-chart"[^>]*role="img"[^>]*aria-labelledby="trend-chart-title"/);
    expect(page.text).toContain('<title id="trend-chart-title">Approved modules by week</title>');
    expect(page.text).toContain('Approved modules over 6 weeks, from 0 in the first week to 7 in the latest.');
    expect((page.text.match(/<g class="column"/g) ?? []).length).toBe(6);
    expect(rowOf(page.text, '25 Oct 2026')).toEqual(['25 Oct 2026', '0', 'not recorded']);
    expect(rowOf(page.text, '8 Nov 2026')).toEqual(['8 Nov 2026', '3', 'not recorded']);
    expect(rowOf(page.text, '15 Nov 2026')).toEqual(['15 Nov 2026', '6', '3']);
    expect(rowOf(page.text, '29 Nov 2026')).toEqual(['29 Nov 2026', '7', '2']);

    const csv = await admin.get(`/cohorts/${a.cohort.id}/figures.csv?table=trend`).expect(200);
    expect(csvLines(csv.text)).toEqual([
      'Week starting,Approved modules,Teachers at risk',
      '2026-10-25,0,not recorded',
      '2026-11-01,2,not recorded',
      '2026-11-08,3,not recorded',
      '2026-11-15,6,3',
      '2026-11-22,7,2',
      '2026-11-29,7,2',
    ]);
    expect(csv.headers['content-disposition']).toContain('weekly-trend');
    const audited = await t.db.query<{ report: string }>(
      `SELECT details->>'report' AS report FROM audit_event WHERE action = 'report.exported' AND subject_id = $1 AND actor_id = $2`,
      [a.cohort.id, a.admin.id],
    );
    expect(audited.map((r) => r.report)).toContain('cohort_trend');
  });

  it('runs the weeks right to left in Hebrew', async () => {
    await t.db.query(`UPDATE app_user SET preferred_language = 'he' WHERE id = $1`, [a.admin.id]);
    try {
      const page = await (await signIn(t, a.admin)).get(`/cohorts/${a.cohort.id}/figures`).expect(200);
      expect(page.text).toContain('מגמה שבועית');
      const xs = [...page.text.matchAll(/<g class="column"[^>]*>\s*<title>[^<]*<\/title>\s*<rect x="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(xs.length).toBe(5); // the first week has no column (0 approved)
      expect([...xs].sort((x, y) => y - x)).toEqual(xs);
    } finally {
      await t.db.query(`UPDATE app_user SET preferred_language = 'en' WHERE id = $1`, [a.admin.id]);
    }
  });

  it('shows each mentor’s load: active mentees, work waiting for review with the oldest wait, mentees not met in 30 days', async () => {
    const admin = await signIn(t, a.admin);
    const page = await admin.get(`/cohorts/${a.cohort.id}/figures`).expect(200);
    expect(page.text).toContain('Mentor load');
    expect(page.text).toContain('Not met in 30 days');
    // First mentor: t0–t3 (the withdrawn teacher left out); t2's work waits 2 days (t3's predates the mentor);
    // t2 (absent) and t3 (met 40 days ago, and at a cancelled session) not met.
    expect(rowOf(page.text, a.mentor.displayName)).toEqual([a.mentor.displayName, '4', '1', '2', '2']);
    // Nadia: t4 and t5; t4's work waits 4 days; t4 met someone else's session only.
    expect(rowOf(page.text, nadia.displayName)).toEqual([nadia.displayName, '2', '1', '4', '1']);
    const csv = await admin.get(`/cohorts/${a.cohort.id}/figures.csv?table=mentors`).expect(200);
    expect(csvLines(csv.text)).toEqual([
      'Mentor,Active mentees,Waiting for review,Oldest wait (days),Not met in 30 days',
      `${a.mentor.displayName},4,1,2,2`,
      `${nadia.displayName},2,1,4,1`,
    ]);
    const other = await (await signIn(t, b.admin)).get(`/cohorts/${b.cohort.id}/figures`).expect(200);
    expect(rowOf(other.text, b.mentor.displayName)).toEqual([b.mentor.displayName, '1', '0', 'none', '1']);
  });

  it('keeps another city’s admin out (404) and mentors out (403), whatever the table', async () => {
    const other = await signIn(t, b.admin);
    await other.get(`/cohorts/${a.cohort.id}/figures`).expect(404);
    await other.get(`/cohorts/${a.cohort.id}/figures.csv?table=trend`).expect(404);
    await other.get(`/cohorts/${a.cohort.id}/figures.csv?table=mentors`).expect(404);
    const mentor = await signIn(t, a.mentor);
    await mentor.get(`/cohorts/${a.cohort.id}/figures`).expect(403);
    await mentor.get(`/cohorts/${a.cohort.id}/figures.csv?table=mentors`).expect(403);
  });

  it('sends as many statements for the job and the page with a cohort of 60 teachers as with 10', async () => {
    const world = (teacherCount: number) => buildCohort(t.db, { teacherCount, modules: [{ method: 'approval', due: -5 }, { method: 'approval', due: 5 }] });
    const measure = async (w: CohortWorld) => {
      for (const teacher of w.teachers.slice(0, 3)) await setProgress(t.db, w.cohort.id, teacher.id, w.modules[0].id, 'approved', 20);
      const job = await countQueries(t.db, () => jobs.takeSnapshots(new Date()));
      const page = await countQueries(t.db, async () => (await signIn(t, w.admin)).get(`/cohorts/${w.cohort.id}/figures`).expect(200));
      return { job: job.count, page: page.count, text: page.result.text };
    };
    const small = await measure(await world(10));
    const large = await measure(await world(60));
    expect(large.job).toBe(small.job);
    expect(small.job).toBe(1);
    expect(large.page).toBe(small.page);
    expect(large.text).toContain('<h2 id="trend">Weekly trend</h2>');
  });
});
