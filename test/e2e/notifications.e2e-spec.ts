import { createUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, setProgress } from '../support/progress-factories.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('the notification centre', () => {
  let t: TestApp;
  let w: CohortWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCohort(t.db, {
      teacherCount: 2,
      modules: [
        { title: 'Listening to a student', method: 'approval' },
        { title: 'A second module', method: 'approval' },
      ],
    });
  });
  afterAll(() => t.close());

  async function idsOf(userId: string): Promise<string[]> {
    const rows = await t.db.query<{ id: string }>('SELECT id::text FROM notification WHERE recipient_id = $1 ORDER BY id', [userId]);
    return rows.map((r) => r.id);
  }

  it('tells a teacher when their mentor returns their work, in the header and the list, and leads to the module', async () => {
    const progressId = await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'submitted');
    const mentor = await signIn(t, w.mentor);
    await mentor.post(`/reviews/${progressId}/return`, { comment: 'Please add an example from your class.' }).expect(303);

    const teacher = await signIn(t, w.teachers[0]);
    const home = await teacher.get('/').expect(200);
    expect(home.text).toContain('Notifications (1 new)');
    const list = await teacher.get('/notifications').expect(200);
    expect(list.text).toContain(`${w.mentor.displayName} returned your work on “Listening to a student” with comments for you.`);
    // The mentor's comment itself stays on the module page, not in the notification.
    expect(list.text).not.toContain('Please add an example');

    const [id] = await idsOf(w.teachers[0].id);
    const opened = await teacher.post(`/notifications/${id}/open`).expect(303);
    expect(opened.headers.location).toBe(`/path/modules/${w.modules[0].id}?cohort=${w.cohort.id}`);
    const after = await teacher.get('/').expect(200);
    expect(after.text).not.toContain('new)');
  });

  it('tells a teacher when their work is approved', async () => {
    const progressId = await setProgress(t.db, w.cohort.id, w.teachers[1].id, w.modules[1].id, 'submitted');
    const mentor = await signIn(t, w.mentor);
    await mentor.post(`/reviews/${progressId}/approve`, {}).expect(303);
    const teacher = await signIn(t, w.teachers[1]);
    const list = await teacher.get('/notifications').expect(200);
    expect(list.text).toContain(`${w.mentor.displayName} approved your work on “A second module”.`);
  });

  it("does not let anyone open, read or even see another person's notification (404)", async () => {
    const [id] = await idsOf(w.teachers[1].id);
    const other = await signIn(t, w.teachers[0]);
    await other.post(`/notifications/${id}/open`).expect(404);
    await other.post(`/notifications/${id}/read`).expect(404);
    const list = await other.get('/notifications').expect(200);
    expect(list.text).not.toContain('A second module');
    const [row] = await t.db.query<{ readAt: Date | null }>('SELECT read_at AS "readAt" FROM notification WHERE id = $1', [id]);
    expect(row.readAt).toBeNull();
  });

  it('answers a malformed notification id with a 404, not an error', async () => {
    const teacher = await signIn(t, w.teachers[0]);
    for (const bad of ['abc', '0', '-1', '99999999999999999999999', '1.5']) await teacher.post(`/notifications/${bad}/open`).expect(404);
  });

  it('marks one, then all, as read', async () => {
    const teacher = await signIn(t, w.teachers[1]);
    const first = await setProgress(t.db, w.cohort.id, w.teachers[1].id, w.modules[0].id, 'submitted');
    const mentor = await signIn(t, w.mentor);
    await mentor.post(`/reviews/${first}/return`, { comment: 'More, please.' }).expect(303);
    expect((await teacher.get('/').expect(200)).text).toContain('Notifications (2 new)');
    const [oldest] = await idsOf(w.teachers[1].id);
    await teacher.post(`/notifications/${oldest}/read`).expect(303);
    expect((await teacher.get('/').expect(200)).text).toContain('Notifications (1 new)');
    await teacher.post('/notifications/read-all').expect(303);
    const list = await teacher.get('/notifications').expect(200);
    expect(list.text).toContain('All notifications marked as read.');
    expect(list.text).not.toContain('Mark all as read');
  });

  it('shows what will appear there to someone who has none yet', async () => {
    const nobody = await createUser(t.db, { preferredLanguage: 'he' });
    const page = await (await signIn(t, nobody)).get('/notifications').expect(200);
    expect(page.text).toContain('אין חדש.');
    expect(page.text).toContain('<title>התראות');
  });
});
