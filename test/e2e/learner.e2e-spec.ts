import { createUser } from '../support/factories.js';
import { buildCohort, createModule, createPhase, enrol, setProgress, setWindow, type CohortWorld } from '../support/progress-factories.js';
import { countQueries } from '../support/query-counter.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A 1×1 PNG and a minimal PDF and Word file (their first bytes are what the upload check reads). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 1)]);

/** Issue 10 §3 (teachers) and §4 (mentors): handing in, withdrawing, reviewing with a comment, undoing, the queue, previews, error summaries. */
describe('the learner journey: handing in and reviewing work', () => {
  let t: TestApp;
  let w: CohortWorld;
  let essay: string;
  let lesson: string;
  let workshop: string;
  let later: string;
  let teacher: SignedInAgent;
  let mentor: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCohort(t.db, {
      teacherCount: 3,
      teacherNames: ['Ayelet Teacher', 'Boaz Teacher', 'Carmel Teacher'],
      modules: [
        { title: 'Essay on a student', method: 'approval' },
        { title: 'Lesson plan', method: 'approval' },
        { title: 'Opening workshop', method: 'attendance', kind: 'workshop' },
        { title: 'Later essay', method: 'approval', opens: 5, due: 40 },
      ],
    });
    [essay, lesson, workshop, later] = w.modules.map((m) => m.id);
    await t.db.query(`UPDATE curriculum_module SET submission_instructions = 'Two pages about one student' WHERE id = $1`, [essay]);
    teacher = await signIn(t, w.teachers[0]);
    mentor = await signIn(t, w.mentor);
  });
  afterAll(() => t.close());

  const moduleUrl = (id: string) => `/path/modules/${id}?cohort=${w.cohort.id}`;
  /** A URL as the views print it in an attribute (Handlebars escapes "="). */
  const attr = (url: string) => url.replace(/=/g, '&#x3D;');
  const progressOf = async (teacherId: string, moduleId: string) =>
    (
      await t.db.query(
        `SELECT id, status, submitted_at AS "submittedAt", completed_at AS "completedAt", reviewed_at AS "reviewedAt", mentor_comment AS "mentorComment"
           FROM module_progress WHERE teacher_id = $1 AND module_id = $2`,
        [teacherId, moduleId],
      )
    )[0];

  describe('the teacher', () => {
    it('sees the submission form at once, with no Start button, and hands in work without starting first', async () => {
      const page = await teacher.get(moduleUrl(essay)).expect(200);
      expect(page.text).toContain(`action="${attr(`/path/modules/${essay}/submit?cohort=${w.cohort.id}`)}"`);
      expect(page.text).not.toContain(`/path/modules/${essay}/start`);
      await teacher.post(`/path/modules/${essay}/submit?cohort=${w.cohort.id}`, { text: 'My first draft' }).expect(303);
      expect((await progressOf(w.teachers[0].id, essay)).status).toBe('submitted');
    });

    it('cannot hand in work for a module that is not open yet', async () => {
      const page = await teacher.get(moduleUrl(later)).expect(200);
      expect(page.text).not.toContain(`/path/modules/${later}/submit`);
      await teacher.post(`/path/modules/${later}/submit?cohort=${w.cohort.id}`, { text: 'Too early' }).expect(409);
      expect(await progressOf(w.teachers[0].id, later)).toBeUndefined();
    });

    it('is offered no Start for a workshop, and is told attendance is taken there', async () => {
      const page = await teacher.get(moduleUrl(workshop)).expect(200);
      expect(page.text).not.toContain(`/path/modules/${workshop}/start`);
      expect(page.text).toContain('attendance is taken at the workshop');
      expect(page.text).toMatch(/class="module-window">Open /);
    });

    it('withdraws work before it is reviewed and keeps editing it: history, audit, and out of the mentor’s queue', async () => {
      const before = await mentor.get('/reviews').expect(200);
      expect(before.text).toContain('Ayelet Teacher');
      const waiting = await teacher.get(moduleUrl(essay)).expect(200);
      expect(waiting.text).toContain(`action="${attr(`/path/modules/${essay}/withdraw?cohort=${w.cohort.id}`)}"`);
      const res = await teacher.post(`/path/modules/${essay}/withdraw?cohort=${w.cohort.id}`).expect(303);
      expect(res.headers.location).toBe(`${moduleUrl(essay)}#submit-title`);
      const row = await progressOf(w.teachers[0].id, essay);
      expect(row.status).toBe('in_progress');
      const page = await teacher.get(moduleUrl(essay)).expect(200);
      expect(page.text).toContain('My first draft</textarea>');
      expect(page.text).toContain(`/path/modules/${essay}/submit`);
      const events = await t.db.query('SELECT from_status, to_status FROM progress_event WHERE progress_id = $1 ORDER BY id', [row.id]);
      expect(events.at(-1)).toEqual({ from_status: 'submitted', to_status: 'in_progress' });
      const audit = await t.db.query(`SELECT actor_id FROM audit_event WHERE action = 'progress.withdrawn' AND subject_id = $1`, [row.id]);
      expect(audit).toEqual([{ actor_id: w.teachers[0].id }]);
      const after = await mentor.get('/reviews').expect(200);
      expect(after.text.slice(after.text.indexOf('<main'))).not.toContain('Ayelet Teacher');
      // Nothing to withdraw any more.
      await teacher.post(`/path/modules/${essay}/withdraw?cohort=${w.cohort.id}`).expect(409);
      await teacher.post(`/path/modules/${essay}/submit?cohort=${w.cohort.id}`, { text: 'My second draft' }).expect(303);
    });

    it('shows an error summary first in the page, focused, linking to the field, when a submission fails', async () => {
      const res = await teacher.post(`/path/modules/${lesson}/submit?cohort=${w.cohort.id}`, { text: '   ' }).expect(400);
      const main = res.text.slice(res.text.indexOf('<main'));
      expect(main).toMatch(/^<main id="main" tabindex="-1">\s*<div class="error-summary" id="error-summary" role="alert" tabindex="-1" autofocus/);
      expect(main).toContain('<a href="#text">Write something or attach a file.</a>');
      expect(main).toContain('id="text"');
    });
  });

  describe('the mentor', () => {
    let essayProgress: string;

    it('sees the module’s instructions beside the work, and the comment box before the buttons', async () => {
      essayProgress = (await progressOf(w.teachers[0].id, essay)).id;
      const page = await mentor.get(`/reviews/${essayProgress}`).expect(200);
      expect(page.text).toContain('Two pages about one student');
      const comment = page.text.indexOf('id="comment"');
      expect(comment).toBeGreaterThan(0);
      expect(comment).toBeLessThan(page.text.indexOf('>Approve</button>'));
      expect(comment).toBeLessThan(page.text.indexOf(`formaction="/reviews/${essayProgress}/return"`));
      expect(page.text).toContain('you can undo the approval for 10 minutes');
    });

    it('shows the error summary linking to the comment when work is returned without one', async () => {
      const res = await mentor.post(`/reviews/${essayProgress}/return`, { comment: '' }).expect(400);
      expect(res.text).toMatch(/<div class="error-summary" id="error-summary"[^>]*autofocus/);
      expect(res.text).toContain('<a href="#comment">');
    });

    it('approves with a comment the teacher reads on the module and on home', async () => {
      const res = await mentor.post(`/reviews/${essayProgress}/approve`, { comment: 'Lovely detail about the student' }).expect(303);
      expect(res.headers.location).toBe(`/reviews/${essayProgress}`);
      const row = await progressOf(w.teachers[0].id, essay);
      expect(row).toMatchObject({ status: 'approved', mentorComment: 'Lovely detail about the student' });
      const events = await t.db.query('SELECT comment FROM progress_event WHERE progress_id = $1 ORDER BY id DESC LIMIT 1', [essayProgress]);
      expect(events[0].comment).toBe('Lovely detail about the student');
      const module = await teacher.get(moduleUrl(essay)).expect(200);
      expect(module.text).toContain('Your mentor&#x27;s feedback');
      expect(module.text).toContain('Lovely detail about the student');
      const home = await teacher.get('/').expect(200);
      expect(home.text).toContain('Reviews that came back');
      expect(home.text).toContain('Lovely detail about the student');
    });

    it('undoes an approval within the window: waiting for review again as handed in, the teacher told, audited', async () => {
      const before = await progressOf(w.teachers[0].id, essay);
      const page = await mentor.get(`/reviews/${essayProgress}`).expect(200);
      expect(page.text).toContain(`action="/reviews/${essayProgress}/undo"`);
      expect(page.text).toMatch(/You can undo this approval for 10 minutes after giving it: until \d/);
      const submittedBefore = (await t.db.query('SELECT submitted_at FROM module_progress WHERE id = $1', [essayProgress]))[0].submitted_at;
      await mentor.post(`/reviews/${essayProgress}/undo`).expect(303);
      const row = await progressOf(w.teachers[0].id, essay);
      expect(row).toMatchObject({ status: 'submitted', completedAt: null, reviewedAt: null, mentorComment: null });
      expect((await t.db.query('SELECT submitted_at FROM module_progress WHERE id = $1', [essayProgress]))[0].submitted_at).toEqual(submittedBefore);
      expect(before.status).toBe('approved');
      const told = await t.db.query(`SELECT kind FROM notification WHERE recipient_id = $1 AND kind = 'progress.approvalUndone'`, [w.teachers[0].id]);
      expect(told).toHaveLength(1);
      const audit = await t.db.query(`SELECT actor_id FROM audit_event WHERE action = 'progress.approval_undone' AND subject_id = $1`, [essayProgress]);
      expect(audit).toEqual([{ actor_id: w.mentor.id }]);
      const queue = await mentor.get('/reviews').expect(200);
      expect(queue.text).toContain('Ayelet Teacher');
    });

    it('refuses to undo an approval once the window has passed', async () => {
      await mentor.post(`/reviews/${essayProgress}/approve`, { comment: '' }).expect(303);
      await t.db.query(`UPDATE module_progress SET reviewed_at = now() - interval '11 minutes' WHERE id = $1`, [essayProgress]);
      const page = await mentor.get(`/reviews/${essayProgress}`).expect(200);
      expect(page.text).not.toContain(`/reviews/${essayProgress}/undo`);
      await mentor.post(`/reviews/${essayProgress}/undo`).expect(409);
      expect((await progressOf(w.teachers[0].id, essay)).status).toBe('approved');
    });

    it('cannot approve a returned item until the teacher hands it in again', async () => {
      const id = await setProgress(t.db, w.cohort.id, w.teachers[1].id, essay, 'submitted', 2);
      await mentor.post(`/reviews/${id}/return`, { comment: 'Add an example' }).expect(303);
      const page = await mentor.get(`/reviews/${id}`).expect(200);
      expect(page.text).not.toContain(`/reviews/${id}/approve`);
      expect(page.text).toContain('It cannot be approved until the teacher submits it again.');
      await mentor.post(`/reviews/${id}/approve`, { comment: '' }).expect(409);
      expect((await progressOf(w.teachers[1].id, essay)).status).toBe('returned');
      // Nor undo an approval that never was.
      await mentor.post(`/reviews/${id}/undo`).expect(409);
    });

    it('lets nobody but the mentor of record undo an approval', async () => {
      const other = await createUser(t.db, { municipalityId: w.city.id, preferredLanguage: 'en' });
      await enrol(t.db, w.cohort.id, w.city.id, other.id, 'mentor');
      const stranger = await signIn(t, other);
      await stranger.post(`/reviews/${essayProgress}/undo`).expect(404);
      await teacher.post(`/reviews/${essayProgress}/undo`).expect(403);
    });
  });

  describe('the queue', () => {
    let world: CohortWorld;
    let queueMentor: SignedInAgent;

    beforeAll(async () => {
      world = await buildCohort(t.db, {
        teacherCount: 3,
        teacherNames: ['Dana Queue', 'Eli Queue', 'Fadi Queue'],
        modules: [
          { title: 'Queue module A', method: 'approval' },
          { title: 'Queue module B', method: 'approval' },
        ],
      });
      const [a, b] = world.modules.map((m) => m.id);
      await setProgress(t.db, world.cohort.id, world.teachers[0].id, a, 'submitted', 3);
      await setProgress(t.db, world.cohort.id, world.teachers[1].id, a, 'submitted', 9);
      await setProgress(t.db, world.cohort.id, world.teachers[2].id, b, 'submitted', 5);
      await setProgress(t.db, world.cohort.id, world.teachers[0].id, b, 'submitted', 1);
      queueMentor = await signIn(t, world.mentor);
    });

    const rowsOf = (html: string) =>
      [...html.slice(html.indexOf('<tbody>')).matchAll(/<th scope="row" dir="auto">([^<]+)<\/th>\s*<td><bdi[^>]*>([^<]+)<\/bdi>.*?<\/td>\s*<td>.*?<\/td>\s*<td>.*?<\/td>\s*<td>(\d+)<\/td>/gs)].map(
        (m) => `${m[1]} | ${m[2]} | ${m[3]}`,
      );

    it('lists the oldest first with the days each has waited', async () => {
      const res = await queueMentor.get('/reviews').expect(200);
      expect(res.text).toContain('<th scope="col">Days waiting</th>');
      const rows = rowsOf(res.text);
      expect(rows.map((r) => r.split(' | ').slice(0, 2).join(' | '))).toEqual([
        'Eli Queue | Queue module A',
        'Fadi Queue | Queue module B',
        'Dana Queue | Queue module A',
        'Dana Queue | Queue module B',
      ]);
      // Whole days of the city's calendar: a day either side of the hour the work came in.
      const days = rows.map((r) => Number(r.split(' | ')[2]));
      [9, 5, 3, 1].forEach((expected, i) => expect(Math.abs(days[i] - expected)).toBeLessThanOrEqual(1));
    });

    it('filters by module and by teacher, keeping the filters across pages', async () => {
      const [a, b] = world.modules.map((m) => m.id);
      const byModule = await queueMentor.get(`/reviews?module=${b}`).expect(200);
      expect(rowsOf(byModule.text).map((r) => r.split(' | ')[0])).toEqual(['Fadi Queue', 'Dana Queue']);
      expect(byModule.text).toContain(`<option value="${b}" selected`);
      const byTeacher = await queueMentor.get(`/reviews?teacher=${world.teachers[0].id}`).expect(200);
      expect(rowsOf(byTeacher.text).map((r) => r.split(' | ')[1])).toEqual(['Queue module A', 'Queue module B']);
      const both = await queueMentor.get(`/reviews?teacher=${world.teachers[1].id}&module=${b}`).expect(200);
      expect(rowsOf(both.text)).toEqual([]);
      expect(both.text).toContain('Nothing waiting for your review matches these filters.');
      expect(a).toBeDefined();
      await queueMentor.get('/reviews?module=nonsense').expect(400);
      await queueMentor.get('/reviews?teacher=1').expect(400);
    });

    it('reads the queue in the same number of statements for 3 and for 30 items', async () => {
      const few = await countQueries(t.db, () => queueMentor.get('/reviews').expect(200));
      const c = await buildCohort(t.db, { teacherCount: 0, modules: [{ title: 'Many', method: 'approval' }] });
      for (let i = 0; i < 30; i++) {
        const user = await createUser(t.db, { municipalityId: c.city.id, displayName: `Many ${i}` });
        await enrol(t.db, c.cohort.id, c.city.id, user.id, 'teacher', { groupId: c.groupId });
        await setProgress(t.db, c.cohort.id, user.id, c.modules[0].id, 'submitted', 2);
      }
      const many = await signIn(t, c.mentor);
      const lots = await countQueries(t.db, () => many.get('/reviews').expect(200));
      expect(lots.count).toBe(few.count);
    });
  });

  describe('files', () => {
    let world: CohortWorld;
    let owner: SignedInAgent;
    let reviewer: SignedInAgent;

    beforeAll(async () => {
      world = await buildCohort(t.db, { teacherCount: 3, modules: [{ title: 'Files module', method: 'approval' }] });
      owner = await signIn(t, world.teachers[0]);
      reviewer = await signIn(t, world.mentor);
    });

    const handIn = async (who: CohortWorld['teachers'][number], file: Buffer, filename: string, contentType: string) => {
      const agent = await signIn(t, who);
      await agent.agent
        .post(`/path/modules/${world.modules[0].id}/submit?cohort=${world.cohort.id}`)
        .field('_csrf', agent.csrf)
        .field('text', 'See the file')
        .attach('file', file, { filename, contentType })
        .expect(303);
      return (await progressOf(who.id, world.modules[0].id)).id as string;
    };

    it('previews an image inline in the review page, sandboxed and framable only by the site', async () => {
      const id = await handIn(world.teachers[0], PNG, 'board.png', 'image/png');
      const page = await reviewer.get(`/reviews/${id}`).expect(200);
      expect(page.text).toContain(`<img src="/progress/${id}/file/preview" alt="The submitted image board.png">`);
      const res = await reviewer.get(`/progress/${id}/file/preview`).expect(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-disposition']).toMatch(/^inline; filename="?board\.png"?$/);
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox; frame-ancestors 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      // The teacher's own file previews for them too; a stranger gets nothing.
      await owner.get(`/progress/${id}/file/preview`).expect(200);
      await (await signIn(t, world.teachers[1])).get(`/progress/${id}/file/preview`).expect(404);
      await (await signIn(t, world.admin)).get(`/progress/${id}/file/preview`).expect(404);
    });

    it('previews a PDF in a frame of the review page', async () => {
      const id = await handIn(world.teachers[1], PDF, 'plan.pdf', 'application/pdf');
      const page = await reviewer.get(`/reviews/${id}`).expect(200);
      expect(page.text).toContain(`<iframe class="file-preview pdf-preview" src="/progress/${id}/file/preview" title="The submitted PDF plan.pdf">`);
      const res = await reviewer.get(`/progress/${id}/file/preview`).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^inline;/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    });

    it('never serves any other type inline: a Word file is only a download', async () => {
      const id = await handIn(world.teachers[2], DOCX, 'notes.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const page = await reviewer.get(`/reviews/${id}`).expect(200);
      expect(page.text).not.toContain('/file/preview');
      await reviewer.get(`/progress/${id}/file/preview`).expect(404);
      const download = await reviewer.get(`/progress/${id}/file`).expect(200);
      expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    });
  });

  describe('home and path', () => {
    it('shows the teacher the work under review on home', async () => {
      await setProgress(t.db, w.cohort.id, w.teachers[0].id, lesson, 'submitted', 2);
      const home = await teacher.get('/').expect(200);
      const work = home.text.slice(home.text.indexOf('My submitted work'));
      expect(work).toMatch(/<h4>Waiting for your mentor&#x27;s review<\/h4>\s*<ul class="plain-list">\s*<li><a href="[^"]+" lang="en" dir="ltr">Lesson plan<\/a>/);
    });

    it('folds a completed phase and shows a progress bar of approved out of required', async () => {
      const world = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Done one', method: 'self' }] });
      const phase2 = await createPhase(t.db, world.programme.id, 1, 'Second phase');
      const open = await createModule(t.db, world.programme.id, phase2.id, 0, { title: 'Still to do', method: 'approval' });
      await setWindow(t.db, world.cohort.id, open.id, -10, 20);
      await setProgress(t.db, world.cohort.id, world.teachers[0].id, world.modules[0].id, 'approved', 3);
      const agent = await signIn(t, world.teachers[0]);
      const path = await agent.get('/path').expect(200);
      expect(path.text).toMatch(/<progress id="path-progress" max="2" value="1"/);
      expect(path.text).toContain('<label for="path-progress">Required modules approved</label>');
      const firstPhase = path.text.slice(path.text.indexOf('Phase 1'), path.text.indexOf('Second phase'));
      expect(firstPhase).toContain('<details class="phase-fold">');
      expect(firstPhase).toContain('Done one');
      const secondPhase = path.text.slice(path.text.indexOf('Second phase'));
      expect(secondPhase).not.toContain('<details');
    });
  });
});
