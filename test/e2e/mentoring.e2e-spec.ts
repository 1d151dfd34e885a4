import ICAL from 'ical.js';
import request from 'supertest';
import { seedDemoData } from '../../src/cli/demo-data.js';
import { createUser, type TestUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, createMentorGroup, enrol } from '../support/progress-factories.js';
import { countQueries } from '../support/query-counter.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A day `offset` days from today on Israel's calendar, as <input type="date"> sends it. */
/** A day as YYYY-MM-DD, from a UTC date. */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The first 14 January at least 70 days away: a winter day (Israel on UTC+2) beyond every day the
 * other tests here schedule on (at most 50 days ahead), so nothing else is booked then.
 */
function winterDay(): string {
  const soonest = Date.now() + 70 * 86_400_000;
  let year = new Date().getUTCFullYear();
  while (Date.UTC(year, 0, 14) < soonest) year++;
  return isoDay(new Date(Date.UTC(year, 0, 14)));
}

/**
 * Israel moves to summer time on the Friday before the last Sunday of March. The Thursday eight
 * days before the next such Friday (at least two days away): a weekly slot from it crosses the change.
 */
function thursdayBeforeSpringChange(): Date {
  for (let year = new Date().getUTCFullYear(); ; year++) {
    const march31 = new Date(Date.UTC(year, 2, 31));
    const lastSunday = march31.getUTCDate() - march31.getUTCDay();
    const thursday = new Date(Date.UTC(year, 2, lastSunday - 2 - 8));
    if (thursday.getTime() > Date.now() + 2 * 86_400_000) return thursday;
  }
}

function cityDay(offset: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem' }).format(new Date(Date.now() + offset * 86_400_000));
}

const PRIVATE_TEXT = 'PRIVATE-NOTE-kx39 the teacher seems overwhelmed at home';
const SHARED_TEXT = 'SHARED-NOTE-q7 try the exit-ticket routine';

