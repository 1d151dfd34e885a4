import { CompletionStatusRepository, INACTIVE_DAYS, type TeacherCompletion } from '../../src/progress/completion-status.repository.js';
import { createUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, enrol, type ModuleFields, setProgress, setWindow } from '../support/progress-factories.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Each status rule of README.md ("Status rules") on both sides of its boundary. Days are counted
 * in the city's calendar; a teacher's activity is the last event on any of their modules.
 */
describe('the status rules, at their boundaries', () => {
  let t: TestApp;
  let repo: CompletionStatusRepository;

  beforeAll(async () => {
    t = await createTestApp();
    repo = t.app.get(CompletionStatusRepository);
  });
  afterAll(() => t.close());

  async function statusOf(w: CohortWorld, teacherId: string): Promise<TeacherCompletion> {
    const status = await repo.findTeacherStatus(w.cohort.id, teacherId);
    if (!status) throw new Error('teacher not found in cohort');
    return status;
  }

  /** A teacher who joined `joinedDaysAgo` days ago, in a cohort of the given modules half-way through its time. */
  async function teacherIn(modules: ModuleFields[], joinedDaysAgo = 200, programme: Parameters<typeof buildCohort>[1]['programme'] = {}) {
    const w = await buildCohort(t.db, { startDays: 300, endDays: 300, modules, programme, teacherCount: 0 });
    const teacher = await createUser(t.db, { municipalityId: w.city.id, preferredLanguage: 'en' });
    await enrol(t.db, w.cohort.id, w.city.id, teacher.id, 'teacher', { groupId: w.groupId, joinedDaysAgo });
    return { w, teacher, status: () => statusOf(w, teacher.id) };
  }

  describe('inactivity, counted from when something became open to the teacher', () => {
    it(`is not at risk when a module opens early after a quiet spell, and is ${INACTIVE_DAYS} days after it opened with nothing done`, async () => {
      // The only module due so far is done, 60 days ago; the next one was to open in three weeks.
      const { w, teacher, status } = await teacherIn([
        { opens: -100, due: -70 },
        { opens: 21, due: 60 },
      ]);
      await setProgress(t.db, w.cohort.id, teacher.id, w.modules[0].id, 'approved', 60);
      expect(await status()).toMatchObject({ reasons: [] });

      await setWindow(t.db, w.cohort.id, w.modules[1].id, 0, 60);
      expect(await status()).toMatchObject({ status: 'on_track', reasons: [] });

      await setWindow(t.db, w.cohort.id, w.modules[1].id, -(INACTIVE_DAYS - 1), 60);
      expect(await status()).toMatchObject({ status: 'on_track', reasons: [] });

      await setWindow(t.db, w.cohort.id, w.modules[1].id, -INACTIVE_DAYS, 60);
      expect(await status()).toMatchObject({ status: 'at_risk', reasons: ['inactive'] });
    });

    it(`counts from the last activity: ${INACTIVE_DAYS - 1} days is not inactive, ${INACTIVE_DAYS} days is`, async () => {
      const modules = [
        { opens: -150, due: 100 },
        { opens: -150, due: 100 },
      ];
      const recent = await teacherIn(modules);
      await setProgress(t.db, recent.w.cohort.id, recent.teacher.id, recent.w.modules[0].id, 'approved', INACTIVE_DAYS - 1);
      expect(await recent.status()).toMatchObject({ reasons: [] });

      const quiet = await teacherIn(modules);
      await setProgress(t.db, quiet.w.cohort.id, quiet.teacher.id, quiet.w.modules[0].id, 'approved', INACTIVE_DAYS);
      expect(await quiet.status()).toMatchObject({ status: 'at_risk', reasons: ['inactive'] });
    });

    it(`counts from joining when there is no activity yet: joined ${INACTIVE_DAYS - 1} days ago is not inactive, ${INACTIVE_DAYS} is`, async () => {
      const modules = [{ opens: -150, due: 100 }];
      expect(await (await teacherIn(modules, INACTIVE_DAYS - 1)).status()).toMatchObject({ reasons: [] });
      expect(await (await teacherIn(modules, INACTIVE_DAYS)).status()).toMatchObject({ status: 'at_risk', reasons: ['inactive'] });
    });

    it('counts from the oldest module still waiting: a newer one opening does not restart the clock', async () => {
      const { w, teacher, status } = await teacherIn([
        { opens: -100, due: 100 },
        { opens: 30, due: 100 },
      ]);
      await setProgress(t.db, w.cohort.id, teacher.id, w.modules[0].id, 'in_progress', 90);
      expect(await status()).toMatchObject({ status: 'at_risk', reasons: ['inactive'] });
      await setWindow(t.db, w.cohort.id, w.modules[1].id, 0, 100);
      expect(await status()).toMatchObject({ status: 'at_risk', reasons: ['inactive'] });
    });

    it('has nothing waiting on a teacher whose open work is all handed in or done', async () => {
      const { w, teacher, status } = await teacherIn([{ method: 'approval', opens: -150, due: 100 }]);
      await setProgress(t.db, w.cohort.id, teacher.id, w.modules[0].id, 'submitted', 100);
      expect(await status()).toMatchObject({ reasons: [] });
    });
  });

  describe('overdue required modules', () => {
    it('counts a module due today as not yet overdue, and one due yesterday as overdue (behind)', async () => {
      expect(await (await teacherIn([{ opens: -10, due: 0 }], 5)).status()).toMatchObject({ status: 'on_track', overdueRequired: 0 });
      expect(await (await teacherIn([{ opens: -10, due: -1 }], 5)).status()).toMatchObject({
        status: 'behind',
        reasons: ['one_overdue'],
        overdueRequired: 1,
      });
    });

    it('is behind with one required module overdue and at risk with two', async () => {
      const modules = [
        { opens: -20, due: -1 },
        { opens: -20, due: -1 },
      ];
      const one = await teacherIn(modules, 5);
      await setProgress(t.db, one.w.cohort.id, one.teacher.id, one.w.modules[0].id, 'approved', 2);
      expect(await one.status()).toMatchObject({ status: 'behind', reasons: ['one_overdue'], overdueRequired: 1 });
      expect(await (await teacherIn(modules, 5)).status()).toMatchObject({ status: 'at_risk', reasons: ['overdue_modules'], overdueRequired: 2 });
    });

    it('does not count an optional module', async () => {
      const modules = [
        { opens: -10, due: 30 },
        { required: false, opens: -20, due: -1 },
      ];
      expect(await (await teacherIn(modules, 5)).status()).toMatchObject({ status: 'on_track', overdueRequired: 0 });
    });
  });

  describe("workshop attendance against the programme's minimum", () => {
    const workshops = (n: number) => Array.from({ length: n }, () => ({ method: 'attendance' as const, required: false, opens: -20, due: -1 }));

    async function attendedTwoOfThree(minAttendancePct: number) {
      const world = await teacherIn([{ opens: -10, due: 30 }, ...workshops(3)], 5, { minAttendancePct });
      await setProgress(t.db, world.w.cohort.id, world.teacher.id, world.w.modules[1].id, 'approved', 3);
      await setProgress(t.db, world.w.cohort.id, world.teacher.id, world.w.modules[2].id, 'approved', 2);
      return world.status();
    }

    it('is met at the minimum (2 of 3 against 66%) and at risk just below it (2 of 3 against 67%)', async () => {
      expect(await attendedTwoOfThree(66)).toMatchObject({ status: 'on_track', reasons: [], attendancePct: 66, workshopsDue: 3, workshopsAttended: 2 });
      expect(await attendedTwoOfThree(67)).toMatchObject({ status: 'at_risk', reasons: ['low_attendance'], attendancePct: 66 });
    });
  });

  describe('pace', () => {
    // Half-way through the cohort, with 4 required modules: 2 approved is the expected pace.
    const modules = [1, 2, 3, 4].map(() => ({ opens: -10, due: 60 }));

    it('is on track exactly at the expected pace and behind one module below it', async () => {
      const atPace = await teacherIn(modules, 5);
      await setProgress(t.db, atPace.w.cohort.id, atPace.teacher.id, atPace.w.modules[0].id, 'approved', 3);
      await setProgress(t.db, atPace.w.cohort.id, atPace.teacher.id, atPace.w.modules[1].id, 'approved', 2);
      expect(await atPace.status()).toMatchObject({ status: 'on_track', reasons: [], requiredApproved: 2 });

      const below = await teacherIn(modules, 5);
      await setProgress(t.db, below.w.cohort.id, below.teacher.id, below.w.modules[0].id, 'approved', 3);
      expect(await below.status()).toMatchObject({ status: 'behind', reasons: ['below_pace'], requiredApproved: 1 });
    });
  });

  describe('completion', () => {
    const programme = { minAttendancePct: 50 };
    const modules: ModuleFields[] = [
      { opens: -100, due: -50 },
      { method: 'attendance', required: false, opens: -100, due: -60 },
      { method: 'attendance', required: false, opens: -100, due: -40 },
    ];

    it('is completed when every rule is met, and names each rule that is not', async () => {
      const done = await teacherIn(modules, 120, programme);
      await setProgress(t.db, done.w.cohort.id, done.teacher.id, done.w.modules[0].id, 'approved', 55);
      await setProgress(t.db, done.w.cohort.id, done.teacher.id, done.w.modules[1].id, 'approved', 60);
      expect(await done.status()).toMatchObject({ status: 'completed', unmetRules: [], reasons: [] });

      const noModule = await teacherIn(modules, 120, programme);
      await setProgress(t.db, noModule.w.cohort.id, noModule.teacher.id, noModule.w.modules[1].id, 'approved', 60);
      await setProgress(t.db, noModule.w.cohort.id, noModule.teacher.id, noModule.w.modules[2].id, 'approved', 40);
      expect(await noModule.status()).toMatchObject({ unmetRules: ['required_modules'] });

      const lowAttendance = await teacherIn(modules, 120, { minAttendancePct: 51 });
      await setProgress(t.db, lowAttendance.w.cohort.id, lowAttendance.teacher.id, lowAttendance.w.modules[0].id, 'approved', 55);
      await setProgress(t.db, lowAttendance.w.cohort.id, lowAttendance.teacher.id, lowAttendance.w.modules[1].id, 'approved', 60);
      expect(await lowAttendance.status()).toMatchObject({ status: 'at_risk', unmetRules: ['workshop_attendance'] });
    });

    it('is not completed while sessions and reflections are required; counts sessions attended and published reflections, not drafts', async () => {
      const w = await teacherIn([{ opens: -100, due: -50 }], 120, { minSessions: 8, minReflections: 6 });
      await setProgress(t.db, w.w.cohort.id, w.teacher.id, w.w.modules[0].id, 'approved', 55);
      await t.db.query(`INSERT INTO portfolio_entry (author_id, title, published_at) VALUES ($1, 'Published', now()), ($1, 'Draft', NULL)`, [w.teacher.id]);
      expect(await w.status()).toMatchObject({
        status: 'on_track',
        unmetRules: ['mentoring_sessions', 'reflections'],
        sessionsAttended: 0,
        sessionsRecorded: true,
        minSessions: 8,
        reflections: 1,
        reflectionsRecorded: true,
        minReflections: 6,
      });
    });
  });

  describe('cohorts by their dates', () => {
    it('gives the teachers of a cohort starting tomorrow no status but "not started", and a cohort starting today its statuses', async () => {
      const overdue = [{ opens: -20, due: -1 }];
      const tomorrow = await buildCohort(t.db, { startDays: -1, endDays: 700, modules: overdue, teacherCount: 2 });
      expect(await statusOf(tomorrow, tomorrow.teachers[0].id)).toMatchObject({ status: 'not_started', reasons: [] });
      expect((await repo.figuresForCohorts([tomorrow.cohort.id])).get(tomorrow.cohort.id)).toMatchObject({
        stage: 'upcoming',
        members: 2,
        notStarted: 2,
        onTrack: 0,
        behind: 0,
        atRisk: 0,
        completed: 0,
      });

      const today = await buildCohort(t.db, { startDays: 0, endDays: 700, modules: overdue, teacherCount: 2 });
      expect((await repo.figuresForCohorts([today.cohort.id])).get(today.cohort.id)).toMatchObject({ stage: 'running', notStarted: 0, behind: 2 });
    });

    it('keeps a cohort running on its last day and finished the day after', async () => {
      const lastDay = await buildCohort(t.db, { startDays: 700, endDays: 0, modules: [{}] });
      const ended = await buildCohort(t.db, { startDays: 700, endDays: -1, modules: [{}] });
      const figures = await repo.figuresForCohorts([lastDay.cohort.id, ended.cohort.id]);
      expect(figures.get(lastDay.cohort.id)?.stage).toBe('running');
      expect(figures.get(ended.cohort.id)?.stage).toBe('finished');
    });
  });
});

