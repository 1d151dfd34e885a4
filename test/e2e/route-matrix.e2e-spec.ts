import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import { createMunicipality, createUser, type TestUser } from '../support/factories.js';
import { buildCohort, createMentorGroup, createProgramme, createWorkshopEvent, enrol } from '../support/progress-factories.js';
import {
  ADMINS_REACH_EVERY_TEACHER,
  cityDay,
  fillPath,
  FORMS,
  formatRow,
  MATRIX_ROLES,
  type MatrixIds,
  type MatrixRole,
  outcomeOf,
  ROUTE_MATRIX,
  postOrder,
} from '../support/route-matrix.js';
import { anonymousAgent, signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Unique to this run: finding it in an answer means that answer leaked the record. */
const RUN = randomBytes(5).toString('hex');

interface World {
  label: string;
  ids: Omit<MatrixIds, 'notification'>;
  teacher: TestUser;
  otherTeacher: TestUser;
  mentor: TestUser;
  admin: TestUser;
  /** Each person's own notification, by user id. */
  notificationOf: Record<string, string>;
  otherTeacherProgress: string;
  /** Texts only this world's records hold (names, titles, submitted work). */
  secrets: string[];
  /** Texts only the other teacher's submitted work holds. */
  otherTeacherSecrets: string[];
  /** The query-string filters a list may take, filled with this world's records. */
  filters: Record<string, string>;
  /** The teacher's own session with their mentor, which the teacher (not the mentor) acts on. */
  teacherSession: string;
  teacherActionItem: string;
  /** The other teacher's goal, portfolio entry and file, session with their mentor and its action item. */
  otherTeacherRecords: Pick<MatrixIds, 'goal' | 'portfolioEntry' | 'portfolioFile' | 'session' | 'actionItem'>;
}

/**
 * A teacher's goal and portfolio entry (shared with their mentor, with a file), and their mentor's
 * session with them with shared and private notes and an action item the teacher owns: through
 * the real forms, each holding `secret`.
 */
async function teacherRecords(t: TestApp, teacher: SignedInAgent, mentor: SignedInAgent, teacherId: string, secret: string) {
  const goal = await teacher.post('/goals', { frame: 'me', what: `Goal ${secret}`, why: `Because ${secret}`, checkInEveryDays: '7' }).expect(303);
  const entry = await teacher.agent
    .post('/portfolio')
    .field('_csrf', teacher.csrf)
    .field('title', `Entry ${secret}`)
    .field('body', `Reflection ${secret}`)
    .field('visibility', 'mentor')
    .attach('file', Buffer.from(`%PDF-1.4\n% ${secret}\n%%EOF\n`), { filename: `evidence-${secret}.pdf`, contentType: 'application/pdf' })
    .expect(303);
  const entryId = /\/portfolio\/([0-9a-f-]{36})$/.exec(entry.headers.location)![1];
  const [file] = await t.db.query('SELECT id FROM portfolio_file WHERE entry_id = $1', [entryId]);
  const session = await mentor
    .post('/mentoring/sessions', { day: cityDay(20), start: '10:00', end: '11:00', place: 'Room 4', teacherIds: [teacherId], agenda: `Agenda ${secret}` })
    .expect(303);
  const sessionId = /\/mentoring\/sessions\/([0-9a-f-]{36})$/.exec(session.headers.location)![1];
  await mentor.post(`/mentoring/sessions/${sessionId}/notes`, { agenda: `Agenda ${secret}`, sharedNotes: `Shared ${secret}` }).expect(303);
  await mentor.post(`/mentoring/sessions/${sessionId}/private-note`, { privateNote: `Private ${secret}` }).expect(303);
  await mentor.post(`/mentoring/sessions/${sessionId}/action-items`, { ownerId: teacherId, title: `Item ${secret}`, dueOn: cityDay(5) }).expect(303);
  const [item] = await t.db.query('SELECT id FROM mentoring_action_item WHERE session_id = $1', [sessionId]);
  // A second session with the teacher, with an action item of theirs, which the teacher acts on (ticks it off; a
  // session the mentor scheduled is not theirs to cancel) while the mentor acts on the first.
  const second = await mentor.post('/mentoring/sessions', { day: cityDay(25), start: '10:00', end: '11:00', place: 'Room 4', teacherIds: [teacherId] }).expect(303);
  const secondId = /\/mentoring\/sessions\/([0-9a-f-]{36})$/.exec(second.headers.location)![1];
  await mentor.post(`/mentoring/sessions/${secondId}/action-items`, { ownerId: teacherId, title: `Second item ${secret}`, dueOn: cityDay(6) }).expect(303);
  const [secondItem] = await t.db.query('SELECT id FROM mentoring_action_item WHERE session_id = $1', [secondId]);
  return {
    goal: /\/goals\/([0-9a-f-]{36})$/.exec(goal.headers.location)![1],
    portfolioEntry: entryId,
    portfolioFile: String(file.id),
    session: sessionId,
    actionItem: String(item.id),
    teacherSession: secondId,
    teacherActionItem: String(secondItem.id),
  };
}

/** Every id a page's query string takes as a filter (src/common/query-filters.ts and its callers). */
const FILTERS = ['cohort', 'municipality', 'municipalityId', 'school', 'schoolId', 'group', 'person'] as const;

/** Both teachers hand in their work on the first module through the real route: a text and a file. */
async function handIn(t: TestApp, teacher: TestUser, moduleId: string, cohortId: string, text: string) {
  const agent = await signIn(t, teacher);
  await agent.post(`/path/modules/${moduleId}/start?cohort=${cohortId}`).expect(303);
  await agent.agent
    .post(`/path/modules/${moduleId}/submit?cohort=${cohortId}`)
    .field('_csrf', agent.csrf)
    .field('text', text)
    .attach('file', Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`), { filename: `${text}.pdf`, contentType: 'application/pdf' })
    .expect(303);
  const [row] = await t.db.query('SELECT id FROM module_progress WHERE teacher_id = $1 AND module_id = $2', [teacher.id, moduleId]);
  return { agent, progressId: String(row.id) };
}

/**
 * A city as the demo's: a school, a department admin, a programme of three modules with Hebrew
 * translations, a running cohort with two mentor groups (our mentor's, with our teacher; another
 * mentor's, with the other teacher), both teachers' submitted work, everyone's notification.
 */
async function buildWorld(t: TestApp, label: string) {
  const tag = `${label}-${RUN}`;
  const city = await createMunicipality(t.db, { nameEn: `City ${tag}`, locale: 'en' });
  const w = await buildCohort(t.db, {
    city,
    teacherCount: 1,
    teacherNames: [`Teacher ${tag}`],
    programme: { title: `Programme ${tag}` },
    modules: [
      { title: `Portrait ${tag}`, method: 'approval' },
      { title: `Essay ${tag}`, method: 'approval' },
      { title: `Workshop ${tag}`, method: 'attendance' },
    ],
  });
  const otherMentor = await createUser(t.db, { municipalityId: city.id, displayName: `Other mentor ${tag}`, preferredLanguage: 'en' });
  await enrol(t.db, w.cohort.id, city.id, otherMentor.id, 'mentor');
  const otherGroup = await createMentorGroup(t.db, w.cohort.id, otherMentor.id);
  const otherTeacher = await createUser(t.db, { municipalityId: city.id, schoolId: w.school.id, displayName: `Other teacher ${tag}`, preferredLanguage: 'en' });
  await enrol(t.db, w.cohort.id, city.id, otherTeacher.id, 'teacher', { groupId: otherGroup.id });
  await t.db.query(`UPDATE school SET name = $2 WHERE id = $1`, [w.school.id, `School ${tag}`]);

  await t.db.query(`INSERT INTO programme_translation (programme_id, language, title, source_version) VALUES ($1, 'he', $2, 1)`, [w.programme.id, `תוכנית ${tag}`]);
  await t.db.query(`INSERT INTO programme_phase_translation (phase_id, language, title, source_version) VALUES ($1, 'he', $2, 1)`, [w.phaseId, `שלב ${tag}`]);
  await t.db.query(`INSERT INTO curriculum_module_translation (module_id, language, title, source_version) VALUES ($1, 'he', $2, 1)`, [
    w.modules[0].id,
    `דיוקן ${tag}`,
  ]);

  const teacherWork = `work of the teacher ${tag}`;
  const otherWork = `work of the other teacher ${tag}`;
  const own = await handIn(t, w.teachers[0], w.modules[0].id, w.cohort.id, teacherWork);
  const other = await handIn(t, otherTeacher, w.modules[0].id, w.cohort.id, otherWork);
  const [mentorAgent, otherMentorAgent] = await Promise.all([signIn(t, w.mentor), signIn(t, otherMentor)]);
  const ownRecords = await teacherRecords(t, own.agent, mentorAgent, w.teachers[0].id, `teacher-${tag}`);
  const otherRecords = await teacherRecords(t, other.agent, otherMentorAgent, otherTeacher.id, `other-teacher-${tag}`);

  const people = [w.teachers[0], otherTeacher, w.mentor, w.admin];
  const notes = await t.db.query(
    `INSERT INTO notification (recipient_id, kind, vars, link)
     SELECT id, 'cohorts.mentorChanged', '{}'::jsonb, '/' FROM unnest($1::uuid[]) AS id RETURNING id, recipient_id AS "recipientId"`,
    [people.map((p) => p.id)],
  );
  const [member] = await t.db.query(`SELECT id FROM cohort_member WHERE cohort_id = $1 AND user_id = $2`, [w.cohort.id, w.teachers[0].id]);

  const world: World = {
    label,
    ids: {
      city: city.id,
      school: w.school.id,
      user: otherTeacher.id,
      programme: w.programme.id,
      phase: w.phaseId,
      module: w.modules[0].id,
      pathModule: w.modules[1].id,
      workshop: w.modules[2].id,
      workshopEvent: (await createWorkshopEvent(t.db, w.cohort.id, w.modules[2].id)).id,
      cohort: w.cohort.id,
      member: String(member.id),
      progress: own.progressId,
      language: 'he',
      teacher: w.teachers[0].id,
      ...ownRecords,
    },
    teacherSession: ownRecords.teacherSession,
    teacherActionItem: ownRecords.teacherActionItem,
    teacher: w.teachers[0],
    otherTeacher,
    mentor: w.mentor,
    admin: w.admin,
    notificationOf: Object.fromEntries(notes.map((n: { id: string; recipientId: string }) => [n.recipientId, String(n.id)])),
    otherTeacherProgress: other.progressId,
    secrets: [city.nameEn, `School ${tag}`, `Programme ${tag}`, w.cohort.name, `Teacher ${tag}`, `Other teacher ${tag}`, teacherWork, otherWork, `teacher-${tag}`],
    otherTeacherSecrets: [otherWork, `other-teacher-${tag}`],
    otherTeacherRecords: otherRecords,
    filters: {
      cohort: w.cohort.id,
      municipality: city.id,
      municipalityId: city.id,
      school: w.school.id,
      schoolId: w.school.id,
      group: w.groupId,
      person: w.teachers[0].id,
    },
  };
  return { world, teacherAgent: own.agent, mentorAgent };
}

interface Persona {
  agent: TestAgent;
  csrf: string;
  /** The ids of the records this person reaches. */
  ids: MatrixIds;
  /** Ids of records they must not reach, with the texts those records hold. */
  foreign: { variant: string; ids: MatrixIds; secrets: string[]; swaps: (keyof MatrixIds)[] | 'all' }[];
}

interface Attempt {
  route: string;
  role: MatrixRole;
  variant: string;
  path: string;
  status: number;
  outcome: string;
  leaked: string[];
}

function rawBody(request: ReturnType<TestAgent['get']>) {
  return request.buffer(true).parse((response, callback) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => callback(null, Buffer.concat(chunks)));
  });
}

async function inParallel<T>(items: T[], width: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

/**
 * Every route the app serves, requested as every kind of person, checked against the table in
 * test/support/route-matrix.ts; every route naming a record also with another city's record and
 * another teacher's.
 */
describe('route × role matrix', () => {
  let t: TestApp;
  let routes: string[];
  let cityA: World;
  let cityB: World;
  /** Who sends it, the path, the form naming city B's records, the same form naming city A's. */
  let crossBodies: [MatrixRole, string, Record<string, string | string[]>, Record<string, string | string[]>][] = [];
  const attempts: Attempt[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
    routes = [
      ...new Set(
        router.stack.flatMap((layer) =>
          layer.route
            ? Object.keys(layer.route.methods)
                .filter((m) => m !== '_all')
                .map((m) => `${m.toUpperCase()} ${layer.route?.path}`)
            : [],
        ),
      ),
    ];

    // The network, whose security setting its admins change; it does not ask them for two-factor sign-in (as the demo's).
    await t.db.query(`INSERT INTO network (name, require_two_factor) VALUES ('Matrix network', false)`);
    const [a, b] = await Promise.all([buildWorld(t, 'alpha'), buildWorld(t, 'beta')]);
    const A = (cityA = a.world);
    const B = (cityB = b.world);
    const network = await createUser(t.db, { roles: ['network_admin'], displayName: `Network ${RUN}`, preferredLanguage: 'en' });
    const [networkNote] = await t.db.query(`INSERT INTO notification (recipient_id, kind, vars, link) VALUES ($1, 'cohorts.mentorChanged', '{}', '/') RETURNING id`, [
      network.id,
    ]);

    const idsOf = (w: World, person: TestUser): MatrixIds => ({ ...w.ids, notification: w.notificationOf[person.id] });
    const otherTeacherIds = (w: World): MatrixIds => ({
      ...w.ids,
      ...w.otherTeacherRecords,
      progress: w.otherTeacherProgress,
      notification: w.notificationOf[w.otherTeacher.id],
    });
    const anotherCity = { variant: 'another city', ids: idsOf(B, B.teacher), secrets: B.secrets, swaps: 'all' as const };
    // Another teacher's records: refused to a teacher and a mentor; to the city's admins too,
    // except the few ADMINS_REACH_EVERY_TEACHER, which never show what the teacher wrote.
    const anotherTeacher = (w: World, byAdmin = false) => ({
      variant: byAdmin ? "another teacher, as the city's admin" : 'another teacher',
      ids: otherTeacherIds(w),
      secrets: w.otherTeacherSecrets,
      swaps: ['progress', 'notification', 'goal', 'portfolioEntry', 'portfolioFile', 'session', 'actionItem'] as (keyof MatrixIds)[],
    });
    const mentor = a.mentorAgent;
    const [anonymous, admin, networkAdmin] = await Promise.all([anonymousAgent(t), signIn(t, A.admin), signIn(t, network)]);
    const personas: Record<MatrixRole, Persona> = {
      anonymous: { ...anonymous, ids: idsOf(A, A.teacher), foreign: [] },
      teacher: { ...a.teacherAgent, ids: { ...idsOf(A, A.teacher), session: A.teacherSession, actionItem: A.teacherActionItem }, foreign: [anotherCity, anotherTeacher(A)] },
      mentor: { ...mentor, ids: idsOf(A, A.mentor), foreign: [anotherCity, anotherTeacher(A)] },
      departmentAdmin: { ...admin, ids: idsOf(A, A.admin), foreign: [anotherCity, anotherTeacher(A, true)] },
      // The network admin reaches every city: theirs is city B, and no other city is foreign to them.
      networkAdmin: { ...networkAdmin, ids: { ...B.ids, notification: String(networkNote.id) }, foreign: [anotherTeacher(B, true)] },
    };

    async function attempt(route: string, role: MatrixRole, variant: string, ids: MatrixIds, secrets: string[], query = ''): Promise<Attempt | undefined> {
      const persona = personas[role];
      const [method, pattern] = route.split(' ');
      let path: string;
      try {
        path = fillPath(pattern, ids).path + query;
      } catch (error) {
        attempts.push({ route, role, variant, path: pattern, status: 0, outcome: (error as Error).message, leaked: [] });
        return undefined;
      }
      const request =
        method === 'GET'
          ? persona.agent.get(path)
          : persona.agent
              .post(path)
              .type('form')
              .send({ _csrf: persona.csrf, ...(FORMS[route]?.(ids) ?? {}) });
      const res = await rawBody(request as ReturnType<TestAgent['get']>);
      const body = Buffer.isBuffer(res.body) ? (res.body as Buffer) : Buffer.from(res.text ?? '');
      const leaked = secrets.filter((secret) => body.includes(secret) || String(res.headers['content-disposition'] ?? '').includes(secret));
      const done: Attempt = { route, role, variant, path, status: res.status, outcome: outcomeOf(res.status, res.headers.location as string | undefined), leaked };
      attempts.push(done);
      return done;
    }

    /**
     * Every GET of a role who reaches one city, with every query-string filter naming city B's
     * records: a filter never widens what a person reaches. When the whole set is refused (one
     * filter's 404 would hide what the others do), again without the cohort filter, which the path
     * pages answer so.
     */
    const everyFilter = (without: string[] = []) =>
      '?' + new URLSearchParams(FILTERS.filter((f) => !without.includes(f)).map((f): [string, string] => [f, B.filters[f]])).toString();
    const filterAttempts = (route: string) =>
      (['teacher', 'mentor', 'departmentAdmin'] as const).map((role) => async () => {
        const first = await attempt(route, role, 'city B in the query', personas[role].ids, B.secrets, everyFilter());
        if (first && first.status === 404) await attempt(route, role, 'city B in the query', personas[role].ids, B.secrets, everyFilter(['cohort']));
      });

    /** The foreign variants of a route: only routes naming a record the variant swaps. */
    const foreignAttempts = (route: string) =>
      MATRIX_ROLES.flatMap((role) =>
        personas[role].foreign
          .filter((f) => {
            try {
              const kinds = fillPath(route.split(' ')[1], f.ids).kinds;
              return kinds.length > 0 && (f.swaps === 'all' || kinds.some((k) => (f.swaps as string[]).includes(k)));
            } catch {
              return false;
            }
          })
          .map((f) => () => attempt(route, role, f.variant, f.ids, f.secrets)),
      );

    const gets = routes.filter((r) => r.startsWith('GET '));
    const posts = routes.filter((r) => !r.startsWith('GET '));
    // Reading changes nothing: every GET, own and foreign, in parallel.
    await inParallel(
      [
        ...gets.flatMap((route) => MATRIX_ROLES.map((role) => () => attempt(route, role, 'own', personas[role].ids, []))),
        ...gets.flatMap(foreignAttempts),
        ...gets.flatMap(filterAttempts),
      ],
      6,
      async (run) => void (await run()),
    );
    // Foreign POSTs are all refused (or the test fails), so they run before the own ones change anything.
    await inParallel(posts.flatMap(foreignAttempts), 6, async (run) => void (await run()));
    // A form of one's own city whose fields name city B's records (a school, a person, a group, a
    // phase, a module, the city itself): each refused, one at a time (they would change city A).
    // Each has a control, the same form naming city A's records, sent at the end: it must succeed,
    // so the refusal is the policy's and not a form the test got wrong.
    const moduleForm = { originalLanguage: 'en', title: `Cross ${RUN}`, estimatedHours: '1', kind: 'online', completionMethod: 'self', opensOffsetDays: '0', dueOffsetDays: '1' };
    const programmeForm = { originalLanguage: 'en', title: `Cross ${RUN}`, minSessionsAttended: '0', minReflections: '0', minWorkshopAttendancePct: '0' };
    const [spareTeacher, spareMentor] = await Promise.all([
      createUser(t.db, { municipalityId: A.ids.city, displayName: `Spare teacher ${RUN}` }),
      createUser(t.db, { municipalityId: A.ids.city, displayName: `Spare mentor ${RUN}` }),
    ]);
    const template = await createProgramme(t.db, { municipalityId: null, title: `Template ${RUN}` });
    const form = (f: Record<string, string | string[]>) => f;
    const eventForm = { day: cityDay(40), start: '16:00', end: '18:00', place: 'Cross hall' };
    const at = (route: string) => fillPath(route, personas.departmentAdmin.ids).path;
    const laterModule = `/programmes/${A.ids.programme}/modules/${A.ids.pathModule}`;
    crossBodies = [
      ['departmentAdmin', at('/users/:id/edit'), form({ displayName: 'Moved away', school: B.ids.school }), form({ displayName: 'Stayed', school: A.ids.school })],
      ['departmentAdmin', '/users', form({ email: `cross-${RUN}@example.test`, displayName: 'Crossed', school: B.ids.school }), form({ email: `stay-${RUN}@example.test`, displayName: 'Stayed', school: A.ids.school })],
      ['departmentAdmin', '/schools', form({ name: `Cross ${RUN}`, municipality: B.ids.city }), form({ name: `Stay ${RUN}`, municipality: A.ids.city })],
      ['departmentAdmin', at('/cohorts/:id/members'), form({ role: 'teacher', userIds: [B.teacher.id] }), form({ role: 'teacher', userIds: [spareTeacher.id] })],
      ['departmentAdmin', at('/cohorts/:id/members'), form({ role: 'mentor', userIds: [B.mentor.id] }), form({ role: 'mentor', userIds: [spareMentor.id] })],
      ['departmentAdmin', at('/cohorts/:id/groups'), form({ name: `Cross ${RUN}`, mentorId: B.mentor.id }), form({ name: `Stay ${RUN}`, mentorId: A.mentor.id })],
      ['departmentAdmin', at('/cohorts/:id/groups/assignments'), form({ memberId: A.ids.member, groupId: B.filters.group }), form({ memberId: A.ids.member, groupId: A.filters.group })],
      ['departmentAdmin', at('/cohorts/:id/groups/assignments'), form({ memberId: B.ids.member, groupId: A.filters.group }), form({ memberId: A.ids.member, groupId: A.filters.group })],
      ['departmentAdmin', at('/cohorts/:id/workshops/:eventId/attendance'), form({ teacherIds: [B.teacher.id] }), form({ teacherIds: [A.teacher.id] })],
      ['mentor', at('/cohorts/:id/workshops/:eventId/attendance'), form({ teacherIds: [B.teacher.id] }), form({ teacherIds: [A.teacher.id] })],
      ['departmentAdmin', at('/cohorts/:id/workshops'), form({ ...eventForm, moduleId: B.ids.workshop }), form({ ...eventForm, moduleId: A.ids.workshop })],
      ['departmentAdmin', at('/programmes/:id/modules'), form({ ...moduleForm, phaseId: B.ids.phase }), form({ ...moduleForm, phaseId: A.ids.phase })],
      ['departmentAdmin', laterModule, form({ ...moduleForm, phaseId: A.ids.phase, prerequisiteIds: [B.ids.module] }), form({ ...moduleForm, phaseId: A.ids.phase, prerequisiteIds: [A.ids.module] })],
      ['departmentAdmin', '/programmes', form({ ...programmeForm, municipalityId: B.ids.city }), form({ ...programmeForm, municipalityId: A.ids.city })],
      ['departmentAdmin', `/programmes/${template.id}/copy`, form({ municipalityId: B.ids.city }), form({ municipalityId: A.ids.city })],
    ];
    const sendForm = async (role: MatrixRole, agent: { agent: TestAgent; csrf: string }, variant: string, path: string, fields: Record<string, string | string[]>) => {
      const res = await rawBody(agent.agent.post(path).type('form').send({ _csrf: agent.csrf, ...fields }) as unknown as ReturnType<TestAgent['get']>);
      const body = Buffer.isBuffer(res.body) ? (res.body as Buffer) : Buffer.from(res.text ?? '');
      const leaked = B.secrets.filter((secret) => body.includes(secret));
      attempts.push({ route: `POST ${path}`, role, variant, path: `${path} ${JSON.stringify(fields)}`, status: res.status, outcome: outcomeOf(res.status, undefined), leaked });
    };
    for (const [role, path, probe] of crossBodies) await sendForm(role, personas[role], 'city B in the body', path, probe);
    // Own POSTs change things: one at a time, in postOrder.
    const ordered = [...posts].sort((x, y) => postOrder(x) - postOrder(y));
    const postsOf = async (roles: MatrixRole[]) => {
      for (const role of roles) for (const route of ordered) await attempt(route, role, 'own', personas[role].ids, []);
    };
    // City B (the network admin's) and city A (everyone else's) do not touch each other; in city A
    // the signed-out, the teacher (their next module, their notification) and the mentor (the
    // teacher's handed-in work) do not either, and the department admin (who withdraws the teacher) comes after them.
    const cityAPosts = async () => {
      await Promise.all([postsOf(['anonymous']), postsOf(['teacher']), postsOf(['mentor'])]);
      await postsOf(['departmentAdmin']);
    };
    await Promise.all([cityAPosts(), postsOf(['networkAdmin'])]);
    // The controls of the forms naming city B's records, by people signed in again (the others have signed out).
    const again: Partial<Record<MatrixRole, { agent: TestAgent; csrf: string }>> = { departmentAdmin: await signIn(t, A.admin), mentor: await signIn(t, A.mentor) };
    for (const [role, path, , control] of crossBodies) await sendForm(role, again[role] as { agent: TestAgent; csrf: string }, 'control', path, control);
  }, 300000);
  afterAll(() => t.close());

  it('has a row for every route the app serves, and none for a route it does not', () => {
    const missing = routes.filter((route) => !ROUTE_MATRIX[route]);
    const gone = Object.keys(ROUTE_MATRIX).filter((route) => !routes.includes(route));
    const observed = (route: string) =>
      MATRIX_ROLES.map((role) => attempts.find((a) => a.route === route && a.role === role && a.variant === 'own' && a.status > 0)?.outcome ?? '?');
    const unfilled = [...new Set(attempts.filter((a) => a.status === 0).map((a) => a.outcome))];
    const message = [
      missing.length
        ? `Routes missing from ROUTE_MATRIX (test/support/route-matrix.ts). Rows filled with what each role got — check every cell against the feature's policy before pasting:\n${missing
            .map((route) => formatRow(route, observed(route)))
            .join('\n')}`
        : '',
      unfilled.length ? `Path parameters the test cannot fill yet ('?' above):\n${unfilled.map((m) => `  ${m}`).join('\n')}` : '',
      gone.length ? `Rows of ROUTE_MATRIX whose route the app no longer serves (remove them):\n${gone.map((r) => `  '${r}'`).join('\n')}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    expect(message).toBe('');
  });

  it('answers every route as the table says, for every role', () => {
    const own = attempts.filter((a) => a.variant === 'own' && ROUTE_MATRIX[a.route]);
    const wrong = own
      .filter((a) => a.outcome !== ROUTE_MATRIX[a.route][MATRIX_ROLES.indexOf(a.role)])
      .map((a) => `${a.route} as ${a.role} (${a.path}): expected ${ROUTE_MATRIX[a.route][MATRIX_ROLES.indexOf(a.role)]}, got ${a.outcome} (${a.status})`);
    expect(wrong).toEqual([]);
    const foreign = attempts.filter((a) => a.variant !== 'own' && a.variant !== 'control');
    console.log(
      `Route × role matrix: ${routes.length} routes × ${MATRIX_ROLES.length} roles = ${own.length} route × role pairs checked against the table, ` +
        `plus ${foreign.length} requests with another city's or another teacher's ids (in the path, the body or the query string).`,
    );
    expect(own.length).toBe(routes.length * MATRIX_ROLES.length);
  });

  it("refuses another city's and another teacher's records with 403 or 404, never showing them", () => {
    const foreign = attempts.filter((a) => a.variant === 'another city' || a.variant === 'another teacher');
    expect(foreign.length).toBeGreaterThan(100);
    const asAdmin = attempts.filter((a) => a.variant === "another teacher, as the city's admin");
    expect(asAdmin.length).toBeGreaterThan(20);
    const holes = [
      ...[...foreign, ...asAdmin.filter((a) => !ADMINS_REACH_EVERY_TEACHER.has(a.route))].filter((a) => ![403, 404].includes(a.status)),
      ...[...foreign, ...asAdmin].filter((a) => a.leaked.length > 0 || a.status >= 500),
    ]
      .map((a) => `${a.route} as ${a.role} with ${a.variant}'s ids (${a.path}): ${a.status}${a.leaked.length ? `, showing ${a.leaked.join(', ')}` : ''}`);
    expect(holes).toEqual([]);
  });

  it("never widens what a list shows when its query string names another city's records", () => {
    const filtered = attempts.filter((a) => a.variant === 'city B in the query');
    expect(filtered.length).toBeGreaterThan(100);
    expect(filtered.filter((a) => a.leaked.length > 0 || a.status >= 500).map((a) => `${a.path} as ${a.role}: ${a.status}, showing ${a.leaked.join(', ')}`)).toEqual([]);
    // Some pages took the filters and still answered: they were looked at, not merely refused.
    expect(filtered.filter((a) => a.status === 200).length).toBeGreaterThan(20);
  });

  it("refuses a form of one's own city that names another city's records, and no record ever points across cities", async () => {
    const crossed = attempts.filter((a) => a.variant === 'city B in the body');
    expect(crossed.length).toBeGreaterThan(10);
    expect(crossed.filter((a) => a.status < 400 || a.status >= 500 || a.leaked.length > 0).map((a) => `${a.route} as ${a.role} (${a.path}): ${a.status}`)).toEqual([]);
    const controls = attempts.filter((a) => a.variant === 'control');
    expect(controls).toHaveLength(crossBodies.length);
    expect(controls.filter((a) => a.outcome !== 'ok').map((a) => `control ${a.route} as ${a.role} (${a.path}): ${a.status}`)).toEqual([]);
    const across = await t.db.query(
      `SELECT 'member of another city''s cohort' AS what FROM cohort_member cm JOIN cohort c ON c.id = cm.cohort_id JOIN app_user u ON u.id = cm.user_id
        WHERE u.municipality_id <> c.municipality_id
       UNION ALL SELECT 'mentor of another city''s group' FROM mentor_group g JOIN cohort c ON c.id = g.cohort_id JOIN app_user u ON u.id = g.mentor_id
        WHERE u.municipality_id <> c.municipality_id
       UNION ALL SELECT 'member of another cohort''s group' FROM cohort_member cm JOIN mentor_group g ON g.id = cm.mentor_group_id WHERE g.cohort_id <> cm.cohort_id
       UNION ALL SELECT 'module in another programme''s phase' FROM curriculum_module m JOIN programme_phase p ON p.id = m.phase_id WHERE p.programme_id <> m.programme_id
       UNION ALL SELECT 'prerequisite from another programme' FROM module_prerequisite mp JOIN curriculum_module a ON a.id = mp.module_id
        JOIN curriculum_module b ON b.id = mp.prerequisite_id WHERE a.programme_id <> b.programme_id
       UNION ALL SELECT 'person in another city''s school' FROM app_user u JOIN school s ON s.id = u.school_id WHERE s.municipality_id <> u.municipality_id
       UNION ALL SELECT 'workshop event of another programme''s module or city' FROM workshop_event e JOIN cohort c ON c.id = e.cohort_id
        JOIN curriculum_module m ON m.id = e.module_id WHERE m.programme_id <> c.programme_id OR e.municipality_id <> c.municipality_id
       UNION ALL SELECT 'attendance of another cohort''s teacher' FROM workshop_attendance a JOIN workshop_event e ON e.id = a.event_id
        WHERE NOT EXISTS (SELECT 1 FROM cohort_member cm WHERE cm.cohort_id = e.cohort_id AND cm.user_id = a.teacher_id)
       UNION ALL SELECT 'something made in city B by city A''s admin' FROM audit_event e WHERE e.actor_id = $1 AND e.municipality_id = $2`,
      [cityA.admin.id, cityB.ids.city],
    );
    expect(across).toEqual([]);
  });

  it("lets nobody but the teacher's mentor of record or a city admin change their progress", async () => {
    // Every POST above was sent with the other teacher's id where a body names a teacher (FORMS).
    const changes = await t.db.query(
      `SELECT e.actor_id AS "actorId" FROM progress_event e JOIN module_progress p ON p.id = e.progress_id WHERE p.teacher_id = $1 AND e.actor_id <> $1`,
      [cityA.otherTeacher.id],
    );
    expect(changes.map((c: { actorId: string }) => c.actorId).filter((id: string) => id !== cityA.admin.id)).toEqual([]);
  });

  it('never answers a server error', () => {
    expect(attempts.filter((a) => a.status >= 500).map((a) => `${a.route} as ${a.role} (${a.variant}): ${a.status}`)).toEqual([]);
  });

  it('sends the signed-out to the sign-in page from every route but the public ones', () => {
    // The @Public() routes: signing in, its second step, a password reset, the language switch,
    // health, and what a token in the link opens (the calendar feed, reminder preferences from a mail).
    const isPublic = (route: string) => /^(GET|POST) \/(login|password-reset|language|health|calendar|reminders\/preferences)(\/|$)/.test(route);
    const open = attempts.filter((a) => a.role === 'anonymous' && a.variant === 'own' && a.outcome !== 'login').map((a) => a.route);
    expect(open.filter((route) => !isPublic(route))).toEqual([]);
    expect(open.length).toBeGreaterThan(0);
  });
});
