import request from 'supertest';
import { createMunicipality, createUser, type TestUser } from '../support/factories.js';
import { csrfFrom, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const FIREFOX_ON_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0';
const SAFARI_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';
const MINUTE = 60_000;

describe('sessions a person can see and end', () => {
  let t: TestApp;
  let cityId: string;

  beforeAll(async () => {
    t = await createTestApp();
    cityId = (await createMunicipality(t.db, { locale: 'en' })).id;
  });
  afterAll(() => t.close());

  /** Signs in from a browser that says who it is, as a person would. */
  async function signInWith(user: TestUser, userAgent: string) {
    const agent = request.agent(t.http).set('User-Agent', userAgent).set('Accept-Language', 'en');
    const login = await agent.get('/login').expect(200);
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(login.text), email: user.email, password: user.password })
      .expect(303);
    const home = await agent.get('/profile').expect(200);
    return { agent, csrf: csrfFrom(home.text) };
  }

  const sessionsOf = (userId: string) =>
    t.db.query<{ sid: string; idle: number }>(
      // Whole minutes: the expiry is stored to the second above the instant last seen.
      `SELECT sid, floor(extract(epoch FROM expire - last_seen_at) / 60)::int AS idle FROM http_session WHERE user_id = $1 ORDER BY signed_in_at`,
      [userId],
    );

  /** Moves the session's clock: as if it was last seen, or signed in, this long ago. */
  const age = (userId: string, field: 'seenAt' | 'signedInAt', agoMs: number) =>
    t.db.query(`UPDATE http_session SET sess = jsonb_set(sess::jsonb, $2::text[], to_jsonb($3::bigint))::json WHERE user_id = $1`, [
      userId,
      [field],
      Date.now() - agoMs,
    ]);

  it("ends an administrator's session after 30 idle minutes, and anyone else's only after 8 hours", async () => {
    const admin = await createUser(t.db, { municipalityId: cityId, roles: ['department_admin'] });
    const teacher = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
    const adminBrowser = await signIn(t, admin);
    const teacherBrowser = await signIn(t, teacher);
    expect((await sessionsOf(admin.id))[0].idle).toBe(30);
    expect((await sessionsOf(teacher.id))[0].idle).toBe(8 * 60);

    await age(admin.id, 'seenAt', 31 * MINUTE);
    await age(teacher.id, 'seenAt', 31 * MINUTE);
    await adminBrowser.get('/').expect(303);
    await teacherBrowser.get('/').expect(200);

    await age(teacher.id, 'seenAt', 8 * 60 * MINUTE + MINUTE);
    await teacherBrowser.get('/').expect(303);
  });

  it('ends every session 12 hours after sign-in, however busy', async () => {
    const teacher = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
    const browser = await signIn(t, teacher);
    await age(teacher.id, 'signedInAt', 12 * 60 * MINUTE + MINUTE);
    await browser.get('/').expect(303);
  });

  it('refreshes when a session was last seen, and its address, at most every five minutes', async () => {
    const teacher = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
    const browser = await signIn(t, teacher);
    await age(teacher.id, 'seenAt', 6 * MINUTE);
    await t.db.query(`UPDATE http_session SET last_seen_at = now() - interval '6 minutes', ip = NULL WHERE user_id = $1`, [teacher.id]);
    await browser.get('/').expect(200);
    const [after] = await t.db.query(
      `SELECT (sess->>'seenAt')::bigint AS "seenAt", last_seen_at > now() - interval '1 minute' AS "seenNow", ip FROM http_session WHERE user_id = $1`,
      [teacher.id],
    );
    expect(Number(after.seenAt)).toBeGreaterThan(Date.now() - MINUTE);
    expect(after.seenNow).toBe(true);
    expect(after.ip).toMatch(/127\.0\.0\.1/);
  });

  it("gives a new session id when the person's roles change, keeping them signed in with the timeout of their new rights", async () => {
    const person = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
    const browser = await signIn(t, person);
    const [{ sid: before }] = await sessionsOf(person.id);
    await t.db.query(`INSERT INTO role_grant (user_id, role, municipality_id) VALUES ($1, 'department_admin', $2)`, [person.id, cityId]);

    const res = await browser.get('/').expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/ta\.sid=/);
    const after = await sessionsOf(person.id);
    expect(after).toHaveLength(1);
    expect(after[0].sid).not.toBe(before);
    expect(after[0].idle).toBe(30);
    await browser.get('/profile').expect(200);
    // The form token of the page before the change still works: the session is the same one.
    await browser.post('/profile', { displayName: 'Still Here', preferredLanguage: '' }).expect(303);

    await t.db.query(`DELETE FROM role_grant WHERE user_id = $1 AND role = 'department_admin'`, [person.id]);
    await browser.get('/').expect(200);
    const revoked = await sessionsOf(person.id);
    expect(revoked[0].sid).not.toBe(after[0].sid);
    expect(revoked[0].idle).toBe(8 * 60);
  });

  it('lists my sessions with their browser, address and last seen, this browser marked, and no one else’s', async () => {
    const me = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
    const someoneElse = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
    await signInWith(me, FIREFOX_ON_ANDROID);
    await signInWith(
      someoneElse,
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    );
    const { agent } = await signInWith(me, SAFARI_ON_MAC);
    const page = await agent.get('/profile').expect(200);
    expect(page.text).toContain('Where you are signed in');
    expect(page.text).toMatch(/Safari on macOS <span class="status status-ok">This browser<\/span>/);
    expect(page.text).toContain('Firefox on Android');
    expect(page.text).not.toContain('Edge on Windows');
    expect(page.text).toContain('<span dir="ltr">127.0.0.1</span>');
    for (const { sid } of await sessionsOf(me.id)) expect(page.text).not.toContain(sid);
    expect(page.text).toContain('href="/profile/sessions/end-others"');
  });

  it('signs me out of my other sessions after asking, keeps this one, and audits it', async () => {
    const me = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
    const phone = await signInWith(me, FIREFOX_ON_ANDROID);
    const laptop = await signInWith(me, SAFARI_ON_MAC);
    const confirm = await laptop.agent.get('/profile/sessions/end-others').expect(200);
    expect(confirm.text).toContain('Sign out of the other sessions?');
    expect(confirm.text).toContain('Firefox on Android');
    expect(confirm.text).not.toContain('Safari on macOS');
    expect(await sessionsOf(me.id)).toHaveLength(2);

    const res = await laptop.agent
      .post('/profile/sessions/end-others')
      .type('form')
      .send({ _csrf: csrfFrom(confirm.text) })
      .expect(303);
    expect(res.headers.location).toBe('/profile');
    const after = await laptop.agent.get('/profile').expect(200);
    expect(after.text).toContain('You were signed out of the other sessions (1).');
    expect(after.text).toContain('You are not signed in anywhere else.');
    await phone.agent.get('/').expect(303);
    const audit = await t.db.query(`SELECT details FROM audit_event WHERE action = 'sessions.ended_others' AND actor_id = $1`, [me.id]);
    expect(audit).toEqual([{ details: { endedSessions: 1 } }]);
  });

  it('refuses to sign out of the others without the form token', async () => {
    const me = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
    const phone = await signInWith(me, FIREFOX_ON_ANDROID);
    const laptop = await signInWith(me, SAFARI_ON_MAC);
    await laptop.agent.post('/profile/sessions/end-others').type('form').send({}).expect(403);
    await phone.agent.get('/').expect(200);
  });
});
