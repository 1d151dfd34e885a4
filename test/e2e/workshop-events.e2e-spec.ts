import ICAL from 'ical.js';
import request from 'supertest';
import { WORKSHOP_ATTENDANCE_BACKFILL } from '../../migrations/1796239000000-workshop-events.js';
import { CompletionStatusRepository } from '../../src/progress/completion-status.repository.js';
import { createMunicipality, createUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, createWorkshopEvent, setProgress } from '../support/progress-factories.js';
import { countQueries } from '../support/query-counter.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A day `offset` days from today on Israel's calendar, as <input type="date"> sends it. */
function cityDay(offset: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem' }).format(new Date(Date.now() + offset * 86_400_000));
}

describe('workshops are events', () => {
  let t: TestApp;
  let w: CohortWorld;
  let admin: SignedInAgent;
  let mentor: SignedInAgent;
  let workshop: string;

  const eventsOf = async (moduleId: string) =>
    t.db.query(
      `SELECT id, to_char(day, 'YYYY-MM-DD') AS day, to_char(starts_at AT TIME ZONE 'Asia/Jerusalem', 'HH24:MI') AS start, place, capacity, status, sequence
         FROM workshop_event WHERE module_id = $1 ORDER BY created_at, id`,
      [moduleId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCohort(t.db, {
      teacherCount: 2,
      teacherNames: ['Dana Cohen', 'Yossi Levi'],
      modules: [
        { title: 'Opening workshop', method: 'attendance', opens: -20, due: 10 },
        { title: 'Portrait of a student', method: 'approval' },
      ],
    });
    workshop = w.modules[0].id;
    [admin, mentor] = await Promise.all([signIn(t, w.admin), signIn(t, w.mentor)]);
  });
  afterAll(() => t.close());

  describe('a department admin schedules them on the cohort’s pages', () => {
    it('refuses bad input with 400, the message beside the field and the form refilled, then adds the date and audits it', async () => {
      const list = await admin.get(`/cohorts/${w.cohort.id}/workshops`).expect(200);
      expect(list.text).toContain('Opening workshop');
      expect(list.text).not.toContain('Portrait of a student');
      expect(list.text).toContain('No dates are set for this workshop yet.');
      const form = await admin.get(`/cohorts/${w.cohort.id}/workshops/new?module=${workshop}`).expect(200);
      expect(form.text).toContain('name="_csrf"');
      expect(form.text).toMatch(new RegExp(`<option value="${workshop}"[^>]* selected`));

      const fields = { moduleId: workshop, day: cityDay(12), start: '17:00', end: '19:30', place: 'מרכז פסגה בת ים, אולם ההדרכה', capacity: '40' };
      const backwards = await admin.post(`/cohorts/${w.cohort.id}/workshops`, { ...fields, end: '16:00' }).expect(400);
      expect(backwards.text).toContain('The end must come after the start.');
      expect(backwards.text).toContain('value="מרכז פסגה בת ים, אולם ההדרכה"');
      expect(backwards.text).toMatch(/id="end"[^>]* aria-invalid="true"/);
      const noPlace = await admin.post(`/cohorts/${w.cohort.id}/workshops`, { ...fields, place: '' }).expect(400);
      expect(noPlace.text).toContain('This field is required.');
      await admin.post(`/cohorts/${w.cohort.id}/workshops`, { ...fields, day: '2027-02-30' }).expect(400);
      await admin.post(`/cohorts/${w.cohort.id}/workshops`, { ...fields, capacity: '0' }).expect(400);
      // Not a workshop of this cohort's programme: refused on its field, nothing saved.
      const notWorkshop = await admin.post(`/cohorts/${w.cohort.id}/workshops`, { ...fields, moduleId: w.modules[1].id }).expect(400);
      expect(notWorkshop.text).toContain('Choose a workshop of this cohort');
      expect(await eventsOf(w.modules[1].id)).toHaveLength(0);
      expect(await eventsOf(workshop)).toHaveLength(0);

      await admin.post(`/cohorts/${w.cohort.id}/workshops`, fields).expect(303);
      const [event] = await eventsOf(workshop);
      expect(event).toMatchObject({ day: cityDay(12), start: '17:00', place: 'מרכז פסגה בת ים, אולם ההדרכה', capacity: 40, status: 'scheduled', sequence: 0 });
      const audit = await t.db.query(`SELECT actor_id AS "actorId" FROM audit_event WHERE action = 'workshop.event_created' AND subject_id = $1`, [event.id]);
      expect(audit).toEqual([{ actorId: w.admin.id }]);
      // The cohort's teachers are told of the new date and led to the workshop on their path; the refused tries told nobody.
      const told = await t.db.query(`SELECT recipient_id AS "to", link FROM notification WHERE kind = 'workshops.added' ORDER BY recipient_id`);
      expect(told).toEqual(
        w.teachers.map((x) => ({ to: x.id, link: `/path/modules/${workshop}?cohort=${w.cohort.id}` })).sort((a, b) => a.to.localeCompare(b.to)),
      );
      expect((await (await signIn(t, w.teachers[0])).get('/notifications').expect(200)).text).toContain(
        'A date was set for the workshop Opening workshop: see when and where.',
      );
      const after = await admin.get(`/cohorts/${w.cohort.id}/workshops`).expect(200);
      expect(after.text).toContain(`/cohorts/${w.cohort.id}/workshops/${event.id}/edit`);
    });

    it('shows when and where on the teacher’s path and module page', async () => {
      const teacher = await signIn(t, w.teachers[0]);
      const path = await teacher.get(`/path?cohort=${w.cohort.id}`).expect(200);
      expect(path.text).toContain('When and where:');
      expect(path.text).toContain('מרכז פסגה בת ים, אולם ההדרכה');
      const page = await teacher.get(`/path/modules/${workshop}?cohort=${w.cohort.id}`).expect(200);
      expect(page.text).toContain('מרכז פסגה בת ים, אולם ההדרכה');
      expect(page.text).toContain('17:00–19:30');
    });

    it('puts it in the month calendar and the agenda of the cohort’s teachers and mentors', async () => {
      const [event] = await eventsOf(workshop);
      const month = cityDay(12).slice(0, 7);
      const teacher = await signIn(t, w.teachers[1]);
      const teacherCalendar = await teacher.get(`/mentoring/calendar?month=${month}`).expect(200);
      expect(teacherCalendar.text).toContain(`/path/modules/${workshop}?cohort&#x3D;${w.cohort.id}`);
      expect(teacherCalendar.text).toContain('Opening workshop');
      const mentorCalendar = await mentor.get(`/mentoring/calendar?month=${month}`).expect(200);
      expect(mentorCalendar.text).toContain(`/cohorts/${w.cohort.id}/workshops/${event.id}/attendance`);
      const agenda = await teacher.get('/mentoring').expect(200);
      expect(agenda.text).toContain('Coming workshop dates');
      expect(agenda.text).toContain('מרכז פסגה בת ים, אולם ההדרכה');
      // Someone in no cohort of it sees nothing of it.
      const outsider = await signIn(t, await createUser(t.db, { municipalityId: w.city.id, roles: ['teacher'] }));
      expect((await outsider.get(`/mentoring/calendar?month=${month}`).expect(200)).text).not.toContain('Opening workshop');
    });

    it('serves it in the iCal feed in the city’s time zone, with a stable UID, SEQUENCE rising with each change, and cancelled as CANCELLED', async () => {
      const [event] = await eventsOf(workshop);
      const teacher = await signIn(t, w.teachers[0]);
      await teacher.post('/mentoring/calendar-feed').expect(303);
      const feedPath = /href="(\/calendar\/[A-Za-z0-9_-]{16,}\.ics)"/.exec((await teacher.get('/mentoring').expect(200)).text)![1];
      const fetchEvent = async (id: string) => {
        const res = await request(t.http).get(feedPath).expect(200);
        const calendar = new ICAL.Component(ICAL.parse(res.text));
        const vevent = calendar.getAllSubcomponents('vevent').find((e) => String(e.getFirstPropertyValue('uid')) === `workshop-${id}@teacher-accelerator`);
        return vevent ? new ICAL.Event(vevent) : undefined;
      };
      const first = (await fetchEvent(event.id))!;
      expect(first.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Jerusalem');
      expect(first.startDate.toString()).toBe(`${cityDay(12)}T17:00:00`);
      expect(first.endDate.toString()).toBe(`${cityDay(12)}T19:30:00`);
      expect(first.location).toBe('מרכז פסגה בת ים, אולם ההדרכה');
      expect(first.summary).toBe('Opening workshop');
      expect(first.sequence).toBe(0);
      expect((await fetchEvent(event.id))!.uid).toBe(first.uid);

      const edit = await admin.get(`/cohorts/${w.cohort.id}/workshops/${event.id}/edit`).expect(200);
      expect(edit.text).toContain('value="17:00"');
      await admin
        .post(`/cohorts/${w.cohort.id}/workshops/${event.id}`, { day: cityDay(13), start: '16:30', end: '19:00', place: 'היכל התרבות בת ים', capacity: '' })
        .expect(303);
      const moved = (await fetchEvent(event.id))!;
      expect(moved.uid).toBe(first.uid);
      expect(moved.sequence).toBe(1);
      expect(moved.startDate.toString()).toBe(`${cityDay(13)}T16:30:00`);
      expect(moved.location).toBe('היכל התרבות בת ים');
      expect(await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'workshop.event_updated' AND subject_id = $1`, [event.id])).toHaveLength(1);
      // The cohort's teachers are told, and led to the workshop on their path.
      const told = await t.db.query(`SELECT recipient_id AS "to", link FROM notification WHERE kind = 'workshops.moved' ORDER BY recipient_id`);
      expect(told).toEqual(
        w.teachers.map((x) => ({ to: x.id, link: `/path/modules/${workshop}?cohort=${w.cohort.id}` })).sort((a, b) => a.to.localeCompare(b.to)),
      );
      expect((await teacher.get('/notifications').expect(200)).text).toContain('The date of the workshop Opening workshop changed');

      // A second date, cancelled after confirmation: the feed keeps it, marked CANCELLED.
      const extra = await createWorkshopEvent(t.db, w.cohort.id, workshop, { day: 20, place: 'Make-up room' });
      const confirm = await admin.get(`/cohorts/${w.cohort.id}/workshops/${extra.id}/cancel`).expect(200);
      expect(confirm.text).toContain('Cancel the date');
      expect(confirm.text).toContain('name="_csrf"');
      await admin.post(`/cohorts/${w.cohort.id}/workshops/${extra.id}/cancel`, { reason: 'Teachers’ strike' }).expect(303);
      const cancelled = (await fetchEvent(extra.id))!;
      expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(cancelled.sequence).toBe(1);
      expect(await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'workshop.event_cancelled' AND subject_id = $1`, [extra.id])).toHaveLength(1);
      expect(await t.db.query(`SELECT 1 FROM notification WHERE kind = 'workshops.cancelled'`)).toHaveLength(w.teachers.length);
      // Cancelled: no longer on the path, not changed again, and its register takes nothing.
      expect((await teacher.get(`/path?cohort=${w.cohort.id}`)).text).not.toContain('Make-up room');
      await admin.post(`/cohorts/${w.cohort.id}/workshops/${extra.id}`, { day: cityDay(21), start: '10:00', end: '11:00', place: 'x' }).expect(409);
      await admin.post(`/cohorts/${w.cohort.id}/workshops/${extra.id}/cancel`, {}).expect(409);
      await admin.post(`/cohorts/${w.cohort.id}/workshops/${extra.id}/attendance`, { teacherIds: [w.teachers[0].id] }).expect(409);
    });

    it('flags a mentoring session over a workshop date of the mentor or a participant', async () => {
      const [event] = await eventsOf(workshop);
      const session = { day: event.day, start: '17:00', end: '18:00', place: 'Library', teacherIds: [w.teachers[0].id] };
      const clash = await mentor.post('/mentoring/sessions', session).expect(409);
      expect(clash.text).toContain('Overlaps other sessions');
      await mentor.post('/mentoring/sessions', { ...session, start: '12:00', end: '13:00' }).expect(303);
    });
  });

  describe('attendance is taken on the event', () => {
    it('completes the module for those the mentor marks present, and updates their status', async () => {
      const c = await buildCohort(t.db, { teacherCount: 2, modules: [{ title: 'Past workshop', method: 'attendance', required: false, opens: -20, due: -5 }] });
      const event = await createWorkshopEvent(t.db, c.cohort.id, c.modules[0].id, { place: 'Hall A' });
      const status = t.app.get(CompletionStatusRepository);
      expect(await status.findTeacherStatus(c.cohort.id, c.teachers[0].id)).toMatchObject({ workshopsDue: 1, workshopsAttended: 0, attendancePct: 0 });
      const register = `/cohorts/${c.cohort.id}/workshops/${event.id}/attendance`;
      const byMentor = await signIn(t, c.mentor);
      const page = await byMentor.get(register).expect(200);
      expect(page.text).toContain('Hall A');
      await byMentor.post(register, { teacherIds: [c.teachers[0].id], shownIds: c.teachers.map((x) => x.id) }).expect(303);
      const rows = await t.db.query(`SELECT teacher_id AS "teacherId" FROM module_progress WHERE module_id = $1 AND status = 'approved'`, [c.modules[0].id]);
      expect(rows).toEqual([{ teacherId: c.teachers[0].id }]);
      expect(await t.db.query(`SELECT teacher_id AS "teacherId", recorded_by AS "by" FROM workshop_attendance WHERE event_id = $1`, [event.id])).toEqual([
        { teacherId: c.teachers[0].id, by: c.mentor.id },
      ]);
      expect(await status.findTeacherStatus(c.cohort.id, c.teachers[0].id)).toMatchObject({ workshopsAttended: 1, attendancePct: 100 });
      const teacherPath = await (await signIn(t, c.teachers[0])).get(`/path?cohort=${c.cohort.id}`).expect(200);
      expect(teacherPath.text).toContain('attended');

      // A second date of the same workshop: attending it too, then being taken back from the first, keeps the module complete.
      const second = await createWorkshopEvent(t.db, c.cohort.id, c.modules[0].id, { day: -4, place: 'Hall B' });
      await byMentor.post(`/cohorts/${c.cohort.id}/workshops/${second.id}/attendance`, { teacherIds: [c.teachers[0].id] }).expect(303);
      await byMentor.post(register, { teacherIds: [], shownIds: [c.teachers[0].id] }).expect(303);
      const statusOf = async () =>
        (await t.db.query(`SELECT status FROM module_progress WHERE module_id = $1 AND teacher_id = $2`, [c.modules[0].id, c.teachers[0].id]))[0].status;
      expect(await statusOf()).toBe('approved');
      // Taken back from its last date too: the module is no longer complete, and the audit names them.
      await byMentor.post(`/cohorts/${c.cohort.id}/workshops/${second.id}/attendance`, { teacherIds: [], shownIds: [c.teachers[0].id] }).expect(303);
      expect(await statusOf()).toBe('not_started');
      const audits = await t.db.query(`SELECT details FROM audit_event WHERE action = 'progress.attendance_corrected' AND subject_id = $1 ORDER BY id`, [
        c.cohort.id,
      ]);
      expect(audits.map((a: { details: { eventId: string } }) => a.details.eventId)).toEqual([event.id, second.id]);
    });

    it('lists the dates on the reviews page, past ones apart, with their register in as many statements for 30 teachers as for 3', async () => {
      const count = async (teacherCount: number) => {
        const c = await buildCohort(t.db, { teacherCount, modules: [{ title: `Register ${teacherCount}`, method: 'attendance', due: -1 }] });
        const event = await createWorkshopEvent(t.db, c.cohort.id, c.modules[0].id);
        const agent = await signIn(t, c.admin);
        const reviews = await agent.get('/reviews').expect(200);
        expect(reviews.text.indexOf(`/cohorts/${c.cohort.id}/workshops/${event.id}/attendance`)).toBeGreaterThan(reviews.text.indexOf('Past workshops'));
        return (await countQueries(t.db, () => agent.get(`/cohorts/${c.cohort.id}/workshops/${event.id}/attendance`).expect(200))).count;
      };
      expect(await count(30)).toBe(await count(3));
    });

    it('refuses another city’s admin and mentor, and teachers', async () => {
      const [event] = await eventsOf(workshop);
      const otherCity = await createMunicipality(t.db);
      const other = await buildCohort(t.db, { city: otherCity, teacherCount: 1, modules: [{ method: 'attendance' }] });
      const otherAdmin = await signIn(t, other.admin);
      const otherMentor = await signIn(t, other.mentor);
      await otherAdmin.get(`/cohorts/${w.cohort.id}/workshops`).expect(404);
      await otherAdmin.get(`/cohorts/${w.cohort.id}/workshops/${event.id}/edit`).expect(404);
      await otherAdmin
        .post(`/cohorts/${w.cohort.id}/workshops`, { moduleId: workshop, day: cityDay(40), start: '10:00', end: '11:00', place: 'x' })
        .expect(404);
      await otherAdmin.post(`/cohorts/${w.cohort.id}/workshops/${event.id}/cancel`, {}).expect(404);
      await otherAdmin.get(`/cohorts/${w.cohort.id}/workshops/${event.id}/attendance`).expect(404);
      await otherMentor.get(`/cohorts/${w.cohort.id}/workshops/${event.id}/attendance`).expect(404);
      await otherMentor.post(`/cohorts/${w.cohort.id}/workshops/${event.id}/attendance`, { teacherIds: [w.teachers[0].id] }).expect(404);
      // Their own cohort's path with this event's id: not found either.
      await otherAdmin.get(`/cohorts/${other.cohort.id}/workshops/${event.id}/edit`).expect(404);
      const teacher = await signIn(t, w.teachers[0]);
      await teacher.get(`/cohorts/${w.cohort.id}/workshops`).expect(403);
      await teacher.post(`/cohorts/${w.cohort.id}/workshops/${event.id}/attendance`, { teacherIds: [w.teachers[0].id] }).expect(403);
      await mentor.get(`/cohorts/${w.cohort.id}/workshops`).expect(403);
      expect((await eventsOf(workshop)).filter((e: { status: string }) => e.status === 'scheduled')).toHaveLength(1);
    });

    it('lets a network admin manage the dates but not take a city’s register, nor link to it', async () => {
      const [event] = await eventsOf(workshop);
      const network = await signIn(t, await createUser(t.db, { roles: ['network_admin'] }));
      const list = await network.get(`/cohorts/${w.cohort.id}/workshops`).expect(200);
      expect(list.text).toContain(`/cohorts/${w.cohort.id}/workshops/${event.id}/edit`);
      expect(list.text).not.toContain(`/cohorts/${w.cohort.id}/workshops/${event.id}/attendance`);
      await network.get(`/cohorts/${w.cohort.id}/workshops/${event.id}/attendance`).expect(404);
    });

    it('keeps a date whose attendance is recorded: it cannot be cancelled', async () => {
      const c = await buildCohort(t.db, { teacherCount: 1, modules: [{ method: 'attendance', due: -1 }] });
      const event = await createWorkshopEvent(t.db, c.cohort.id, c.modules[0].id);
      const byAdmin = await signIn(t, c.admin);
      await byAdmin.post(`/cohorts/${c.cohort.id}/workshops/${event.id}/attendance`, { teacherIds: [c.teachers[0].id] }).expect(303);
      const page = await byAdmin.get(`/cohorts/${c.cohort.id}/workshops/${event.id}/cancel`).expect(200);
      expect(page.text).toContain('so it cannot be cancelled');
      await byAdmin.post(`/cohorts/${c.cohort.id}/workshops/${event.id}/cancel`, {}).expect(409);
    });
  });

  describe('the migration moves attendance recorded the old way onto events', () => {
    it('makes an event on the window’s due day (place unknown) and links each recorded teacher, so the register and its correction keep working', async () => {
      const c = await buildCohort(t.db, { teacherCount: 3, modules: [{ title: 'Old workshop', method: 'attendance', opens: -30, due: -7 }] });
      // Recorded before events existed: the module's progress approved by the mentor, nothing else.
      for (const teacher of c.teachers.slice(0, 2)) {
        const id = await setProgress(t.db, c.cohort.id, teacher.id, c.modules[0].id, 'approved', 7);
        await t.db.query(`UPDATE module_progress SET reviewed_by = $2, reviewed_at = now() - interval '7 days' WHERE id = $1`, [id, c.mentor.id]);
      }
      for (const statement of WORKSHOP_ATTENDANCE_BACKFILL) await t.db.query(statement);
      // Run twice: nothing doubles.
      for (const statement of WORKSHOP_ATTENDANCE_BACKFILL) await t.db.query(statement);

      const events = await eventsOf(c.modules[0].id);
      expect(events).toEqual([expect.objectContaining({ day: cityDay(-7), start: null, place: null, status: 'scheduled' })]);
      const linked = await t.db.query(
        `SELECT teacher_id AS "teacherId", recorded_by AS "by" FROM workshop_attendance WHERE event_id = $1 ORDER BY teacher_id`,
        [events[0].id],
      );
      expect(linked).toEqual(
        c.teachers
          .slice(0, 2)
          .map((x) => ({ teacherId: x.id, by: c.mentor.id }))
          .sort((a, b) => a.teacherId.localeCompare(b.teacherId)),
      );

      const byMentor = await signIn(t, c.mentor);
      const register = `/cohorts/${c.cohort.id}/workshops/${events[0].id}/attendance`;
      const page = await byMentor.get(register).expect(200);
      expect(page.text).toContain('place not set');
      expect(page.text).toMatch(new RegExp(`id="t-${c.teachers[0].id}"[^>]* checked`));
      expect(page.text).not.toMatch(new RegExp(`id="t-${c.teachers[2].id}"[^>]* checked`));
      // Correcting still works: the mistaken one is taken back, with history and audit.
      await byMentor.post(register, { teacherIds: [c.teachers[0].id], shownIds: c.teachers.map((x) => x.id) }).expect(303);
      const statuses = await t.db.query(
        `SELECT teacher_id AS "teacherId", status FROM module_progress WHERE module_id = $1 AND teacher_id = ANY($2::uuid[]) ORDER BY status`,
        [c.modules[0].id, [c.teachers[0].id, c.teachers[1].id]],
      );
      expect(statuses).toEqual([
        { teacherId: c.teachers[0].id, status: 'approved' },
        { teacherId: c.teachers[1].id, status: 'not_started' },
      ]);
      const history = await t.db.query(
        `SELECT e.from_status AS "from", e.to_status AS "to" FROM progress_event e JOIN module_progress p ON p.id = e.progress_id
          WHERE p.module_id = $1 AND p.teacher_id = $2 ORDER BY e.occurred_at, e.id`,
        [c.modules[0].id, c.teachers[1].id],
      );
      expect(history.at(-1)).toEqual({ from: 'approved', to: 'not_started' });
      const [audit] = await t.db.query(`SELECT details FROM audit_event WHERE action = 'progress.attendance_corrected' AND subject_id = $1`, [c.cohort.id]);
      expect(audit.details.teacherIds).toEqual([c.teachers[1].id]);
      // The feed shows the date as a whole day (its time unknown).
      const teacher = await signIn(t, c.teachers[0]);
      await teacher.post('/mentoring/calendar-feed').expect(303);
      const feedPath = /href="(\/calendar\/[A-Za-z0-9_-]{16,}\.ics)"/.exec((await teacher.get('/mentoring').expect(200)).text)![1];
      const feed = new ICAL.Component(ICAL.parse((await request(t.http).get(feedPath).expect(200)).text));
      const vevent = feed.getAllSubcomponents('vevent').find((e) => String(e.getFirstPropertyValue('uid')) === `workshop-${events[0].id}@teacher-accelerator`)!;
      expect(new ICAL.Event(vevent).startDate.isDate).toBe(true);
    });
  });
});
