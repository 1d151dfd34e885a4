import { buildCohort, type CohortWorld, createMentorGroup, createWorkshopEvent, enrol, setProgress } from '../support/progress-factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Until some statement of this test's database waits on a row lock (at most 10 s). */
async function waitForLockWait(t: TestApp): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('nothing waited on a lock');
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * Findings of the access review: each describe block is one defect that was found, shown failing
 * first and fixed in the feature's own code.
 */
describe('access review', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('a mentor withdrawn from a cohort', () => {
    let w: CohortWorld;
    let progressId: string;
    let mentor: SignedInAgent;
    let workshopId: string;

    beforeAll(async () => {
      w = await buildCohort(t.db, {
        teacherCount: 1,
        teacherNames: ['Mentee Miriam'],
        modules: [
          { title: 'Portrait of a student', method: 'approval' },
          { title: 'Opening workshop', method: 'attendance' },
        ],
      });
      workshopId = w.modules[1].id;
      // The mentee hands in work with a file, through the real route.
      const teacher = await signIn(t, w.teachers[0]);
      await teacher.post(`/path/modules/${w.modules[0].id}/start?cohort=${w.cohort.id}`).expect(303);
      await teacher.agent
        .post(`/path/modules/${w.modules[0].id}/submit?cohort=${w.cohort.id}`)
        .field('_csrf', teacher.csrf)
        .field('text', 'My portrait of Dana')
        .attach('file', PDF, { filename: 'portrait.pdf', contentType: 'application/pdf' })
        .expect(303);
      [{ id: progressId }] = await t.db.query('SELECT id FROM module_progress WHERE teacher_id = $1 AND module_id = $2', [w.teachers[0].id, w.modules[0].id]);

      // The same mentor also mentors in another cohort of the city, so keeps the mentoring permission.
      const other = await buildCohort(t.db, { teacherCount: 0, city: w.city, modules: [{ method: 'approval' }] });
      await enrol(t.db, other.cohort.id, w.city.id, w.mentor.id, 'mentor');
      await createMentorGroup(t.db, other.cohort.id, w.mentor.id);

      // The department withdraws the mentor from the first cohort through its page.
      const [{ id: memberId }] = await t.db.query(`SELECT id FROM cohort_member WHERE cohort_id = $1 AND user_id = $2 AND role = 'mentor'`, [
        w.cohort.id,
        w.mentor.id,
      ]);
      const admin = await signIn(t, w.admin);
      await admin.post(`/cohorts/${w.cohort.id}/members/${memberId}/withdraw`, { note: 'Left the programme' }).expect(303);
      mentor = await signIn(t, w.mentor);
    });

    it('no longer sees the former mentees’ submissions in the queue or on the home page', async () => {
      const queue = await mentor.get('/reviews').expect(200);
      expect(queue.text).not.toContain('Mentee Miriam');
      const home = await mentor.get('/').expect(200);
      expect(home.text).toMatch(/<dt>Mentees<\/dt><dd>0<\/dd>/);
      expect(home.text).toMatch(/<dt>Waiting for your review<\/dt><dd>0<\/dd>/);
    });

    it('cannot open, approve or return the work, nor download its file', async () => {
      await mentor.get(`/reviews/${progressId}`).expect(404);
      await mentor.post(`/reviews/${progressId}/approve`).expect(404);
      await mentor.post(`/reviews/${progressId}/return`, { comment: 'Too late' }).expect(404);
      await mentor.get(`/progress/${progressId}/file`).expect(404);
      const [{ status }] = await t.db.query('SELECT status FROM module_progress WHERE id = $1', [progressId]);
      expect(status).toBe('submitted');
    });

    it('cannot take the register of the cohort’s workshops', async () => {
      const register = `/cohorts/${w.cohort.id}/workshops/${(await createWorkshopEvent(t.db, w.cohort.id, workshopId)).id}/attendance`;
      const queue = await mentor.get('/reviews').expect(200);
      expect(queue.text).not.toContain(register);
      await mentor.get(register).expect(404);
      await mentor.post(register, { teacherIds: w.teachers[0].id }).expect(404);
      const rows = await t.db.query(`SELECT 1 FROM module_progress WHERE module_id = $1 AND status = 'approved'`, [workshopId]);
      expect(rows).toHaveLength(0);
    });

    it('cannot download the file even with no role left at all', async () => {
      await t.db.query(`DELETE FROM role_grant WHERE user_id = $1`, [w.mentor.id]);
      const bare = await signIn(t, w.mentor);
      await bare.get(`/progress/${progressId}/file`).expect(404);
    });

    it('(control) a mentor still active in their cohort keeps reviewing', async () => {
      const fresh = await buildCohort(t.db, { teacherCount: 1, modules: [{ method: 'approval' }] });
      const id = await setProgress(t.db, fresh.cohort.id, fresh.teachers[0].id, fresh.modules[0].id, 'submitted');
      const m = await signIn(t, fresh.mentor);
      await m.get(`/reviews/${id}`).expect(200);
    });
  });
  describe('a roster import racing another change', () => {
    it('shows the form again, not a 500, when one of its new people is added meanwhile; nothing is imported', async () => {
      const w = await buildCohort(t.db, { teacherCount: 0, modules: [{ method: 'self' }] });
      const admin = await signIn(t, w.admin);
      const raced = `raced-${w.cohort.id.slice(0, 8)}@example.test`;
      const other = `calm-${w.cohort.id.slice(0, 8)}@example.test`;
      const csv = `email,name,school\n${raced},Raced Rina,${w.school.name}\n${other},Calm Carmel,${w.school.name}\n`;
      const meanwhile = await t.db.dedicatedConnection();
      try {
        // Someone else creates one of the people in an open transaction: the import does not see
        // them yet, and its own insert waits on theirs.
        await meanwhile.query('BEGIN');
        await meanwhile.query(`INSERT INTO app_user (email, display_name, municipality_id) VALUES ($1, 'Added meanwhile', $2)`, [raced, w.city.id]);
        const pending = admin.agent
          .post(`/cohorts/${w.cohort.id}/roster`)
          .field('_csrf', admin.csrf)
          .attach('file', Buffer.from(csv), { filename: 'roster.csv', contentType: 'text/csv' })
          .then((res) => res);
        await waitForLockWait(t);
        await meanwhile.query('COMMIT');
        const res = await pending;
        expect(res.status).toBe(422);
        expect(res.text).toContain('Someone added one of these people while the file was checked');
      } finally {
        meanwhile.release();
      }
      const members = await t.db.query(`SELECT 1 FROM cohort_member WHERE cohort_id = $1 AND role = 'teacher'`, [w.cohort.id]);
      expect(members).toHaveLength(0);
      const created = await t.db.query('SELECT 1 FROM app_user WHERE email = $1', [other]);
      expect(created).toHaveLength(0);
    });
  });
  describe('deleting a module while a teacher starts it', () => {
    it('refuses (409) and keeps the progress, instead of erasing it with the module', async () => {
      const w = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'About to be started', method: 'self' }] });
      const moduleId = w.modules[0].id;
      const admin = await signIn(t, w.admin);
      await admin.get(`/programmes/${w.programme.id}/modules/${moduleId}/delete`).expect(200); // nothing recorded yet: deletable
      const teacherStarts = await t.db.dedicatedConnection();
      try {
        // The teacher's start, as its transaction does it, not yet committed when the delete arrives.
        await teacherStarts.query('BEGIN');
        await teacherStarts.query(`INSERT INTO module_progress (cohort_id, teacher_id, module_id, status) VALUES ($1, $2, $3, 'in_progress')`, [
          w.cohort.id,
          w.teachers[0].id,
          moduleId,
        ]);
        const pending = admin.post(`/programmes/${w.programme.id}/modules/${moduleId}/delete`).then((res) => res);
        await waitForLockWait(t);
        await teacherStarts.query('COMMIT');
        const res = await pending;
        expect(res.status).toBe(409);
      } finally {
        teacherStarts.release();
      }
      const progress = await t.db.query('SELECT status FROM module_progress WHERE module_id = $1', [moduleId]);
      expect(progress).toEqual([{ status: 'in_progress' }]);
    });
  });
  describe('taking a workshop register', () => {
    it('audits which teachers it approved, not only how many', async () => {
      const w = await buildCohort(t.db, { teacherCount: 3, modules: [{ title: 'Opening workshop', method: 'attendance' }] });
      const moduleId = w.modules[0].id;
      const admin = await signIn(t, w.admin);
      const present = [w.teachers[0].id, w.teachers[2].id];
      const event = await createWorkshopEvent(t.db, w.cohort.id, moduleId);
      await admin.post(`/cohorts/${w.cohort.id}/workshops/${event.id}/attendance`, { teacherIds: present }).expect(303);
      const [audited] = await t.db.query(
        `SELECT actor_id AS "actorId", details FROM audit_event WHERE action = 'progress.attendance_recorded' AND subject_id = $1`,
        [w.cohort.id],
      );
      expect(audited.actorId).toBe(w.admin.id);
      expect([...audited.details.teacherIds].sort()).toEqual([...present].sort());
    });
  });
});
