import { createUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, setProgress } from '../support/progress-factories.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('the home page of each role', () => {
  let t: TestApp;
  let w: CohortWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCohort(t.db, {
      teacherCount: 2,
      teacherNames: ['Hadas Home', 'Omri Other'],
      modules: [
        { title: 'Overdue reflection', method: 'approval', opens: -40, due: -5 },
        { title: 'Listening circle', method: 'self', opens: -10, due: 12 },
        { title: 'Future expedition', method: 'self', opens: 20, due: 50 },
        { title: 'Finished workshop', method: 'self', opens: -30, due: -20 },
      ],
    });
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[3].id, 'approved', 21);
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'returned', 3);
    await setProgress(t.db, w.cohort.id, w.teachers[1].id, w.modules[0].id, 'submitted', 2);
  });
  afterAll(() => t.close());

  it('shows a teacher their cohort, standing and what is due next, soonest first, without what is not open or done', async () => {
    const teacher = await signIn(t, w.teachers[0]);
    const res = await teacher.get('/').expect(200);
    expect(res.text).toContain(w.cohort.name);
    expect(res.text).toContain('1 of 4 required modules approved');
    expect(res.text).toContain('One of your modules came back with comments');
    const overdue = res.text.indexOf('Overdue reflection');
    const next = res.text.indexOf('Listening circle');
    expect(overdue).toBeGreaterThan(0);
    expect(next).toBeGreaterThan(overdue);
    expect(res.text).toContain('overdue since');
    expect(res.text).not.toContain('Future expedition');
    expect(res.text).not.toContain('Finished workshop');
    // Handlebars writes "=" inside attribute values as &#x3D;.
    expect(res.text).toContain(`href="/path/modules/${w.modules[1].id}?cohort&#x3D;${w.cohort.id}"`);
    expect(res.text).not.toContain('Waiting for your review');
    expect(res.text).not.toContain('Running cohorts');
  });

  it('shows a mentor how many mentees they have and how many submissions wait for them', async () => {
    const mentor = await signIn(t, w.mentor);
    const res = await mentor.get('/').expect(200);
    expect(res.text).toMatch(/Mentees<\/dt><dd>2<\/dd>/);
    expect(res.text).toMatch(/Waiting for your review<\/dt><dd>1<\/dd>/);
    expect(res.text).toContain('href="/reviews"');
  });

  it("shows a department admin their city's running cohorts with figures, and nothing of another city", async () => {
    const other = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Elsewhere' }] });
    const admin = await signIn(t, w.admin);
    const res = await admin.get('/').expect(200);
    expect(res.text).toContain(`href="/cohorts/${w.cohort.id}"`);
    expect(res.text).not.toContain(other.cohort.name);
  });

  it('shows a network admin the counts of the whole network', async () => {
    const networkAdmin = await createUser(t.db, { roles: ['network_admin'], preferredLanguage: 'en' });
    const res = await (await signIn(t, networkAdmin)).get('/').expect(200);
    expect(res.text).toMatch(/Running cohorts<\/dt><dd>2<\/dd>/);
    expect(res.text).toContain(`href="/cohorts/${w.cohort.id}"`);
  });

  it('tells someone without a role what will happen', async () => {
    const nobody = await createUser(t.db, { preferredLanguage: 'en' });
    const res = await (await signIn(t, nobody)).get('/').expect(200);
    expect(res.text).toContain('You have no role in any programme yet');
  });
});