describe('pages that say which cohorts they count and which rule is unmet', () => {
  let t: TestApp;
  let running: CohortWorld;
  let upcoming: CohortWorld;

  beforeAll(async () => {
    t = await createTestApp();
    running = await buildCohort(t.db, {
      startDays: 300,
      endDays: 400,
      teacherCount: 2,
      programme: { minSessions: 8, minReflections: 6 },
      modules: [
        { title: 'Listening to students', opens: -200, due: -100 },
        { title: 'A lesson in the city', opens: -20, due: 60 },
      ],
    });
    await setProgress(t.db, running.cohort.id, running.teachers[0].id, running.modules[0].id, 'approved', 110);
    await setProgress(t.db, running.cohort.id, running.teachers[0].id, running.modules[1].id, 'in_progress', 3);
    // Starts in January (a month from now), with its teachers enrolled and a window already set.
    upcoming = await buildCohort(t.db, { city: running.city, startDays: -30, endDays: 700, teacherCount: 4, modules: [{ opens: 30, due: 60 }] });
  });
  afterAll(() => t.close());

  it("does not count an upcoming cohort among the department's running cohorts, and lists it apart", async () => {
    const admin = await signIn(t, running.admin);
    const home = await admin.get('/').expect(200);
    const upcomingHeading = home.text.indexOf('Upcoming cohorts');
    expect(home.text.indexOf(running.cohort.name)).toBeGreaterThan(home.text.indexOf('Running cohorts'));
    expect(home.text.indexOf(running.cohort.name)).toBeLessThan(upcomingHeading);
    expect(home.text.indexOf(upcoming.cohort.name)).toBeGreaterThan(upcomingHeading);

    const list = await admin.get('/cohorts').expect(200);
    const upcomingRow = list.text.slice(list.text.indexOf(upcoming.cohort.name), list.text.indexOf('</tr>', list.text.indexOf(upcoming.cohort.name)));
    expect(upcomingRow).toContain('Upcoming');
    expect(upcomingRow).toContain('no status until then');
    const runningRow = list.text.slice(list.text.indexOf(running.cohort.name), list.text.indexOf('</tr>', list.text.indexOf(running.cohort.name)));
    expect(runningRow).toContain('Running');

    const page = await admin.get(`/cohorts/${upcoming.cohort.id}`).expect(200);
    expect(page.text).toContain('This cohort starts on');
    expect(page.text).not.toMatch(/On track<\/dt>/);
    expect(page.text).toContain('status-badge status-not_started">Cohort not started yet');
  });

  it('marks a cohort that has ended as finished, and leaves it off home', async () => {
    const ended = await buildCohort(t.db, { city: running.city, startDays: 800, endDays: -10, teacherCount: 1, modules: [{ opens: -700, due: -600 }] });
    const admin = await signIn(t, ended.admin);
    const list = await admin.get('/cohorts').expect(200);
    const row = list.text.slice(list.text.indexOf(ended.cohort.name), list.text.indexOf('</tr>', list.text.indexOf(ended.cohort.name)));
    expect(row).toContain('Finished');
    expect((await admin.get(`/cohorts/${ended.cohort.id}`).expect(200)).text).toContain('This cohort ended on');
    expect((await admin.get('/').expect(200)).text).not.toContain(ended.cohort.name);
  });

  it('counts only running cohorts, and their teachers, in the network figures', async () => {
    const network = await signIn(t, await createUser(t.db, { roles: ['network_admin'], preferredLanguage: 'en' }));
    const home = await network.get('/').expect(200);
    expect(home.text).toMatch(/Running cohorts<\/dt><dd>1<\/dd>/);
    expect(home.text).toMatch(/Upcoming cohorts<\/dt><dd>1<\/dd>/);
    expect(home.text).toMatch(/Teachers in running cohorts<\/dt><dd>2<\/dd>/);
  });

  it('tells a teacher which completion rules are unmet, with the figures', async () => {
    const teacher = await signIn(t, running.teachers[0]);
    const path = await teacher.get('/path').expect(200);
    expect(path.text).toContain('What completing the programme takes');
    expect(path.text).toContain('Required modules approved: 1 of 2');
    expect(path.text).toContain('Mentoring sessions attended: 0 of 8');
    expect(path.text).not.toContain('Mentoring sessions are not recorded in the app yet');
    expect(path.text).toContain('Portfolio reflections written: 0 of 6');
    // The portfolio records reflections: the figure is real, with nothing to excuse it.
    expect(path.text).not.toContain('Reflections are not recorded in the app yet');

    const home = await teacher.get('/').expect(200);
    expect(home.text).toContain('Still needed to complete the programme');
    expect(home.text).toContain('Mentoring sessions attended: 0 of 8');
    expect(home.text).toContain('Portfolio reflections written: 0 of 6');
  });

  it('refuses the certificate with a page in the teacher’s language that says which rules are unmet', async () => {
    await t.db.query(`UPDATE app_user SET preferred_language = 'he' WHERE id = $1`, [running.teachers[0].id]);
    const teacher = await signIn(t, running.teachers[0]);
    const res = await teacher.get(`/path/certificate?cohort=${running.cohort.id}`).expect(403);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/<html[^>]* lang="he"/);
    expect(res.text).toContain('התעודה שלך עדיין אינה זמינה');
    // In a right-to-left page each figure filled into a sentence is isolated (FSI … PDI) to keep its own direction.
    const shown = res.text.replace(/[\u2068\u2069]/g, '');
    expect(shown).toContain('יחידות חובה שאושרו: 1 מתוך 2');
    expect(shown).toContain('מפגשי חונכות שהשתתפת בהם: 0 מתוך 8');
    expect(shown).not.toContain('מפגשי חונכות עדיין אינם נרשמים במערכת');
    expect(res.text).toContain(`href="/path?cohort&#x3D;${running.cohort.id}"`);
  });

  it('tells a teacher of an upcoming cohort when it starts, on the path page and the certificate refusal', async () => {
    const teacher = await signIn(t, upcoming.teachers[0]);
    const path = await teacher.get('/path').expect(200);
    expect(path.text).toContain('Cohort not started yet');
    expect(path.text).toContain('Your cohort starts on');
    const refusal = await teacher.get('/path/certificate').expect(403);
    expect(refusal.text).toContain('Your cohort starts on');
  });
});
