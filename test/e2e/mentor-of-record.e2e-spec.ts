import pg from 'pg';
import { MentorSince1796225125096 } from '../../migrations/1796225125096-mentor-since.js';
import { translate } from '../../src/common/i18n/i18n.js';
import type { Sql } from '../../src/database/sql.js';
import { createUser, type TestUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, createMentorGroup, enrol } from '../support/progress-factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, dropTestDatabase } from '../support/test-database.js';

const PDF = Buffer.from('%PDF-1.4\n% a teacher’s plan\n%%EOF\n');

/**
 * A mentor reads only the work a teacher handed in (or handed in again) while that mentor was
 * theirs; the teacher is told when their mentor changes, and their pages always say who reads
 * their work.
 */
describe('the mentor of record', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function memberIdOf(cohortId: string, userId: string, role: 'teacher' | 'mentor'): Promise<string> {
    const [row] = await t.db.query('SELECT id FROM cohort_member WHERE cohort_id = $1 AND user_id = $2 AND role = $3', [cohortId, userId, role]);
    return row.id;
  }

  async function notificationsOf(userId: string): Promise<{ kind: string; vars: Record<string, string> }[]> {
    return t.db.query('SELECT kind, vars FROM notification WHERE recipient_id = $1 ORDER BY id', [userId]);
  }

  describe('when a teacher moves to another mentor’s group', () => {
    let w: CohortWorld;
    let teacher: SignedInAgent;
    let admin: SignedInAgent;
    let firstMentor: SignedInAgent;
    let secondMentor: SignedInAgent;
    let secondMentorUser: TestUser;
    let secondGroupId: string;
    let teacherMemberId: string;
    let progressId: string;
    let moduleId: string;

    async function handIn(text: string, withFile = true): Promise<void> {
      const req = teacher.agent.post(`/path/modules/${moduleId}/submit?cohort=${w.cohort.id}`).field('_csrf', teacher.csrf).field('text', text);
      if (withFile) req.attach('file', PDF, { filename: 'plan.pdf', contentType: 'application/pdf' });
      await req.expect(303);
    }

    beforeAll(async () => {
      w = await buildCohort(t.db, { teacherCount: 1, teacherNames: ['Tamar Teacher'], modules: [{ title: 'A plan for my class', method: 'approval' }] });
      moduleId = w.modules[0].id;
      secondMentorUser = await createUser(t.db, { municipalityId: w.city.id, displayName: 'Second Shira', preferredLanguage: 'en' });
      await enrol(t.db, w.cohort.id, w.city.id, secondMentorUser.id, 'mentor');
      secondGroupId = (await createMentorGroup(t.db, w.cohort.id, secondMentorUser.id, 'Circle of Shira')).id;
      teacherMemberId = await memberIdOf(w.cohort.id, w.teachers[0].id, 'teacher');
      teacher = await signIn(t, w.teachers[0]);
      admin = await signIn(t, w.admin);
      firstMentor = await signIn(t, w.mentor);
      secondMentor = await signIn(t, secondMentorUser);

      await teacher.post(`/path/modules/${moduleId}/start?cohort=${w.cohort.id}`).expect(303);
      await handIn('My plan, written for my first mentor');
      [{ id: progressId }] = await t.db.query('SELECT id FROM module_progress WHERE teacher_id = $1 AND module_id = $2', [w.teachers[0].id, moduleId]);
    });

    it('shows the work to the mentor the teacher handed it to', async () => {
      expect((await firstMentor.get('/reviews').expect(200)).text).toContain('Tamar Teacher');
      expect((await firstMentor.get(`/reviews/${progressId}`).expect(200)).text).toContain('My plan, written for my first mentor');
      await firstMentor.get(`/progress/${progressId}/file`).expect(200);
    });

    it('says on the teacher’s path and module pages who reads their work, and since when', async () => {
      const since = new RegExp(
        `Your submitted work is read by your mentor ${w.mentor.displayName} \\(since [^)]+\\); the department sees only statuses and dates\\.`,
      );
      expect((await teacher.get(`/path?cohort=${w.cohort.id}`).expect(200)).text).toMatch(since);
      expect((await teacher.get(`/path/modules/${moduleId}?cohort=${w.cohort.id}`).expect(200)).text).toMatch(since);
    });

    it('after the move, neither mentor reads what was handed in before it; the teacher is told, and may hand it in again', async () => {
      await admin.post(`/cohorts/${w.cohort.id}/groups/assignments`, { memberId: teacherMemberId, groupId: secondGroupId }).expect(303);

      // The former mentor is no longer the mentor; the new one was not when it was handed in.
      for (const mentor of [firstMentor, secondMentor]) {
        expect((await mentor.get('/reviews').expect(200)).text).not.toContain('Tamar Teacher');
        await mentor.get(`/reviews/${progressId}`).expect(404);
        await mentor.get(`/progress/${progressId}/file`).expect(404);
        await mentor.post(`/reviews/${progressId}/approve`, {}).expect(404);
      }
      expect((await secondMentor.get('/').expect(200)).text).toMatch(/<dt>Waiting for your review<\/dt><dd>0<\/dd>/);

      expect(await notificationsOf(w.teachers[0].id)).toEqual([{ kind: 'cohorts.mentorChanged', vars: { mentor: 'Second Shira', cohort: w.cohort.name } }]);
      const list = await teacher.get('/notifications').expect(200);
      expect(list.text).toContain(`Your mentor in “${w.cohort.name}” is now Second Shira.`);

      const page = await teacher.get(`/path/modules/${moduleId}?cohort=${w.cohort.id}`).expect(200);
      expect(page.text).toContain('Your submitted work is read by your mentor Second Shira');
      expect(page.text).toContain('You submitted this work before Second Shira became your mentor, so they have not read it.');
      expect(page.text).toContain('Resubmit for review');
      // The teacher still has their own work.
      await teacher.get(`/progress/${progressId}/file`).expect(200);
    });

    it('once handed in again, the new mentor reads it (the earlier file kept), but not the history from before them', async () => {
      await handIn('My plan, handed in again for Shira', false);
      expect((await secondMentor.get('/reviews').expect(200)).text).toContain('Tamar Teacher');
      const review = await secondMentor.get(`/reviews/${progressId}`).expect(200);
      expect(review.text).toContain('My plan, handed in again for Shira');
      // The history before the move (the first hand-in, by the teacher) is not theirs to see.
      expect(review.text.match(/<td>(?:(?!<\/td>)[\s\S])*→(?:(?!<\/td>)[\s\S])*Waiting for review\s*<\/td>/g) ?? []).toHaveLength(1);
      await secondMentor.get(`/progress/${progressId}/file`).expect(200);
      await firstMentor.get(`/reviews/${progressId}`).expect(404);
      // Waiting for the new mentor now: nothing more to hand in.
      const page = await teacher.get(`/path/modules/${moduleId}?cohort=${w.cohort.id}`).expect(200);
      expect(page.text).not.toContain('Resubmit for review');
      expect(page.text).not.toContain('became your mentor, so they have not read it');
    });

    it('a move between two groups of the same mentor changes nothing the teacher need know', async () => {
      const [{ since: before }] = await t.db.query('SELECT mentor_since AS since FROM cohort_member WHERE id = $1', [teacherMemberId]);
      const another = await createMentorGroup(t.db, w.cohort.id, secondMentorUser.id, 'Second circle of Shira');
      await admin.post(`/cohorts/${w.cohort.id}/groups/assignments`, { memberId: teacherMemberId, groupId: another.id }).expect(303);
      const [{ since: after }] = await t.db.query('SELECT mentor_since AS since FROM cohort_member WHERE id = $1', [teacherMemberId]);
      expect(after).toEqual(before);
      expect(await notificationsOf(w.teachers[0].id)).toHaveLength(1);
      await secondMentor.get(`/reviews/${progressId}`).expect(200);
    });

    it('withdrawing the mentor leaves the teacher with nobody, and says so; re-admitting them starts afresh', async () => {
      const mentorMember = await memberIdOf(w.cohort.id, secondMentorUser.id, 'mentor');
      await admin.post(`/cohorts/${w.cohort.id}/members/${mentorMember}/withdraw`, { note: 'On leave' }).expect(303);
      expect((await notificationsOf(w.teachers[0].id)).at(-1)).toEqual({ kind: 'cohorts.mentorRemoved', vars: { cohort: w.cohort.name } });
      const path = await teacher.get(`/path?cohort=${w.cohort.id}`).expect(200);
      expect(path.text).toContain('You have no mentor yet: nobody reads your submitted work. The department sees only statuses and dates.');

      await admin.post(`/cohorts/${w.cohort.id}/members/${mentorMember}/readmit`, {}).expect(303);
      expect((await notificationsOf(w.teachers[0].id)).at(-1)).toEqual({
        kind: 'cohorts.mentorChanged',
        vars: { mentor: 'Second Shira', cohort: w.cohort.name },
      });
      // What was handed in before the mentor came back waits for the teacher to hand it in again.
      await secondMentor.get(`/reviews/${progressId}`).expect(404);
      await handIn('Once more, now that Shira is back', false);
      await secondMentor.get(`/reviews/${progressId}`).expect(200);
    });
  });

  it('tells a teacher without a group that nobody reads their work', async () => {
    const w = await buildCohort(t.db, { teacherCount: 0, modules: [{ method: 'approval' }] });
    const loner = await createUser(t.db, { municipalityId: w.city.id, preferredLanguage: 'he' });
    await enrol(t.db, w.cohort.id, w.city.id, loner.id, 'teacher');
    const agent = await signIn(t, loner);
    const page = await agent.get('/path').expect(200);
    expect(page.text).toContain(translate('he', 'progress.readers.nobody'));
  });

  describe('the migration that brings in the rule', () => {
    it('dates existing memberships from the last change of group, or of the group’s mentor, or else from enrolment', async () => {
      const database = await createTestDatabase();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const db = { query: async (text: string, params?: unknown[]) => (await client.query(text, params)).rows } as unknown as Sql;
        const w = await buildCohort(db, { teacherCount: 3, modules: [{ method: 'approval' }] });
        const otherMentor = await createUser(db, { municipalityId: w.city.id });
        await enrol(db, w.cohort.id, w.city.id, otherMentor.id, 'mentor');
        const otherGroup = await createMentorGroup(db, w.cohort.id, otherMentor.id);
        const [moved, untouched, mentorCameBack] = w.teachers.map((teacher) => teacher.id);
        const member = async (userId: string) =>
          (await db.query(`SELECT id FROM cohort_member WHERE cohort_id = $1 AND user_id = $2 AND role = 'teacher'`, [w.cohort.id, userId]))[0].id;
        await db.query(`UPDATE cohort_member SET joined_at = '2025-09-01T08:00:00Z' WHERE cohort_id = $1`, [w.cohort.id]);
        const event = (memberId: string, action: string, at: string) =>
          db.query('INSERT INTO cohort_member_event (cohort_member_id, action, occurred_at) VALUES ($1, $2, $3)', [memberId, action, at]);
        await event(await member(moved), 'group_changed', '2025-10-01T08:00:00Z');
        await event(await member(moved), 'group_changed', '2025-11-01T08:00:00Z');
        await db.query('UPDATE cohort_member SET mentor_group_id = $2 WHERE id = $1', [await member(mentorCameBack), otherGroup.id]);
        await event(await member(mentorCameBack), 'group_changed', '2025-10-01T08:00:00Z');
        const otherMentorMember = (await db.query(`SELECT id FROM cohort_member WHERE user_id = $1 AND role = 'mentor'`, [otherMentor.id]))[0].id;
        await event(otherMentorMember, 'withdrawn', '2025-12-01T08:00:00Z');
        await event(otherMentorMember, 'readmitted', '2026-01-05T08:00:00Z');

        const migration = new MentorSince1796225125096();
        const runner = { query: (text: string) => client.query(text) } as never;
        await migration.down(runner);
        await migration.up(runner);

        const since = async (userId: string) =>
          ((await db.query(`SELECT mentor_since AS since FROM cohort_member WHERE id = $1`, [await member(userId)]))[0].since as Date).toISOString();
        expect(await since(moved)).toBe('2025-11-01T08:00:00.000Z');
        expect(await since(untouched)).toBe('2025-09-01T08:00:00.000Z');
        expect(await since(mentorCameBack)).toBe('2026-01-05T08:00:00.000Z');
      } finally {
        await client.end();
        await dropTestDatabase(database.name);
      }
    });
  });
});
