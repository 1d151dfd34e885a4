import { createUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, createMentorGroup, enrol, setProgress } from '../support/progress-factories.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('the review queue', () => {
  let t: TestApp;
  let w: CohortWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCohort(t.db, {
      teacherCount: 3,
      teacherNames: ['Newest Noa', 'Oldest Omer', 'Middle Maya'],
      modules: [{ title: 'Essay on a student', method: 'approval' }],
    });
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'submitted', 1);
    await setProgress(t.db, w.cohort.id, w.teachers[1].id, w.modules[0].id, 'submitted', 9);
    await setProgress(t.db, w.cohort.id, w.teachers[2].id, w.modules[0].id, 'submitted', 4);
  });
  afterAll(() => t.close());

  it("lists the mentor's mentees' submissions, oldest first", async () => {
    const mentor = await signIn(t, w.mentor);
    const res = await mentor.get('/reviews').expect(200);
    // The rows of the table (the teacher filter above lists the same names, alphabetically).
    const rows = res.text.slice(res.text.indexOf('<tbody>'));
    const order = ['Oldest Omer', 'Middle Maya', 'Newest Noa'].map((name) => rows.indexOf(name));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(res.text).toContain('href="/reviews"');
  });

  it("shows nothing of another group's teachers, nor of a withdrawn teacher", async () => {
    const otherMentor = await createUser(t.db, { municipalityId: w.city.id, preferredLanguage: 'en' });
    await enrol(t.db, w.cohort.id, w.city.id, otherMentor.id, 'mentor');
    const group = await createMentorGroup(t.db, w.cohort.id, otherMentor.id);
    const theirs = await createUser(t.db, { municipalityId: w.city.id, displayName: 'Their Tamar' });
    await enrol(t.db, w.cohort.id, w.city.id, theirs.id, 'teacher', { groupId: group.id });
    await setProgress(t.db, w.cohort.id, theirs.id, w.modules[0].id, 'submitted', 20);
    const gone = await createUser(t.db, { municipalityId: w.city.id, displayName: 'Gone Gal' });
    await enrol(t.db, w.cohort.id, w.city.id, gone.id, 'teacher', { groupId: w.groupId, status: 'withdrawn' });
    await setProgress(t.db, w.cohort.id, gone.id, w.modules[0].id, 'submitted', 30);

    const mentor = await signIn(t, w.mentor);
    const mine = await mentor.get('/reviews').expect(200);
    expect(mine.text).not.toContain('Their Tamar');
    expect(mine.text).not.toContain('Gone Gal');
    const other = await signIn(t, otherMentor);
    const theirsQueue = await other.get('/reviews').expect(200);
    expect(theirsQueue.text).toContain('Their Tamar');
    expect(theirsQueue.text).not.toContain('Oldest Omer');
  });

  it('shows a department admin no submitted work, only where to find statuses', async () => {
    const admin = await signIn(t, w.admin);
    const res = await admin.get('/reviews').expect(200);
    expect(res.text).not.toContain('Oldest Omer');
    expect(res.text).not.toContain('Their Tamar');
    expect(res.text).toContain('read and reviewed by each teacher&#x27;s mentor');
  });

  it('pages a long queue by 25 and refuses a nonsense page number', async () => {
    const c = await buildCohort(t.db, { teacherCount: 0, modules: [{ title: 'Long queue module', method: 'approval' }] });
    for (let i = 0; i < 27; i++) {
      const teacher = await createUser(t.db, { municipalityId: c.city.id, displayName: `Queued ${String(i).padStart(2, '0')}` });
      await enrol(t.db, c.cohort.id, c.city.id, teacher.id, 'teacher', { groupId: c.groupId });
      await setProgress(t.db, c.cohort.id, teacher.id, c.modules[0].id, 'submitted', 100 - i);
    }
    const mentor = await signIn(t, c.mentor);
    const first = await mentor.get('/reviews').expect(200);
    const firstRows = first.text.slice(first.text.indexOf('<tbody>'));
    expect(firstRows).toContain('Queued 00');
    expect(firstRows).not.toContain('Queued 25');
    expect(first.text).toMatch(/href="\/reviews\?page(=|&#x3D;)2" rel="next"/);
    const second = await mentor.get('/reviews?page=2').expect(200);
    expect(second.text).toContain('Queued 26');
    await mentor.get('/reviews?page=abc').expect(400);
  });

  it('shows an empty queue plainly, and refuses teachers', async () => {
    const c = await buildCohort(t.db, { teacherCount: 1, modules: [{ method: 'approval' }] });
    const mentor = await signIn(t, c.mentor);
    const res = await mentor.get('/reviews').expect(200);
    expect(res.text).toContain('Nothing is waiting for your review.');
    const teacher = await signIn(t, c.teachers[0]);
    await teacher.get('/reviews').expect(403);
  });

  it('escapes submitted text on the review page and answers 404 for an unknown or malformed id', async () => {
    const [{ id }] = await t.db.query('SELECT id FROM module_progress WHERE teacher_id = $1', [w.teachers[0].id]);
    await t.db.query(`UPDATE module_progress SET submission_text = '<img src=x onerror=alert(1)>' WHERE id = $1`, [id]);
    const mentor = await signIn(t, w.mentor);
    const res = await mentor.get(`/reviews/${id}`).expect(200);
    expect(res.text).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(res.text).not.toContain('<img src=x');
    await mentor.get('/reviews/not-a-uuid').expect(404);
    await mentor.get('/reviews/00000000-0000-4000-8000-000000000000').expect(404);
  });
});
