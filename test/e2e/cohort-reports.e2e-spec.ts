import { createMunicipality, createSchool, createUser, type TestUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, createMentorGroup, enrol, setProgress } from '../support/progress-factories.js';
import { countQueries } from '../support/query-counter.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const CSV_HEADER = 'Name,E-mail,School,Mentor,Status,Modules approved,Modules required,Mentoring sessions attended,Reflections,Last activity (Asia/Jerusalem)';

describe('cohort pages and the progress CSV', () => {
  let t: TestApp;
  let w: CohortWorld;
  let admin: SignedInAgent;
  let networkAdmin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCohort(t.db, {
      startDays: 30,
      endDays: 700,
      teacherCount: 4,
      teacherNames: ['Avital Amir', '=HYPERLINK("http://evil.example","x")', 'שרה כהן', 'Dan, "the" Teacher'],
      modules: [
        { title: 'First steps', due: -2, opens: -20 },
        { title: 'Second steps', due: -1, opens: -20 },
        { title: 'Third steps', due: 40 },
        { title: 'Workshop one', method: 'attendance', required: false, due: 40 },
      ],
    });
    const [avital, formula, sarah] = w.teachers;
    await setProgress(t.db, w.cohort.id, avital.id, w.modules[0].id, 'approved', 5);
    await setProgress(t.db, w.cohort.id, avital.id, w.modules[1].id, 'approved', 3);
    await setProgress(t.db, w.cohort.id, formula.id, w.modules[0].id, 'approved', 4);
    await setProgress(t.db, w.cohort.id, sarah.id, w.modules[2].id, 'submitted', 2);
    admin = await signIn(t, w.admin);
    networkAdmin = await createUser(t.db, { roles: ['network_admin'], preferredLanguage: 'en' });
  });
  afterAll(() => t.close());

  it('lists the cohorts of the admin’s city with completion figures and a way to create one', async () => {
    const res = await admin.get('/cohorts').expect(200);
    expect(res.text).toContain(w.cohort.name);
    expect(res.text).toContain('href="/programmes"');
    expect(res.text).toMatch(/<td class="number" data-label="Teachers">4<\/td>/);
    expect(res.text).toContain('action="/cohorts/new"');
    const elsewhere = await buildCohort(t.db, { modules: [{}] });
    expect(res.text).not.toContain(elsewhere.cohort.name);
    const network = await signIn(t, networkAdmin);
    const all = await network.get('/cohorts').expect(200);
    expect(all.text).toContain(w.cohort.name);
    expect(all.text).toContain(elsewhere.cohort.name);
  });

  it('shows the teacher table with school, mentor, status with reasons, approved/required and last activity', async () => {
    const res = await admin.get(`/cohorts/${w.cohort.id}`).expect(200);
    expect(res.text).toContain('Avital Amir');
    expect(res.text).toContain(w.school.name);
    expect(res.text).toContain(w.mentor.displayName);
    expect(res.text).toContain('2 / 3');
    expect(res.text).toContain('At risk');
    expect(res.text).toContain('Two or more required modules overdue');
    expect(res.text).toContain('One required module overdue');
    expect(res.text).toContain('&#x3D;HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)');
    for (const page of ['members', 'windows', 'groups', 'edit']) expect(res.text).toContain(`href="/cohorts/${w.cohort.id}/${page}"`);
    expect(res.text).toContain(`/cohorts/${w.cohort.id}/progress.csv`);
    expect(res.text).toContain('Completion by module');
    expect(res.text).toContain(`/cohorts/${w.cohort.id}/workshops#workshop-${w.modules[3].id}`);
  });

  it('filters by status, school and mentor group, and sorts by a whitelisted key', async () => {
    const atRisk = await admin.get(`/cohorts/${w.cohort.id}?status=at_risk`).expect(200);
    expect(atRisk.text).toContain('שרה כהן');
    expect(atRisk.text).not.toContain('Avital Amir');
    const otherSchool = await createSchool(t.db, w.city.id);
    const none = await admin.get(`/cohorts/${w.cohort.id}?school=${otherSchool.id}`).expect(200);
    expect(none.text).toContain('No teacher matches these filters.');
    const group = await admin.get(`/cohorts/${w.cohort.id}?group=${w.groupId}&sort=approved`).expect(200);
    expect(group.text.indexOf('Avital Amir')).toBeLessThan(group.text.indexOf('שרה כהן'));
    await admin.get(`/cohorts/${w.cohort.id}?sort=u.id;drop table x`).expect(400);
    await admin.get(`/cohorts/${w.cohort.id}?status=sleepy`).expect(400);
    await admin.get(`/cohorts/${w.cohort.id}?school=not-a-uuid`).expect(400);
    await admin.get(`/cohorts/${w.cohort.id}?page=0`).expect(400);
  });

  it('paginates the teacher table by 50', async () => {
    const big = await buildCohort(t.db, { modules: [{}], teacherCount: 0, city: w.city });
    for (let i = 0; i < 51; i++) {
      const teacher = await createUser(t.db, { municipalityId: w.city.id, displayName: `Teacher ${String(i).padStart(2, '0')}` });
      await enrol(t.db, big.cohort.id, w.city.id, teacher.id, 'teacher');
    }
    const first = await admin.get(`/cohorts/${big.cohort.id}?sort=name`).expect(200);
    expect(first.text).toContain('Teacher 49');
    expect(first.text).not.toContain('Teacher 50');
    expect(first.text).toContain('rel="next"');
    const second = await admin.get(`/cohorts/${big.cohort.id}?sort=name&page=2`).expect(200);
    expect(second.text).toContain('Teacher 50');
  });

  it('refuses another city’s admin (404), teachers and mentors (403), and malformed ids (404)', async () => {
    const farCity = await createMunicipality(t.db);
    const far = await signIn(t, await createUser(t.db, { municipalityId: farCity.id, roles: ['department_admin'] }));
    await far.get(`/cohorts/${w.cohort.id}`).expect(404);
    await far.get(`/cohorts/${w.cohort.id}/progress.csv`).expect(404);
    const teacher = await signIn(t, w.teachers[0]);
    await teacher.get(`/cohorts/${w.cohort.id}`).expect(403);
    await teacher.get(`/cohorts/${w.cohort.id}/progress.csv`).expect(403);
    await teacher.get('/cohorts').expect(403);
    const mentor = await signIn(t, w.mentor);
    await mentor.get(`/cohorts/${w.cohort.id}/progress.csv`).expect(403);
    await admin.get('/cohorts/not-a-uuid').expect(404);
    await admin.get('/cohorts/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('exports the CSV exactly: BOM, header, one row per teacher, RFC 4180 quoting, formulas neutralised, Hebrew intact', async () => {
    const res = await admin
      .get(`/cohorts/${w.cohort.id}/progress.csv?lang=en`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+ - progress \d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''.+\.csv$/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 4 + 1);
    const avital = lines.find((l) => l.startsWith('Avital Amir,'));
    expect(avital).toMatch(new RegExp(`^Avital Amir,${w.teachers[0].email},${w.school.name},${w.mentor.displayName},On track,2,3,0,0,\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`));
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")",`);
    expect(text).toContain('שרה כהן,');
    expect(text).toContain('"Dan, ""the"" Teacher",');
    const audit = await t.db.query(`SELECT action, municipality_id AS city FROM audit_event WHERE actor_id = $1 AND subject_id = $2`, [
      w.admin.id,
      w.cohort.id,
    ]);
    expect(audit).toEqual([{ action: 'report.exported', city: w.city.id }]);
  });

  it('lets a network admin export any city’s CSV', async () => {
    const network = await signIn(t, networkAdmin);
    const res = await network.get(`/cohorts/${w.cohort.id}/progress.csv`).expect(200);
    expect(res.text).toContain(CSV_HEADER);
  });

  it('renders the cohort page with the same number of queries for 3 teachers as for 30', async () => {
    async function cohortWith(n: number) {
      const c = await buildCohort(t.db, { modules: [{ due: -1 }, { due: 10 }, { method: 'approval', due: 20 }], teacherCount: 0, city: w.city });
      const mentor2 = await createUser(t.db, { municipalityId: w.city.id });
      const second = await createMentorGroup(t.db, c.cohort.id, mentor2.id);
      for (let i = 0; i < n; i++) {
        const teacher = await createUser(t.db, { municipalityId: w.city.id, schoolId: c.school.id });
        await enrol(t.db, c.cohort.id, w.city.id, teacher.id, 'teacher', { groupId: i % 2 ? c.groupId : second.id });
        await setProgress(t.db, c.cohort.id, teacher.id, c.modules[i % 3].id, i % 2 ? 'approved' : 'submitted', i % 5);
      }
      return c.cohort.id;
    }
    const small = await cohortWith(3);
    const large = await cohortWith(30);
    await admin.get(`/cohorts/${small}`).expect(200);
    const few = await countQueries(t.db, () => admin.get(`/cohorts/${small}`).expect(200));
    const many = await countQueries(t.db, () => admin.get(`/cohorts/${large}`).expect(200));
    expect(few.count).toBeGreaterThan(0);
    expect(many.count).toBe(few.count);
    const list = await countQueries(t.db, () => admin.get('/cohorts').expect(200));
    expect(list.count).toBeLessThanOrEqual(few.count);
  });
});
