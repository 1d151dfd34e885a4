import { createMunicipality, createSchool, createUser, type TestUser } from '../support/factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('cohorts', () => {
  let t: TestApp;
  let city: { id: string };
  let otherCity: { id: string };
  let school: { id: string };
  let admin: SignedInAgent;
  let otherAdmin: SignedInAgent;
  let teacherAgent: SignedInAgent;
  let programmeId: string;
  let moduleIds: string[];
  let teacher: TestUser;
  let teacher2: TestUser;
  let mentor: TestUser;

  async function startCohort(name: string, startsOn = '2026-09-01', endsOn = ''): Promise<string> {
    const res = await admin.post(`/programmes/${programmeId}/cohorts`, { name, startsOn, endsOn }).expect(303);
    return res.headers.location.split('/').pop() as string;
  }

  beforeAll(async () => {
    t = await createTestApp();
    city = await createMunicipality(t.db, { nameEn: 'Bat Yam C', locale: 'en' });
    otherCity = await createMunicipality(t.db, { nameEn: 'Hadera C', locale: 'en' });
    school = await createSchool(t.db, city.id, 'Rambam Middle School');
    const adminUser = await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'] });
    admin = await signIn(t, adminUser);
    otherAdmin = await signIn(t, await createUser(t.db, { municipalityId: otherCity.id, roles: ['department_admin'] }));
    teacher = await createUser(t.db, { municipalityId: city.id, schoolId: school.id, displayName: 'Sarah Teacher', roles: ['teacher'] });
    teacher2 = await createUser(t.db, { municipalityId: city.id, schoolId: school.id, displayName: 'David Teacher' });
    mentor = await createUser(t.db, { municipalityId: city.id, displayName: 'Michal Mentor' });
    teacherAgent = await signIn(t, teacher);

    const [{ id }] = await t.db.query(`INSERT INTO programme (municipality_id, title) VALUES ($1, 'Bat Yam accelerator') RETURNING id`, [city.id]);
    programmeId = id;
    const [{ id: phaseId }] = await t.db.query(`INSERT INTO programme_phase (programme_id, position, title) VALUES ($1, 0, 'Year one') RETURNING id`, [
      programmeId,
    ]);
    const a = await t.db.query(
      `INSERT INTO curriculum_module (programme_id, phase_id, position, title, kind, completion_method, opens_offset_days, due_offset_days) VALUES ($1, $2, 0, 'Me', 'workshop', 'self', 0, 30) RETURNING id`,
      [programmeId, phaseId],
    );
    const b = await t.db.query(
      `INSERT INTO curriculum_module (programme_id, phase_id, position, title, kind, completion_method, opens_offset_days, due_offset_days) VALUES ($1, $2, 1, 'You', 'online', 'approval', 45, 90) RETURNING id`,
      [programmeId, phaseId],
    );
    moduleIds = [a[0].id, b[0].id];
  });
  afterAll(() => t.close());

  it('creates a cohort with a window per module from the offsets, ending two years later by default, and redirects to its page', async () => {
    const res = await admin.post(`/programmes/${programmeId}/cohorts`, { name: 'Cohort 2026', startsOn: '2026-09-01', endsOn: '' }).expect(303);
    expect(res.headers.location).toMatch(/^\/cohorts\/[0-9a-f-]{36}$/);
    const id = res.headers.location.split('/').pop();
    const [cohort] = await t.db.query(
      `SELECT municipality_id, to_char(starts_on, 'YYYY-MM-DD') AS s, to_char(ends_on, 'YYYY-MM-DD') AS e FROM cohort WHERE id = $1`,
      [id],
    );
    expect(cohort).toEqual({ municipality_id: city.id, s: '2026-09-01', e: '2028-09-01' });
    const windows = await t.db.query(
      `SELECT module_id, to_char(opens_on, 'YYYY-MM-DD') AS o, to_char(due_on, 'YYYY-MM-DD') AS d FROM module_window WHERE cohort_id = $1 ORDER BY opens_on`,
      [id],
    );
    expect(windows).toEqual([
      { module_id: moduleIds[0], o: '2026-09-01', d: '2026-10-01' },
      { module_id: moduleIds[1], o: '2026-10-16', d: '2026-11-30' },
    ]);
  });

  it('renders every management page of a cohort for its admin, with one h1', async () => {
    const id = await startCohort('Every page');
    await admin.post(`/cohorts/${id}/members`, { role: 'teacher', userIds: [teacher.id] }).expect(303);
    const [member] = await t.db.query('SELECT id FROM cohort_member WHERE cohort_id = $1', [id]);
    for (const path of [
      'edit',
      'windows',
      'members',
      'members?q=sarah&role=teacher&status=active',
      'members/new',
      'members/new?role=mentor&q=mich',
      'groups',
      'roster',
      `members/${member.id}`,
      `members/${member.id}/withdraw`,
    ]) {
      const page = await admin.get(`/cohorts/${id}/${path}`);
      expect([path, page.status]).toEqual([path, 200]);
      expect(page.text.match(/<h1[ >]/g)).toHaveLength(1);
      // The document title is the page's h1 (the section and the cohort), so it names the cohort.
      expect(page.text).toMatch(/<title>[^<]*Every page[^<]*<\/title>/);
    }
    await admin.get(`/programmes/${programmeId}/cohorts/new`).expect(200);
  });

  it('refuses an end before the start and an impossible date, keeping the values', async () => {
    const res = await admin.post(`/programmes/${programmeId}/cohorts`, { name: 'Backwards', startsOn: '2026-09-01', endsOn: '2026-08-01' }).expect(400);
    expect(res.text).toContain('value="Backwards"');
    expect(res.text).toContain('id="endsOn-error"');
    await admin.post(`/programmes/${programmeId}/cohorts`, { name: 'Bad', startsOn: '2026-02-30' }).expect(400);
  });

  it('edits the name and dates', async () => {
    const id = await startCohort('To rename');
    await admin.post(`/cohorts/${id}/edit`, { name: 'Renamed', startsOn: '2026-09-02', endsOn: '2028-07-01' }).expect(303);
    const [row] = await t.db.query(`SELECT name, to_char(ends_on, 'YYYY-MM-DD') AS e FROM cohort WHERE id = $1`, [id]);
    expect(row).toEqual({ name: 'Renamed', e: '2028-07-01' });
  });

  it('saves the windows together, and answers a due date before the opening with 400 and the values kept', async () => {
    const id = await startCohort('Windows');
    const page = await admin.get(`/cohorts/${id}/windows`).expect(200);
    expect(page.text).toContain(`name="opens[${moduleIds[0]}]"`);
    expect(page.text).toContain('value="2026-10-16"');

    const bad = await admin
      .post(`/cohorts/${id}/windows`, {
        [`opens[${moduleIds[0]}]`]: '2026-09-05',
        [`due[${moduleIds[0]}]`]: '2026-09-20',
        [`opens[${moduleIds[1]}]`]: '2026-12-01',
        [`due[${moduleIds[1]}]`]: '2026-11-01',
      })
      .expect(400);
    expect(bad.text).toContain('value="2026-09-05"');
    expect(bad.text).toContain('value="2026-11-01"');
    expect(bad.text).toContain(`id="due-${moduleIds[1]}-error"`);
    expect(bad.text).toMatch(new RegExp(`id="due-${moduleIds[1]}"[^>]*aria-invalid="true"`));
    const unchanged = await t.db.query(`SELECT to_char(opens_on, 'YYYY-MM-DD') AS o FROM module_window WHERE cohort_id = $1 AND module_id = $2`, [
      id,
      moduleIds[0],
    ]);
    expect(unchanged[0].o).toBe('2026-09-01');

    await admin
      .post(`/cohorts/${id}/windows`, {
        [`opens[${moduleIds[0]}]`]: '2026-09-05',
        [`due[${moduleIds[0]}]`]: '2026-09-20',
        [`opens[${moduleIds[1]}]`]: '2026-11-01',
        [`due[${moduleIds[1]}]`]: '2026-12-01',
      })
      .expect(303);
    const saved = await t.db.query(
      `SELECT to_char(opens_on, 'YYYY-MM-DD') AS o, to_char(due_on, 'YYYY-MM-DD') AS d FROM module_window WHERE cohort_id = $1 ORDER BY opens_on`,
      [id],
    );
    expect(saved).toEqual([
      { o: '2026-09-05', d: '2026-09-20' },
      { o: '2026-11-01', d: '2026-12-01' },
    ]);
  });

  it('enrols people of the city, granting the cohort role, then withdraws and re-admits with a history', async () => {
    const id = await startCohort('Members');
    const picker = await admin.get(`/cohorts/${id}/members/new?role=teacher`).expect(200);
    expect(picker.text).toContain('Sarah Teacher');
    await admin.post(`/cohorts/${id}/members`, { role: 'teacher', userIds: [teacher.id, teacher2.id] }).expect(303);
    await admin.post(`/cohorts/${id}/members`, { role: 'mentor', userIds: [mentor.id] }).expect(303);
    const grants = await t.db.query(`SELECT user_id, role, municipality_id FROM role_grant WHERE cohort_id = $1 ORDER BY role`, [id]);
    expect(grants).toHaveLength(3);
    expect(grants.every((g: { municipality_id: string }) => g.municipality_id === city.id)).toBe(true);

    const list = await admin.get(`/cohorts/${id}/members`).expect(200);
    expect(list.text).toContain('Sarah Teacher');
    expect(list.text).toContain('Michal Mentor');
    const search = await admin.get(`/cohorts/${id}/members?q=david`).expect(200);
    expect(search.text).toContain('David Teacher');
    expect(search.text).not.toContain('Sarah Teacher');
    await admin.get(`/cohorts/${id}/members?role=boss`).expect(400);

    // Nobody picked: the picker again with an error.
    await admin.post(`/cohorts/${id}/members`, { role: 'teacher' }).expect(400);

    const [member] = await t.db.query(`SELECT id FROM cohort_member WHERE cohort_id = $1 AND user_id = $2 AND role = 'teacher'`, [id, teacher.id]);
    const confirm = await admin.get(`/cohorts/${id}/members/${member.id}/withdraw`).expect(200);
    expect(confirm.text).toContain(`action="/cohorts/${id}/members/${member.id}/withdraw"`);
    await admin.post(`/cohorts/${id}/members/${member.id}/withdraw`, { note: 'Moved to another city' }).expect(303);
    expect((await t.db.query('SELECT status FROM cohort_member WHERE id = $1', [member.id]))[0].status).toBe('withdrawn');
    expect(await t.db.query(`SELECT 1 FROM role_grant WHERE cohort_id = $1 AND user_id = $2`, [id, teacher.id])).toHaveLength(0);
    await admin.post(`/cohorts/${id}/members/${member.id}/withdraw`, {}).expect(409);

    await admin.post(`/cohorts/${id}/members/${member.id}/readmit`, { note: 'Came back' }).expect(303);
    expect((await t.db.query('SELECT status, withdrawn_at FROM cohort_member WHERE id = $1', [member.id]))[0]).toEqual({
      status: 'active',
      withdrawn_at: null,
    });
    expect(await t.db.query(`SELECT 1 FROM role_grant WHERE cohort_id = $1 AND user_id = $2 AND role = 'teacher'`, [id, teacher.id])).toHaveLength(1);

    const history = await admin.get(`/cohorts/${id}/members/${member.id}`).expect(200);
    expect(history.text).toContain('Moved to another city');
    expect(history.text).toContain('Came back');
    expect(history.text).toContain('Re-admitted');
    expect(history.text).toContain('Withdrawn');
    expect(history.text).toContain('Enrolled');
    const events = await t.db.query('SELECT action, actor_id FROM cohort_member_event WHERE cohort_member_id = $1 ORDER BY id', [member.id]);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['enrolled', 'withdrawn', 'readmitted']);
    expect(events.every((e: { actor_id: string | null }) => e.actor_id !== null)).toBe(true);
    const audit = await t.db.query(`SELECT action FROM audit_event WHERE action LIKE 'cohort.member%' AND subject_id = $1 ORDER BY id`, [member.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['cohort.member_withdrawn', 'cohort.member_readmitted']);
  });

  it('refuses to enrol someone from another city', async () => {
    const id = await startCohort('Foreigners');
    const stranger = await createUser(t.db, { municipalityId: otherCity.id });
    await admin.post(`/cohorts/${id}/members`, { role: 'teacher', userIds: [stranger.id] }).expect(400);
    expect(await t.db.query('SELECT 1 FROM cohort_member WHERE cohort_id = $1', [id])).toHaveLength(0);
  });

  it('builds mentor groups led by a mentor of the cohort and moves teachers between them, keeping the move in history', async () => {
    const id = await startCohort('Groups');
    await admin.post(`/cohorts/${id}/members`, { role: 'teacher', userIds: [teacher.id, teacher2.id] }).expect(303);
    // Not a mentor of the cohort yet.
    await admin.post(`/cohorts/${id}/groups`, { name: 'Circle A', mentorId: mentor.id }).expect(400);
    await admin.post(`/cohorts/${id}/members`, { role: 'mentor', userIds: [mentor.id] }).expect(303);
    await admin.post(`/cohorts/${id}/groups`, { name: 'Circle A', mentorId: mentor.id }).expect(303);
    await admin.post(`/cohorts/${id}/groups`, { name: 'Circle B', mentorId: mentor.id }).expect(303);
    const groups = await t.db.query('SELECT id, name FROM mentor_group WHERE cohort_id = $1 ORDER BY name', [id]);
    const [member] = await t.db.query(`SELECT id FROM cohort_member WHERE cohort_id = $1 AND user_id = $2`, [id, teacher.id]);

    await admin.post(`/cohorts/${id}/groups/assignments`, { memberId: member.id, groupId: groups[0].id }).expect(303);
    await admin.post(`/cohorts/${id}/groups/assignments`, { memberId: member.id, groupId: groups[1].id }).expect(303);
    expect((await t.db.query('SELECT mentor_group_id FROM cohort_member WHERE id = $1', [member.id]))[0].mentor_group_id).toBe(groups[1].id);
    const events = await t.db.query(`SELECT note FROM cohort_member_event WHERE cohort_member_id = $1 AND action = 'group_changed' ORDER BY id`, [member.id]);
    expect(events.map((e: { note: string }) => e.note)).toEqual(['Circle A', 'Circle B']);
    // Who reads a teacher's work is a sensitive decision: each move is in the audit log.
    const audited = await t.db.query(
      `SELECT details->>'toGroupId' AS "to" FROM audit_event WHERE action = 'cohort.group_assigned' AND subject_id = $1 ORDER BY id`,
      [member.id],
    );
    expect(audited.map((a: { to: string }) => a.to)).toEqual([groups[0].id, groups[1].id]);
    const page = await admin.get(`/cohorts/${id}/groups`).expect(200);
    expect(page.text).toContain('Circle B');

    // A mentor member cannot be put in a group; a group of another cohort is not found.
    const [mentorMember] = await t.db.query(`SELECT id FROM cohort_member WHERE cohort_id = $1 AND role = 'mentor'`, [id]);
    await admin.post(`/cohorts/${id}/groups/assignments`, { memberId: mentorMember.id, groupId: groups[0].id }).expect(400);
    const elsewhere = await startCohort('Elsewhere');
    await admin.post(`/cohorts/${elsewhere}/groups/assignments`, { memberId: member.id, groupId: groups[0].id }).expect(404);

    // Once the mentor withdraws, their groups take no new teachers and say why.
    await t.db.query(`UPDATE cohort_member SET status = 'withdrawn', withdrawn_at = now() WHERE id = $1`, [mentorMember.id]);
    await admin.post(`/cohorts/${id}/groups/assignments`, { memberId: member.id, groupId: groups[0].id }).expect(409);
    expect((await t.db.query('SELECT mentor_group_id FROM cohort_member WHERE id = $1', [member.id]))[0].mentor_group_id).toBe(groups[1].id);
    const flagged = await admin.get(`/cohorts/${id}/groups`).expect(200);
    expect(flagged.text).toContain('mentor withdrawn');
  });

  describe('refusals', () => {
    let id: string;
    let memberId: string;

    beforeAll(async () => {
      id = await startCohort('Private cohort');
      await admin.post(`/cohorts/${id}/members`, { role: 'teacher', userIds: [teacher2.id] }).expect(303);
      memberId = (await t.db.query('SELECT id FROM cohort_member WHERE cohort_id = $1', [id]))[0].id;
    });

    it("answers another city's admin with 404 on the cohort's pages and POSTs", async () => {
      for (const path of ['edit', 'windows', 'members', 'members/new', 'groups', 'roster', `members/${memberId}`, `members/${memberId}/withdraw`]) {
        await otherAdmin.get(`/cohorts/${id}/${path}`).expect(404);
      }
      await otherAdmin.post(`/cohorts/${id}/edit`, { name: 'Hijack', startsOn: '2026-09-01', endsOn: '2028-09-01' }).expect(404);
      await otherAdmin.post(`/cohorts/${id}/members/${memberId}/withdraw`, {}).expect(404);
      await otherAdmin.post(`/cohorts/${id}/members`, { role: 'teacher', userIds: [teacher.id] }).expect(404);
      await otherAdmin.get(`/programmes/${programmeId}/cohorts/new`).expect(404);
      await otherAdmin.post(`/programmes/${programmeId}/cohorts`, { name: 'x', startsOn: '2026-09-01' }).expect(404);
      expect((await t.db.query('SELECT name FROM cohort WHERE id = $1', [id]))[0].name).toBe('Private cohort');
    });

    it('answers a teacher with 403 on management pages', async () => {
      await teacherAgent.get(`/cohorts/${id}/members`).expect(403);
      await teacherAgent.get(`/cohorts/${id}/windows`).expect(403);
      await teacherAgent.post(`/cohorts/${id}/members/${memberId}/withdraw`, {}).expect(403);
      await teacherAgent.get(`/programmes/${programmeId}/cohorts/new`).expect(403);
    });

    it('answers malformed ids with 404', async () => {
      await admin.get('/cohorts/nope/members').expect(404);
      await admin.get(`/cohorts/${id}/members/nope`).expect(404);
    });

    it('refuses to start a cohort from a network template', async () => {
      const [{ id: templateId }] = await t.db.query(`INSERT INTO programme (municipality_id, title) VALUES (NULL, 'Template') RETURNING id`);
      await admin.get(`/programmes/${templateId}/cohorts/new`).expect(409);
    });
  });
});
