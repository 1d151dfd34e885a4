import { createUser, type TestUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, createMentorGroup, enrol } from '../support/progress-factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n% the teacher’s portrait\n%%EOF\n');

/**
 * Nobody grants themselves access to someone's reflective work (SPEC §4). The outside review, as a
 * department admin, enrolled themselves as a mentor, made themselves a group's mentor and moved a
 * teacher into that group: all three were accepted, and the teacher's text and file were theirs to
 * read. Each of those steps, and every other way to the same place, is refused here.
 */
describe('separation of duties: nobody makes themselves a mentor of record', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function memberId(cohortId: string, userId: string, role: 'teacher' | 'mentor'): Promise<string> {
    const [row] = await t.db.query('SELECT id FROM cohort_member WHERE cohort_id = $1 AND user_id = $2 AND role = $3', [cohortId, userId, role]);
    return row.id;
  }

  async function submit(w: CohortWorld, teacher: TestUser, text: string): Promise<string> {
    const agent = await signIn(t, teacher);
    const moduleId = w.modules[0].id;
    const status = await t.db.query('SELECT status FROM module_progress WHERE teacher_id = $1 AND module_id = $2', [teacher.id, moduleId]);
    if (status.length === 0) await agent.post(`/path/modules/${moduleId}/start?cohort=${w.cohort.id}`).expect(303);
    await agent.agent
      .post(`/path/modules/${moduleId}/submit?cohort=${w.cohort.id}`)
      .field('_csrf', agent.csrf)
      .field('text', text)
      .attach('file', PDF, { filename: 'portrait.pdf', contentType: 'application/pdf' })
      .expect(303);
    const [{ id }] = await t.db.query('SELECT id FROM module_progress WHERE teacher_id = $1 AND module_id = $2', [teacher.id, moduleId]);
    return id;
  }

  describe('the review’s three steps, as a department admin', () => {
    let w: CohortWorld;
    let admin: SignedInAgent;
    let colleague: SignedInAgent;
    let colleagueUser: TestUser;
    let progressId: string;
    let teacherMemberId: string;

    beforeAll(async () => {
      w = await buildCohort(t.db, { teacherCount: 1, teacherNames: ['Private Penina'], modules: [{ title: 'Portrait of a student', method: 'approval' }] });
      progressId = await submit(w, w.teachers[0], 'What I wrote about Dana, for my mentor only');
      teacherMemberId = await memberId(w.cohort.id, w.teachers[0].id, 'teacher');
      admin = await signIn(t, w.admin);
      colleagueUser = await createUser(t.db, {
        municipalityId: w.city.id,
        roles: ['department_admin'],
        displayName: 'Colleague Carmel',
        preferredLanguage: 'en',
      });
      colleague = await signIn(t, colleagueUser);
    });

    it('1. refuses to enrol oneself as a mentor of a cohort one administers (422, said on the form), and enrols nobody', async () => {
      const res = await admin.post(`/cohorts/${w.cohort.id}/members`, { role: 'mentor', userIds: [w.admin.id] }).expect(422);
      expect(res.text).toContain('You cannot make yourself a mentor');
      expect(await t.db.query(`SELECT 1 FROM cohort_member WHERE cohort_id = $1 AND user_id = $2`, [w.cohort.id, w.admin.id])).toHaveLength(0);
      expect(await t.db.query(`SELECT 1 FROM role_grant WHERE user_id = $1 AND role = 'mentor'`, [w.admin.id])).toHaveLength(0);
    });

    it('also refuses it mixed in with other people, enrolling none of them', async () => {
      const other = await createUser(t.db, { municipalityId: w.city.id });
      await admin.post(`/cohorts/${w.cohort.id}/members`, { role: 'mentor', userIds: [other.id, w.admin.id] }).expect(422);
      expect(await t.db.query(`SELECT 1 FROM cohort_member WHERE cohort_id = $1 AND user_id = $2`, [w.cohort.id, other.id])).toHaveLength(0);
    });

    it('does not offer oneself as a mentor on the picker, and says who can do it', async () => {
      const page = await admin.get(`/cohorts/${w.cohort.id}/members/new?role=mentor`).expect(200);
      expect(page.text).not.toContain(`value="${w.admin.id}"`);
      expect(page.text).toContain('Another administrator of the city, or a network admin, can enrol you');
      const searched = await admin.get(`/cohorts/${w.cohort.id}/members/new?role=mentor&q=${encodeURIComponent(w.admin.displayName)}`).expect(200);
      expect(searched.text).toContain('Everyone in the city who matches is already in the cohort in this role.');
      // Nor as a teacher (issue 10 §5): the picker offers no administrator, the admin herself included.
      const teachers = await admin.get(`/cohorts/${w.cohort.id}/members/new?role=teacher&q=${encodeURIComponent(w.admin.displayName)}`).expect(200);
      expect(teachers.text).not.toContain(`value="${w.admin.id}"`);
    });

    it('2. refuses to make oneself the mentor of a group, even once a colleague enrolled one as a mentor', async () => {
      await colleague.post(`/cohorts/${w.cohort.id}/members`, { role: 'mentor', userIds: [w.admin.id] }).expect(303);
      const [enrolled] = await t.db.query(
        `SELECT actor_id AS "actorId", details FROM audit_event WHERE action = 'cohort.members_enrolled' AND subject_id = $1 ORDER BY id DESC LIMIT 1`,
        [w.cohort.id],
      );
      // The audit names both: who did it, and who was given the mentor's role.
      expect(enrolled.actorId).toBe(colleagueUser.id);
      expect(enrolled.details).toMatchObject({ role: 'mentor', userIds: [w.admin.id] });

      const res = await admin.post(`/cohorts/${w.cohort.id}/groups`, { name: 'My own circle', mentorId: w.admin.id }).expect(422);
      expect(res.text).toContain('You cannot make yourself the mentor of a group');
      expect(await t.db.query(`SELECT 1 FROM mentor_group WHERE mentor_id = $1`, [w.admin.id])).toHaveLength(0);
      const page = await admin.get(`/cohorts/${w.cohort.id}/groups`).expect(200);
      expect(page.text).not.toContain(`<option value="${w.admin.id}"`);
    });

    it('3. refuses to move a teacher into a group one mentors (403), and leaves the teacher where they were', async () => {
      await colleague.post(`/cohorts/${w.cohort.id}/groups`, { name: 'Carmel made this circle', mentorId: w.admin.id }).expect(303);
      const [group] = await t.db.query(`SELECT id FROM mentor_group WHERE mentor_id = $1`, [w.admin.id]);
      const res = await admin.post(`/cohorts/${w.cohort.id}/groups/assignments`, { memberId: teacherMemberId, groupId: group.id }).expect(403);
      expect(res.text).toContain('You cannot put teachers in a group you mentor');
      const [member] = await t.db.query('SELECT mentor_group_id AS "groupId" FROM cohort_member WHERE id = $1', [teacherMemberId]);
      expect(member.groupId).toBe(w.groupId);
      const page = await admin.get(`/cohorts/${w.cohort.id}/groups`).expect(200);
      expect(page.text).not.toContain(`<option value="${group.id}"`);
    });

    it('so the teacher’s text and file stay out of reach', async () => {
      await admin.get(`/reviews/${progressId}`).expect(404);
      await admin.get(`/progress/${progressId}/file`).expect(404);
      const queue = await admin.get('/reviews').expect(200);
      expect(queue.text).not.toContain('Private Penina');
    });

    it('lets another admin of the city do it, the audit naming both; the new mentor reads only work handed in after that', async () => {
      const [group] = await t.db.query(`SELECT id FROM mentor_group WHERE mentor_id = $1`, [w.admin.id]);
      await colleague.post(`/cohorts/${w.cohort.id}/groups/assignments`, { memberId: teacherMemberId, groupId: group.id }).expect(303);
      const [assigned] = await t.db.query(
        `SELECT actor_id AS "actorId", details FROM audit_event WHERE action = 'cohort.group_assigned' AND subject_id = $1 ORDER BY id DESC LIMIT 1`,
        [teacherMemberId],
      );
      expect(assigned.actorId).toBe(colleagueUser.id);
      expect(assigned.details).toMatchObject({ toGroupId: group.id, mentorId: w.admin.id, teacherId: w.teachers[0].id });

      // Handed in before they became the mentor: still not theirs to read.
      await admin.get(`/reviews/${progressId}`).expect(404);
      await admin.get(`/progress/${progressId}/file`).expect(404);
      // Once the teacher hands it in again, it is.
      await submit(w, w.teachers[0], 'Handed in again for my new mentor');
      const review = await admin.get(`/reviews/${progressId}`).expect(200);
      expect(review.text).toContain('Handed in again for my new mentor');
      await admin.get(`/progress/${progressId}/file`).expect(200);
    });
  });

  describe('the other ways to the same place', () => {
    let w: CohortWorld;
    let admin: SignedInAgent;
    let colleague: SignedInAgent;

    beforeAll(async () => {
      w = await buildCohort(t.db, { teacherCount: 1, modules: [{ method: 'approval' }] });
      admin = await signIn(t, w.admin);
      colleague = await signIn(t, await createUser(t.db, { municipalityId: w.city.id, roles: ['department_admin'], preferredLanguage: 'en' }));
    });

    it('refuses a roster that makes the importer a mentor, importing nothing, and names the row', async () => {
      const csv = `email,name,school,role\nnew.teacher@example.test,New Teacher,${w.school.name},teacher\n${w.admin.email},Me,${w.school.name},mentor\n`;
      const res = await admin.agent
        .post(`/cohorts/${w.cohort.id}/roster`)
        .field('_csrf', admin.csrf)
        .attach('file', Buffer.from(csv), { filename: 'roster.csv', contentType: 'text/csv' })
        .expect(422);
      expect(res.text).toContain('This is you: you cannot make yourself a mentor');
      expect(await t.db.query(`SELECT 1 FROM app_user WHERE email = 'new.teacher@example.test'`)).toHaveLength(0);
      expect(await t.db.query(`SELECT 1 FROM cohort_member WHERE cohort_id = $1 AND user_id = $2`, [w.cohort.id, w.admin.id])).toHaveLength(0);
      // As a teacher, the same row is fine: a teacher reads nobody's work.
      const asTeacher = `email,name,school,role\n${w.admin.email},Me,${w.school.name},teacher\n`;
      await admin.agent
        .post(`/cohorts/${w.cohort.id}/roster`)
        .field('_csrf', admin.csrf)
        .attach('file', Buffer.from(asTeacher), { filename: 'roster.csv', contentType: 'text/csv' })
        .expect(303);
    });

    it('refuses to re-admit oneself as a mentor, or a teacher into a group one mentors; another admin may', async () => {
      await enrol(t.db, w.cohort.id, w.city.id, w.admin.id, 'mentor', { status: 'withdrawn' });
      const adminAsMentor = await memberId(w.cohort.id, w.admin.id, 'mentor');
      const page = await admin.get(`/cohorts/${w.cohort.id}/members/${adminAsMentor}`).expect(200);
      expect(page.text).not.toContain(`/members/${adminAsMentor}/readmit`);
      const refused = await admin.post(`/cohorts/${w.cohort.id}/members/${adminAsMentor}/readmit`, {}).expect(403);
      expect(refused.text).toContain('You cannot re-admit yourself as a mentor');
      await colleague.post(`/cohorts/${w.cohort.id}/members/${adminAsMentor}/readmit`, {}).expect(303);

      // A withdrawn teacher of a group the admin now mentors.
      const group = await createMentorGroup(t.db, w.cohort.id, w.admin.id, 'Circle of the admin');
      const teacher = await createUser(t.db, { municipalityId: w.city.id });
      await enrol(t.db, w.cohort.id, w.city.id, teacher.id, 'teacher', { groupId: group.id, status: 'withdrawn' });
      const teacherMember = await memberId(w.cohort.id, teacher.id, 'teacher');
      const res = await admin.post(`/cohorts/${w.cohort.id}/members/${teacherMember}/readmit`, {}).expect(403);
      expect(res.text).toContain('a group you mentor');
      const [still] = await t.db.query('SELECT status FROM cohort_member WHERE id = $1', [teacherMember]);
      expect(still.status).toBe('withdrawn');
      await colleague.post(`/cohorts/${w.cohort.id}/members/${teacherMember}/readmit`, {}).expect(303);

      // Each re-admission names who reads teachers' work again because of it.
      const readmissions = await t.db.query(
        `SELECT subject_id AS "memberId", details->>'mentorId' AS "mentorId" FROM audit_event WHERE action = 'cohort.member_readmitted' AND subject_id = ANY($1::text[]) ORDER BY id`,
        [[adminAsMentor, teacherMember]],
      );
      expect(readmissions).toEqual([
        { memberId: adminAsMentor, mentorId: w.admin.id },
        { memberId: teacherMember, mentorId: w.admin.id },
      ]);
    });

    it('lets the admin take a teacher out of their own group, which gives nobody access', async () => {
      const [group] = await t.db.query(`SELECT id FROM mentor_group WHERE cohort_id = $1 AND mentor_id = $2`, [w.cohort.id, w.admin.id]);
      const teacher = await createUser(t.db, { municipalityId: w.city.id });
      await enrol(t.db, w.cohort.id, w.city.id, teacher.id, 'teacher', { groupId: group.id });
      const member = await memberId(w.cohort.id, teacher.id, 'teacher');
      await admin.post(`/cohorts/${w.cohort.id}/groups/assignments`, { memberId: member, groupId: '' }).expect(303);
      await admin.post(`/cohorts/${w.cohort.id}/groups/assignments`, { memberId: member, groupId: w.groupId }).expect(303);
    });
  });
});
