import { localTime } from '../../src/reminders/quiet-time.js';
import { RemindersEngine } from '../../src/reminders/reminders.engine.js';
import { NO_REFLECTION_WEEKS } from '../../src/reminders/finders.js';
import { CITY_TZ, cityDay, cityTime, daysTo, daysToNextMonth, WORKDAY } from '../support/city-clock.js';
import { createMunicipality, createUser } from '../support/factories.js';
import { buildCohort, setProgress } from '../support/progress-factories.js';
import { signIn } from '../support/sign-in.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('reminder kinds: session changes, quiet portfolios, goal check-ins and the summaries', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let engine: RemindersEngine;
  let base: string;

  beforeAll(async () => {
    sink = new SmtpSink();
    t = await createTestApp({ SMTP_URL: await sink.start() });
    base = `http://localhost:${t.config.port}`;
    engine = t.app.get(RemindersEngine);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  /** The e-mails sent to `email` whose queued reminder was of `kind` (other kinds may fall due in the same passes). */
  async function mailsOfKind(email: string, userId: string, kind: string) {
    const rows = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reminder WHERE recipient_id = $1 AND kind = $2 AND status = 'sent'`, [
      userId,
      kind,
    ]);
    return { sentRows: rows[0].n, mails: sink.to(email) };
  }

  async function statusOf(userId: string, kind: string): Promise<string[]> {
    const rows = await t.db.query<{ status: string }>(`SELECT status FROM reminder WHERE recipient_id = $1 AND kind = $2 ORDER BY id`, [userId, kind]);
    return rows.map((r) => r.status);
  }

  async function choose(user: { id: string }, kind: string, channel: string): Promise<void> {
    await t.db.query(`INSERT INTO reminder_preference (user_id, kind, channel) VALUES ($1, $2, $3)`, [user.id, kind, channel]);
  }

  async function speaks(user: { id: string }, language: string): Promise<void> {
    await t.db.query(`UPDATE app_user SET preferred_language = $2 WHERE id = $1`, [user.id, language]);
  }

  it('e-mails a moved session’s new day, time and place with the updated iCal, and a cancellation with METHOD:CANCEL, once each', async () => {
    const w = await buildCohort(t.db, { teacherCount: 3, modules: [{ title: 'Sessions', opens: -5, due: 40 }] });
    const [he, en, off] = w.teachers;
    await speaks(he, 'he');
    await choose(off, 'mentoring.moved', 'off');
    const sessions: string[] = [];
    for (const hour of [9, 12]) {
      const [row] = await t.db.query<{ id: string }>(
        `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at, place) VALUES ($1, $2, $3, $4, $4::timestamptz + interval '1 hour', 'Room 1') RETURNING id`,
        [w.city.id, w.cohort.id, w.mentor.id, cityTime(WORKDAY + 8, hour)],
      );
      await t.db.query(`INSERT INTO mentoring_participant (session_id, teacher_id) SELECT $1, unnest($2::uuid[])`, [row.id, w.teachers.map((x) => x.id)]);
      sessions.push(row.id);
    }
    const [moved, cancelled] = sessions;
    const mentor = await signIn(t, w.mentor);
    const newDay = cityDay(WORKDAY + 9);
    await mentor
      .post(`/mentoring/sessions/${moved}/reschedule`, { day: newDay, start: '15:30', end: '16:15', place: 'Library, 2nd floor', reason: 'Staff meeting' })
      .expect(303);
    await mentor.post(`/mentoring/sessions/${cancelled}/cancel`, { reason: 'Strike' }).expect(303);
    // The notifications (in the app) were made now; pretend it was on a working morning.
    await t.db.query(`UPDATE notification SET created_at = $2 WHERE recipient_id = ANY($1::uuid[])`, [w.teachers.map((x) => x.id), cityTime(WORKDAY, 10)]);

    await engine.runPass(cityTime(WORKDAY, 9, 59));
    expect(sink.to(he.email)).toHaveLength(0);
    await engine.runPass(cityTime(WORKDAY, 10, 1));
    await engine.runPass(cityTime(WORKDAY, 11));

    const [d, m, y] = [newDay.slice(8, 10), newDay.slice(5, 7), newDay.slice(0, 4)];
    const hebrew = sink.to(he.email);
    expect(hebrew.map((x) => x.subject).sort()).toEqual(
      [
        `מפגש החונכות הוזז ל-${d}/${m}/${y} בשעה 15:30`,
        `מפגש החונכות של ${cityDay(WORKDAY + 8)
          .split('-')
          .reverse()
          .join('/')} בוטל`,
      ].sort(),
    );
    const movedMail = hebrew.find((x) => x.subject.includes('הוזז'))!;
    expect(movedMail.html).toContain('dir="rtl"');
    expect(movedMail.text).toContain('Library, 2nd floor');
    expect(movedMail.text).toContain(`${base}/mentoring/sessions/${moved}`);
    expect(movedMail.attachments).toHaveLength(1);
    expect(movedMail.attachments[0].content).toContain(`UID:${moved}@teacher-accelerator`);
    expect(movedMail.attachments[0].content).toContain('SEQUENCE:1');
    expect(movedMail.attachments[0].content).toContain('METHOD:PUBLISH');

    const english = sink.to(en.email);
    const cancelMail = english.find((x) => x.subject.includes('cancelled'))!;
    expect(cancelMail.subject).toBe(
      `Mentoring session of ${cityDay(WORKDAY + 8)
        .split('-')
        .reverse()
        .join('/')} cancelled`,
    );
    expect(cancelMail.text).toContain(
      `${w.mentor.displayName} cancelled the mentoring session of ${cityDay(WORKDAY + 8)
        .split('-')
        .reverse()
        .join('/')} at 12:00`,
    );
    expect(cancelMail.attachments[0].content).toContain(`UID:${cancelled}@teacher-accelerator`);
    expect(cancelMail.attachments[0].content).toContain('METHOD:CANCEL');
    expect(cancelMail.attachments[0].content).toContain('STATUS:CANCELLED');
    expect(cancelMail.attachments[0].content).toContain('SEQUENCE:1');
    expect(english).toHaveLength(2);

    // Off for moves: only the cancellation reaches them.
    expect(sink.to(off.email).map((x) => x.subject)).toEqual([cancelMail.subject]);
    // Not told in the app a second time.
    expect(await t.db.query(`SELECT kind FROM notification WHERE recipient_id = $1 ORDER BY kind`, [en.id])).toEqual([
      { kind: 'mentoring.cancelled' },
      { kind: 'mentoring.moved' },
    ]);
    // The notifications page still reads them.
    const teacher = await signIn(t, en);
    const page = await teacher.get('/notifications').expect(200);
    expect(page.text).toContain('moved your mentoring session');

    await engine.runPass(cityTime(WORKDAY + 1, 10));
    expect(sink.to(he.email)).toHaveLength(2);
    expect(sink.to(en.email)).toHaveLength(2);
  });

  it(`invites a teacher who has written no reflection for ${NO_REFLECTION_WEEKS} weeks to write one, once per quiet spell`, async () => {
    const w = await buildCohort(t.db, { teacherCount: 4, modules: [{ title: 'Quiet', opens: -60, due: 60 }] });
    const [quiet, wrote, off, recent] = w.teachers;
    await speaks(quiet, 'he');
    const days = NO_REFLECTION_WEEKS * 7;
    // Joined so that the quiet spell reaches N weeks on WORKDAY's morning.
    await t.db.query(`UPDATE cohort_member SET joined_at = $2 WHERE cohort_id = $1 AND user_id = ANY($3::uuid[])`, [
      w.cohort.id,
      cityTime(WORKDAY - days, 12),
      [quiet.id, wrote.id, off.id],
    ]);
    await t.db.query(`UPDATE cohort_member SET joined_at = $2 WHERE cohort_id = $1 AND user_id = $3`, [
      w.cohort.id,
      cityTime(WORKDAY - days + 1, 12),
      recent.id,
    ]);
    await t.db.query(`INSERT INTO portfolio_entry (author_id, title, body_md, created_at) VALUES ($1, 'Lately', 'Something', $2)`, [
      wrote.id,
      cityTime(WORKDAY - 10, 12),
    ]);
    await choose(off, 'portfolio.noReflection', 'off');

    await engine.runPass(cityTime(WORKDAY, 7, 30));
    expect(sink.to(quiet.email)).toHaveLength(0);
    await engine.runPass(cityTime(WORKDAY, 10));
    const [mail] = sink.to(quiet.email);
    expect(sink.to(quiet.email)).toHaveLength(1);
    expect(mail.subject).toBe('הגיע הזמן לרפלקציה?');
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toContain(`כבר ${NO_REFLECTION_WEEKS} שבועות`);
    expect(mail.text).toContain(`${base}/portfolio/new`);
    expect(await t.db.query(`SELECT kind FROM notification WHERE recipient_id = $1`, [quiet.id])).toEqual([{ kind: 'reminders.portfolio.noReflection' }]);
    expect(sink.to(wrote.email)).toHaveLength(0);
    expect(sink.to(recent.email)).toHaveLength(0);
    expect(sink.to(off.email)).toHaveLength(0);
    expect(await statusOf(off.id, 'portfolio.noReflection')).toEqual(['skipped']);

    // The next days: nothing again for the same spell; a day later the one who joined later is reminded.
    await engine.runPass(cityTime(WORKDAY + 1, 10));
    expect(sink.to(quiet.email)).toHaveLength(1);
    expect(sink.to(recent.email).map((x) => x.subject)).toEqual(['Time for a reflection?']);
    // A new entry starts a new spell: nothing until it, too, is N weeks old.
    await t.db.query(`INSERT INTO portfolio_entry (author_id, title, body_md, created_at) VALUES ($1, 'Back', 'Yes', $2)`, [
      quiet.id,
      cityTime(WORKDAY + 1, 12),
    ]);
    await engine.runPass(cityTime(WORKDAY + 2, 10));
    expect(sink.to(quiet.email)).toHaveLength(1);
    expect(await statusOf(quiet.id, 'portfolio.noReflection')).toEqual(['sent']);
  });

  it('reminds a goal’s owner on the day its check-in is due, by the goals pages’ own rule, once per due day', async () => {
    const w = await buildCohort(t.db, { teacherCount: 3, modules: [{ title: 'Goals', opens: -5, due: 40 }] });
    const [he, checked, off] = w.teachers;
    await speaks(he, 'he');
    await choose(off, 'goals.checkInDue', 'off');
    const goals: Record<string, string> = {};
    for (const owner of w.teachers) {
      const [g] = await t.db.query<{ id: string }>(
        `INSERT INTO goal (owner_id, frame, what, check_in_every_days, created_at) VALUES ($1, 'me', 'Ask one open question per lesson', 7, $2) RETURNING id`,
        [owner.id, cityTime(WORKDAY - 7, 9)],
      );
      goals[owner.id] = g.id;
    }
    await t.db.query(`INSERT INTO goal_check_in (goal_id, checked_on, note, rating) VALUES ($1, $2::date, 'Going well', 4)`, [
      goals[checked.id],
      cityDay(WORKDAY - 2),
    ]);

    await engine.runPass(cityTime(WORKDAY, 7, 30));
    expect(sink.to(he.email)).toHaveLength(0);
    await engine.runPass(cityTime(WORKDAY, 10));
    const [mail] = sink.to(he.email);
    expect(sink.to(he.email)).toHaveLength(1);
    expect(mail.subject).toBe('הגיע מועד עדכון ההתקדמות במטרה שלך');
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toContain('„Ask one open question per lesson”');
    expect(mail.text).toContain(`${base}/goals/${goals[he.id]}`);
    expect(sink.to(checked.email)).toHaveLength(0);
    expect(await statusOf(off.id, 'goals.checkInDue')).toEqual(['skipped']);
    expect(sink.to(off.email)).toHaveLength(0);

    await engine.runPass(cityTime(WORKDAY + 1, 10));
    expect(sink.to(he.email)).toHaveLength(1);
    // Once a check-in is made, the next is due a rhythm later.
    await t.db.query(`INSERT INTO goal_check_in (goal_id, checked_on, note, rating) VALUES ($1, $2::date, 'Done', 3)`, [goals[he.id], cityDay(WORKDAY + 1)]);
    await engine.runPass(cityTime(WORKDAY + 2, 10));
    expect(sink.to(he.email)).toHaveLength(1);
    expect(await statusOf(he.id, 'goals.checkInDue')).toEqual(['sent']);
  });

  it('sends each mentor with something to report a Sunday summary of waiting work and mentees at risk, names and figures only', async () => {
    const modules = [
      { title: 'Overdue one', method: 'approval' as const, opens: -30, due: -5 },
      { title: 'Overdue two', method: 'approval' as const, opens: -30, due: -3 },
      { title: 'Open now', method: 'approval' as const, opens: -5, due: 60 },
    ];
    const w = await buildCohort(t.db, { teacherCount: 2, modules });
    const [risky, working] = w.teachers;
    await speaks(w.mentor, 'he');
    await setProgress(t.db, w.cohort.id, working.id, w.modules[0].id, 'approved');
    await setProgress(t.db, w.cohort.id, working.id, w.modules[1].id, 'approved');
    await setProgress(t.db, w.cohort.id, working.id, w.modules[2].id, 'submitted', 0);
    // A mentor with nothing to report, and one who turned the summary off.
    const calm = await buildCohort(t.db, { teacherCount: 1, modules: [{ title: 'Calm', method: 'approval', opens: -5, due: 60 }] });
    const muted = await buildCohort(t.db, { teacherCount: 1, modules });
    await choose(muted.mentor, 'mentor.weeklySummary', 'off');
    // Next Sunday (a week on when today is one): the work handed in now is then in the past.
    const sunday = daysTo([0]) || 7;

    await engine.runPass(cityTime(sunday, 7, 30));
    expect((await mailsOfKind(w.mentor.email, w.mentor.id, 'mentor.weeklySummary')).sentRows).toBe(0);
    await engine.runPass(cityTime(sunday, 8, 1));
    const summaries = sink.to(w.mentor.email).filter((x) => x.subject.startsWith('השבוע שלך בחונכות'));
    expect(summaries).toHaveLength(1);
    const [mail] = summaries;
    expect(mail.subject).toBe('השבוע שלך בחונכות: 1 ממתינות לבדיקה, 1 בסיכון');
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toContain(working.displayName);
    expect(mail.text).toContain('Open now');
    expect(mail.text).toContain(risky.displayName);
    expect(mail.text).toContain(`${risky.displayName}`);
    expect(mail.text).toContain('שתי יחידות חובה או יותר באיחור');
    expect(mail.text).toContain(`${base}/reviews`);
    // Never what the teacher handed in.
    expect(mail.text).not.toContain('My work');
    expect(mail.html).not.toContain('My work');
    expect(await t.db.query(`SELECT vars FROM notification WHERE recipient_id = $1 AND kind = 'reminders.mentor.weeklySummary'`, [w.mentor.id])).toEqual([
      { vars: { waiting: 1, atRisk: 1 } },
    ]);

    expect(await statusOf(calm.mentor.id, 'mentor.weeklySummary')).toEqual([]);
    expect(await statusOf(muted.mentor.id, 'mentor.weeklySummary')).toEqual(['skipped']);

    await engine.runPass(cityTime(sunday + 1, 10));
    await engine.runPass(cityTime(sunday + 2, 10));
    expect(sink.to(w.mentor.email).filter((x) => x.subject.startsWith('השבוע שלך בחונכות'))).toHaveLength(1);
  });

  it('sends each department admin a monthly summary of the city’s running cohorts on the 1st: figures, never reflections', async () => {
    const w = await buildCohort(t.db, {
      teacherCount: 3,
      modules: [
        { title: 'Required one', method: 'approval', opens: -20, due: -5 },
        { title: 'Required two', method: 'approval', opens: -20, due: -3 },
        { title: 'Required three', method: 'approval', opens: -5, due: 90 },
      ],
    });
    const [done, behind, withdrawn] = w.teachers;
    await speaks(w.admin, 'he');
    await setProgress(t.db, w.cohort.id, done.id, w.modules[0].id, 'approved');
    await setProgress(t.db, w.cohort.id, done.id, w.modules[1].id, 'approved');
    await t.db.query(`UPDATE cohort_member SET status = 'withdrawn', withdrawn_at = now() WHERE cohort_id = $1 AND user_id = $2`, [w.cohort.id, withdrawn.id]);
    await t.db.query(
      `INSERT INTO portfolio_entry (author_id, title, body_md, visibility, published_at) VALUES ($1, 'Zebra crossing in class', 'Quokka-distinctive reflection text', 'cohort', now())`,
      [behind.id],
    );
    const today = localTime(new Date(), CITY_TZ);
    // Sessions this month (the summary's "last month"): one held, one cancelled; and one the month before.
    for (const [offset, status] of [
      [0, 'scheduled'],
      [0, 'cancelled'],
      [-today.day, 'scheduled'],
    ] as const) {
      await t.db.query(
        `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at, status) VALUES ($1, $2, $3, $4, $4::timestamptz + interval '1 hour', $5)`,
        [w.city.id, w.cohort.id, w.mentor.id, cityTime(offset, 0, 30), status],
      );
    }
    const other = await createUser(t.db, { municipalityId: w.city.id, roles: ['department_admin'], preferredLanguage: 'en' });
    await choose(other, 'department.monthlySummary', 'off');
    const inApp = await createUser(t.db, { municipalityId: w.city.id, roles: ['department_admin'], preferredLanguage: 'en' });
    await choose(inApp, 'department.monthlySummary', 'in_app');
    const empty = await createMunicipality(t.db);
    const idle = await createUser(t.db, { municipalityId: empty.id, roles: ['department_admin'], preferredLanguage: 'en' });

    const first = daysToNextMonth();
    // The 1st may fall on a Saturday (quiet until 20:00).
    const saturday = localTime(cityTime(first, 12), CITY_TZ).weekday === 6;
    await engine.runPass(cityTime(first, 7, 59));
    expect(await statusOf(w.admin.id, 'department.monthlySummary')).toEqual(['pending']);
    expect(sink.to(w.admin.email)).toHaveLength(0);
    await engine.runPass(cityTime(first, saturday ? 20 : 8, 1));

    const [mail] = sink.to(w.admin.email);
    expect(sink.to(w.admin.email)).toHaveLength(1);
    const month = new Intl.DateTimeFormat('he-IL-u-nu-latn', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(today.year, today.month - 1, 1)),
    );
    expect(mail.subject).toBe(`סיכום חודשי של המחזורים הפעילים בעיר: ${month}`);
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toContain(`${w.cohort.name} (${base}/cohorts/${w.cohort.id})`);
    expect(mail.html).toContain(`<h2 style="font-size:1.1em" dir="auto"><a href="${base}/cohorts/${w.cohort.id}">${w.cohort.name}</a></h2>`);
    expect(mail.text).toContain('מורים פעילים: 2');
    expect(mail.text).toContain('יחידות חובה שאושרו: 2 מתוך 6');
    expect(mail.text).toContain('מורים בסיכון: 1');
    expect(mail.text).toContain(`מפגשי חונכות שהתקיימו ב${month}: 1`);
    for (const text of [mail.text, mail.html]) {
      expect(text).not.toContain('Quokka');
      expect(text).not.toContain('Zebra');
      expect(text).not.toContain(behind.displayName);
    }
    expect(await statusOf(other.id, 'department.monthlySummary')).toEqual(['skipped']);
    // In the app only: the notice with the count, no e-mail.
    expect(await statusOf(inApp.id, 'department.monthlySummary')).toEqual(['in_app']);
    expect(sink.to(inApp.email)).toHaveLength(0);
    const notices = await (await signIn(t, inApp)).get('/notifications').expect(200);
    expect(notices.text).toContain('The monthly summary is ready. Running cohorts in the city: 1.');
    expect(await statusOf(idle.id, 'department.monthlySummary')).toEqual([]);

    await engine.runPass(cityTime(first + 1, 10));
    await engine.runPass(cityTime(first + 2, 10));
    expect(sink.to(w.admin.email)).toHaveLength(1);
  });

  it('offers every new kind on the reminder choices page', async () => {
    const person = await createUser(t.db, { preferredLanguage: 'en' });
    const page = await (await signIn(t, person)).get('/profile/reminders').expect(200);
    for (const kind of [
      'mentoring.moved',
      'mentoring.cancelled',
      'portfolio.noReflection',
      'goals.checkInDue',
      'mentor.weeklySummary',
      'department.monthlySummary',
    ]) {
      expect(page.text).toContain(`name="channels[${kind}]"`);
    }
  });
});
