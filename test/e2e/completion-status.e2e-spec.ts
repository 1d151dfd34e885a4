import { ProgressRepository } from '../../src/progress/progress.repository.js';
import { CompletionStatusRepository, type TeacherCompletion } from '../../src/progress/completion-status.repository.js';
import { createUser } from '../support/factories.js';
import { buildCohort, enrol, setProgress } from '../support/progress-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('completion status, computed in SQL', () => {
  let t: TestApp;
  let repo: CompletionStatusRepository;

  beforeAll(async () => {
    t = await createTestApp();
    repo = t.app.get(CompletionStatusRepository);
  });
  afterAll(() => t.close());

  async function statusOf(cohortId: string, teacherId: string): Promise<TeacherCompletion> {
    const status = await repo.findTeacherStatus(cohortId, teacherId);
    if (!status) throw new Error('teacher not found in cohort');
    return status;
  }

  it('is on track early in the cohort with nothing overdue', async () => {
    const w = await buildCohort(t.db, { startDays: 10, endDays: 700, modules: [{ method: 'self' }, { method: 'approval', opens: 10, due: 40 }] });
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'in_progress', 2);
    const s = await statusOf(w.cohort.id, w.teachers[0].id);
    expect(s).toMatchObject({
      status: 'on_track',
      reasons: [],
      modulesApproved: 0,
      modulesRequired: 2,
      overdueRequired: 0,
      sessionsAttended: 0,
      reflections: 0,
    });
    expect(s.lastActivity).toBeInstanceOf(Date);
  });

  it('is behind with exactly one required module overdue', async () => {
    const w = await buildCohort(t.db, {
      startDays: 10,
      endDays: 700,
      modules: [
        { opens: -10, due: -1 },
        { opens: -5, due: 30 },
      ],
    });
    const s = await statusOf(w.cohort.id, w.teachers[0].id);
    expect(s).toMatchObject({ status: 'behind', reasons: ['one_overdue'], overdueRequired: 1 });
  });

  it('is behind when fewer modules are approved than the time elapsed asks for', async () => {
    const modules = [1, 2, 3, 4].map(() => ({ opens: -10, due: 60 }));
    const w = await buildCohort(t.db, { startDays: 300, endDays: 300, modules });
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'approved', 3);
    const s = await statusOf(w.cohort.id, w.teachers[0].id);
    expect(s).toMatchObject({ status: 'behind', reasons: ['below_pace'], requiredApproved: 1, overdueRequired: 0 });
  });

  it('is at risk with two or more required modules overdue, and says so', async () => {
    const w = await buildCohort(t.db, { startDays: 30, endDays: 700, modules: [{ due: -2 }, { due: -1 }, { due: 20 }] });
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[2].id, 'in_progress', 1);
    const s = await statusOf(w.cohort.id, w.teachers[0].id);
    expect(s).toMatchObject({ status: 'at_risk', reasons: ['overdue_modules'], overdueRequired: 2 });
  });

  it('is at risk when workshop attendance is below the programme minimum once a workshop was due', async () => {
    const w = await buildCohort(t.db, {
      startDays: 30,
      endDays: 700,
      programme: { minAttendancePct: 80 },
      modules: [
        { opens: -30, due: 30 },
        { method: 'attendance', required: false, opens: -20, due: -5 },
        { method: 'attendance', required: false, opens: -20, due: -3 },
      ],
      teacherCount: 2,
    });
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'in_progress', 1);
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[1].id, 'approved', 5);
    const low = await statusOf(w.cohort.id, w.teachers[0].id);
    expect(low).toMatchObject({ status: 'at_risk', reasons: ['low_attendance'], workshopsDue: 2, workshopsAttended: 1, attendancePct: 50 });
    await setProgress(t.db, w.cohort.id, w.teachers[1].id, w.modules[1].id, 'approved', 5);
    await setProgress(t.db, w.cohort.id, w.teachers[1].id, w.modules[2].id, 'approved', 3);
    expect(await statusOf(w.cohort.id, w.teachers[1].id)).toMatchObject({ status: 'on_track', attendancePct: 100 });
  });

  it('does not hold attendance against anyone before any workshop was due', async () => {
    const w = await buildCohort(t.db, {
      startDays: 5,
      endDays: 700,
      programme: { minAttendancePct: 90 },
      modules: [{ method: 'attendance', opens: 1, due: 10 }],
    });
    expect(await statusOf(w.cohort.id, w.teachers[0].id)).toMatchObject({ status: 'on_track', attendancePct: null, workshopsDue: 0 });
  });

  it('is at risk after 45 days without activity while something is open and not done', async () => {
    const w = await buildCohort(t.db, { startDays: 60, endDays: 700, modules: [{ opens: -50, due: 30 }], teacherCount: 0 });
    const quiet = await createUser(t.db, { municipalityId: w.city.id });
    await enrol(t.db, w.cohort.id, w.city.id, quiet.id, 'teacher', { groupId: w.groupId, joinedDaysAgo: 60 });
    expect(await statusOf(w.cohort.id, quiet.id)).toMatchObject({ status: 'at_risk', reasons: ['inactive'], lastActivity: null });

    const active = await createUser(t.db, { municipalityId: w.city.id });
    await enrol(t.db, w.cohort.id, w.city.id, active.id, 'teacher', { groupId: w.groupId, joinedDaysAgo: 60 });
    await setProgress(t.db, w.cohort.id, active.id, w.modules[0].id, 'in_progress', 10);
    expect(await statusOf(w.cohort.id, active.id)).toMatchObject({ status: 'on_track', reasons: [] });
  });

  it('does not count waiting for a review, or a missed workshop, as the teacher going quiet', async () => {
    const w = await buildCohort(t.db, {
      startDays: 100,
      endDays: 600,
      modules: [
        { method: 'approval', opens: -90, due: -1 },
        { method: 'attendance', opens: -90, due: 60 },
      ],
      teacherCount: 0,
    });
    const teacher = await createUser(t.db, { municipalityId: w.city.id });
    await enrol(t.db, w.cohort.id, w.city.id, teacher.id, 'teacher', { groupId: w.groupId, joinedDaysAgo: 90 });
    await setProgress(t.db, w.cohort.id, teacher.id, w.modules[0].id, 'submitted', 60);
    expect(await statusOf(w.cohort.id, teacher.id)).toMatchObject({ status: 'behind', reasons: ['one_overdue'] });
  });

  it('gathers every reason that applies', async () => {
    const w = await buildCohort(t.db, {
      startDays: 100,
      endDays: 600,
      programme: { minAttendancePct: 50 },
      modules: [
        { opens: -60, due: -3 },
        { opens: -60, due: -2 },
        { method: 'attendance', required: false, due: -1 },
      ],
      teacherCount: 0,
    });
    const teacher = await createUser(t.db, { municipalityId: w.city.id });
    await enrol(t.db, w.cohort.id, w.city.id, teacher.id, 'teacher', { joinedDaysAgo: 90 });
    const s = await statusOf(w.cohort.id, teacher.id);
    expect(s.status).toBe('at_risk');
    expect(s.reasons.sort()).toEqual(['inactive', 'low_attendance', 'overdue_modules']);
  });

  it('is completed when every required module is approved and the minimums are met', async () => {
    const w = await buildCohort(t.db, {
      startDays: 700,
      endDays: 10,
      modules: [
        { opens: -200, due: -100 },
        { opens: -200, due: -50 },
        { required: false, due: -10 },
      ],
    });
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'approved', 120);
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[1].id, 'approved', 60);
    expect(await statusOf(w.cohort.id, w.teachers[0].id)).toMatchObject({ status: 'completed', reasons: [], requiredApproved: 2, modulesRequired: 2 });
  });

  it('is not completed while a programme minimum (mentoring sessions) is unmet', async () => {
    const w = await buildCohort(t.db, { startDays: 10, endDays: 700, programme: { minSessions: 3 }, modules: [{ due: 30 }] });
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'approved', 1);
    const s = await statusOf(w.cohort.id, w.teachers[0].id);
    expect(s.status).toBe('on_track');
    expect(s.sessionsAttended).toBe(0);
  });

  it('shows a withdrawn teacher as withdrawn and leaves them out of the member count', async () => {
    const w = await buildCohort(t.db, { startDays: 30, endDays: 700, modules: [{ due: -2 }, { due: -1 }], teacherCount: 1 });
    const gone = await createUser(t.db, { municipalityId: w.city.id });
    await enrol(t.db, w.cohort.id, w.city.id, gone.id, 'teacher', { status: 'withdrawn' });
    expect(await statusOf(w.cohort.id, gone.id)).toMatchObject({ status: 'withdrawn', reasons: [] });
    const figures = (await repo.figuresForCohorts([w.cohort.id])).get(w.cohort.id);
    expect(figures).toMatchObject({ members: 1, atRisk: 1, withdrawn: 1, completed: 0, onTrack: 0, behind: 0 });
  });

  it('counts statuses for several cohorts in one statement, including a cohort with no teachers', async () => {
    const a = await buildCohort(t.db, { startDays: 10, endDays: 700, modules: [{ due: 30 }], teacherCount: 3 });
    const b = await buildCohort(t.db, { startDays: 10, endDays: 700, modules: [{ due: -1 }], teacherCount: 0 });
    const figures = await repo.figuresForCohorts([a.cohort.id, b.cohort.id]);
    expect(figures.get(a.cohort.id)).toMatchObject({ members: 3, onTrack: 3 });
    expect(figures.get(b.cohort.id)).toMatchObject({ members: 0, onTrack: 0, atRisk: 0 });
  });
});

