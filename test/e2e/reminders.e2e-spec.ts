import { randomUUID } from 'node:crypto';
import { DEFAULT_QUIET_HOURS } from '../../src/municipalities/quiet-hours.js';
import { localTime, zonedInstant } from '../../src/reminders/quiet-time.js';
import { LEASE_SECONDS, RemindersEngine } from '../../src/reminders/reminders.engine.js';
import { RemindersRepository } from '../../src/reminders/reminders.repository.js';
import { MailService } from '../../src/notifications/mail.service.js';
import { createUser } from '../support/factories.js';
import { countQueries } from '../support/query-counter.js';
import { buildCohort, setProgress } from '../support/progress-factories.js';
import { anonymousAgent, csrfFrom, signIn } from '../support/sign-in.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TZ = 'Asia/Jerusalem';

/** Days from the city's today to the next day with the given weekday (0 = Sunday), today included. */
function daysTo(weekdays: number[]): number {
  const today = localTime(new Date(), TZ);
  for (let d = 0; d < 7; d++) if (weekdays.includes((today.weekday + d) % 7)) return d;
  throw new Error('unreachable');
}

/** The instant the city's clock reads hh:mm, `offset` days from its today. */
function cityTime(offset: number, hh: number, mm = 0): Date {
  const today = localTime(new Date(), TZ);
  return zonedInstant(today.year, today.month, today.day, hh * 60 + mm, TZ, offset);
}

/** A working day (Sunday to Thursday) from today, so that 10:00 on it is outside quiet hours. */
const WORKDAY = daysTo([0, 1, 2, 3]);
/**
 * A working day after the week's Sunday (Monday to Thursday): a reminder due two days before it
 * still falls in the same Sunday-to-Saturday week, so the week's items make one digest.
 */
const MIDWEEK = daysTo([1, 2, 3, 4]);

