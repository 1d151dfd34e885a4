import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { createMunicipality, createSchool, createUser, type TestUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, createMentorGroup, enrol, setProgress } from '../support/progress-factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Unique to this run, so finding it anywhere means the submission leaked there. */
const CANARY = randomBytes(6).toString('hex');
const TEXT = `privacy-canary-text-${CANARY}`;
const BYTES = `privacy-canary-bytes-${CANARY}`;
const FILE_NAME = `privacy-canary-name-${CANARY}.pdf`;
const PDF = Buffer.from(`%PDF-1.4\n% ${BYTES}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

/** Everyone who may read the submission: the teacher who handed it in, and their mentor of record. */
const READERS = ['owner', 'mentorOfRecord'];

/** The site's own links on a page: paths only, without fragments. */
function linksOf(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"#]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&')).filter((href) => !href.startsWith('//'));
}

/**
 * Nobody can reach a teacher's submitted text or file without being their mentor of record, made
 * so by someone else (issue 9, "Done when"). As every kind of person, this crawls every GET route
 * the app has — read from the router at run time, path ids filled with the ids of every record of
 * the world — and every link those pages lead to, and looks for the submission's text, its file's
 * bytes and its file's name in every page, CSV and file.
 */
describe('a teacher’s submitted work, searched for on every page, CSV and file of every role', () => {
  let t: TestApp;
  let w: CohortWorld;
  let personas: Record<string, SignedInAgent>;
  let routes: string[];
  let idsByKind: Record<string, string[]>;
  let progressId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCohort(t.db, {
      teacherCount: 2,
      teacherNames: ['Owner Orly', 'Groupmate Gal'],
      modules: [
        { title: 'A portrait of a student', method: 'approval' },
        { title: 'Opening workshop', method: 'attendance' },
        { title: 'Reading', method: 'self' },
      ],
    });
    const [owner, groupmate] = w.teachers;

    // Another mentor of the cohort, with a teacher of their own.
    const otherMentor = await createUser(t.db, { municipalityId: w.city.id, displayName: 'Other Mentor', preferredLanguage: 'en' });
    await enrol(t.db, w.cohort.id, w.city.id, otherMentor.id, 'mentor');
    const otherGroup = await createMentorGroup(t.db, w.cohort.id, otherMentor.id);
    const otherMentee = await createUser(t.db, { municipalityId: w.city.id, preferredLanguage: 'en' });
    await enrol(t.db, w.cohort.id, w.city.id, otherMentee.id, 'teacher', { groupId: otherGroup.id });

    // Another city, with its own admin and cohort; and the network's admin.
    const otherCity = await createMunicipality(t.db, { locale: 'en' });
    const elsewhere = await buildCohort(t.db, { city: otherCity, teacherCount: 1, modules: [{ method: 'approval' }] });
    const network = await createUser(t.db, { roles: ['network_admin'], preferredLanguage: 'en' });
    await createSchool(t.db, otherCity.id);

    // The owner hands in the work through the real route: its text, and a file.
    const ownerAgent = await signIn(t, owner);
    await ownerAgent.post(`/path/modules/${w.modules[0].id}/start?cohort=${w.cohort.id}`).expect(303);
    await ownerAgent.agent
      .post(`/path/modules/${w.modules[0].id}/submit?cohort=${w.cohort.id}`)
      .field('_csrf', ownerAgent.csrf)
      .field('text', `What I noticed about Dana. ${TEXT}`)
      .attach('file', PDF, { filename: FILE_NAME, contentType: 'application/pdf' })
      .expect(303);
    [{ id: progressId }] = await t.db.query('SELECT id FROM module_progress WHERE teacher_id = $1 AND module_id = $2', [owner.id, w.modules[0].id]);
    // Others' progress, so every kind of progress page has something to show.
    await setProgress(t.db, w.cohort.id, groupmate.id, w.modules[0].id, 'submitted');
    await setProgress(t.db, w.cohort.id, otherMentee.id, w.modules[0].id, 'submitted');
    await setProgress(t.db, elsewhere.cohort.id, elsewhere.teachers[0].id, elsewhere.modules[0].id, 'submitted');

    // A department admin of the city who tries to make themselves a mentor of record, every way
    // the review found, and is refused each time (a colleague enrolls them as a mentor and makes
    // them a group's mentor; they still cannot take the owner into it).
    const selfAppointer: TestUser = await createUser(t.db, {
      municipalityId: w.city.id,
      roles: ['department_admin'],
      displayName: 'Ambitious Admin',
      preferredLanguage: 'en',
    });
    const ambitious = await signIn(t, selfAppointer);
    const colleague = await signIn(t, w.admin);
    await ambitious.post(`/cohorts/${w.cohort.id}/members`, { role: 'mentor', userIds: [selfAppointer.id] }).expect(422);
    await colleague.post(`/cohorts/${w.cohort.id}/members`, { role: 'mentor', userIds: [selfAppointer.id] }).expect(303);
    await ambitious.post(`/cohorts/${w.cohort.id}/groups`, { name: 'Mine', mentorId: selfAppointer.id }).expect(422);
    await colleague.post(`/cohorts/${w.cohort.id}/groups`, { name: 'Made by a colleague', mentorId: selfAppointer.id }).expect(303);
    const [ownGroup] = await t.db.query('SELECT id FROM mentor_group WHERE mentor_id = $1', [selfAppointer.id]);
    const [ownerMember] = await t.db.query(`SELECT id FROM cohort_member WHERE cohort_id = $1 AND user_id = $2 AND role = 'teacher'`, [w.cohort.id, owner.id]);
    await ambitious.post(`/cohorts/${w.cohort.id}/groups/assignments`, { memberId: ownerMember.id, groupId: ownGroup.id }).expect(403);

    personas = {
      owner: ownerAgent,
      otherTeacher: await signIn(t, groupmate),
      mentorOfRecord: await signIn(t, w.mentor),
      otherMentor: await signIn(t, otherMentor),
      departmentAdmin: colleague,
      otherCityAdmin: await signIn(t, elsewhere.admin),
      networkAdmin: await signIn(t, network),
      selfAppointedAdmin: ambitious,
    };

    const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
    routes = [...new Set(router.stack.filter((layer) => layer.route?.methods.get).map((layer) => layer.route?.path as string))];

    const ids = async (sql: string) => (await t.db.query(sql)).map((r: { id: string }) => String(r.id));
    idsByKind = {
      cohorts: await ids('SELECT id FROM cohort'),
      users: await ids('SELECT id FROM app_user'),
      programmes: await ids('SELECT id FROM programme'),
      schools: await ids('SELECT id FROM school'),
      municipalities: await ids('SELECT id FROM municipality'),
      progress: await ids('SELECT id FROM module_progress'),
      notifications: await ids('SELECT id FROM notification'),
      members: await ids('SELECT id FROM cohort_member'),
      modules: await ids('SELECT id FROM curriculum_module'),
      phases: await ids('SELECT id FROM programme_phase'),
      groups: await ids('SELECT id FROM mentor_group'),
    };
  }, 120000);
  afterAll(() => t.close());

  /** The ids a path parameter is tried with: by its name, or its resource; every id of the world when neither says. */
  function candidatesFor(route: string, param: string): string[] {
    // Not record ids: a language code and a version number (every id there would be 404s by the thousand).
    if (param === 'language') return ['he', 'ar', 'en', 'xx'];
    if (param === 'version') return ['1', '2', '0'];
    const byName: Record<string, string> = { progressId: 'progress', memberId: 'members', moduleId: 'modules', phaseId: 'phases', groupId: 'groups' };
    if (byName[param]) return idsByKind[byName[param]];
    const resource = route.split('/')[1];
    if (param === 'id' && idsByKind[resource]) return idsByKind[resource];
    return [...new Set(Object.values(idsByKind).flat())];
  }

  /** Every GET route with its parameters filled every way the world allows (password-reset tokens are not records). */
  function seedUrls(): string[] {
    const urls: string[] = [];
    for (const route of routes) {
      const params = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]);
      if (params.includes('token')) continue;
      let filled = [route];
      for (const param of params) filled = filled.flatMap((url) => candidatesFor(route, param).map((id) => url.replace(`:${param}`, id)));
      urls.push(...filled);
    }
    return urls;
  }

  async function crawl(agent: SignedInAgent): Promise<{ visited: number; found: Record<string, string[]> }> {
    const queue = seedUrls();
    const seen = new Set(queue);
    // Links with a query string: at most a few per path (a month calendar links the next month forever).
    const variants = new Map<string, number>();
    const found: Record<string, string[]> = { text: [], bytes: [], name: [] };
    while (queue.length > 0) {
      const url = queue.shift() as string;
      // The body as bytes, whatever its type (pages, CSV, files).
      const res: Response = await agent.agent
        .get(url)
        .buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => callback(null, Buffer.concat(chunks)));
        });
      const body = res.body as Buffer;
      if (body.includes(TEXT)) found.text.push(url);
      if (body.includes(BYTES)) found.bytes.push(url);
      if (body.includes(FILE_NAME) || String(res.headers['content-disposition'] ?? '').includes(FILE_NAME)) found.name.push(url);
      const next = [
        ...(res.headers.location ? [String(res.headers.location)] : []),
        ...(/html/.test(String(res.headers['content-type'])) ? linksOf(body.toString('utf8')) : []),
      ];
      for (const href of next) {
        if (!href.startsWith('/') || href.startsWith('//') || seen.has(href) || seen.size >= 3000) continue;
        const path = href.split('?')[0];
        if (href !== path && (variants.get(path) ?? 0) >= 6) continue;
        variants.set(path, (variants.get(path) ?? 0) + 1);
        seen.add(href);
        queue.push(href);
      }
    }
    return { visited: seen.size, found };
  }

  it('finds the routes and fills their ids', () => {
    expect(routes).toEqual(expect.arrayContaining(['/reviews/:progressId', '/progress/:id/file', '/cohorts/:id/progress.csv', '/path/modules/:moduleId']));
    expect(seedUrls()).toContain(`/progress/${progressId}/file`);
  });

  it.each(['owner', 'otherTeacher', 'mentorOfRecord', 'otherMentor', 'departmentAdmin', 'otherCityAdmin', 'networkAdmin', 'selfAppointedAdmin'])(
    'as %s',
    async (persona) => {
      const { visited, found } = await crawl(personas[persona]);
      expect(visited).toBeGreaterThan(50);
      if (READERS.includes(persona)) {
        // The crawl reaches the work where it belongs: the text on a page, the bytes as a file.
        expect(found.text.length).toBeGreaterThan(0);
        expect(found.bytes).toContain(`/progress/${progressId}/file`);
        expect(found.name.length).toBeGreaterThan(0);
      } else {
        expect(found).toEqual({ text: [], bytes: [], name: [] });
      }
    },
    180000,
  );
});