describe('demo progress', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('spreads statuses realistically, leaves reviews waiting for the demo mentor, and runs twice without change', async () => {
    const { seedDemoData } = await import('../../src/cli/demo-data.js');
    await seedDemoData(t.db);
    const [cohort] = await t.db.query(
      `SELECT c.id FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id WHERE mu.name_en = 'Bat Yam' ORDER BY c.starts_on DESC LIMIT 1`,
    );
    const repo = t.app.get(CompletionStatusRepository);
    const items = await repo.findAllTeachersOfCohort(cohort.id);
    const byEmail = new Map(items.map((i) => [i.email, i]));
    expect(byEmail.get('teacher.batyam@demo.test')?.status).toBe('on_track');
    const statuses = items.map((i) => i.status);
    expect(statuses).toContain('behind');
    expect(statuses).toContain('at_risk');
    expect(items.flatMap((i) => i.reasons)).toEqual(expect.arrayContaining(['overdue_modules', 'low_attendance', 'inactive', 'one_overdue']));

    const [mentor] = await t.db.query(`SELECT id FROM app_user WHERE email = 'mentor.batyam@demo.test'`);
    const queue = await t.db.query(
      `SELECT count(*)::int AS n FROM module_progress p JOIN cohort_member mem ON mem.cohort_id = p.cohort_id AND mem.user_id = p.teacher_id AND mem.role = 'teacher'
         JOIN mentor_group g ON g.id = mem.mentor_group_id WHERE p.status = 'submitted' AND g.mentor_id = $1`,
      [mentor.id],
    );
    expect(queue[0].n).toBeGreaterThanOrEqual(2);
    // And the mentor reads them: the demo's circles were formed when the cohort started, before the work was handed in.
    const readable = await t.app.get(ProgressRepository).findReviewQueue(mentor.id, { size: 25, offset: 0 }, { moduleId: undefined, teacherId: undefined }, 'he');
    expect(readable.total).toBe(queue[0].n);
    const [{ future }] = await t.db.query('SELECT count(*)::int AS future FROM progress_event WHERE occurred_at > now()');
    expect(future).toBe(0);

    const before = await t.db.query('SELECT count(*)::int AS n FROM progress_event');
    await seedDemoData(t.db);
    expect(await t.db.query('SELECT count(*)::int AS n FROM progress_event')).toEqual(before);
  });
});
