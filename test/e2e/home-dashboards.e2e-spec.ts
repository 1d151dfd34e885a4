import { CompletionStatusRepository } from '../../src/progress/completion-status.repository.js';
import { CONTACT_INTERVAL_DAYS } from '../../src/mentoring/contact-interval.js';
import type { Sql } from '../../src/database/sql.js';
import { countQueries } from '../support/query-counter.js';
import { buildCohort, type CohortWorld, createModule, createPhase, setProgress, setWindow } from '../support/progress-factories.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Noon on the city's calendar `days` days ago (negative: ahead), so "days since" is exact at any hour. */
const cityNoon = (days: string) => `((((now() AT TIME ZONE mu.time_zone)::date - ${days}::int) + time '12:00') AT TIME ZONE mu.time_zone)`;

async function addSession(
  db: Sql,
  w: CohortWorld,
  teacherIds: string[],
  f: { daysAgo?: number; inHours?: number; place?: string; attended?: boolean; status?: string },
) {
  const start = f.inHours !== undefined ? `now() + make_interval(hours => $5::int)` : cityNoon('$5');
  const [row] = await db.query(
    `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at, place, status)
     SELECT c.municipality_id, c.id, $2, ${start}, ${start} + interval '1 hour', $3, $4
       FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id WHERE c.id = $1
     RETURNING id`,
    [w.cohort.id, w.mentor.id, f.place ?? null, f.status ?? 'scheduled', f.inHours ?? f.daysAgo ?? 0],
  );
  await db.query(`INSERT INTO mentoring_participant (session_id, teacher_id, attended) SELECT $1, unnest($2::uuid[]), $3`, [
    row.id,
    teacherIds,
    f.attended ?? null,
  ]);
  return row.id as string;
}

async function addActionItem(db: Sql, sessionId: string, ownerId: string, title: string, f: { dueInDays?: number | null; done?: boolean } = {}) {
  await db.query(
    `INSERT INTO mentoring_action_item (session_id, owner_id, title, due_on, done_at)
     SELECT $1, $2, $3, CASE WHEN $4::int IS NULL THEN NULL ELSE (now() AT TIME ZONE mu.time_zone)::date + $4::int END, CASE WHEN $5 THEN now() END
       FROM mentoring_session ms JOIN municipality mu ON mu.id = ms.municipality_id WHERE ms.id = $1`,
    [sessionId, ownerId, title, f.dueInDays ?? null, f.done ?? false],
  );
}

/** The table row (`<tr …>…</tr>`) that names `name`. */
function rowOf(html: string, name: string): string {
  const row = html.split('<tr').find((r) => r.includes(`<bdi>${name}</bdi>`));
  if (!row) throw new Error(`no row for ${name}`);
  return row.slice(0, row.indexOf('</tr>'));
}

