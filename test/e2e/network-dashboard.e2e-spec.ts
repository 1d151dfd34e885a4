import { SnapshotsScheduler } from '../../src/dashboards/snapshots.scheduler.js';
import { createMunicipality, createUser, type TestUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, createProgramme, enrol, setProgress } from '../support/progress-factories.js';
import { anonymousAgent, signIn } from '../support/sign-in.js';
import { csvLines, rowOf } from '../support/html-table.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const REFLECTION = 'NETWORK-PAGE-MUST-NOT-SHOW-THIS-REFLECTION';

/**
 * The cities side by side (issue 14 §4, §6): every figure checked against a hand count, withdrawn
 * teachers left out, the small-numbers rule, each role's refusals, and no person's text.
 */
describe('cities compared', () => {
  let t: TestApp;
  let a: CohortWorld; // 10 teachers (and one withdrawn): 5 completed, 5 at risk, 5 met lately
  let b: CohortWorld; // 3 teachers: every figure rests on fewer than 5
  let d: CohortWorld; // 6 teachers, all completed
  let network: TestUser;

  /** Two required modules, both due: approving both completes the programme; neither makes two overdue (at risk). */
  const world = (teacherCount: number, nameEn: string) =>
    createMunicipality(t.db, { nameEn, locale: 'en' }).then((city) =>
      buildCohort(t.db, {
        city,
        teacherCount,
        modules: [
          { title: 'First', method: 'approval', due: -10 },
          { title: 'Second', method: 'approval', due: -5 },
        ],
      }),
    );
  const complete = async (w: CohortWorld, teachers: TestUser[]) => {
    for (const teacher of teachers) for (const module of w.modules) await setProgress(t.db, w.cohort.id, teacher.id, module.id, 'approved', 3);
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = await world(10, 'Alpha City');
    b = await world(3, 'Beta Town');
    await world(6, 'Gamma City'); // 6 teachers, all at risk
    d = await world(6, 'Delta City');
    await complete(a, a.teachers.slice(0, 5));
    await complete(b, b.teachers.slice(0, 1));
    await complete(d, d.teachers);
    // A withdrawn teacher of Alpha, who completed: counted nowhere.
    const gone = await createUser(t.db, { municipalityId: a.city.id, displayName: 'Gone Gila' });
    await enrol(t.db, a.cohort.id, a.city.id, gone.id, 'teacher', { groupId: a.groupId, status: 'withdrawn' });
    await complete(a, [gone]);
    // Five of Alpha's teachers attended a session 3 days ago; one more was absent; a cancelled one does not count.
    const [session] = await t.db.query<{ id: string }>(
      `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at) VALUES ($1, $2, $3, now() - interval '3 days', now() - interval '3 days' + interval '1 hour') RETURNING id`,
      [a.city.id, a.cohort.id, a.mentor.id],
    );
    for (const [i, teacher] of a.teachers.slice(0, 6).entries())
      await t.db.query(`INSERT INTO mentoring_participant (session_id, teacher_id, attended) VALUES ($1, $2, $3)`, [session.id, teacher.id, i < 5]);
    const [cancelled] = await t.db.query<{ id: string }>(
      `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at, status) VALUES ($1, $2, $3, now() - interval '2 days', now() - interval '2 days' + interval '1 hour', 'cancelled') RETURNING id`,
      [a.city.id, a.cohort.id, a.mentor.id],
    );
    await t.db.query(`INSERT INTO mentoring_participant (session_id, teacher_id, attended) VALUES ($1, $2, true)`, [cancelled.id, a.teachers[9].id]);
    // One published reflection in Alpha: 1 of 10 is withheld (it would single that teacher out).
    await t.db.query(`INSERT INTO portfolio_entry (author_id, title, body_md, visibility, published_at) VALUES ($1, 'Mine', $2, 'cohort', now())`, [
      a.teachers[0].id,
      REFLECTION,
    ]);
    // A network template that Alpha's and Delta's programmes were copied from.
    const template = await createProgramme(t.db, { municipalityId: null, title: 'Network template of the test' });
    await t.db.query(`UPDATE programme SET origin_programme_id = $1 WHERE id = ANY($2::uuid[])`, [template.id, [a.programme.id, d.programme.id]]);
    network = await createUser(t.db, { roles: ['network_admin'], preferredLanguage: 'en' });
    // The network view reads the cities' figures as the scheduled job last counted them.
    await t.app.get(SnapshotsScheduler).countCityFigures();
  }, 120_000);
  afterAll(() => t.close());

  it('shows a network admin every city side by side, counted by hand, with the median of the cities', async () => {
    const page = await (await signIn(t, network)).get('/network').expect(200);
    expect(page.text).toContain('<h1>Cities compared</h1>');
    expect(page.text).toContain('Figures only: no reflection, note or goal text.');
    // City, running cohorts, teachers, completed, at risk, met, checked in, reflected.
    expect(rowOf(page.text, 'Alpha City')).toEqual(['Alpha City', '1', '10', '50%', '50%', '50%', '0%', 'fewer than 5']);
    expect(rowOf(page.text, 'Beta Town')).toEqual([
      'Beta Town',
      '1',
      'fewer than 5',
      'fewer than 5',
      'fewer than 5',
      'fewer than 5',
      'fewer than 5',
      'fewer than 5',
    ]);
    expect(rowOf(page.text, 'Gamma City')).toEqual(['Gamma City', '1', '6', '0%', '100%', '0%', '0%', '0%']);
    expect(rowOf(page.text, 'Delta City')).toEqual(['Delta City', '1', '6', '100%', '0%', '0%', '0%', '0%']);
    // Medians of the cities whose figure is shown (Beta's are withheld); reflected rests on two cities only.
    expect(rowOf(page.text, 'Network median')).toEqual(['Network median', '', '', '50%', '50%', '0%', '0%', 'too few cities']);
    expect(page.text).not.toContain(REFLECTION);
    expect(page.text).not.toContain('Gone Gila');
    // The chart: a title, a summary and a bar per city, Beta's without a bar.
    expect(page.text).toMatch(/<svg class="bar-chart"[^>]*role="img"/);
    expect(page.text).toContain('<title id="completion-chart-title">Share of teachers who completed the programme</title>');
    expect(page.text).toContain('Completion in 4 cities. The network&#x27;s median is 50%.');
    // The templates and the cities using them.
    const templateRow = rowOf(page.text, 'Network template of the test');
    expect(templateRow?.slice(1)).toEqual(['2', 'Alpha City, Delta City']);
  });

  it('shows a department admin their own city against the network median, and no other city by name', async () => {
    const admin = await signIn(t, a.admin);
    const page = await admin.get('/network').expect(200);
    expect(rowOf(page.text, 'Alpha City')).toEqual(['Alpha City', '1', '10', '50%', '50%', '50%', '0%', 'fewer than 5']);
    expect(rowOf(page.text, 'Network median')).toEqual(['Network median', '', '', '50%', '50%', '0%', '0%', 'too few cities']);
    for (const other of ['Beta Town', 'Gamma City', 'Delta City', 'Network template of the test']) {
      expect(page.text).not.toContain(other);
    }
    const csv = await admin.get('/network/cities.csv').expect(200);
    for (const other of ['Beta Town', 'Gamma City', 'Delta City']) expect(csv.text).not.toContain(other);
    expect(csv.text).toContain('Alpha City');
  });

  it('downloads the table as a spreadsheet-safe CSV in the reader’s language, and audits it', async () => {
    const agent = await signIn(t, network);
    const csv = await agent.get('/network/cities.csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="cities-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csvLines(csv.text);
    expect(lines[0]).toBe(
      'City,Running cohorts,Teachers,Completed,At risk,Had a mentoring session in the last 30 days,Made a goal check-in in the last 30 days,Published a reflection in the last 30 days',
    );
    expect(lines).toContain('Alpha City,1,10,50%,50%,50%,0%,fewer than 5');
    expect(lines).toContain('Beta Town,1,fewer than 5,fewer than 5,fewer than 5,fewer than 5,fewer than 5,fewer than 5');
    expect(lines).toContain('Network median,,,50%,50%,0%,0%,too few cities');
    const [audit] = await t.db.query<{ details: { report: string } }>(
      `SELECT details FROM audit_event WHERE actor_id = $1 AND action = 'report.exported' ORDER BY occurred_at DESC LIMIT 1`,
      [network.id],
    );
    expect(audit.details.report).toBe('network_cities');
  });

  it('reads right to left in Hebrew: the labels on the right, the bars growing leftwards', async () => {
    await t.db.query(`UPDATE app_user SET preferred_language = 'he' WHERE id = $1`, [network.id]);
    try {
      const page = await (await signIn(t, network)).get('/network').expect(200);
      expect(page.text).toContain('<html lang="he" dir="rtl">');
      expect(page.text).toContain('<h1>השוואת רשויות</h1>');
      const bar = /<text class="bar-label" x="(\d+)"[^>]*>עיר Alpha City<\/text>\s*<rect x="(\d+)"[^>]*width="(\d+)"/.exec(page.text);
      expect(bar).not.toBeNull();
      const [, labelX, barX, width] = bar!.map(Number);
      expect(labelX).toBeGreaterThan(barX + width);
      expect(page.text).toContain('פחות מ־5');
    } finally {
      await t.db.query(`UPDATE app_user SET preferred_language = 'en' WHERE id = $1`, [network.id]);
    }
  });

  it('refuses mentors and teachers, and sends the signed-out to sign in', async () => {
    await (await signIn(t, a.mentor)).get('/network').expect(403);
    await (await signIn(t, a.teachers[0])).get('/network/cities.csv').expect(403);
    const { agent } = await anonymousAgent(t);
    const res = await agent.get('/network').expect(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  describe('a cohort’s figures', () => {
    const GOAL_TEXT = 'COHORT-FIGURES-MUST-NOT-SHOW-THIS-GOAL';

    beforeAll(async () => {
      // Beside the five who completed: one handed in the first module, one had the second returned.
      await setProgress(t.db, a.cohort.id, a.teachers[5].id, a.modules[0].id, 'submitted', 2);
      await setProgress(t.db, a.cohort.id, a.teachers[6].id, a.modules[1].id, 'returned', 2);
      // Goals: two Me and one Us kept, one You dropped; check-ins 3 and 10 days ago count, 40 days ago does not.
      const goal = async (owner: TestUser, frame: string, status = 'active') =>
        (
          await t.db.query<{ id: string }>(`INSERT INTO goal (owner_id, frame, what, status) VALUES ($1, $2, $3, $4) RETURNING id`, [
            owner.id,
            frame,
            GOAL_TEXT,
            status,
          ])
        )[0].id;
      const me1 = await goal(a.teachers[0], 'me');
      await goal(a.teachers[1], 'me');
      await goal(a.teachers[1], 'us');
      await goal(a.teachers[2], 'you', 'dropped');
      for (const daysAgo of [3, 10, 40])
        await t.db.query(`INSERT INTO goal_check_in (goal_id, checked_on, note, rating) VALUES ($1, current_date - $2::int, $3, 3)`, [me1, daysAgo, GOAL_TEXT]);
    });

    it('shows the city’s admin each module by status, each school and mentor group by status, and goal and reflection counts', async () => {
      const page = await (await signIn(t, a.admin)).get(`/cohorts/${a.cohort.id}/figures`).expect(200);
      expect(page.text).toContain('Figures');
      // Module, not started, in progress, waiting for review, returned, approved (10 active teachers).
      expect(rowOf(page.text, 'First')).toEqual(['First', '4', '0', '1', '0', '5']);
      expect(rowOf(page.text, 'Second')).toEqual(['Second', '4', '0', '0', '1', '5']);
      // School: teachers, completed, on track, behind, at risk (the withdrawn teacher counts nowhere).
      expect(rowOf(page.text, a.school.name)).toEqual([a.school.name, '10', '5', '0', '0', '5']);
      const group = page.text.match(/<tr>\s*<th scope="row"><bdi>[^<]+<\/bdi><\/th>\s*<td data-label="Mentor"><bdi>([^<]+)<\/bdi><\/td>([\s\S]*?)<\/tr>/);
      expect(group?.[1]).toBe(a.mentor.displayName);
      const figures = (label: string) => new RegExp(`<dt>${label}</dt><dd>([^<]+)</dd>`).exec(page.text)?.[1];
      expect(figures('Teachers with a goal')).toBe('2 / 10');
      expect([figures('Me'), figures('You'), figures('Us')]).toEqual(['2', '0', '1']);
      expect(figures('Goal check-ins in the last 30 days')).toBe('2');
      expect([figures('None'), figures('1 or 2'), figures('3 to 5'), figures('6 or more')]).toEqual(['9', '1', '0', '0']);
      // Mentoring coverage: five attended a session 3 days ago; the absent one and the one whose session was cancelled did not.
      expect(rowOf(page.text, 'In the last 30 days')).toEqual(['In the last 30 days', '5']);
      expect(rowOf(page.text, 'Never')).toEqual(['Never', '5']);
      expect(page.text).toContain('On average 0.5 sessions per teacher; 5 of 10 have not attended one yet.');
      expect(rowOf(page.text, '1 or 2')).toEqual(['1 or 2', '5']);
      expect(rowOf(page.text, '3 to 5')).toEqual(['3 to 5', '0']);
      expect(page.text).not.toContain(GOAL_TEXT);
      expect(page.text).not.toContain(REFLECTION);
      expect(page.text).not.toContain('My work');
    });

    it('downloads each table as CSV, refuses a table it does not have, and keeps other cities and roles out', async () => {
      const admin = await signIn(t, a.admin);
      const csv = await admin.get(`/cohorts/${a.cohort.id}/figures.csv?table=modules`).expect(200);
      expect(csvLines(csv.text)).toEqual([
        'Module,Not started,In progress,Waiting for review,Returned for revision,Approved',
        'First,4,0,1,0,5',
        'Second,4,0,0,1,5',
      ]);
      expect(csv.headers['content-disposition']).toContain('modules');
      expect((await admin.get(`/cohorts/${a.cohort.id}/figures.csv?table=groups`).expect(200)).text).toContain(a.mentor.displayName);
      const coverage = await admin.get(`/cohorts/${a.cohort.id}/figures.csv?table=coverage`).expect(200);
      expect(coverage.headers['content-disposition']).toContain('mentoring-coverage');
      expect(csvLines(coverage.text)).toEqual([
        'Mentoring coverage,Teachers',
        'Last mentoring session: In the last 30 days,5',
        'Last mentoring session: 31 to 60 days ago,0',
        'Last mentoring session: 61 to 90 days ago,0',
        'Last mentoring session: More than 90 days ago,0',
        'Last mentoring session: Never,5',
        'Sessions attended: None,5',
        'Sessions attended: 1 or 2,5',
        'Sessions attended: 3 to 5,0',
        'Sessions attended: 6 or more,0',
      ]);
      await admin.get(`/cohorts/${a.cohort.id}/figures.csv?table=teachers`).expect(400);
      await (await signIn(t, b.admin)).get(`/cohorts/${a.cohort.id}/figures`).expect(404);
      await (await signIn(t, a.mentor)).get(`/cohorts/${a.cohort.id}/figures`).expect(403);
      await (await signIn(t, network)).get(`/cohorts/${a.cohort.id}/figures`).expect(200);
    });
  });

  it('lists teachers projected to finish after the cohort ends, with the figures behind it, from 60 days in', async () => {
    // 200 days in, 100 days left, four required modules.
    const city = await createMunicipality(t.db, { nameEn: 'Pace City', locale: 'en' });
    const w = await buildCohort(t.db, { city, teacherCount: 0, startDays: 200, endDays: 100, modules: [{}, {}, {}, {}] });
    const teacher = async (name: string, approved: number, joinedDaysAgo = 200) => {
      const u = await createUser(t.db, { municipalityId: city.id, displayName: name });
      await enrol(t.db, w.cohort.id, city.id, u.id, 'teacher', { groupId: w.groupId, joinedDaysAgo });
      for (const module of w.modules.slice(0, approved)) await setProgress(t.db, w.cohort.id, u.id, module.id, 'approved', 5);
    };
    await teacher('Slow Shira', 1); // 3 left × 200 days ÷ 1 = 600 days > 100: late
    await teacher('Steady Sami', 3); // 1 left × 200 ÷ 3 = 67 days ≤ 100: not listed
    await teacher('Stuck Stav', 0); // none approved after 200 days: no pace
    await teacher('Done Dalia', 4); // nothing left
    await teacher('New Noa', 0, 30); // 30 days in: too early to tell
    const page = await (await signIn(t, w.admin)).get(`/cohorts/${w.cohort.id}/figures`).expect(200);
    const section = page.text.slice(page.text.indexOf('id="early-warning-title"'));
    expect(rowOf(section, 'Stuck Stav')?.slice(1, 5)).toEqual(['No required module approved yet', '0 / 4', '200', '0']);
    expect(rowOf(section, 'Stuck Stav')?.[5]).toBe('Cannot be projected');
    expect(rowOf(section, 'Slow Shira')?.slice(1, 5)).toEqual(['At this pace, finishes after the cohort ends', '1 / 4', '200', '0.2']);
    for (const name of ['Steady Sami', 'Done Dalia', 'New Noa']) expect(rowOf(section, name)).toBeUndefined();
    expect(section.indexOf('Stuck Stav')).toBeLessThan(section.indexOf('Slow Shira'));
    const csv = await (await signIn(t, w.admin)).get(`/cohorts/${w.cohort.id}/figures.csv?table=early`).expect(200);
    const lines = csvLines(csv.text);
    expect(lines[0]).toBe('Teacher,Why listed,Required modules approved,Required modules,Days so far,Approved per 30 days,Projected finish,Status');
    expect(lines[1]).toBe('Stuck Stav,No required module approved yet,0,4,200,0,Cannot be projected,Behind');
    expect(lines[2]).toMatch(/^Slow Shira,"At this pace, finishes after the cohort ends",1,4,200,0\.2,\d{4}-\d{2}-\d{2},/);
    expect(lines).toHaveLength(3);
  });

  it('shows a city’s figures to its admins: each cohort and school by status, who is at risk and why, coverage and goal activity', async () => {
    const admin = await signIn(t, a.admin);
    const network_ = await (await signIn(t, network)).get('/network').expect(200);
    expect(network_.text).toContain(`href="/network/cities/${a.city.id}"`);
    const page = await admin.get(`/network/cities/${a.city.id}`).expect(200);
    expect(page.text).toContain('<h1>Figures of Alpha City</h1>');
    expect(rowOf(page.text, a.cohort.name)).toEqual([a.cohort.name, '10', '5', '0', '0', '5']);
    expect(rowOf(page.text, a.school.name)).toEqual([a.school.name, '10', '5', '0', '0', '5']);
    expect(page.text).toContain('Teachers at risk (5)');
    for (const teacher of a.teachers.slice(5)) {
      expect(rowOf(page.text, teacher.displayName)).toEqual([teacher.displayName, a.cohort.name, 'Two or more required modules overdue']);
    }
    for (const teacher of a.teachers.slice(0, 5)) expect(rowOf(page.text, teacher.displayName)).toBeUndefined();
    // Five met 3 days ago; the absent one and the one whose session was cancelled never met.
    expect(rowOf(page.text, 'In the last 30 days')).toEqual(['In the last 30 days', '5']);
    expect(rowOf(page.text, 'Never')).toEqual(['Never', '5']);
    expect(page.text).toContain('On average 0.5 sessions per teacher; 5 of 10 have not attended one yet.');
    expect(page.text).toMatch(/<dt>Teachers with a goal<\/dt><dd>2 \/ 10<\/dd>/);
    expect(page.text).not.toContain(REFLECTION);
    expect(page.text).not.toContain('Gone Gila');
    const csv = await admin.get(`/network/cities/${a.city.id}/figures.csv?table=atRisk`).expect(200);
    expect(csvLines(csv.text)).toHaveLength(6);
    await admin.get(`/network/cities/${a.city.id}/figures.csv?table=everything`).expect(400);
    await (await signIn(t, b.admin)).get(`/network/cities/${a.city.id}`).expect(404);
    await (await signIn(t, b.admin)).get(`/network/cities/${a.city.id}/figures.csv?table=cohorts`).expect(404);
    await (await signIn(t, a.mentor)).get(`/network/cities/${a.city.id}`).expect(403);
  });

  it('reads the cities’ figures as last counted, says when, and shows a change at the next count', async () => {
    const jobs = t.app.get(SnapshotsScheduler);
    const agent = await signIn(t, network);
    const before = await agent.get('/network').expect(200);
    expect(before.text).toMatch(/Figures as of [^<]+\. They are counted every 15 minutes, so a change made since then shows at the next count\./);
    // A city made after the count: listed, with nothing counted yet; counted at the next run.
    await world(7, 'Epsilon Village');
    expect(rowOf((await agent.get('/network').expect(200)).text, 'Epsilon Village')?.slice(1, 3)).toEqual(['0', '0']);
    // Two instances counting at once: no error, one row per city.
    await Promise.all([jobs.countCityFigures(), jobs.countCityFigures()]);
    expect(rowOf((await agent.get('/network').expect(200)).text, 'Epsilon Village')?.slice(1, 4)).toEqual(['1', '7', '0%']);
    const [{ rows, cities }] = await t.db.query<{ rows: number; cities: number }>(
      `SELECT (SELECT count(*)::int FROM city_figures) AS rows, (SELECT count(*)::int FROM municipality) AS cities`,
    );
    expect(rows).toBe(cities);
    // Never counted (a new installation before the job's first run): it says so instead of showing zeros.
    await t.db.query(`DELETE FROM city_figures`);
    try {
      const empty = await agent.get('/network').expect(200);
      expect(empty.text).toContain('The cities&#x27; figures have not been counted yet. They are counted every 15 minutes: come back shortly.');
      expect(rowOf(empty.text, 'Alpha City')).toBeUndefined();
      const csv = csvLines((await agent.get('/network/cities.csv').expect(200)).text);
      expect(csv[0]).toMatch(/^City,/);
      expect(csv.some((line) => line.startsWith('Alpha City'))).toBe(false);
    } finally {
      await jobs.countCityFigures();
    }
  });

  it('counts the cities soon after an instance starts, unless another counted within the period', async () => {
    const jobs = t.app.get(SnapshotsScheduler);
    const countedAt = async () => (await t.db.query<{ at: Date }>(`SELECT max(counted_at) AS at FROM city_figures`))[0].at.getTime();
    await jobs.countCityFigures();
    const fresh = await countedAt();
    await jobs.countCitiesAtStart();
    expect(await countedAt()).toBe(fresh);
    // An hour-old count (every instance was down): counted again at start.
    await t.db.query(`UPDATE city_figures SET counted_at = counted_at - interval '1 hour'`);
    const stale = await countedAt();
    await jobs.countCitiesAtStart();
    expect(await countedAt()).toBeGreaterThan(stale + 30 * 60_000);
  });
});
