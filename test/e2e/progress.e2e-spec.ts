import { createMunicipality, createUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, createWorkshopEvent, enrol, setProgress } from '../support/progress-factories.js';
import { countQueries } from '../support/query-counter.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe("the teacher's path and module progress", () => {
  let t: TestApp;
  let w: CohortWorld;
  let teacher: SignedInAgent;
  let self: string, essay: string, locked: string, later: string, workshop: string;
  /** The register of the opening workshop's event. */
  let register: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCohort(t.db, {
      teacherCount: 2,
      modules: [
        { title: 'Getting to know each other', method: 'self', bodyMd: '# Welcome\n\nRead **this** first.<script>alert(1)</script>' },
        { title: 'Portrait of a student', method: 'approval' },
        { title: 'Designing the city model', method: 'self' },
        { title: 'Implementing connected education', method: 'self', opens: 20, due: 60 },
        { title: 'Opening workshop', method: 'attendance' },
      ],
    });
    [self, essay, locked, later, workshop] = w.modules.map((m) => m.id);
    register = `/cohorts/${w.cohort.id}/workshops/${(await createWorkshopEvent(t.db, w.cohort.id, workshop)).id}/attendance`;
    await t.db.query('INSERT INTO module_prerequisite (module_id, prerequisite_id) VALUES ($1, $2), ($1, $3)', [locked, self, essay]);
    teacher = await signIn(t, w.teachers[0]);
  });
  afterAll(() => t.close());

  const moduleUrl = (id: string) => `/path/modules/${id}?cohort=${w.cohort.id}`;

  it('shows the path with phases, modules, windows, statuses and what to do next', async () => {
    const res = await teacher.get('/path').expect(200);
    expect(res.text).toContain('Phase 1');
    expect(res.text).toContain('Getting to know each other');
    expect(res.text).toContain('Not started');
    expect(res.text).toContain('Start this module, then mark it done.');
    // Work for a mentor is started by handing it in; a workshop by attending it: no separate start.
    expect(res.text).toContain('Hand in your work below: handing it in starts the module.');
    expect(res.text).toMatch(/Locked until these are approved: Getting to know each other, Portrait of a student\./);
    expect(res.text).toMatch(/Locked: this module opens on \d/);
    expect(res.text).toContain('href="/path"');
  });

  it('renders the module body as sanitised Markdown with objectives and prompt', async () => {
    const res = await teacher.get(moduleUrl(self)).expect(200);
    expect(res.text).toContain('<h2>Welcome</h2>');
    expect(res.text).toContain('<strong>this</strong>');
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).toContain('What did you notice?');
    expect(res.text).toContain('Objective one');
  });

  it('starts a self-completed module and marks it done, keeping the history', async () => {
    const started = await teacher.post(`/path/modules/${self}/start?cohort=${w.cohort.id}`).expect(303);
    expect(started.headers.location).toBe(moduleUrl(self));
    await teacher.post(`/path/modules/${self}/done?cohort=${w.cohort.id}`).expect(303);
    const page = await teacher.get(moduleUrl(self)).expect(200);
    expect(page.text).toContain('Approved');
    const events = await t.db.query(
      `SELECT e.from_status AS "from", e.to_status AS "to", e.actor_id AS actor FROM progress_event e JOIN module_progress p ON p.id = e.progress_id
        WHERE p.module_id = $1 AND p.teacher_id = $2 ORDER BY e.id`,
      [self, w.teachers[0].id],
    );
    expect(events).toEqual([
      { from: 'not_started', to: 'in_progress', actor: w.teachers[0].id },
      { from: 'in_progress', to: 'approved', actor: w.teachers[0].id },
    ]);
  });

  it('refuses to skip states: marking done a module not started, or done twice', async () => {
    const other = await signIn(t, w.teachers[1]);
    await other.post(`/path/modules/${self}/done?cohort=${w.cohort.id}`).expect(409);
    await teacher.post(`/path/modules/${self}/done?cohort=${w.cohort.id}`).expect(409);
    const rows = await t.db.query('SELECT 1 FROM module_progress WHERE teacher_id = $1', [w.teachers[1].id]);
    expect(rows).toHaveLength(0);
  });

  it('refuses to start a locked module (prerequisites or window)', async () => {
    await teacher.post(`/path/modules/${locked}/start?cohort=${w.cohort.id}`).expect(409);
    await teacher.post(`/path/modules/${later}/start?cohort=${w.cohort.id}`).expect(409);
  });

  it('submits work with a PDF; the mentor returns it with a comment; the teacher resubmits and it is approved', async () => {
    await teacher.post(`/path/modules/${essay}/start?cohort=${w.cohort.id}`).expect(303);
    const submitted = await teacher.agent
      .post(`/path/modules/${essay}/submit?cohort=${w.cohort.id}`)
      .field('_csrf', teacher.csrf)
      .field('text', 'Dana <b>loves</b> maps')
      .attach('file', PDF, { filename: 'portrait.pdf', contentType: 'application/pdf' })
      .expect(303);
    expect(submitted.headers.location).toBe(moduleUrl(essay));

    const mentor = await signIn(t, w.mentor);
    const queue = await mentor.get('/reviews').expect(200);
    expect(queue.text).toContain('Portrait of a student');
    const [{ id }] = await t.db.query('SELECT id FROM module_progress WHERE module_id = $1 AND teacher_id = $2', [essay, w.teachers[0].id]);
    const review = await mentor.get(`/reviews/${id}`).expect(200);
    expect(review.text).toContain('Dana &lt;b&gt;loves&lt;/b&gt; maps');
    expect(review.text).toContain(`/progress/${id}/file`);

    const file = await mentor.get(`/progress/${id}/file`).expect(200);
    expect(file.headers['content-type']).toMatch(/application\/pdf/);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="?portrait\.pdf"?/);
    const stored = await t.db.query(
      'SELECT submission_file_key AS key, submission_file_name AS name, submission_file_size AS size FROM module_progress WHERE id = $1',
      [id],
    );
    expect(stored[0]).toMatchObject({ name: 'portrait.pdf', size: PDF.length });
    expect(stored[0].key).toMatch(/^[0-9a-f-]{36}$/);

    const noComment = await mentor.post(`/reviews/${id}/return`, { comment: '  ' }).expect(400);
    expect(noComment.text).toContain('aria-invalid="true"');
    await mentor.post(`/reviews/${id}/return`, { comment: 'Add one concrete example, please.' }).expect(303);

    const returned = await teacher.get(moduleUrl(essay)).expect(200);
    expect(returned.text).toContain('Add one concrete example, please.');
    expect(returned.text).toContain('Returned for revision');

    await teacher.agent
      .post(`/path/modules/${essay}/submit?cohort=${w.cohort.id}`)
      .field('_csrf', teacher.csrf)
      .field('text', 'Dana loves maps: she drew our school.')
      .expect(303);
    await mentor.post(`/reviews/${id}/approve`).expect(303);
    const row = await t.db.query('SELECT status, reviewed_by AS "reviewedBy" FROM module_progress WHERE id = $1', [id]);
    expect(row[0]).toEqual({ status: 'approved', reviewedBy: w.mentor.id });
    const audit = await t.db.query(`SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY id`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['progress.returned', 'progress.approved']);
  });

  it('keeps a Hebrew file name and serves it only as a download', async () => {
    const other = await signIn(t, w.teachers[1]);
    await other.post(`/path/modules/${essay}/start?cohort=${w.cohort.id}`);
    await other.agent
      .post(`/path/modules/${essay}/submit?cohort=${w.cohort.id}`)
      .field('_csrf', other.csrf)
      .attach('file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), { filename: 'ציור.png', contentType: 'image/png' })
      .expect(303);
    const [{ id, name }] = await t.db.query('SELECT id, submission_file_name AS name FROM module_progress WHERE module_id = $1 AND teacher_id = $2', [
      essay,
      w.teachers[1].id,
    ]);
    expect(name).toBe('ציור.png');
    const file = await other.get(`/progress/${id}/file`).expect(200);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''%D7%A6%D7%99%D7%95%D7%A8.png");
    expect(file.headers['content-security-policy']).toContain('sandbox');
    // Back to "in progress" for the tests below, which submit this module again.
    await t.db.query(`DELETE FROM module_progress WHERE id = $1`, [id]);
    await other.post(`/path/modules/${essay}/start?cohort=${w.cohort.id}`).expect(303);
  });

  it('refuses a multipart submission without the CSRF token', async () => {
    const other = await signIn(t, w.teachers[1]);
    await other.agent.post(`/path/modules/${essay}/submit?cohort=${w.cohort.id}`).field('text', 'hello').expect(403);
  });

  it('re-renders the form for a file that is not what it claims, or is empty of content', async () => {
    const other = await signIn(t, w.teachers[1]);
    const bad = await other.agent
      .post(`/path/modules/${essay}/submit?cohort=${w.cohort.id}`)
      .field('_csrf', other.csrf)
      .field('text', 'kept text')
      .attach('file', Buffer.from('MZ\x90\x00 not a pdf'), { filename: 'report.pdf', contentType: 'application/pdf' })
      .expect(400);
    expect(bad.text).toContain('This kind of file is not accepted');
    expect(bad.text).toContain('kept text');
    expect(bad.text).toMatch(/id="file"[^>]*aria-invalid="true"/);
    const empty = await other.agent.post(`/path/modules/${essay}/submit?cohort=${w.cohort.id}`).field('_csrf', other.csrf).field('text', '').expect(400);
    expect(empty.text).toContain('Write something or attach a file.');
  });

  it('refuses a file over 10 MB on the form', async () => {
    const other = await signIn(t, w.teachers[1]);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const res = await other.agent
      .post(`/path/modules/${essay}/submit?cohort=${w.cohort.id}`)
      .field('_csrf', other.csrf)
      .field('text', 'big one')
      .attach('file', big, { filename: 'big.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('larger than 10 MB');
  });

  it('lets only one of two simultaneous submissions through', async () => {
    const other = await signIn(t, w.teachers[1]);
    const send = () => other.agent.post(`/path/modules/${essay}/submit?cohort=${w.cohort.id}`).field('_csrf', other.csrf).field('text', 'at once');
    const results = await Promise.all([send(), send()]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    const events = await t.db.query(
      `SELECT count(*)::int AS n FROM progress_event e JOIN module_progress p ON p.id = e.progress_id WHERE p.teacher_id = $1 AND p.module_id = $2 AND e.to_status = 'submitted'`,
      [w.teachers[1].id, essay],
    );
    expect(events[0].n).toBe(1);
  });

  it("never shows one teacher another teacher's path, module or file", async () => {
    const [{ id }] = await t.db.query('SELECT id FROM module_progress WHERE module_id = $1 AND teacher_id = $2', [essay, w.teachers[0].id]);
    const stranger = await createUser(t.db, { municipalityId: w.city.id, displayName: 'Stranger Teacher' });
    const elsewhere = await buildCohort(t.db, { modules: [{ title: 'Elsewhere' }], city: w.city });
    await enrol(t.db, elsewhere.cohort.id, w.city.id, stranger.id, 'teacher');
    const other = await signIn(t, stranger);
    await other.get(`/path?cohort=${w.cohort.id}`).expect(404);
    await other.get(moduleUrl(essay)).expect(404);
    await other.get(`/path/modules/${essay}`).expect(404);
    await other.get(`/progress/${id}/file`).expect(404);
    await other.post(`/path/modules/${essay}/start?cohort=${w.cohort.id}`).expect(404);
    await other.get(`/reviews/${id}`).expect(403);
    await other.post(`/reviews/${id}/approve`).expect(403);
    await other.get('/path/modules/not-a-uuid').expect(404);
    await other.get('/path?cohort=nope').expect(404);
  });

  it('refuses a mentor who is not the teacher’s mentor, and another city’s admin', async () => {
    const [{ id }] = await t.db.query(`SELECT id FROM module_progress WHERE teacher_id = $1 AND module_id = $2`, [w.teachers[1].id, essay]);
    const otherMentor = await createUser(t.db, { municipalityId: w.city.id, displayName: 'Other Mentor', preferredLanguage: 'en' });
    await enrol(t.db, w.cohort.id, w.city.id, otherMentor.id, 'mentor');
    const mentor = await signIn(t, otherMentor);
    await mentor.get(`/reviews/${id}`).expect(404);
    await mentor.post(`/reviews/${id}/approve`).expect(404);
    const queue = await mentor.get('/reviews').expect(200);
    expect(queue.text).toContain('Nothing is waiting for your review.');

    const farCity = await createMunicipality(t.db);
    const farAdmin = await signIn(t, await createUser(t.db, { municipalityId: farCity.id, roles: ['department_admin'] }));
    await farAdmin.get(`/reviews/${id}`).expect(404);
    await farAdmin.post(`/reviews/${id}/approve`).expect(404);
  });

  it('keeps submitted work between teacher and mentor: the department admin neither reads nor approves it, and a teacher never approves their own', async () => {
    const [{ id }] = await t.db.query(`SELECT id FROM module_progress WHERE teacher_id = $1 AND module_id = $2`, [w.teachers[1].id, essay]);
    const selfReviewer = await signIn(t, w.teachers[1]);
    await selfReviewer.post(`/reviews/${id}/approve`).expect(403);
    const admin = await signIn(t, w.admin);
    await admin.get(`/reviews/${id}`).expect(404);
    await admin.post(`/reviews/${id}/approve`).expect(404);
    const mentor = await signIn(t, w.mentor);
    await mentor.post(`/reviews/${id}/approve`).expect(303);
    await mentor.post(`/reviews/${id}/approve`).expect(409);
  });

  it("records workshop attendance for the mentor's own group only", async () => {
    const mentor = await signIn(t, w.mentor);
    const page = await mentor.get(register).expect(200);
    expect(page.text).toContain(w.teachers[0].displayName);
    await mentor.post(register, { teacherIds: [w.teachers[0].id] }).expect(303);
    const rows = await t.db.query('SELECT status, reviewed_by AS "by" FROM module_progress WHERE module_id = $1 AND teacher_id = $2', [
      workshop,
      w.teachers[0].id,
    ]);
    expect(rows[0]).toEqual({ status: 'approved', by: w.mentor.id });

    const outsider = await createUser(t.db, { municipalityId: w.city.id, displayName: 'Outsider' });
    await enrol(t.db, w.cohort.id, w.city.id, outsider.id, 'teacher');
    await mentor.post(register, { teacherIds: [outsider.id] }).expect(404);
    // An event of a module that is not (or no longer) completed by attendance takes no register.
    const essayEvent = await createWorkshopEvent(t.db, w.cohort.id, essay);
    await mentor.post(`/cohorts/${w.cohort.id}/workshops/${essayEvent.id}/attendance`, { teacherIds: [w.teachers[1].id] }).expect(409);
    const stranger = await signIn(t, await createUser(t.db, { municipalityId: w.city.id, roles: ['mentor'] }));
    await stranger.get(register).expect(404);
    const student = await signIn(t, w.teachers[1]);
    await student.post(register, { teacherIds: [w.teachers[1].id] }).expect(403);
  });

  it('takes back attendance recorded by mistake when its box is unticked, keeping both moves in the history and the audit', async () => {
    const c = await buildCohort(t.db, { teacherCount: 2, modules: [{ title: 'Corrected workshop', method: 'attendance', opens: -10, due: -2 }] });
    const admin = await signIn(t, c.admin);
    const url = `/cohorts/${c.cohort.id}/workshops/${(await createWorkshopEvent(t.db, c.cohort.id, c.modules[0].id)).id}/attendance`;
    const shownIds = c.teachers.map((teacher) => teacher.id);
    await admin.post(url, { teacherIds: shownIds, shownIds }).expect(303);
    // A request that names only whom it records (no shownIds) takes nobody back.
    await admin.post(url, { teacherIds: [c.teachers[0].id] }).expect(303);
    const status = async () =>
      (await t.db.query(`SELECT status FROM module_progress WHERE module_id = $1 ORDER BY (teacher_id = $2) DESC`, [c.modules[0].id, c.teachers[0].id])).map((r) => r.status);
    expect(await status()).toEqual(['approved', 'approved']);
    const page = await admin.get(url).expect(200);
    expect(page.text).toMatch(new RegExp(`id="t-${c.teachers[1].id}"[^>]* checked`));

    await admin.post(url, { teacherIds: [c.teachers[0].id], shownIds }).expect(303);
    expect(await status()).toEqual(['approved', 'not_started']);
    const history = await t.db.query(
      `SELECT e.from_status AS "from", e.to_status AS "to" FROM progress_event e JOIN module_progress p ON p.id = e.progress_id
        WHERE p.module_id = $1 AND p.teacher_id = $2 ORDER BY e.occurred_at, e.id`,
      [c.modules[0].id, c.teachers[1].id],
    );
    expect(history).toEqual([{ from: 'not_started', to: 'approved' }, { from: 'approved', to: 'not_started' }]);
    const [audit] = await t.db.query(`SELECT details FROM audit_event WHERE action = 'progress.attendance_corrected' AND subject_id = $1`, [c.cohort.id]);
    expect(audit.details.teacherIds).toEqual([c.teachers[1].id]);

    // The reviews page tells this past workshop from an upcoming one.
    const upcoming = await buildCohort(t.db, { teacherCount: 1, city: c.city, modules: [{ title: 'Coming workshop', method: 'attendance', opens: -1, due: 20 }] });
    await createWorkshopEvent(t.db, upcoming.cohort.id, upcoming.modules[0].id);
    const reviews = await admin.get('/reviews').expect(200);
    const past = reviews.text.indexOf('Past workshops');
    expect(past).toBeGreaterThan(-1);
    expect(reviews.text.indexOf('Corrected workshop')).toBeGreaterThan(past);
    expect(reviews.text.indexOf('Coming workshop')).toBeGreaterThan(-1);
    expect(reviews.text.indexOf('Coming workshop')).toBeLessThan(past);
    expect(upcoming.cohort.id).toBeTruthy();
  });

  it('records a register of 30 teachers in as many statements as one of 3', async () => {
    const record = async (teacherCount: number) => {
      const c = await buildCohort(t.db, { teacherCount, modules: [{ title: 'Big workshop', method: 'attendance' }] });
      const admin = await signIn(t, c.admin);
      const url = `/cohorts/${c.cohort.id}/workshops/${(await createWorkshopEvent(t.db, c.cohort.id, c.modules[0].id)).id}/attendance`;
      const { count } = await countQueries(t.db, () => admin.post(url, { teacherIds: c.teachers.map((teacher) => teacher.id) }).expect(303));
      const [{ approved, events }] = await t.db.query(
        `SELECT count(*) FILTER (WHERE p.status = 'approved')::int AS approved,
                (SELECT count(*)::int FROM progress_event e JOIN module_progress q ON q.id = e.progress_id WHERE q.module_id = $1) AS events
           FROM module_progress p WHERE p.module_id = $1`,
        [c.modules[0].id],
      );
      expect({ approved, events }).toEqual({ approved: teacherCount, events: teacherCount });
      return count;
    };
    expect(await record(30)).toBe(await record(3));
  });

  it('changes nothing for a withdrawn teacher', async () => {
    const withdrawn = await createUser(t.db, { municipalityId: w.city.id, preferredLanguage: 'en' });
    await enrol(t.db, w.cohort.id, w.city.id, withdrawn.id, 'teacher', { groupId: w.groupId, status: 'withdrawn' });
    const agent = await signIn(t, withdrawn);
    const path = await agent.get('/path').expect(200);
    expect(path.text).toContain('You have withdrawn from this cohort');
    await agent.post(`/path/modules/${self}/start?cohort=${w.cohort.id}`).expect(409);
    const mentor = await signIn(t, w.mentor);
    await mentor.post(register, { teacherIds: [withdrawn.id] }).expect(409);
    expect(await t.db.query('SELECT 1 FROM module_progress WHERE teacher_id = $1', [withdrawn.id])).toHaveLength(0);
  });

  it('shows an empty state to a teacher in no cohort, with a chooser for several cohorts', async () => {
    const loner = await signIn(t, await createUser(t.db, { roles: ['teacher'], preferredLanguage: 'en' }));
    const res = await loner.get('/path').expect(200);
    expect(res.text).toContain('You are not in a cohort yet');
    const second = await buildCohort(t.db, { modules: [{ title: 'Second cohort module' }], city: w.city });
    await enrol(t.db, second.cohort.id, w.city.id, w.teachers[0].id, 'teacher');
    const both = await teacher.get(`/path?cohort=${second.cohort.id}`).expect(200);
    expect(both.text).toContain('name="cohort"');
    expect(both.text).toContain('Second cohort module');
  });
});

describe('the completion certificate', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('gives a completed teacher a PDF and refuses one who has not completed', async () => {
    const w = await buildCohort(t.db, {
      startDays: 700,
      endDays: 10,
      teacherCount: 2,
      teacherNames: ['שרה כהן', 'Not Yet'],
      modules: [{ opens: -300, due: -200 }],
    });
    await t.db.query(`UPDATE app_user SET preferred_language = 'he' WHERE id = $1`, [w.teachers[0].id]);
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'approved', 210);
    const done = await signIn(t, w.teachers[0]);
    const path = await done.get('/path').expect(200);
    expect(path.text).toContain(`/path/certificate?cohort=${w.cohort.id}`);
    const pdf = await done.agent
      .get(`/path/certificate?cohort=${w.cohort.id}`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((pdf.body as Buffer).toString('latin1')).toMatch(/NotoSansHebrew/);

    const notYet = await signIn(t, w.teachers[1]);
    await notYet.get(`/path/certificate?cohort=${w.cohort.id}`).expect(403);
    const elsewhere = await buildCohort(t.db, { modules: [{}] });
    await done.get(`/path/certificate?cohort=${elsewhere.cohort.id}`).expect(404);
    await done.get('/path/certificate?cohort=x').expect(404);
  });
});