describe('the teacher and mentor homes (issue 14 §1, §2)', () => {
  let t: TestApp;
  let w: CohortWorld;
  const goalIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCohort(t.db, {
      teacherCount: 3,
      teacherNames: ['Alma Active', 'Boaz Beginner', 'Carmel Calm'],
      modules: [
        { title: 'Opening circle', method: 'self', opens: -40, due: -20 },
        { title: 'Classroom study', method: 'approval', opens: -30, due: 20 },
      ],
    });
    const second = await createPhase(t.db, w.programme.id, 1, 'Deepening practice');
    const deep = await createModule(t.db, w.programme.id, second.id, 0, { title: 'Lesson study', method: 'self' });
    await setWindow(t.db, w.cohort.id, deep.id, -10, 60);
    const [alma, , carmel] = w.teachers;
    await setProgress(t.db, w.cohort.id, alma.id, w.modules[0].id, 'approved', 25);
    await setProgress(t.db, w.cohort.id, alma.id, w.modules[1].id, 'approved', 10);
    await setProgress(t.db, w.cohort.id, carmel.id, w.modules[1].id, 'submitted', 4);

    for (const [what, checkedDaysAgo] of [
      ['Hear every child in the morning circle', 3],
      ['Plan lessons with my colleague', null],
    ] as const) {
      const [goal] = await t.db.query(`INSERT INTO goal (owner_id, frame, what) VALUES ($1, 'me', $2) RETURNING id`, [alma.id, what]);
      goalIds.push(goal.id);
      if (checkedDaysAgo !== null) {
        await t.db.query(
          `INSERT INTO goal_check_in (goal_id, checked_on, note, rating)
           SELECT $1, (now() AT TIME ZONE coalesce(mu.time_zone, 'Asia/Jerusalem'))::date - $2::int, 'Going well', 4
             FROM app_user u LEFT JOIN municipality mu ON mu.id = u.municipality_id WHERE u.id = $3`,
          [goal.id, checkedDaysAgo, alma.id],
        );
      }
    }
    await t.db.query(`INSERT INTO goal (owner_id, frame, what, status) VALUES ($1, 'us', 'An achieved goal of old', 'achieved')`, [alma.id]);

    const past = await addSession(t.db, w, [alma.id], { daysAgo: 45, attended: true });
    await addSession(t.db, w, [carmel.id], { daysAgo: 5, attended: true });
    for (const [i, place] of ['Room Aleph', 'Room Bet', 'Room Gimel', 'Room Dalet'].entries())
      await addSession(t.db, w, [alma.id], { inHours: 30 + 24 * i, place });
    await addSession(t.db, w, [alma.id], { inHours: 10, place: 'Cancelled room', status: 'cancelled' });
    await addActionItem(t.db, past, alma.id, 'Try the talking stick', { dueInDays: 6 });
    await addActionItem(t.db, past, alma.id, 'Read the chapter on questions', { dueInDays: null });
    await addActionItem(t.db, past, alma.id, 'Already done item', { done: true });
    await addActionItem(t.db, past, carmel.id, 'Carmel private item', { dueInDays: 2 });
  });
  afterAll(() => t.close());

  describe('teacher', () => {
    it('shows the current phase, approved / required with a progress bar, goals with last check-in, the next three sessions and open action items', async () => {
      const alma = await signIn(t, w.teachers[0]);
      const res = await alma.get('/').expect(200);
      expect(res.text).toMatch(/Current phase 2: <bdi[^>]*>Deepening practice<\/bdi>/);
      expect(res.text).toContain('2 of 3 required modules approved');
      expect(res.text).toMatch(new RegExp(`<progress id="home-progress-${w.cohort.id}" max="3" value="2"`));
      // Goals: every active one, with its last check-in or none, linked; not the achieved one.
      expect(res.text).toContain(`href="/goals/${goalIds[0]}"`);
      expect(res.text).toContain('Hear every child in the morning circle');
      expect(res.text).toMatch(/last check-in /);
      expect(res.text).toContain(`href="/goals/${goalIds[1]}"`);
      expect(res.text).toContain('no check-in yet');
      expect(res.text).not.toContain('An achieved goal of old');
      expect(res.text).toContain('Who can read your goals: you and your mentor.');
      // Sessions: the next three, in order, with their place; no cancelled one.
      const places = ['Room Aleph', 'Room Bet', 'Room Gimel'].map((p) => res.text.indexOf(p));
      expect(places[0]).toBeGreaterThan(0);
      expect(places[1]).toBeGreaterThan(places[0]);
      expect(places[2]).toBeGreaterThan(places[1]);
      expect(res.text).not.toContain('Room Dalet');
      expect(res.text).not.toContain('Cancelled room');
      expect(res.text.match(/<a href="\/mentoring\/sessions\/[0-9a-f-]{36}">/g)?.length).toBeGreaterThanOrEqual(3);
      // Action items: own and open only, dated first, each linked to its session.
      const dated = res.text.indexOf('Try the talking stick');
      const undated = res.text.indexOf('Read the chapter on questions');
      expect(dated).toBeGreaterThan(0);
      expect(undated).toBeGreaterThan(dated);
      expect(res.text).toContain('no due date');
      expect(res.text).toMatch(/from the session of /);
      expect(res.text).not.toContain('Already done item');
      expect(res.text).not.toContain('Carmel private item');
      expect(res.text).not.toContain('Set your first goal');
    });

    it('shows empty states that say what to do first, and a way to book when the mentor offers times', async () => {
      const boaz = await signIn(t, w.teachers[1]);
      const res = await boaz.get('/').expect(200);
      expect(res.text).toMatch(/Current phase 1: <bdi[^>]*>Phase 1<\/bdi>/);
      expect(res.text).toContain('0 of 3 required modules approved');
      expect(res.text).toContain('<a href="/goals/new">Set your first goal</a>');
      expect(res.text).toContain('Your mentor will schedule your next session with you.');
      expect(res.text).not.toContain('href="/mentoring/slots"');
      expect(res.text).toContain('No open action items.');
      await t.db.query(
        `INSERT INTO availability_slot (municipality_id, mentor_id, starts_on, start_time, duration_minutes, weeks)
         SELECT mu.id, $2, (now() AT TIME ZONE mu.time_zone)::date + 7, time '16:00', 45, 1 FROM municipality mu WHERE mu.id = $1`,
        [w.city.id, w.mentor.id],
      );
      const after = await boaz.get('/').expect(200);
      expect(after.text).toContain('<a href="/mentoring/slots">Book a session</a>');
      await t.db.query(`DELETE FROM availability_slot WHERE mentor_id = $1`, [w.mentor.id]);
    });

    it('sends as many statements for 30 goals, sessions and action items as for 3', async () => {
      const world = await buildCohort(t.db, { teacherCount: 1, modules: [{}] });
      const teacher = world.teachers[0];
      const agent = await signIn(t, teacher);
      const add = async (n: number) => {
        await t.db.query(`INSERT INTO goal (owner_id, frame, what) SELECT $1, 'you', 'Goal ' || i FROM generate_series(1, $2::int) i`, [teacher.id, n]);
        for (let i = 0; i < n; i++) {
          const session = await addSession(t.db, world, [teacher.id], { inHours: 5 + i });
          await addActionItem(t.db, session, teacher.id, `Item ${i}`, { dueInDays: i });
        }
      };
      await add(3);
      const small = await countQueries(t.db, () => agent.get('/').expect(200));
      await add(27);
      const large = await countQueries(t.db, () => agent.get('/').expect(200));
      expect(large.count).toBe(small.count);
    });
  });

  describe('mentor', () => {
    it("shows each mentee's status from the one status rule, approved / required, days since contact, next session and open items, and the queue", async () => {
      const mentor = await signIn(t, w.mentor);
      const res = await mentor.get('/').expect(200);
      expect(res.text).toContain('<h2 id="home-mentor-contacts">My mentees</h2>');
      // One table of mentees, not two.
      expect(res.text.match(/<table class="data-table card-table" aria-labelledby="home-mentor-contacts">/g)).toHaveLength(1);
      const statuses = t.app.get(CompletionStatusRepository);
      for (const teacher of w.teachers) {
        const status = (await statuses.findTeacherStatus(w.cohort.id, teacher.id))!.status;
        expect(rowOf(res.text, teacher.displayName)).toContain(`status-badge status-${status}"`);
      }
      const alma = rowOf(res.text, 'Alma Active');
      expect(alma).toContain('2 of 3');
      expect(alma).toMatch(/data-label="Days since last contact" class="number">45</);
      expect(alma).toContain(`Not met for over ${CONTACT_INTERVAL_DAYS} days`);
      expect(alma).toMatch(/data-label="Open action items" class="number">2</);
      expect(alma).not.toContain('/mentoring/sessions/new');
      const boaz = rowOf(res.text, 'Boaz Beginner');
      expect(boaz).toContain('0 of 3');
      expect(boaz).toMatch(/data-label="Days since last contact" class="number">never</);
      expect(boaz).toContain('Not met for over');
      expect(boaz).toContain(`/mentoring/sessions/new?teacher=${w.teachers[1].id}`);
      expect(boaz).toMatch(/data-label="Open action items" class="number">0</);
      const carmel = rowOf(res.text, 'Carmel Calm');
      expect(carmel).toMatch(/data-label="Days since last contact" class="number">5</);
      expect(carmel).not.toContain('Not met for over');
      expect(carmel).toMatch(/data-label="Open action items" class="number">1</);
      expect(res.text).toContain('2 mentees have not been met for over 30 days.');
      // The programme's own contact interval decides: at 60 days, Alma (met 45 days ago) no longer stands out.
      await t.db.query('UPDATE programme SET contact_interval_days = 60 WHERE id = $1', [w.programme.id]);
      try {
        const longer = await mentor.get('/').expect(200);
        expect(longer.text).toContain('A mentee not met in a mentoring session for more than 60 days is marked.');
        expect(rowOf(longer.text, 'Alma Active')).not.toContain('Not met for over');
        expect(rowOf(longer.text, 'Boaz Beginner')).toContain('Not met for over 60 days');
        expect(longer.text).toContain('One mentee has not been met for over 60 days.');
      } finally {
        await t.db.query('UPDATE programme SET contact_interval_days = 30 WHERE id = $1', [w.programme.id]);
      }
      // The review queue: one waiting, for four days.
      expect(res.text).toMatch(/Waiting for your review<\/dt><dd>1<\/dd>/);
      expect(res.text).toMatch(/Days the oldest has waited<\/dt><dd>4<\/dd>/);
      // Figures only: no goal or action item text of mentees.
      expect(res.text).not.toContain('Hear every child');
      expect(res.text).not.toContain('Try the talking stick');
    });

    it('sorts by name, by days since contact and by status, and filters by status, without JavaScript', async () => {
      const mentor = await signIn(t, w.mentor);
      const order = (html: string) => ['Alma Active', 'Boaz Beginner', 'Carmel Calm'].map((n) => html.indexOf(`<bdi>${n}</bdi>`));
      const byName = order((await mentor.get('/?sort=name').expect(200)).text);
      expect(byName[0]).toBeLessThan(byName[1]);
      expect(byName[1]).toBeLessThan(byName[2]);
      const byContact = await mentor.get('/?sort=contact').expect(200);
      const [alma, boaz, carmel] = order(byContact.text);
      expect(boaz).toBeLessThan(alma);
      expect(alma).toBeLessThan(carmel);
      expect(byContact.text).toContain('<strong aria-current="true">days since contact</strong>');
      await mentor.get('/?sort=status').expect(200);

      const almaStatus = (await t.app.get(CompletionStatusRepository).findTeacherStatus(w.cohort.id, w.teachers[0].id))!.status;
      const others = await Promise.all(w.teachers.map(async (x) => (await t.app.get(CompletionStatusRepository).findTeacherStatus(w.cohort.id, x.id))!.status));
      const filtered = await mentor.get(`/?status=${almaStatus}&sort=contact`).expect(200);
      for (const [i, teacher] of w.teachers.entries()) {
        if (others[i] === almaStatus) expect(filtered.text).toContain(`<bdi>${teacher.displayName}</bdi>`);
        else expect(filtered.text).not.toContain(`<bdi>${teacher.displayName}</bdi>`);
      }
      expect(filtered.text).toContain(`<option value="${almaStatus}" selected>`);
      expect(filtered.text).toContain('<input type="hidden" name="sort" value="contact">');
      const none = await mentor.get('/?status=completed').expect(200);
      expect(none.text).toContain('None of your mentees has this status.');
    });

    it('refuses a sort or status it does not know with a 400 that says why', async () => {
      const mentor = await signIn(t, w.mentor);
      for (const query of ['sort=email', 'sort=name%3B%20DROP', 'status=gone', 'sort=name&sort=status']) {
        const res = await mentor.get(`/?${query}`).expect(400);
        expect(res.text).toContain('This list cannot be sorted or filtered that way.');
      }
    });

    it('speaks Hebrew and Arabic on both homes, every text translated', async () => {
      const [alma] = w.teachers;
      for (const lang of ['he', 'ar'] as const) {
        await t.db.query(`UPDATE app_user SET preferred_language = $2 WHERE id = ANY($1::uuid[])`, [[alma.id, w.mentor.id], lang]);
        const teacherHome = (await (await signIn(t, alma)).get('/').expect(200)).text;
        const mentorHome = (await (await signIn(t, w.mentor)).get('/?sort=contact').expect(200)).text;
        for (const html of [teacherHome, mentorHome]) {
          expect(html).toContain(`lang="${lang}"`);
          expect(html).not.toMatch(/\b(home|goals|mentoring|cohortReports)\.[a-zA-Z]+\.[a-zA-Z]/);
          expect(html).not.toContain('Not met for over');
        }
        expect(teacherHome).toContain('<bdi dir="auto">Room Aleph</bdi>');
        expect(mentorHome).toContain('<bdi>Alma Active</bdi>');
      }
      await t.db.query(`UPDATE app_user SET preferred_language = 'en' WHERE id = ANY($1::uuid[])`, [[alma.id, w.mentor.id]]);
    });

    it('sends as many statements for 30 mentees as for 3', async () => {
      const measure = async (n: number) => {
        const world = await buildCohort(t.db, { teacherCount: n, modules: [{}, {}] });
        for (const teacher of world.teachers) {
          await setProgress(t.db, world.cohort.id, teacher.id, world.modules[0].id, 'submitted', 2);
          const session = await addSession(t.db, world, [teacher.id], { daysAgo: 3, attended: true });
          await addSession(t.db, world, [teacher.id], { inHours: 48 });
          await addActionItem(t.db, session, teacher.id, 'Item');
        }
        const agent = await signIn(t, world.mentor);
        const home = await countQueries(t.db, () => agent.get('/?sort=contact').expect(200));
        expect(home.result.text.match(/<tr>/g)?.length).toBe(n + 1);
        return home.count;
      };
      expect(await measure(30)).toBe(await measure(3));
    });
  });
});