describe('reminders by e-mail, exactly once, in quiet hours and the person’s language', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let engine: RemindersEngine;
  let base: string;

  beforeAll(async () => {
    sink = new SmtpSink();
    const smtpUrl = await sink.start();
    t = await createTestApp({ SMTP_URL: smtpUrl });
    base = `http://localhost:${t.config.port}`;
    engine = t.app.get(RemindersEngine);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  async function statusesOf(userId: string): Promise<{ kind: string; status: string; attempts: number; notBefore: Date }[]> {
    return t.db.query(`SELECT kind, status, attempts, not_before AS "notBefore" FROM reminder WHERE recipient_id = $1 ORDER BY id`, [userId]);
  }

  it('tells each teacher that a module opens, in their language, right-to-left for Hebrew and Arabic, once', async () => {
    const w = await buildCohort(t.db, { teacherCount: 3, modules: [{ title: 'Listening circles', opens: WORKDAY, due: WORKDAY + 30 }] });
    const [he, ar, en] = w.teachers;
    await t.db.query(`UPDATE app_user SET preferred_language = 'he' WHERE id = $1`, [he.id]);
    await t.db.query(`UPDATE app_user SET preferred_language = 'ar' WHERE id = $1`, [ar.id]);

    // Before 08:00 on the opening day the reminder is queued but not yet due.
    await engine.runPass(cityTime(WORKDAY, 7, 30));
    expect(sink.to(he.email)).toHaveLength(0);
    await engine.runPass(cityTime(WORKDAY, 10));

    const [hebrew] = sink.to(he.email);
    expect(hebrew.subject).toBe('היחידה „Listening circles” נפתחה');
    expect(hebrew.html).toContain('dir="rtl"');
    expect(hebrew.html).toContain('lang="he"');
    expect(hebrew.text).toContain(`${base}/path/modules/${w.modules[0].id}?cohort=${w.cohort.id}`);
    expect(hebrew.headers['list-unsubscribe']).toMatch(new RegExp(`^<${base}/reminders/preferences/[0-9a-f-]{36}\\.[\\w-]{43}>$`));
    expect(sink.to(ar.email)[0].subject).toBe('الوحدة «Listening circles» مفتوحة');
    expect(sink.to(ar.email)[0].html).toContain('dir="rtl"');
    const english = sink.to(en.email)[0];
    expect(english.subject).toBe('“Listening circles” is open');
    expect(english.html).toContain('dir="ltr"');
    expect(english.text).toContain('Hello ');

    // In the app too.
    const told = await t.db.query(`SELECT kind FROM notification WHERE recipient_id = $1`, [en.id]);
    expect(told).toEqual([{ kind: 'reminders.module.opens' }]);

    // Another pass the same day, or later, sends nothing again.
    await engine.runPass(cityTime(WORKDAY, 11));
    await engine.runPass(cityTime(WORKDAY + 1, 10));
    for (const teacher of w.teachers) expect(sink.to(teacher.email)).toHaveLength(1);
  });

  it('reminds of a module due soon and one overdue, only those who have not finished it', async () => {
    const w = await buildCohort(t.db, {
      teacherCount: 2,
      modules: [
        { title: 'Due soon', method: 'approval', opens: WORKDAY - 20, due: WORKDAY + 2 },
        { title: 'Overdue', method: 'approval', opens: WORKDAY - 20, due: WORKDAY - 1 },
      ],
    });
    const [late, done] = w.teachers;
    await setProgress(t.db, w.cohort.id, done.id, w.modules[0].id, 'approved');
    await setProgress(t.db, w.cohort.id, done.id, w.modules[1].id, 'submitted');
    await engine.runPass(cityTime(WORKDAY, 10));
    expect(sink.to(late.email).map((m) => m.subject).sort()).toEqual(['“Due soon” is due soon', '“Overdue” is overdue']);
    expect(sink.to(done.email)).toHaveLength(0);
  });

  it('e-mails a teacher whose work was approved or returned, after the notification, without telling the app twice', async () => {
    const w = await buildCohort(t.db, { modules: [{ title: 'Reflecting on feedback', method: 'approval', opens: -10, due: 20 }] });
    const progressId = await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'submitted');
    const mentor = await signIn(t, w.mentor);
    await mentor.post(`/reviews/${progressId}/return`, { comment: 'Please add an example.' }).expect(303);
    const [{ createdAt }] = await t.db.query<{ createdAt: Date }>(`SELECT created_at AS "createdAt" FROM notification WHERE recipient_id = $1`, [w.teachers[0].id]);
    // Pretend the return happened on a working morning, and the pass runs a minute later.
    const at = cityTime(WORKDAY, 10, 1);
    await t.db.query(`UPDATE notification SET created_at = $2 WHERE recipient_id = $1`, [w.teachers[0].id, cityTime(WORKDAY, 10)]);
    expect(createdAt).toBeInstanceOf(Date);
    await engine.runPass(at);
    const [mail] = sink.to(w.teachers[0].email);
    expect(mail.subject).toBe('Your work on “Reflecting on feedback” was returned');
    expect(mail.text).toContain(`${w.mentor.displayName} returned your work`);
    expect(await t.db.query(`SELECT kind FROM notification WHERE recipient_id = $1`, [w.teachers[0].id])).toHaveLength(1);
  });

  it('reminds the mentor of work waiting a week and tells the department admin of work waiting 80 days', async () => {
    const w = await buildCohort(t.db, {
      modules: [
        { title: 'Waited long', method: 'approval', opens: -100, due: -70 },
        { title: 'Just handed in', method: 'approval', opens: -10, due: 20 },
      ],
    });
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'submitted', 80);
    await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[1].id, 'submitted', 2);
    // The summaries (a Sunday's for the mentor, a 1st of the month's for the admin) are another test's.
    await t.db.query(
      `INSERT INTO reminder_preference (user_id, kind, channel) VALUES ($1, 'mentor.weeklySummary', 'off'), ($2, 'department.monthlySummary', 'off')`,
      [w.mentor.id, w.admin.id],
    );
    await engine.runPass(cityTime(WORKDAY, 10));
    const toMentor = sink.to(w.mentor.email);
    expect(toMentor.map((m) => m.subject)).toEqual([`${w.teachers[0].displayName}'s work has waited ${80 + WORKDAY} days`]);
    const toAdmin = sink.to(w.admin.email);
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0].text).toContain(`“Waited long” in “${w.cohort.name}” has waited ${80 + WORKDAY} days for review by ${w.mentor.displayName}`);
    await engine.runPass(cityTime(WORKDAY + 1, 10));
    expect(sink.to(w.mentor.email)).toHaveLength(1);
    expect(sink.to(w.admin.email)).toHaveLength(1);
  });

  it('defers a reminder due on Friday afternoon to Saturday 20:00, and one due at night to 07:00, city time', async () => {
    const friday = daysTo([5]);
    const w = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Opens on Friday', opens: friday, due: friday + 30 }] });
    const teacher = w.teachers[0];
    await engine.runPass(cityTime(friday, 15));
    expect(sink.to(teacher.email)).toHaveLength(0);
    const [row] = await statusesOf(teacher.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row.notBefore.toISOString()).toBe(cityTime(friday + 1, 20).toISOString());
    await engine.runPass(cityTime(friday + 1, 19, 59));
    expect(sink.to(teacher.email)).toHaveLength(0);
    await engine.runPass(cityTime(friday + 1, 20, 1));
    expect(sink.to(teacher.email)).toHaveLength(1);

    const night = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Opens at night', opens: WORKDAY, due: WORKDAY + 30 }] });
    await engine.runPass(cityTime(WORKDAY, 23));
    expect(sink.to(night.teachers[0].email)).toHaveLength(0);
    const [deferred] = await statusesOf(night.teachers[0].id);
    expect(deferred.notBefore.toISOString()).toBe(cityTime(WORKDAY + 1, 7).toISOString());
  });

  it('keeps the city’s holidays quiet: a reminder due on one waits for the next morning', async () => {
    const w = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Opens on a holiday', opens: WORKDAY, due: WORKDAY + 30 }] });
    const day = await t.db.query<{ day: string }>(`SELECT opens_on::text AS day FROM module_window WHERE cohort_id = $1`, [w.cohort.id]);
    await t.db.query(`INSERT INTO municipality_holiday (municipality_id, day, name, community) VALUES ($1, $2, 'Eid al-Fitr', 'muslim')`, [w.city.id, day[0].day]);
    await engine.runPass(cityTime(WORKDAY, 10));
    expect(sink.to(w.teachers[0].email)).toHaveLength(0);
    const [row] = await statusesOf(w.teachers[0].id);
    expect(row.notBefore.toISOString()).toBe(cityTime(WORKDAY + 1, 7).toISOString());
    // The default quiet hours are the SPEC's.
    expect(DEFAULT_QUIET_HOURS).toEqual({ nightFrom: '22:00', nightTo: '07:00', weekly: [{ fromDay: 5, fromTime: '14:00', toDay: 6, toTime: '20:00' }] });
  });

  it('honours each person’s choice: off, in the app only, and a weekly digest that gathers a week’s items into one e-mail', async () => {
    const w = await buildCohort(t.db, {
      teacherCount: 3,
      modules: [
        { title: 'First of the week', method: 'approval', opens: MIDWEEK, due: MIDWEEK + 2 },
        { title: 'Second of the week', method: 'approval', opens: MIDWEEK - 20, due: MIDWEEK + 3 },
      ],
    });
    const [off, inApp, digest] = w.teachers;
    for (const [teacher, channel] of [
      [off, 'off'],
      [inApp, 'in_app'],
      [digest, 'digest'],
    ] as const) {
      const agent = await signIn(t, teacher);
      const page = await agent.get('/profile/reminders').expect(200);
      expect(page.text).toContain('name="channels[module.opens]"');
      // (Overdue, which falls before the digest's Sunday, is off for all three.)
      await agent.post('/profile/reminders', { 'channels[module.opens]': channel, 'channels[module.dueSoon]': channel, 'channels[module.overdue]': 'off' }).expect(303);
    }
    const bad = await signIn(t, off);
    await bad.post('/profile/reminders', { 'channels[module.opens]': 'fax' }).expect(400);

    await engine.runPass(cityTime(MIDWEEK, 10));
    for (const teacher of w.teachers) expect(sink.to(teacher.email)).toHaveLength(0);
    expect(await t.db.query(`SELECT 1 FROM notification WHERE recipient_id = $1`, [off.id])).toHaveLength(0);
    expect(await t.db.query(`SELECT kind FROM notification WHERE recipient_id = $1 ORDER BY kind`, [inApp.id])).toEqual([
      { kind: 'reminders.module.dueSoon' },
      { kind: 'reminders.module.dueSoon' },
      { kind: 'reminders.module.opens' },
    ]);
    expect((await statusesOf(digest.id)).map((r) => r.status).sort()).toEqual(['held', 'held', 'held', 'pending']);

    // The digest is due on the Sunday after the week, at 08:00.
    const sunday = MIDWEEK + (7 - localTime(cityTime(MIDWEEK, 10), TZ).weekday);
    await engine.runPass(cityTime(sunday, 7, 59));
    expect(sink.to(digest.email)).toHaveLength(0);
    await engine.runPass(cityTime(sunday, 8, 1));
    const mails = sink.to(digest.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Your week in Teacher Accelerator: 3 reminders');
    expect(mails[0].text).toContain('The module “First of the week”');
    expect(mails[0].text).toContain('The module “Second of the week”');
    expect((await statusesOf(digest.id)).filter((r) => r.kind !== 'module.overdue').map((r) => r.status).sort()).toEqual(['digested', 'digested', 'digested', 'sent']);
  });

  it('retries a delivery the SMTP server refused, with back-off, and sends it once it is accepted', async () => {
    const w = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Refused once', opens: WORKDAY, due: WORKDAY + 30 }] });
    const at = cityTime(WORKDAY, 10);
    await engine.find(at);
    sink.failNext(w.teachers[0].email, 1);
    await engine.dispatch(at);
    const [failed] = await t.db.query<{ status: string; attempts: number; lastError: string; notBefore: Date }>(
      `SELECT status, attempts, last_error AS "lastError", not_before AS "notBefore" FROM reminder WHERE recipient_id = $1`,
      [w.teachers[0].id],
    );
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.lastError).toContain('451');
    expect(failed.notBefore.getTime()).toBe(at.getTime() + 60_000);
    await engine.dispatch(new Date(at.getTime() + 30_000));
    expect(sink.to(w.teachers[0].email)).toHaveLength(0);
    await engine.dispatch(new Date(at.getTime() + 61_000));
    expect(sink.to(w.teachers[0].email)).toHaveLength(1);
    expect((await statusesOf(w.teachers[0].id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends each reminder exactly once when two passes run at the same time', async () => {
    const w = await buildCohort(t.db, { teacherCount: 12, modules: [{ title: 'Raced', opens: WORKDAY, due: WORKDAY + 30 }] });
    const at = cityTime(WORKDAY, 10, 5);
    await Promise.all([engine.runPass(at), engine.runPass(at), engine.runPass(at)]);
    for (const teacher of w.teachers) expect(sink.to(teacher.email)).toHaveLength(1);
  });

  it('after a pass dies mid-send, the next sends the rest and, once the lease runs out, the one it held; none twice', async () => {
    const w = await buildCohort(t.db, { teacherCount: 4, modules: [{ title: 'Interrupted', opens: WORKDAY, due: WORKDAY + 30 }] });
    const at = cityTime(WORKDAY, 10, 10);
    await engine.find(at);
    const repo = t.app.get(RemindersRepository);
    // The dying pass claimed one and never got to send it. Claimed by its id: on a month's first
    // days another kind found at this clock (the department admins' monthly summary) is due earlier.
    const [first] = await t.db.query<{ id: string }>(`SELECT id::text FROM reminder WHERE recipient_id = $1`, [w.teachers[0].id]);
    const [held] = await repo.claim(at, 1, LEASE_SECONDS, randomUUID(), first.id);
    expect(held.recipientId).toBe(w.teachers[0].id);

    await engine.runPass(at);
    expect(sink.to(w.teachers[0].email)).toHaveLength(0);
    for (const teacher of w.teachers.slice(1)) expect(sink.to(teacher.email)).toHaveLength(1);

    await t.db.query(`UPDATE reminder SET lease_until = now() - interval '1 second' WHERE id = $1`, [held.id]);
    await engine.runPass(at);
    await engine.runPass(at);
    for (const teacher of w.teachers) expect(sink.to(teacher.email)).toHaveLength(1);
  });

  it('lets a person change their choices from the e-mail’s link while signed out, and refuses a forged link', async () => {
    const w = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Linked', opens: WORKDAY, due: WORKDAY + 30 }] });
    await engine.runPass(cityTime(WORKDAY, 10, 15));
    const [mail] = sink.to(w.teachers[0].email);
    const link = /<(https?:\/\/[^/]+(\/reminders\/preferences\/[^>]+))>/.exec(mail.headers['list-unsubscribe'])!;
    expect(mail.text).toContain(link[1]);
    const { agent } = await anonymousAgent(t);
    const page = await agent.get(link[2]).expect(200);
    expect(page.text).toContain(w.teachers[0].displayName);
    await agent
      .post(link[2])
      .type('form')
      .send({ _csrf: csrfFrom(page.text), 'channels[module.opens]': 'off' })
      .expect(303);
    expect(await t.db.query(`SELECT channel FROM reminder_preference WHERE user_id = $1 AND kind = 'module.opens'`, [w.teachers[0].id])).toEqual([{ channel: 'off' }]);
    // Without the form's token: refused.
    await agent.post(link[2]).type('form').send({ 'channels[module.opens]': 'email' }).expect(403);
    const forged = link[2].replace(/\.[\w-]{43}$/, '.' + 'A'.repeat(43));
    await agent.get(forged).expect(404);
    await agent.get(`/reminders/preferences/${w.mentor.id}`).expect(404);
  });

  it('sends a password-reset link through the queue after the response, at any hour, keeping nothing of the request', async () => {
    const person = await createUser(t.db, { preferredLanguage: 'he' });
    const { agent } = await anonymousAgent(t);
    const form = await agent.get('/password-reset').expect(200);
    await agent.post('/password-reset').type('form').send({ _csrf: csrfFrom(form.text), email: person.email }).expect(303);
    await t.app.get(MailService).settled();
    const [mail] = sink.to(person.email);
    expect(mail.text).toMatch(/\/password-reset\/[A-Za-z0-9_-]{43}/);
    expect(mail.html).toContain('dir="rtl"');
    const rows = await t.db.query(`SELECT kind, status, urgent, vars FROM reminder WHERE recipient_id = $1`, [person.id]);
    expect(rows).toEqual([{ kind: 'account.passwordReset', status: 'sent', urgent: true, vars: {} }]);
    // An unknown address: the same answer, nothing queued, nothing sent.
    const before = sink.received.length;
    await agent.post('/password-reset').type('form').send({ _csrf: csrfFrom(form.text), email: 'nobody@example.test' }).expect(303);
    await t.app.get(MailService).settled();
    expect(sink.received).toHaveLength(before);
  });

  it('lets a department admin announce to their city; urgent alone passes quiet hours', async () => {
    const w = await buildCohort(t.db, { teacherCount: 2, modules: [{ title: 'Announced', opens: -5, due: 40 }] });
    const admin = await signIn(t, w.admin);
    const form = await admin.get('/reminders/announcements/new').expect(200);
    expect(form.text).toContain('name="urgent"');
    await admin.post('/reminders/announcements', { audience: 'teacher', title: '', message: 'x' }).expect(400);
    await admin.post('/reminders/announcements', { audience: 'teacher', title: 'School closed tomorrow', message: 'Storm warning: schools are closed.', urgent: 'yes' }).expect(303);
    await admin.post('/reminders/announcements', { audience: 'teacher', title: 'Next week', message: 'The workshop moves to Tuesday.' }).expect(303);
    const friday = daysTo([5]);
    await engine.runPass(cityTime(friday, 15));
    for (const teacher of w.teachers) expect(sink.to(teacher.email).map((m) => m.subject)).toEqual(['Announcement: School closed tomorrow']);
    expect(sink.to(w.mentor.email)).toHaveLength(0);
    await engine.runPass(cityTime(friday + 1, 20, 30));
    for (const teacher of w.teachers) expect(sink.to(teacher.email).map((m) => m.subject)).toEqual(['Announcement: School closed tomorrow', 'Announcement: Next week']);
    const audit = await t.db.query(`SELECT details FROM audit_event WHERE action = 'reminders.announcement_sent' AND actor_id = $1 ORDER BY id`, [w.admin.id]);
    expect(audit.map((a: { details: { recipients: number; urgent: boolean } }) => [a.details.recipients, a.details.urgent])).toEqual([
      [2, true],
      [2, false],
    ]);
  });

  it('shows a department admin the log of their own city, with filters, and nobody else', async () => {
    const w = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Logged', opens: WORKDAY, due: WORKDAY + 30 }] });
    const other = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Elsewhere', opens: WORKDAY, due: WORKDAY + 30 }] });
    sink.failNext(w.teachers[0].email, 1);
    await engine.runPass(cityTime(WORKDAY, 10, 20));
    const admin = await signIn(t, w.admin);
    const log = await admin.get('/reminders/log').expect(200);
    expect(log.text).toContain(w.teachers[0].displayName);
    expect(log.text).not.toContain(other.teachers[0].displayName);
    expect(log.text).toContain('451');
    await admin.get('/reminders/log?status=failed').expect(200);
    const pending = await admin.get('/reminders/log?status=sent').expect(200);
    expect(pending.text).not.toContain(w.teachers[0].displayName);
    await admin.get('/reminders/log?status=bogus').expect(400);
    await admin.get(`/reminders/log?municipality=${other.city.id}`).expect(404);
    const teacher = await signIn(t, w.teachers[0]);
    await teacher.get('/reminders/log').expect(403);
  });

  it('lets a department admin keep the city’s holidays, with a confirmation before removing one', async () => {
    const w = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Holidays', opens: -5, due: 40 }] });
    const other = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Other holidays', opens: -5, due: 40 }] });
    const admin = await signIn(t, w.admin);
    await admin.get('/reminders/holidays').expect(200);
    const bad = await admin.post('/reminders/holidays', { municipality: w.city.id, day: '2027-02-30', name: 'Nope', community: 'all' }).expect(400);
    expect(bad.text).toContain('value="Nope"');
    await admin.post('/reminders/holidays', { municipality: w.city.id, day: '2027-03-09', name: 'عيد الفطر', community: 'muslim' }).expect(303);
    const page = await admin.get('/reminders/holidays').expect(200);
    expect(page.text).toContain('عيد الفطر');
    const [holiday] = await t.db.query<{ id: string }>(`SELECT id FROM municipality_holiday WHERE municipality_id = $1`, [w.city.id]);
    const confirm = await admin.get(`/reminders/holidays/${holiday.id}/delete`).expect(200);
    expect(confirm.text).toContain(`action="/reminders/holidays/${holiday.id}/delete"`);
    // Another city's admin cannot see or remove it, nor add to this city.
    const otherAdmin = await signIn(t, other.admin);
    await otherAdmin.get(`/reminders/holidays/${holiday.id}/delete`).expect(404);
    await otherAdmin.post(`/reminders/holidays/${holiday.id}/delete`).expect(404);
    await otherAdmin.post('/reminders/holidays', { municipality: w.city.id, day: '2027-03-10', name: 'X', community: 'all' }).expect(404);
    expect(await t.db.query(`SELECT 1 FROM municipality_holiday WHERE municipality_id = $1`, [w.city.id])).toHaveLength(1);
    await admin.post(`/reminders/holidays/${holiday.id}/delete`).expect(303);
    expect(await t.db.query(`SELECT 1 FROM municipality_holiday WHERE municipality_id = $1`, [w.city.id])).toHaveLength(0);
    const audit = await t.db.query(`SELECT action FROM audit_event WHERE actor_id = $1 AND action LIKE 'reminders.holiday%' ORDER BY id`, [w.admin.id]);
    expect(audit).toEqual([{ action: 'reminders.holiday_added' }, { action: 'reminders.holiday_removed' }]);
  });

  it('carries a queued attachment (a session’s iCal) in the e-mail and drops it from the queue once sent', async () => {
    const person = await createUser(t.db, { preferredLanguage: 'en' });
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:s1@test\r\nDTSTART:20270106T080000Z\r\nSUMMARY:Mentoring\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const repo = t.app.get(RemindersRepository);
    const at = cityTime(WORKDAY, 10, 30);
    await repo.enqueueOne({
      kind: 'announcement',
      recipientId: person.id,
      subject: 'session',
      occasion: 'ics-test',
      dueAt: at,
      vars: { title: 'Session tomorrow', message: 'See the attached calendar entry.' },
      attachments: [{ filename: 'session.ics', contentType: 'text/calendar; method=PUBLISH', content: ics }],
    });
    await engine.dispatch(at);
    const [mail] = sink.to(person.email);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].contentType).toBe('text/calendar');
    expect(mail.attachments[0].content).toContain('SUMMARY:Mentoring');
    expect(await t.db.query(`SELECT attachments FROM reminder WHERE recipient_id = $1`, [person.id])).toEqual([{ attachments: null }]);
  });

  it('reminds the participants and the mentor of a session the day before, with its iCal, once, and not when cancelled', async () => {
    const w = await buildCohort(t.db, { teacherCount: 2, modules: [{ title: 'Sessions', opens: -5, due: 40 }] });
    await t.db.query(`UPDATE app_user SET preferred_language = 'he' WHERE id = $1`, [w.teachers[0].id]);
    const startsAt = cityTime(WORKDAY + 1, 16, 30);
    const [session] = await t.db.query<{ id: string }>(
      `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at, place) VALUES ($1, $2, $3, $4, $4::timestamptz + interval '1 hour', 'Room 3, library') RETURNING id`,
      [w.city.id, w.cohort.id, w.mentor.id, startsAt],
    );
    await t.db.query(`INSERT INTO mentoring_participant (session_id, teacher_id) VALUES ($1, $2)`, [session.id, w.teachers[0].id]);
    const [cancelled] = await t.db.query<{ id: string }>(
      `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at, status) VALUES ($1, $2, $3, $4, $4::timestamptz + interval '1 hour', 'cancelled') RETURNING id`,
      [w.city.id, w.cohort.id, w.mentor.id, cityTime(WORKDAY + 1, 12)],
    );
    await t.db.query(`INSERT INTO mentoring_participant (session_id, teacher_id) VALUES ($1, $2)`, [cancelled.id, w.teachers[1].id]);

    await engine.runPass(cityTime(WORKDAY, 7, 59));
    expect(sink.to(w.teachers[0].email)).toHaveLength(0);
    await engine.runPass(cityTime(WORKDAY, 8, 1));
    await engine.runPass(cityTime(WORKDAY, 12));
    const [mail] = sink.to(w.teachers[0].email);
    expect(sink.to(w.teachers[0].email)).toHaveLength(1);
    expect(mail.subject).toBe('מפגש חונכות מחר בשעה 16:30');
    expect(mail.text).toContain(`${w.mentor.displayName}`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].content).toContain(`UID:${session.id}@teacher-accelerator`);
    expect(mail.attachments[0].content).toContain(`DTSTART:${startsAt.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    expect(mail.attachments[0].content).toContain('LOCATION:Room 3\\, library');
    expect(sink.to(w.mentor.email).map((m) => m.subject)).toEqual(['Mentoring session tomorrow at 16:30']);
    expect(sink.to(w.teachers[1].email)).toHaveLength(0);
  });

  it('reads the log page in the same number of statements for 3 and 30 reminders', async () => {
    const counts: number[] = [];
    for (const n of [3, 30]) {
      const w = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: `Counted ${n}`, opens: -5, due: 40 }] });
      await t.db.query(
        `INSERT INTO reminder (kind, recipient_id, municipality_id, subject, occasion, due_at, not_before, status)
         SELECT 'module.opens', $1, $2, 'count', g::text, now(), now(), 'sent' FROM generate_series(1, $3::int) g`,
        [w.teachers[0].id, w.city.id, n],
      );
      const admin = await signIn(t, w.admin);
      const { count, result } = await countQueries(t.db, () => admin.get('/reminders/log'));
      expect(result.status).toBe(200);
      counts.push(count);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
