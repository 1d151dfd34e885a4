import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { createUser } from '../support/factories.js';
import { countQueries } from '../support/query-counter.js';
import { buildCohort, type CohortWorld } from '../support/progress-factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

/** Every file of a ZIP, unpacked in memory. */
function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}


describe('portfolio and goals (issue 12)', () => {
  let t: TestApp;
  let w: CohortWorld;
  let otherCohort: CohortWorld;
  let otherCity: CohortWorld;
  let author: SignedInAgent;
  const people: Record<string, SignedInAgent> = {};
  const entries: Record<string, { id: string; fileId: string }> = {};

  /** Writes an entry with one PDF through the form, as the author does; returns its id and its file's id. */
  async function write(fields: Record<string, string>): Promise<{ id: string; fileId: string }> {
    let req = author.agent.post('/portfolio').field('_csrf', author.csrf);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    const res = await req.attach('file', PDF, { filename: 'evidence.pdf', contentType: 'application/pdf' }).expect(303);
    const id = /\/portfolio\/([0-9a-f-]{36})$/.exec(res.headers.location)![1];
    const [file] = await t.db.query('SELECT id FROM portfolio_file WHERE entry_id = $1', [id]);
    return { id, fileId: file.id };
  }

  const uploads = () => {
    try {
      return readdirSync(join(t.config.dataDir, 'uploads')).length;
    } catch {
      return 0;
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCohort(t.db, { teacherCount: 2, modules: [{ title: 'Listening to students' }], teacherNames: ['Noa Author', 'Peer Teacher'] });
    otherCohort = await buildCohort(t.db, { teacherCount: 1, modules: [{}], city: w.city });
    otherCity = await buildCohort(t.db, { teacherCount: 1, modules: [{}] });
    const network = await createUser(t.db, { roles: ['network_admin'] });
    author = await signIn(t, w.teachers[0]);
    const sign = async (name: string, user: Parameters<typeof signIn>[1]) => (people[name] = await signIn(t, user));
    await Promise.all([
      sign('mentor', w.mentor),
      sign('peer', w.teachers[1]),
      sign('anotherMentor', otherCohort.mentor),
      sign('otherCohortTeacher', otherCohort.teachers[0]),
      sign('departmentAdmin', w.admin),
      sign('otherCityAdmin', otherCity.admin),
      sign('networkAdmin', network),
    ]);
    people.author = author;
    entries.private = await write({ title: 'Private thoughts', body: 'Only mine', visibility: 'private', intent: 'publish' });
    entries.mentor = await write({ title: 'For my mentor', body: 'Version one', visibility: 'mentor', intent: 'publish', module: w.modules[0].id });
    entries.cohort = await write({ title: 'For everyone', body: 'שיעור על הקשבה לתלמידים', visibility: 'cohort', intent: 'publish' });
    entries.draft = await write({ title: 'Unfinished', body: 'Not yet', visibility: 'cohort', intent: 'draft' });
    await author.post(`/portfolio/${entries.mentor.id}/edit`, { title: 'For my mentor', body: 'Version two', visibility: 'mentor', intent: 'publish', module: w.modules[0].id }).expect(303);
  });
  afterAll(() => t.close());

  const READERS: Record<string, string[]> = {
    private: ['author'],
    mentor: ['author', 'mentor'],
    cohort: ['author', 'mentor', 'peer'],
    draft: ['author'],
  };
  const ROLES = ['author', 'mentor', 'anotherMentor', 'peer', 'otherCohortTeacher', 'departmentAdmin', 'otherCityAdmin', 'networkAdmin'];

  describe.each(Object.keys(READERS))('a %s entry', (kind) => {
    it.each(ROLES)('is read (page, file, earlier version) by %s only as the policy says', async (role) => {
      const agent = people[role];
      const { id, fileId } = entries[kind];
      const allowed = READERS[kind].includes(role);
      const page = await agent.get(`/portfolio/${id}`);
      expect(page.status).toBe(allowed ? 200 : 404);
      if (!allowed) expect(page.text).not.toContain(kind === 'cohort' ? 'הקשבה' : 'Version');
      const file = await agent.get(`/portfolio/files/${fileId}`);
      expect(file.status).toBe(allowed ? 200 : 404);
      if (allowed) {
        expect(file.headers['content-disposition']).toMatch(/^attachment; filename="?evidence\.pdf"?$/);
        expect(file.headers['content-type']).toMatch(/^application\/pdf/);
      }
      if (kind === 'mentor') {
        const version = await agent.get(`/portfolio/${id}/versions/1`);
        expect(version.status).toBe(allowed ? 200 : 404);
        if (allowed) expect(version.text).toContain('Version one');
      }
    });
  });

  it('says beside the entry, and in the form, who can read it', async () => {
    const page = await author.get(`/portfolio/${entries.mentor.id}`).expect(200);
    expect(page.text).toContain(`you and your mentor ${w.mentor.displayName}`);
    const cohortPage = await author.get(`/portfolio/${entries.cohort.id}`).expect(200);
    // The peer and the mentor: everyone active in the author's cohort but the author.
    expect(cohortPage.text).toContain('your cohort (2 people)');
    expect((await author.get(`/portfolio/${entries.private.id}`)).text).toContain('only you.');
    expect((await author.get(`/portfolio/${entries.draft.id}`)).text).toContain('only you, while it is a draft.');
    const form = await author.get('/portfolio/new').expect(200);
    expect(form.text).toContain(`you and your mentor ${w.mentor.displayName}`);
    expect(form.text).toContain('your cohort (2 people)');
  });

  it('keeps the earlier version when a published entry changes, and lists it', async () => {
    const page = await people.mentor.get(`/portfolio/${entries.mentor.id}`).expect(200);
    expect(page.text).toContain('Version two');
    expect(page.text).toContain(`/portfolio/${entries.mentor.id}/versions/1`);
    await author.get(`/portfolio/${entries.mentor.id}/versions/2`).expect(404);
    await author.get(`/portfolio/${entries.mentor.id}/versions/x`).expect(404);
  });

  it('lets the mentor give threaded feedback on an entry shared with them, tells the author, and keeps it from the cohort', async () => {
    await people.mentor.post(`/portfolio/${entries.cohort.id}/feedback`, { body: 'Lovely listening — what did the quiet ones say?' }).expect(303);
    const [root] = await t.db.query('SELECT id FROM portfolio_feedback WHERE entry_id = $1', [entries.cohort.id]);
    const [told] = await t.db.query(`SELECT kind, link FROM notification WHERE recipient_id = $1 AND kind = 'portfolio.feedback'`, [w.teachers[0].id]);
    expect(told.link).toBe(`/portfolio/${entries.cohort.id}`);
    await author.post(`/portfolio/${entries.cohort.id}/feedback`, { body: 'They drew instead of talking', parent: root.id }).expect(303);
    const [answered] = await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1 AND kind = 'portfolio.reply'`, [w.mentor.id]);
    expect(answered.n).toBe(1);
    const own = await author.get(`/portfolio/${entries.cohort.id}`).expect(200);
    expect(own.text).toContain('what did the quiet ones say?');
    expect(own.text).toContain('They drew instead of talking');
    const peer = await people.peer.get(`/portfolio/${entries.cohort.id}`).expect(200);
    expect(peer.text).not.toContain('quiet ones');
    await people.peer.post(`/portfolio/${entries.cohort.id}/feedback`, { body: 'Me too' }).expect(404);
    await people.mentor.post(`/portfolio/${entries.private.id}/feedback`, { body: 'Peek' }).expect(404);
    await people.departmentAdmin.post(`/portfolio/${entries.mentor.id}/feedback`, { body: 'Peek' }).expect(404);
    const empty = await people.mentor.post(`/portfolio/${entries.mentor.id}/feedback`, { body: '  ' }).expect(400);
    expect(empty.text).toContain('error-summary');
  });

  it('shows shared entries to the mentor and the cohort showcase to peers, never drafts or private ones, and lets the author withdraw', async () => {
    const shared = await people.mentor.get('/portfolio/shared').expect(200);
    expect(shared.text).toContain('For my mentor');
    expect(shared.text).toContain('For everyone');
    expect(shared.text).not.toContain('Private thoughts');
    expect(shared.text).not.toContain('Unfinished');
    const showcase = await people.peer.get('/portfolio/showcase').expect(200);
    expect(showcase.text).toContain('For everyone');
    expect(showcase.text).not.toContain('For my mentor');
    expect((await people.otherCohortTeacher.get('/portfolio/showcase').expect(200)).text).not.toContain('For everyone');
    expect((await people.departmentAdmin.get('/portfolio/shared').expect(200)).text).not.toContain('For everyone');
    await people.peer.post(`/portfolio/${entries.cohort.id}/withdraw`).expect(404);
    const extra = await write({ title: 'Shared then withdrawn', body: 'x', visibility: 'cohort', intent: 'publish' });
    await author.post(`/portfolio/${extra.id}/withdraw`).expect(303);
    await people.peer.get(`/portfolio/${extra.id}`).expect(404);
    await people.mentor.get(`/portfolio/${extra.id}`).expect(200);
  });

  it('lists, searches (prefix, Hebrew too) and filters only my own entries', async () => {
    const all = await author.get('/portfolio').expect(200);
    for (const title of ['Private thoughts', 'For my mentor', 'For everyone', 'Unfinished']) expect(all.text).toContain(title);
    expect(all.text).toContain('href="/portfolio/new"');
    const hebrew = await author.get(`/portfolio?q=${encodeURIComponent('הקש')}`).expect(200);
    expect(hebrew.text).toContain('For everyone');
    expect(hebrew.text).not.toContain('Private thoughts');
    const drafts = await author.get('/portfolio?state=draft').expect(200);
    expect(drafts.text).toContain('Unfinished');
    expect(drafts.text).not.toContain('For everyone');
    const byModule = await author.get(`/portfolio?module=${w.modules[0].id}`).expect(200);
    expect(byModule.text).toContain('For my mentor');
    expect(byModule.text).not.toContain('Private thoughts');
    expect((await people.peer.get(`/portfolio?q=${encodeURIComponent('הקש')}`).expect(200)).text).not.toContain('For everyone');
    await author.get('/portfolio?visibility=everyone').expect(400);
    await author.get(`/portfolio?q=${encodeURIComponent("') & !(")}`).expect(200);
    await people.departmentAdmin.get('/portfolio').expect(403);
  });

  it('keeps what was typed when a save fails, and refuses links to someone else’s module or goal', async () => {
    const res = await author.post('/portfolio', { title: '', body: 'Keep every word of this', visibility: 'mentor', intent: 'publish' }).expect(400);
    expect(res.text).toContain('Keep every word of this');
    expect(res.text).toMatch(/id="visibility-mentor"[^>]*checked/);
    const foreign = await author.post('/portfolio', { title: 'x', body: 'y', visibility: 'private', module: otherCity.modules[0].id }).expect(400);
    expect(foreign.text).toContain('Choose a module of your own programme.');
  });

  it('refuses a file that lies about its type, or is too large, with a message, and stores nothing', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM portfolio_entry'))[0].n;
    const files = uploads();
    const lying = await author.agent
      .post('/portfolio')
      .field('_csrf', author.csrf)
      .field('title', 'Lying file')
      .field('visibility', 'private')
      .attach('file', PNG, { filename: 'report.pdf', contentType: 'application/pdf' })
      .expect(400);
    expect(lying.text).toContain('This kind of file is not accepted');
    expect(lying.text).toContain('Lying file');
    const large = await author.agent
      .post('/portfolio')
      .field('_csrf', author.csrf)
      .field('title', 'Large file')
      .field('visibility', 'private')
      .attach('file', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), { filename: 'big.pdf', contentType: 'application/pdf' })
      .expect(400);
    expect(large.text).toContain('larger than 10 MB');
    expect((await t.db.query('SELECT count(*)::int AS n FROM portfolio_entry'))[0].n).toBe(before);
    expect(uploads()).toBe(files);
  });

  describe('content safety', () => {
    const HOSTILE = [
      '**bold words**',
      '',
      '- first item',
      '- second item',
      '',
      '[a safe link](https://example.org/page)',
      '',
      '<script>alert("x")</script>',
      '<img src="x" onerror="alert(1)">',
      '[click me](javascript:alert(1))',
      '<a href="javascript:alert(2)">raw</a>',
      '&lt;script&gt;alert(3)&lt;/script&gt; &amp; ok',
    ].join('\n');
    let id: string;

    beforeAll(async () => {
      ({ id } = await write({ title: '<script>alert("t")</script> "quoted" & <b>', body: HOSTILE, visibility: 'mentor', intent: 'publish' }));
      await author.post('/goals', { frame: 'you', what: '<img src=x onerror=alert(9)> see each child', why: '<script>bad()</script>', checkInEveryDays: '14' }).expect(303);
    });

    const inert = (html: string) => {
      expect(html).not.toMatch(/<script>alert|<script>bad/);
      expect(html).not.toMatch(/<img[^>]*onerror/i);
      expect(html).not.toMatch(/href="javascript:/i);
      expect(html).not.toContain('<b>');
    };

    it('renders formatting and nothing that runs, in the page', async () => {
      for (const agent of [author, people.mentor]) {
        const page = await agent.get(`/portfolio/${id}`).expect(200);
        inert(page.text);
        expect(page.text).toContain('<strong>bold words</strong>');
        expect(page.text).toContain('<li dir="auto">first item</li>');
        expect(page.text).toContain('href="https://example.org/page"');
        expect(page.text).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;');
      }
      const goals = await author.get('/goals').expect(200);
      inert(goals.text);
      expect(goals.text).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(9)&gt; see each child');
    });

    it('exports the whole portfolio as a ZIP: every entry, file and goal, inert, right-to-left where Hebrew', async () => {
      const res = await author.agent.get('/portfolio/export.zip').buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => callback(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/zip/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?portfolio\.zip"?$/);
      const files = await unzip(res.body as Buffer);
      const own = await t.db.query('SELECT id, title FROM portfolio_entry WHERE author_id = $1', [w.teachers[0].id]);
      const ownFiles = await t.db.query('SELECT f.id FROM portfolio_file f JOIN portfolio_entry e ON e.id = f.entry_id WHERE e.author_id = $1', [w.teachers[0].id]);
      const names = [...files.keys()];
      expect(names.filter((n) => n.startsWith('entries/') && n.endsWith('.md'))).toHaveLength(own.length);
      expect(names.filter((n) => n.startsWith('files/'))).toHaveLength(ownFiles.length);
      for (const f of ownFiles) expect(files.get(`files/${f.id}/evidence.pdf`)?.subarray(0, 5).toString()).toBe('%PDF-');
      const data = JSON.parse(files.get('data.json')!.toString('utf8'));
      expect(data.entries.map((e: { id: string }) => e.id).sort()).toEqual(own.map((e: { id: string }) => e.id).sort());
      expect(data.goals.some((g: { what: string }) => g.what.includes('see each child'))).toBe(true);
      const html = files.get('portfolio.html')!.toString('utf8');
      inert(html);
      expect(html).toContain('<strong>bold words</strong>');
      expect(html).toMatch(/<article dir="rtl">\s*<h2 dir="auto">For everyone<\/h2>/);
      expect(html).toContain('see each child');
      const [audited] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'portfolio.exported' AND actor_id = $1`, [w.teachers[0].id]);
      expect(audited.n).toBe(1);
      await people.departmentAdmin.get('/portfolio/export.zip').expect(403);
    });
  });

  describe('goals', () => {
    let goalId: string;
    beforeAll(async () => {
      const res = await author
        .post('/goals', { frame: 'me', what: 'לשאול שאלות פתוחות', why: 'Curiosity', evidence: 'Students ask back', targetOn: '2027-06-30', checkInEveryDays: '7' })
        .expect(303);
      goalId = /\/goals\/([0-9a-f-]{36})$/.exec(res.headers.location)![1];
    });

    it('records dated check-ins with a rating, refuses a bad one with the form kept, and links reflections into the timeline', async () => {
      await author.post(`/goals/${goalId}/check-ins`, { day: '2026-11-20', note: 'Tried it twice', rating: '3' }).expect(303);
      const bad = await author.post(`/goals/${goalId}/check-ins`, { day: '2026-11-21', note: 'Keep this note', rating: '9' }).expect(400);
      expect(bad.text).toContain('Keep this note');
      await author.post(`/goals/${goalId}/check-ins`, { day: '2999-01-01', note: 'Future', rating: '2' }).expect(400);
      await write({ title: 'Reflection on questions', body: 'b', visibility: 'mentor', intent: 'publish', goal: goalId });
      await write({ title: 'Private on questions', body: 'b', visibility: 'private', intent: 'publish', goal: goalId });
      const own = await author.get(`/goals/${goalId}`).expect(200);
      expect(own.text).toContain('Tried it twice');
      expect(own.text).toContain('Reflection on questions');
      expect(own.text).toContain('Private on questions');
      const mentor = await people.mentor.get(`/goals/${goalId}`).expect(200);
      expect(mentor.text).toContain('Tried it twice');
      expect(mentor.text).toContain('Reflection on questions');
      expect(mentor.text).not.toContain('Private on questions');
    });

    it('is read by the owner and their mentor only; the mentor comments and the owner is told', async () => {
      for (const role of ['peer', 'anotherMentor', 'otherCohortTeacher', 'departmentAdmin', 'otherCityAdmin', 'networkAdmin'])
        expect([role, (await people[role].get(`/goals/${goalId}`)).status]).toEqual([role, 404]);
      await people.peer.post(`/goals/${goalId}/comments`, { body: 'hi' }).expect(404);
      await people.mentor.post(`/goals/${goalId}/check-ins`, { note: 'x', rating: '3' }).expect(403);
      await people.mentor.post(`/goals/${goalId}/comments`, { body: 'Which question worked best?' }).expect(303);
      const [told] = await t.db.query(`SELECT link FROM notification WHERE recipient_id = $1 AND kind = 'goals.comment'`, [w.teachers[0].id]);
      expect(told.link).toBe(`/goals/${goalId}`);
      expect((await people.mentor.get('/goals/mentees').expect(200)).text).toContain('לשאול שאלות פתוחות');
      expect((await people.anotherMentor.get('/goals/mentees').expect(200)).text).not.toContain('לשאול שאלות פתוחות');
    });

    it('marks a goal achieved with a note, and shows goals due for a check-in on the teacher’s home', async () => {
      await t.db.query(`UPDATE goal SET created_at = now() - interval '30 days' WHERE owner_id = $1 AND what LIKE '%see each child'`, [w.teachers[0].id]);
      const home = await author.get('/').expect(200);
      expect(home.text).toContain('see each child');
      await author.post(`/goals/${goalId}/status`, { status: 'achieved', note: 'They ask me now' }).expect(303);
      const page = await author.get(`/goals/${goalId}`).expect(200);
      expect(page.text).toContain('They ask me now');
      expect(page.text).toContain('Achieved');
    });
  });

  it('sends as many statements for 30 entries and goals as for 3 (lists, shared list, goal page)', async () => {
    const world = await buildCohort(t.db, { teacherCount: 2, modules: [{}] });
    const [writer, reader, mentor] = [await signIn(t, world.teachers[0]), await signIn(t, world.teachers[1]), await signIn(t, world.mentor)];
    const [goal] = await t.db.query(`INSERT INTO goal (owner_id, frame, what) VALUES ($1, 'me', 'Counted') RETURNING id`, [world.teachers[0].id]);
    const add = (n: number) =>
      t.db.query(
        `WITH e AS (INSERT INTO portfolio_entry (author_id, title, visibility, published_at, module_id, goal_id)
                    SELECT $1, 'Entry ' || i, 'cohort', now(), $2, $3 FROM generate_series(1, $4::int) i RETURNING id)
         INSERT INTO portfolio_file (entry_id, file_key, file_name, file_type, file_size) SELECT id, gen_random_uuid(), 'a.pdf', 'application/pdf', 1 FROM e`,
        [world.teachers[0].id, world.modules[0].id, goal.id, n],
      );
    const addGoals = (n: number) =>
      t.db.query(
        `WITH g AS (INSERT INTO goal (owner_id, frame, what) SELECT $1, 'us', 'Goal ' || i FROM generate_series(1, $2::int) i RETURNING id)
         INSERT INTO goal_check_in (goal_id, checked_on, note, rating) SELECT id, current_date, 'n', 3 FROM g`,
        [world.teachers[0].id, n],
      );
    const counts = async () => [
      (await countQueries(t.db, () => writer.get('/portfolio').expect(200))).count,
      (await countQueries(t.db, () => reader.get('/portfolio/showcase').expect(200))).count,
      (await countQueries(t.db, () => mentor.get('/portfolio/shared').expect(200))).count,
      (await countQueries(t.db, () => writer.get('/goals').expect(200))).count,
      (await countQueries(t.db, () => mentor.get('/goals/mentees').expect(200))).count,
      (await countQueries(t.db, () => mentor.get(`/goals/${goal.id}`).expect(200))).count,
    ];
    await add(3);
    await addGoals(3);
    const few = await counts();
    await add(27);
    await addGoals(27);
    expect(await counts()).toEqual(few);
  });

  it('counts published reflections, not drafts, in the completion figures', async () => {
    const csv = await people.departmentAdmin.get(`/cohorts/${w.cohort.id}/progress.csv`).expect(200);
    const published = (await t.db.query('SELECT count(*)::int AS n FROM portfolio_entry WHERE author_id = $1 AND published_at IS NOT NULL', [w.teachers[0].id]))[0].n;
    const row = csv.text.split('\n').find((line) => line.includes('Noa Author'))!;
    expect(row).toContain(`,${published},`);
  });
});