describe('mentoring sessions', () => {
  let t: TestApp;
  let w: CohortWorld;
  let mentor: SignedInAgent;

  function schedule(agent: SignedInAgent, form: Record<string, string | string[]>) {
    return agent.post('/mentoring/sessions', { start: '10:00', end: '11:00', place: 'Room 4', ...form });
  }
  const sessionIdFrom = (location: string) => /\/mentoring\/sessions\/([0-9a-f-]{36})$/.exec(location)![1];

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCohort(t.db, {
      teacherCount: 3,
      teacherNames: ['Dana Cohen', 'Yossi Levi', 'Rina Azulay'],
      modules: [{ opens: -100, due: -50 }],
      programme: { minSessions: 1 },
    });
    mentor = await signIn(t, w.mentor);
  });
  afterAll(() => t.close());

  describe('scheduling', () => {
    it('schedules a group session with mentees, tells them, and audits it', async () => {
      const res = await schedule(mentor, { day: cityDay(20), teacherIds: [w.teachers[0].id, w.teachers[1].id], agenda: 'Lesson plans' }).expect(303);
      const id = sessionIdFrom(res.headers.location);
      const told = await t.db.query(`SELECT recipient_id FROM notification WHERE kind = 'mentoring.booked' AND link = $1`, [`/mentoring/sessions/${id}`]);
      expect(told.map((r: { recipient_id: string }) => r.recipient_id).sort()).toEqual([w.teachers[0].id, w.teachers[1].id].sort());
      const audit = await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'mentoring.session_scheduled' AND subject_id = $1`, [id]);
      expect(audit).toHaveLength(1);
      const page = await mentor.get(`/mentoring/sessions/${id}`).expect(200);
      expect(page.text).toContain('Dana Cohen');
      expect(page.text).toContain('Lesson plans');
      expect(page.text).not.toContain('Scheduled by');
      // Times are the city's: 10:00 in Israel.
      const [row] = await t.db.query(`SELECT to_char(starts_at AT TIME ZONE 'Asia/Jerusalem', 'HH24:MI') AS local FROM mentoring_session WHERE id = $1`, [id]);
      expect(row.local).toBe('10:00');
    });

    it("refuses a participant who is not the mentor's mentee, and an end before the start", async () => {
      const stranger = await createUser(t.db, { municipalityId: w.city.id });
      const res = await schedule(mentor, { day: cityDay(21), teacherIds: [stranger.id] }).expect(400);
      expect(res.text).toContain('Choose participants among your mentees.');
      const backwards = await schedule(mentor, { day: cityDay(21), start: '12:00', end: '11:00', teacherIds: [w.teachers[0].id] }).expect(400);
      expect(backwards.text).toContain('The end must come after the start.');
    });

    it("flags an overlap with the mentor's or a participant's other session before saving, and saves once confirmed", async () => {
      const day = cityDay(30);
      await schedule(mentor, { day, teacherIds: [w.teachers[2].id] }).expect(303);
      const clash = await schedule(mentor, { day, start: '10:30', end: '11:30', teacherIds: [w.teachers[0].id], place: 'Library' }).expect(409);
      expect(clash.text).toContain('Overlaps other sessions');
      expect(clash.text).toContain('Schedule it anyway');
      expect(clash.text).toContain('value="Library"');
      const before = await t.db.query(`SELECT count(*)::int AS n FROM mentoring_session WHERE mentor_id = $1`, [w.mentor.id]);
      await schedule(mentor, { day, start: '10:30', end: '11:30', teacherIds: [w.teachers[0].id], confirmConflicts: 'yes' }).expect(303);
      const after = await t.db.query(`SELECT count(*)::int AS n FROM mentoring_session WHERE mentor_id = $1`, [w.mentor.id]);
      expect(after[0].n).toBe(before[0].n + 1);
    });

    it('shows the month calendar with the session on its day, and refuses a malformed month', async () => {
      const day = cityDay(35);
      const id = sessionIdFrom((await schedule(mentor, { day, start: '14:00', end: '15:00', teacherIds: [w.teachers[1].id] }).expect(303)).headers.location);
      const page = await mentor.get(`/mentoring/calendar?month=${day.slice(0, 7)}`).expect(200);
      expect(page.text).toContain(`href="/mentoring/sessions/${id}"`);
      const teacherView = await (await signIn(t, w.teachers[1])).get(`/mentoring/calendar?month=${day.slice(0, 7)}`).expect(200);
      expect(teacherView.text).toContain(`href="/mentoring/sessions/${id}"`);
      await mentor.get('/mentoring/calendar?month=2026-13').expect(400);
    });

    it("hides a session from another city's admin and from a teacher who is not in it (404)", async () => {
      const res = await schedule(mentor, { day: cityDay(40), teacherIds: [w.teachers[0].id] }).expect(303);
      const id = sessionIdFrom(res.headers.location);
      const otherAdmin = await signIn(t, await createUser(t.db, { roles: ['department_admin'], preferredLanguage: 'en' }));
      await otherAdmin.get(`/mentoring/sessions/${id}`).expect(404);
      await (await signIn(t, w.teachers[1])).get(`/mentoring/sessions/${id}`).expect(404);
      await (await signIn(t, w.admin)).get(`/mentoring/sessions/${id}`).expect(200);
    });
  });

  describe('a department admin scheduling for a mentor of their city', () => {
    let own: CohortWorld;
    let sibling: CohortWorld;
    let foreign: CohortWorld;
    let admin: SignedInAgent;

    beforeAll(async () => {
      own = await buildCohort(t.db, { teacherCount: 2, modules: [{}], teacherNames: ['Noa Peretz', 'Amir Haddad'] });
      // Another mentor of the same city, whose teacher is not own.mentor's mentee.
      sibling = await buildCohort(t.db, { teacherCount: 1, modules: [{}], city: own.city, teacherNames: ['Tamar Biton'] });
      foreign = await buildCohort(t.db, { teacherCount: 1, modules: [{}], teacherNames: ['Elsewhere Teacher'] });
      admin = await signIn(t, own.admin);
    });

    it("offers the city's mentors, then the chosen mentor's mentees and no drafted agenda", async () => {
      const picker = await admin.get('/mentoring/sessions/new').expect(200);
      expect(picker.text).toContain(`<option value="${own.mentor.id}"`);
      expect(picker.text).toContain(`<option value="${sibling.mentor.id}"`);
      expect(picker.text).not.toContain(foreign.mentor.id);
      expect(picker.text).not.toContain('name="teacherIds"');
      expect((await admin.get(`/cohorts/${own.cohort.id}/mentoring`).expect(200)).text).toContain('href="/mentoring/sessions/new"');
      expect((await admin.get('/mentoring').expect(200)).text).toContain('href="/mentoring/sessions/new"');
      await t.db.query(
        `INSERT INTO goal (owner_id, frame, what, created_at) VALUES ($1, 'me', 'GOAL-TEXT-z81 speak up in staff meetings', now() - interval '60 days')`,
        [own.teachers[0].id],
      );
      const form = await admin.get(`/mentoring/sessions/new?mentorId=${own.mentor.id}&teacher=${own.teachers[0].id}`).expect(200);
      expect(form.text).toContain('Noa Peretz');
      expect(form.text).toContain('Amir Haddad');
      expect(form.text).not.toContain('Tamar Biton');
      expect(form.text).toContain(`name="mentorId" value="${own.mentor.id}"`);
      expect(form.text).not.toContain('name="agenda"');
      expect(form.text).not.toContain('GOAL-TEXT-z81');
      await admin.get('/mentoring/sessions/new?mentorId=not-an-id').expect(400);
    });

    it("schedules the session as the mentor's (303): the mentor and the teacher see it and are told, and the audit names the admin", async () => {
      const res = await schedule(admin, { mentorId: own.mentor.id, day: cityDay(24), teacherIds: [own.teachers[0].id], place: 'Hall 3' }).expect(303);
      const id = sessionIdFrom(res.headers.location);
      expect(
        await t.db.query(`SELECT mentor_id AS "mentorId", created_by AS "createdBy", municipality_id AS city FROM mentoring_session WHERE id = $1`, [id]),
      ).toEqual([{ mentorId: own.mentor.id, createdBy: own.admin.id, city: own.city.id }]);
      const mentorAgent = await signIn(t, own.mentor);
      const teacher = await signIn(t, own.teachers[0]);
      expect((await mentorAgent.get('/mentoring').expect(200)).text).toContain(`href="/mentoring/sessions/${id}"`);
      expect((await teacher.get('/mentoring').expect(200)).text).toContain(`href="/mentoring/sessions/${id}"`);
      const mentorPage = await mentorAgent.get(`/mentoring/sessions/${id}`).expect(200);
      expect(mentorPage.text).toMatch(new RegExp(`Scheduled by \\(education department\\)</dt><dd><bdi>${own.admin.displayName}</bdi>`));
      const told = await t.db.query(`SELECT recipient_id AS "to", kind, vars FROM notification WHERE link = $1 ORDER BY kind`, [`/mentoring/sessions/${id}`]);
      expect(told).toEqual([
        { to: own.teachers[0].id, kind: 'mentoring.booked', vars: { mentor: own.mentor.displayName } },
        { to: own.mentor.id, kind: 'mentoring.scheduledForYou', vars: { admin: own.admin.displayName } },
      ]);
      expect((await mentorAgent.get('/notifications').expect(200)).text).toContain(
        `${own.admin.displayName} of the education department scheduled a mentoring session for you`,
      );
      const audit = await t.db.query(
        `SELECT actor_id AS "actorId", details->>'mentorId' AS "mentorId" FROM audit_event WHERE action = 'mentoring.session_scheduled' AND subject_id = $1`,
        [id],
      );
      expect(audit).toEqual([{ actorId: own.admin.id, mentorId: own.mentor.id }]);
    });

    it("flags the mentor's and participants' overlapping sessions as for a mentor", async () => {
      const day = cityDay(26);
      await schedule(await signIn(t, own.mentor), { day, teacherIds: [own.teachers[1].id] }).expect(303);
      const clash = await schedule(admin, { mentorId: own.mentor.id, day, start: '10:30', end: '11:30', teacherIds: [own.teachers[0].id] }).expect(409);
      expect(clash.text).toContain('Overlaps other sessions');
      expect(clash.text).toContain(own.mentor.displayName);
      await schedule(admin, { mentorId: own.mentor.id, day, start: '10:30', end: '11:30', teacherIds: [own.teachers[0].id], confirmConflicts: 'yes' }).expect(
        303,
      );
    });

    it("refuses a participant who is not the chosen mentor's mentee (400, message and the form refilled), and an agenda typed by the admin", async () => {
      const day = cityDay(27);
      for (const stranger of [sibling.teachers[0], foreign.teachers[0]]) {
        const res = await schedule(admin, { mentorId: own.mentor.id, day, teacherIds: [stranger.id], place: 'Hall 7' }).expect(400);
        expect(res.text).toContain(`Choose participants among ${own.mentor.displayName}&#x27;s mentees.`);
        expect(res.text).toContain(`name="mentorId" value="${own.mentor.id}"`);
        expect(res.text).toContain('value="Hall 7"');
        expect(res.text).toContain(`value="${day}"`);
        expect(res.text).toContain('Noa Peretz');
      }
      const agenda = await schedule(admin, { mentorId: own.mentor.id, day, teacherIds: [own.teachers[0].id], agenda: 'Talk about her goals' }).expect(400);
      expect(agenda.text).toContain('The mentor writes the agenda; leave it empty.');
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM mentoring_session WHERE mentor_id = $1 AND starts_at::date >= $2::date`, [
        own.mentor.id,
        day,
      ]);
      expect(n).toBe(0);
    });

    it("refuses an admin of another city the mentor (404), and the city's admin a mentor of another city (404)", async () => {
      const elsewhere = await signIn(t, foreign.admin);
      await elsewhere.get(`/mentoring/sessions/new?mentorId=${own.mentor.id}`).expect(404);
      await schedule(elsewhere, { mentorId: own.mentor.id, day: cityDay(28), teacherIds: [own.teachers[0].id] }).expect(404);
      await admin.get(`/mentoring/sessions/new?mentorId=${foreign.mentor.id}`).expect(404);
      await schedule(admin, { mentorId: foreign.mentor.id, day: cityDay(28), teacherIds: [foreign.teachers[0].id] }).expect(404);
      // Refused before validation too: a foreign mentor with a form that does not validate is still a 404.
      await schedule(elsewhere, { mentorId: own.mentor.id, day: 'tomorrow', teacherIds: [own.teachers[0].id] }).expect(404);
    });

    it('still refuses a mentor who schedules for another mentor (404)', async () => {
      const mentorAgent = await signIn(t, own.mentor);
      await mentorAgent.get(`/mentoring/sessions/new?mentorId=${sibling.mentor.id}`).expect(404);
      await schedule(mentorAgent, { mentorId: sibling.mentor.id, day: cityDay(29), teacherIds: [sibling.teachers[0].id] }).expect(404);
      await schedule(mentorAgent, { mentorId: own.mentor.id, day: cityDay(29), teacherIds: [own.teachers[0].id] }).expect(303);
    });

    it("shows the admin the session's logistics, and none of its notes, agenda or action items; the page says who reads what", async () => {
      const id = sessionIdFrom(
        (
          await schedule(admin, {
            mentorId: own.mentor.id,
            day: cityDay(-4),
            start: '13:00',
            end: '14:00',
            teacherIds: [own.teachers[1].id],
            place: 'Hall 9',
          }).expect(303)
        ).headers.location,
      );
      const mentorAgent = await signIn(t, own.mentor);
      await mentorAgent.post(`/mentoring/sessions/${id}/notes`, { agenda: 'AGENDA-TEXT-w5 her class', sharedNotes: 'SHARED-TEXT-w5 exit tickets' }).expect(303);
      await mentorAgent.post(`/mentoring/sessions/${id}/private-note`, { privateNote: 'PRIVATE-TEXT-w5 tired' }).expect(303);
      await mentorAgent
        .post(`/mentoring/sessions/${id}/action-items`, { ownerId: own.teachers[1].id, title: 'ITEM-TEXT-w5 observe', dueOn: cityDay(5) })
        .expect(303);
      await mentorAgent.post(`/mentoring/sessions/${id}/attendance`, { present: own.teachers[1].id }).expect(303);
      const page = await admin.get(`/mentoring/sessions/${id}`).expect(200);
      expect(page.text).toContain('Hall 9');
      expect(page.text).toContain('Amir Haddad');
      expect(page.text).toContain(own.mentor.displayName);
      expect(page.text).toContain('attended');
      expect(page.text).toContain('never its agenda, shared notes or action items');
      for (const secret of ['AGENDA-TEXT-w5', 'SHARED-TEXT-w5', 'PRIVATE-TEXT-w5', 'ITEM-TEXT-w5'])
        expect([secret, page.text.includes(secret)]).toEqual([secret, false]);
      // Nor through the forms an admin may open on it.
      for (const path of [`/mentoring/sessions/${id}/reschedule`, `/mentoring/sessions/${id}/cancel`]) {
        const form = await admin.get(path).expect(200);
        for (const secret of ['AGENDA-TEXT-w5', 'SHARED-TEXT-w5', 'PRIVATE-TEXT-w5', 'ITEM-TEXT-w5'])
          expect([path, secret, form.text.includes(secret)]).toEqual([path, secret, false]);
      }
      const participant = await (await signIn(t, own.teachers[1])).get(`/mentoring/sessions/${id}`).expect(200);
      expect(participant.text).toContain('SHARED-TEXT-w5');
      expect(participant.text).not.toContain('PRIVATE-TEXT-w5');
    });

    it('lets the admin move and cancel the session with a reason; the mentor and the participants are told', async () => {
      const id = sessionIdFrom(
        (await schedule(admin, { mentorId: own.mentor.id, day: cityDay(31), teacherIds: [own.teachers[0].id, own.teachers[1].id] }).expect(303)).headers
          .location,
      );
      await admin
        .post(`/mentoring/sessions/${id}/reschedule`, { day: cityDay(32), start: '09:00', end: '10:00', place: 'Hall 2', reason: 'Hall booked' })
        .expect(303);
      await admin.post(`/mentoring/sessions/${id}/cancel`, { reason: 'Strike' }).expect(303);
      const told = await t.db.query(
        `SELECT kind, array_agg(recipient_id::text ORDER BY recipient_id) AS who FROM notification WHERE link = $1 AND kind <> 'mentoring.booked' AND kind <> 'mentoring.scheduledForYou' GROUP BY kind ORDER BY kind`,
        [`/mentoring/sessions/${id}`],
      );
      const everyone = [own.mentor.id, own.teachers[0].id, own.teachers[1].id].sort();
      expect(told).toEqual([
        { kind: 'mentoring.cancelled', who: everyone },
        { kind: 'mentoring.moved', who: everyone },
      ]);
      const audit = await t.db.query(`SELECT action FROM audit_event WHERE subject_id = $1 AND actor_id = $2 ORDER BY id`, [id, own.admin.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'mentoring.session_scheduled',
        'mentoring.session_rescheduled',
        'mentoring.session_cancelled',
      ]);
    });
  });

  describe('running a session', () => {
    let sessionId: string;

    beforeAll(async () => {
      const res = await schedule(mentor, { day: cityDay(-3), start: '16:00', end: '17:00', teacherIds: [w.teachers[0].id, w.teachers[1].id] }).expect(303);
      sessionId = sessionIdFrom(res.headers.location);
      await mentor.post(`/mentoring/sessions/${sessionId}/notes`, { agenda: 'Classroom routines', sharedNotes: SHARED_TEXT }).expect(303);
      await mentor.post(`/mentoring/sessions/${sessionId}/private-note`, { privateNote: PRIVATE_TEXT }).expect(303);
    });

    it("counts attended sessions in the teacher's status, and an absent teacher's stays unmet", async () => {
      const before = await (await signIn(t, w.teachers[0])).get('/path').expect(200);
      expect(before.text).toContain('Mentoring sessions attended: 0 of 1');
      await mentor.post(`/mentoring/sessions/${sessionId}/attendance`, { present: w.teachers[0].id }).expect(303);
      const rows = await t.db.query(`SELECT teacher_id, attended FROM mentoring_participant WHERE session_id = $1`, [sessionId]);
      expect(Object.fromEntries(rows.map((r: { teacher_id: string; attended: boolean }) => [r.teacher_id, r.attended]))).toEqual({
        [w.teachers[0].id]: true,
        [w.teachers[1].id]: false,
      });
      const present = await (await signIn(t, w.teachers[0])).get('/path').expect(200);
      expect(present.text).toContain('Mentoring sessions attended: 1 of 1');
      const absent = await (await signIn(t, w.teachers[1])).get('/path').expect(200);
      expect(absent.text).toContain('Mentoring sessions attended: 0 of 1');
      const csv = await (await signIn(t, w.admin)).get(`/cohorts/${w.cohort.id}/progress.csv`).expect(200);
      const danaLine = csv.text.split('\n').find((line) => line.includes('Dana Cohen'))!;
      expect(danaLine).toMatch(/,1,/);
    });

    it('does not count a cancelled session', async () => {
      const res = await schedule(mentor, { day: cityDay(-2), start: '08:00', end: '09:00', teacherIds: [w.teachers[1].id] }).expect(303);
      const id = sessionIdFrom(res.headers.location);
      await mentor.post(`/mentoring/sessions/${id}/attendance`, { present: w.teachers[1].id }).expect(303);
      expect((await (await signIn(t, w.teachers[1])).get('/path')).text).toContain('Mentoring sessions attended: 1 of 1');
      await mentor.post(`/mentoring/sessions/${id}/cancel`, { reason: 'Recorded by mistake' }).expect(303);
      expect((await (await signIn(t, w.teachers[1])).get('/path')).text).toContain('Mentoring sessions attended: 0 of 1');
    });

    it('shows shared notes to participants, private notes to the mentor only, and neither to the department', async () => {
      const own = await mentor.get(`/mentoring/sessions/${sessionId}`).expect(200);
      expect(own.text).toContain(PRIVATE_TEXT);
      expect(own.text).toContain(SHARED_TEXT);
      const participant = await (await signIn(t, w.teachers[0])).get(`/mentoring/sessions/${sessionId}`).expect(200);
      expect(participant.text).toContain(SHARED_TEXT);
      expect(participant.text).not.toContain(PRIVATE_TEXT);
      const admin = await (await signIn(t, w.admin)).get(`/mentoring/sessions/${sessionId}`).expect(200);
      expect(admin.text).not.toContain(SHARED_TEXT);
      expect(admin.text).not.toContain(PRIVATE_TEXT);
      // A participant cannot write the private note, nor the shared one.
      const teacher = await signIn(t, w.teachers[0]);
      await teacher.post(`/mentoring/sessions/${sessionId}/private-note`, { privateNote: 'mine now' }).expect(404);
      await teacher.post(`/mentoring/sessions/${sessionId}/notes`, { sharedNotes: 'overwritten' }).expect(404);
    });

    it('finds the private note on no page of any other role, crawled from their home, nor in their calendar feed', async () => {
      const network = await createUser(t.db, { roles: ['network_admin'], preferredLanguage: 'en' });
      const otherMentor = await createUser(t.db, { municipalityId: w.city.id, preferredLanguage: 'en' });
      await enrol(t.db, w.cohort.id, w.city.id, otherMentor.id, 'mentor');
      await createMentorGroup(t.db, w.cohort.id, otherMentor.id);
      const people: TestUser[] = [w.teachers[0], w.teachers[1], w.admin, network, otherMentor];
      const needle = 'PRIVATE-NOTE-kx39';
      for (const person of people) {
        const agent = await signIn(t, person);
        const seen = new Set<string>();
        const queue = ['/', '/mentoring', '/mentoring?when=past', `/mentoring/sessions/${sessionId}`, `/cohorts/${w.cohort.id}/progress.csv`];
        while (queue.length > 0 && seen.size < 60) {
          const path = queue.shift()!;
          if (seen.has(path)) continue;
          seen.add(path);
          const res = await agent.get(path);
          expect([path, res.text.includes(needle)]).toEqual([path, false]);
          if (res.status !== 200 || !/html/.test(String(res.headers['content-type']))) continue;
          for (const [, href] of res.text.matchAll(/href="(\/[^"#]*)"/g)) {
            const link = href.replace(/&amp;/g, '&');
            if (!seen.has(link) && !/^\/(logout|css|js|audit)/.test(link) && !/[?&](page|sort)=/.test(link)) queue.push(link);
          }
        }
        expect(seen.size).toBeGreaterThan(3);
        await agent.post('/mentoring/calendar-feed').expect(303);
        const [feed] = await t.db.query(`SELECT token FROM calendar_feed WHERE user_id = $1`, [person.id]);
        const ics = await request(t.http).get(`/calendar/${feed.token}.ics`).expect(200);
        expect(ics.text).not.toContain(needle);
      }
    }, 120_000);
  });

  describe('action items', () => {
    it('carries an open item forward to the next session and its draft agenda, until its owner ticks it off', async () => {
      const first = sessionIdFrom(
        (await schedule(mentor, { day: cityDay(-10), start: '12:00', end: '13:00', teacherIds: [w.teachers[2].id] }).expect(303)).headers.location,
      );
      await mentor
        .post(`/mentoring/sessions/${first}/action-items`, { ownerId: w.teachers[2].id, title: 'Observe a colleague lesson', dueOn: cityDay(5) })
        .expect(303);
      const draft = await mentor.get(`/mentoring/sessions/new?teacher=${w.teachers[2].id}`).expect(200);
      expect(draft.text).toContain('Observe a colleague lesson');
      const second = sessionIdFrom(
        (await schedule(mentor, { day: cityDay(50), start: '12:00', end: '13:00', teacherIds: [w.teachers[2].id] }).expect(303)).headers.location,
      );
      const carried = await mentor.get(`/mentoring/sessions/${second}`).expect(200);
      expect((await (await signIn(t, w.teachers[2])).get(`/mentoring/sessions/${first}`)).text).not.toContain('name="_csrf" value=""');
      expect(carried.text).toContain('Observe a colleague lesson');
      expect(carried.text).toContain('carried forward');

      const [item] = await t.db.query(`SELECT id FROM mentoring_action_item WHERE session_id = $1`, [first]);
      const teacher0 = await signIn(t, w.teachers[2]);
      await mentor.post(`/mentoring/sessions/${first}/action-items/${item.id}`, { done: 'yes' }).expect(404);
      await teacher0.post(`/mentoring/sessions/${second}/action-items/${item.id}`, { done: 'yes' }).expect(404);
      const teacher = await signIn(t, w.teachers[2]);
      await teacher.post(`/mentoring/sessions/${first}/action-items/${item.id}`, { done: 'yes' }).expect(303);
      const after = await mentor.get(`/mentoring/sessions/${second}`).expect(200);
      expect(after.text).not.toContain('Observe a colleague lesson');
      const original = await mentor.get(`/mentoring/sessions/${first}`).expect(200);
      expect(original.text).toContain('Observe a colleague lesson');
    });
    it("drafts a one-to-one agenda with the teacher's goals due for a check-in, and never names a goal in a group session's draft", async () => {
      await t.db.query(
        `INSERT INTO goal (owner_id, frame, what, created_at) VALUES ($1, 'me', 'Lead a reading circle', now() - interval '60 days'), ($1, 'you', 'Not due yet', now())`,
        [w.teachers[1].id],
      );
      const oneToOne = await mentor.get(`/mentoring/sessions/new?teacher=${w.teachers[1].id}`).expect(200);
      expect(oneToOne.text).toContain('Goal check-in: Lead a reading circle');
      expect(oneToOne.text).not.toContain('Not due yet');
      const group = await mentor.get(`/mentoring/sessions/new?teacher=${w.teachers[1].id}&teacher=${w.teachers[2].id}`).expect(200);
      expect(group.text).not.toContain('Lead a reading circle');
      // An action item may serve one of its owner's goals, never someone else's.
      const [[own], [others]] = await Promise.all([
        t.db.query(`SELECT id FROM goal WHERE owner_id = $1 AND what = 'Lead a reading circle'`, [w.teachers[1].id]),
        t.db.query(`INSERT INTO goal (owner_id, frame, what) VALUES ($1, 'us', 'Someone else''s goal') RETURNING id`, [w.teachers[2].id]),
      ]);
      const session = sessionIdFrom(
        (await schedule(mentor, { day: cityDay(40), start: '09:00', end: '10:00', teacherIds: [w.teachers[1].id] }).expect(303)).headers.location,
      );
      await mentor.post(`/mentoring/sessions/${session}/action-items`, { ownerId: w.teachers[1].id, title: 'Plan the circle', goalId: others.id }).expect(400);
      await mentor.post(`/mentoring/sessions/${session}/action-items`, { ownerId: w.teachers[1].id, title: 'Plan the circle', goalId: own.id }).expect(303);
      expect(await t.db.query(`SELECT goal_id AS "goalId" FROM mentoring_action_item WHERE session_id = $1`, [session])).toEqual([{ goalId: own.id }]);
      // The mentor is offered the teacher's goals in a one-to-one session; the goal's timeline shows the item and its session.
      expect((await mentor.get(`/mentoring/sessions/${session}`).expect(200)).text).toMatch(
        /<option value="[0-9a-f-]{36}" dir="auto">Lead a reading circle<\/option>/,
      );
      const goalPage = await (await signIn(t, w.teachers[1])).get(`/goals/${own.id}`).expect(200);
      expect(goalPage.text).toContain('Plan the circle');
      expect(goalPage.text).toContain(`href="/mentoring/sessions/${session}"`);
    });
  });

  describe('availability and booking', () => {
    let race: CohortWorld;
    let raceMentor: SignedInAgent;

    beforeAll(async () => {
      race = await buildCohort(t.db, { teacherCount: 20, modules: [{}] });
      raceMentor = await signIn(t, race.mentor);
    });

    it('lets exactly one of 20 concurrent bookings of one slot win; the others are told it is taken (409)', async () => {
      await raceMentor
        .post('/mentoring/slots', { startsOn: cityDay(6), startTime: '15:00', durationMinutes: '45', weeks: '1', cancelCutoffHours: '24' })
        .expect(303);
      const [slot] = await t.db.query(`SELECT id FROM availability_slot WHERE mentor_id = $1`, [race.mentor.id]);
      const teachers = [];
      for (const teacher of race.teachers) teachers.push(await signIn(t, teacher));
      const page = await teachers[0].get('/mentoring/slots').expect(200);
      // Every booking form carries the session's CSRF token, also inside the list's loop.
      expect(page.text).not.toContain('name="_csrf" value=""');
      const startsAt = /name="startsAt" value="([^"]+)"/.exec(page.text)![1];
      const results = await Promise.all(teachers.map((a) => a.post('/mentoring/bookings', { slotId: slot.id, startsAt })));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 303)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      expect(results.find((r) => r.status === 409)!.text).toContain('Someone booked this slot a moment ago');
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM mentoring_session WHERE slot_id = $1`, [slot.id]);
      expect(n).toBe(1);
      // Booked: no longer offered.
      expect((await teachers[1].get('/mentoring/slots')).text).not.toContain(startsAt);
    });

    it('keeps a weekly slot at its clock time across the spring daylight-saving change', async () => {
      // 17:00 in Israel is 15:00Z in winter (the first two weeks) and 14:00Z in summer (the third).
      const first = thursdayBeforeSpringChange();
      const week = (n: number) => isoDay(new Date(first.getTime() + n * 7 * 86_400_000));
      await raceMentor
        .post('/mentoring/slots', { startsOn: week(0), startTime: '17:00', durationMinutes: '30', weeks: '3', cancelCutoffHours: '0' })
        .expect(303);
      const page = await (await signIn(t, race.teachers[0])).get('/mentoring/slots').expect(200);
      for (const instant of [`${week(0)}T15:00:00.000Z`, `${week(1)}T15:00:00.000Z`, `${week(2)}T14:00:00.000Z`]) expect(page.text).toContain(instant);
    });

    it('lets a mentee cancel a booking before the cut-off, and refuses after it', async () => {
      // Two days ahead at 10:00: between 24 and 72 hours away.
      await raceMentor
        .post('/mentoring/slots', { startsOn: cityDay(2), startTime: '10:00', durationMinutes: '30', weeks: '1', cancelCutoffHours: '96' })
        .expect(303);
      await raceMentor
        .post('/mentoring/slots', { startsOn: cityDay(2), startTime: '11:00', durationMinutes: '30', weeks: '1', cancelCutoffHours: '1' })
        .expect(303);
      const slots = await t.db.query(`SELECT id, cancel_cutoff_hours AS cutoff FROM availability_slot WHERE mentor_id = $1 AND starts_on = $2::date`, [
        race.mentor.id,
        cityDay(2),
      ]);
      const teacher = await signIn(t, race.teachers[5]);
      const page = await teacher.get('/mentoring/slots').expect(200);
      const booked: Record<number, string> = {};
      for (const s of slots) {
        const startsAt = new RegExp(`name="slotId" value="${s.id}">\\s*<input type="hidden" name="startsAt" value="([^"]+)"`).exec(page.text)![1];
        booked[s.cutoff] = sessionIdFrom((await teacher.post('/mentoring/bookings', { slotId: s.id, startsAt }).expect(303)).headers.location);
      }
      const late = await teacher.post(`/mentoring/sessions/${booked[96]}/cancel`, { reason: 'Sick' }).expect(409);
      expect(late.text).toContain('It is too late to cancel');
      await teacher.post(`/mentoring/sessions/${booked[1]}/cancel`, { reason: 'Parents evening' }).expect(303);
      const told = await t.db.query(`SELECT 1 FROM notification WHERE recipient_id = $1 AND kind = 'mentoring.cancelled'`, [race.mentor.id]);
      expect(told).toHaveLength(1);
      // The freed slot is offered again.
      expect((await teacher.get('/mentoring/slots')).text).toContain(`value="${slots.find((s: { cutoff: number }) => s.cutoff === 1).id}"`);
    });
  });

  describe('calendar feed', () => {
    it('serves sessions in the city time zone with stable UIDs, a rising SEQUENCE and cancellations, and refuses an unknown token', async () => {
      const teacher = await signIn(t, w.teachers[1]);
      const day = winterDay();
      const id = sessionIdFrom((await schedule(mentor, { day, start: '09:30', end: '10:15', teacherIds: [w.teachers[1].id] }).expect(303)).headers.location);
      await teacher.post('/mentoring/calendar-feed').expect(303);
      const agenda = await teacher.get('/mentoring').expect(200);
      const feedPath = /href="(\/calendar\/[A-Za-z0-9_-]{16,}\.ics)"/.exec(agenda.text)![1];
      const fetchEvent = async () => {
        const res = await request(t.http).get(feedPath).expect(200);
        expect(res.headers['content-type']).toMatch(/text\/calendar/);
        const calendar = new ICAL.Component(ICAL.parse(res.text));
        const vevent = calendar.getAllSubcomponents('vevent').find((e) => String(e.getFirstPropertyValue('uid')).includes(id))!;
        return new ICAL.Event(vevent);
      };
      const first = await fetchEvent();
      const dtstart = first.component.getFirstProperty('dtstart')!;
      expect(dtstart.getParameter('tzid')).toBe('Asia/Jerusalem');
      expect(first.startDate.toString()).toBe(`${day}T09:30:00`);
      expect(first.endDate.toString()).toBe(`${day}T10:15:00`);
      expect(first.sequence).toBe(0);
      const again = await fetchEvent();
      expect(again.uid).toBe(first.uid);

      await mentor.post(`/mentoring/sessions/${id}/reschedule`, { day, start: '11:00', end: '12:00', reason: 'Staff meeting' }).expect(303);
      const moved = await fetchEvent();
      expect(moved.uid).toBe(first.uid);
      expect(moved.sequence).toBe(1);
      expect(moved.startDate.toString()).toBe(`${day}T11:00:00`);
      expect(await t.db.query(`SELECT 1 FROM notification WHERE recipient_id = $1 AND kind = 'mentoring.moved'`, [w.teachers[1].id])).toHaveLength(1);

      await mentor.post(`/mentoring/sessions/${id}/cancel`, { reason: 'Strike' }).expect(303);
      const cancelled = await fetchEvent();
      expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(cancelled.sequence).toBe(2);

      await request(t.http).get('/calendar/unknown-token-0123456789abcdef.ics').expect(404);
      await request(t.http).get('/calendar/short.ics').expect(404);
      // Reset: the old address stops working.
      await teacher.post('/mentoring/calendar-feed').expect(303);
      await request(t.http).get(feedPath).expect(404);
    });

    it("gives times on the city's clock with the city's VTIMEZONE, right in summer and winter, and still refuses an unknown token", async () => {
      const teacher = await signIn(t, w.teachers[2]);
      // Next year's winter (UTC+2) and summer (UTC+3); and 29 March of a year whose 31 March is a
      // Friday (2028, 2034...): summer time began on the 24th (the Friday before the last Sunday),
      // though the last Friday of that March is the 31st.
      const year = new Date().getUTCFullYear() + 1;
      let marchYear = year;
      while (new Date(Date.UTC(marchYear, 2, 31)).getUTCDay() !== 5) marchYear++;
      const days = { winter: `${year}-12-08`, summer: `${year}-07-14`, lateMarch: `${marchYear}-03-29` };
      const ids: Record<string, string> = {};
      for (const [name, day] of Object.entries(days)) {
        ids[name] = sessionIdFrom((await schedule(mentor, { day, start: '09:30', end: '10:15', teacherIds: [w.teachers[2].id] }).expect(303)).headers.location);
      }
      await teacher.post('/mentoring/calendar-feed').expect(303);
      const [feed] = await t.db.query(`SELECT token FROM calendar_feed WHERE user_id = $1`, [w.teachers[2].id]);
      const res = await request(t.http).get(`/calendar/${feed.token}.ics`).expect(200);
      const calendar = new ICAL.Component(ICAL.parse(res.text));
      const zones = calendar.getAllSubcomponents('vtimezone');
      expect(zones.map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Asia/Jerusalem']);
      expect(zones[0].getAllSubcomponents('daylight').length).toBeGreaterThan(0);
      expect(zones[0].getAllSubcomponents('standard').length).toBeGreaterThan(0);
      // Convert with the feed's own VTIMEZONE, as a calendar app would.
      const zone = new ICAL.Timezone(zones[0]);
      const utcOf = (sessionId: string) => {
        const vevent = calendar.getAllSubcomponents('vevent').find((e) => String(e.getFirstPropertyValue('uid')).includes(sessionId))!;
        const start = vevent.getFirstProperty('dtstart')!;
        expect(start.getParameter('tzid')).toBe('Asia/Jerusalem');
        const local = (start.getFirstValue() as ICAL.Time).clone();
        expect(local.toString()).toMatch(/T09:30:00$/);
        local.zone = zone;
        return local.toJSDate().toISOString();
      };
      expect(utcOf(ids.winter)).toBe(`${days.winter}T07:30:00.000Z`);
      expect(utcOf(ids.summer)).toBe(`${days.summer}T06:30:00.000Z`);
      expect(utcOf(ids.lateMarch)).toBe(`${days.lateMarch}T06:30:00.000Z`);
      await request(t.http).get('/calendar/unknown-token-0123456789abcdef.ics').expect(404);
    });
  });

  describe('figures for the mentor home and the department', () => {
    it("shows the mentor each mentee's last contact and next session, in statements that do not grow with the mentees", async () => {
      const home = await mentor.get('/').expect(200);
      expect(home.text).toContain('<h2 id="home-mentor-contacts">My mentees</h2>');
      for (const teacher of w.teachers) expect(home.text).toContain(teacher.displayName);
      const small = await countQueries(t.db, () => mentor.get('/').expect(200));
      const big = await buildCohort(t.db, { teacherCount: 12, modules: [{}] });
      const bigMentor = await signIn(t, big.mentor);
      const large = await countQueries(t.db, () => bigMentor.get('/').expect(200));
      expect(large.count).toBe(small.count);
    });

    it("shows the city's admins each teacher's sessions attended and days since last contact, figures only, and nobody else", async () => {
      const admin = await signIn(t, w.admin);
      const page = await admin.get(`/cohorts/${w.cohort.id}/mentoring`).expect(200);
      expect(page.text).toContain('Mentoring coverage');
      expect(page.text).toContain('Dana Cohen');
      expect(page.text).not.toContain('SHARED-NOTE');
      expect(page.text).not.toContain('PRIVATE-NOTE');
      const cohortPage = await admin.get(`/cohorts/${w.cohort.id}/windows`).expect(200);
      expect(cohortPage.text).toContain(`href="/cohorts/${w.cohort.id}/mentoring"`);
      const otherAdmin = await signIn(t, await createUser(t.db, { roles: ['department_admin'], preferredLanguage: 'en' }));
      await otherAdmin.get(`/cohorts/${w.cohort.id}/mentoring`).expect(404);
      await mentor.get(`/cohorts/${w.cohort.id}/mentoring`).expect(403);
    });
  });

  describe('demo data', () => {
    it('gives some teachers the sessions the rule asks for and leaves others unmet for weeks, and runs twice without change', async () => {
      await seedDemoData(t.db);
      const figures = await t.db.query(
        `SELECT mp.teacher_id, count(*) FILTER (WHERE mp.attended)::int AS attended,
                (now()::date - max(ms.starts_at) FILTER (WHERE mp.attended)::date) AS days
           FROM mentoring_participant mp JOIN mentoring_session ms ON ms.id = mp.session_id
           JOIN app_user u ON u.id = mp.teacher_id AND u.email LIKE '%@demo.test'
          WHERE ms.starts_at < now()
          GROUP BY mp.teacher_id`,
      );
      expect(figures.some((f: { attended: number }) => f.attended >= 8)).toBe(true);
      expect(figures.some((f: { attended: number; days: number }) => f.attended < 8 && f.days >= 42)).toBe(true);
      const [{ n: notes }] = await t.db.query(`SELECT count(*)::int AS n FROM mentoring_private_note`);
      expect(notes).toBeGreaterThan(0);
      const [{ n: slots }] = await t.db.query(
        `SELECT count(*)::int AS n FROM availability_slot s JOIN app_user u ON u.id = s.mentor_id AND u.email LIKE '%@demo.test'`,
      );
      expect(slots).toBeGreaterThan(0);
      const before = await t.db.query(`SELECT count(*)::int AS n FROM mentoring_session`);
      await seedDemoData(t.db);
      expect(await t.db.query(`SELECT count(*)::int AS n FROM mentoring_session`)).toEqual(before);
    }, 120_000);
  });
});
