import { generate } from 'otplib';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { seedDemoData } from '../../src/cli/demo-data.js';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { createMunicipality, createUser, enrolTwoFactor, type TestUser } from '../support/factories.js';
import { anonymousAgent, csrfFrom, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const sessionCookie = (res: request.Response) => /ta\.sid=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1];

describe('two-factor sign-in', () => {
  let t: TestApp;
  let cityId: string;

  beforeAll(async () => {
    t = await createTestApp();
    cityId = (await createMunicipality(t.db, { locale: 'en' })).id;
  });
  afterAll(() => t.close());

  /** A code of the person's app, for the step after the last one accepted (one code is accepted once). */
  async function nextCode(user: TestUser): Promise<string> {
    const [row] = await t.db.query('SELECT last_used_step::int AS step FROM two_factor WHERE user_id = $1', [user.id]);
    const now = Math.floor(Date.now() / 1000);
    const epoch = row?.step != null && row.step >= Math.floor(now / 30) ? (row.step + 1) * 30 : now;
    return generate({ secret: user.totpSecret as string, epoch });
  }

  /** The password step: the browser then waits at the code step. */
  async function passwordStep(user: TestUser, returnTo?: string): Promise<{ agent: TestAgent; csrf: string; pendingSid?: string }> {
    const { agent, csrf } = await anonymousAgent(t);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, email: user.email, password: user.password, returnTo }).expect(303);
    expect(res.headers.location).toBe('/login/two-factor');
    const page = await agent.get('/login/two-factor').expect(200);
    return { agent, csrf: csrfFrom(page.text), pendingSid: sessionCookie(res) };
  }

  const auditOf = (userId: string) =>
    t.db.query<{ action: string; actor_id: string; details: Record<string, unknown> }>(
      `SELECT action, actor_id, details FROM audit_event WHERE subject_id = $1 AND (action LIKE 'two_factor.%' OR action LIKE 'sign_in.%') ORDER BY id`,
      [userId],
    );

  describe('enrolment', () => {
    it('sets up with a QR code drawn on the server and a first code, then shows ten recovery codes once', async () => {
      const person = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
      const browser = await signIn(t, person);
      const status = await browser.get('/profile/two-factor').expect(200);
      expect(status.text).toContain('<h1>Two-factor sign-in</h1>');
      expect(status.text).toMatch(/<form method="post" action="\/profile\/two-factor\/setup">\s*<input type="hidden" name="_csrf"/);

      const begun = await browser.post('/profile/two-factor/setup').expect(303);
      expect(begun.headers.location).toBe('/profile/two-factor/setup');
      const setup = await browser.get('/profile/two-factor/setup').expect(200);
      expect(setup.text).toMatch(/<img class="qr-code" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=&#x;]+" width="220" height="220" alt="QR code that adds /);
      const secret = /<code class="secret" dir="ltr">([A-Z2-7 ]+)<\/code>/.exec(setup.text)?.[1].replace(/ /g, '') as string;
      expect(secret).toHaveLength(32);
      expect(setup.text).not.toMatch(/<script/);

      const wrong = await browser
        .post('/profile/two-factor/setup/confirm', { code: (await generate({ secret })) === '000000' ? '111111' : '000000' })
        .expect(400);
      expect(wrong.text).toMatch(/id="code"[^>]+aria-invalid="true"/);
      expect(wrong.text).toContain('This code is not right');
      expect(await t.db.query('SELECT confirmed_at FROM two_factor WHERE user_id = $1', [person.id])).toEqual([{ confirmed_at: null }]);

      const confirmed = await browser.post('/profile/two-factor/setup/confirm', { code: await generate({ secret }) }).expect(303);
      expect(confirmed.headers.location).toBe('/profile/two-factor/recovery-codes');
      expect(sessionCookie(confirmed)).toBeDefined();
      const codesPage = await browser.get('/profile/two-factor/recovery-codes').expect(200);
      const codes = [...codesPage.text.matchAll(/<li><code>([a-z0-9-]{19})<\/code><\/li>/g)].map((m) => m[1]);
      expect(codes).toHaveLength(10);
      expect(codesPage.text).toContain('Two-factor sign-in is on.');
      await browser.get('/profile/two-factor/recovery-codes').expect(303);

      const stored = await t.db.query<{ code_hash: string }>('SELECT code_hash FROM two_factor_recovery_code WHERE user_id = $1', [person.id]);
      expect(stored).toHaveLength(10);
      for (const code of codes) expect(stored.map((s) => s.code_hash).join()).not.toContain(code.replace(/-/g, ''));
      expect((await auditOf(person.id)).map((e) => e.action)).toContain('two_factor.enabled');
      const after = await browser.get('/profile/two-factor').expect(200);
      expect(after.text).toContain('Recovery codes left');
    });

    it('needs no script: every step is a form or a link', async () => {
      const person = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
      const browser = await signIn(t, person);
      await browser.post('/profile/two-factor/setup').expect(303);
      for (const path of ['/profile/two-factor', '/profile/two-factor/setup', '/profile'])
        expect((await browser.get(path).expect(200)).text).not.toMatch(/<script/);
    });
  });

  describe('signing in', () => {
    it('asks for the code after the password, signs in only with the right one, and gives the session a new id', async () => {
      const person = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'], displayName: 'Coded Person' });
      await enrolTwoFactor(t.db, person);
      const { agent, csrf } = await passwordStep(person, '/profile');
      await agent.get('/').expect(303);
      expect(await t.db.query('SELECT 1 FROM http_session WHERE user_id = $1', [person.id])).toEqual([]);

      const code = await nextCode(person);
      const wrong = await agent
        .post('/login/two-factor')
        .type('form')
        .send({ _csrf: csrf, code: code === '000000' ? '111111' : '000000' })
        .expect(401);
      expect(wrong.text).toContain('This code is not right');
      const before = (await t.db.query('SELECT sid FROM http_session')).map((r: { sid: string }) => r.sid);
      const res = await agent.post('/login/two-factor').type('form').send({ _csrf: csrf, code }).expect(303);
      expect(res.headers.location).toBe('/profile');
      const [session] = await t.db.query('SELECT sid FROM http_session WHERE user_id = $1', [person.id]);
      expect(before).not.toContain(session.sid);
      expect((await agent.get('/').expect(200)).text).toContain('Coded Person');

      const events = await auditOf(person.id);
      expect(events.map((e) => e.action)).toEqual(['two_factor.code_refused', 'sign_in.succeeded']);
      expect(events[1].details).toEqual({ method: 'totp' });
    });

    it('never accepts one code twice', async () => {
      const person = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
      await enrolTwoFactor(t.db, person);
      const code = await nextCode(person);
      const first = await passwordStep(person);
      await first.agent.post('/login/two-factor').type('form').send({ _csrf: first.csrf, code }).expect(303);
      const second = await passwordStep(person);
      await second.agent.post('/login/two-factor').type('form').send({ _csrf: second.csrf, code }).expect(401);
    });

    it('signs in with a recovery code, which is then used up', async () => {
      const person = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
      const browser = await signIn(t, person);
      await browser.post('/profile/two-factor/setup').expect(303);
      const [{ secret }] = await t.db.query('SELECT secret FROM two_factor WHERE user_id = $1', [person.id]);
      person.totpSecret = secret;
      await browser.post('/profile/two-factor/setup/confirm', { code: await generate({ secret }) }).expect(303);
      const codesPage = await browser.get('/profile/two-factor/recovery-codes').expect(200);
      const [recovery] = [...codesPage.text.matchAll(/<li><code>([a-z0-9-]{19})<\/code><\/li>/g)].map((m) => m[1]);

      const { agent } = await passwordStep(person);
      const form = await agent.get('/login/recovery-code').expect(200);
      expect(form.text).toContain('Sign in with a recovery code');
      await agent
        .post('/login/recovery-code')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), code: ` ${recovery.toUpperCase()} ` })
        .expect(303);
      await agent.get('/').expect(200);
      expect(await t.db.query('SELECT count(*)::int AS n FROM two_factor_recovery_code WHERE user_id = $1', [person.id])).toEqual([{ n: 9 }]);

      const again = await passwordStep(person);
      const refused = await again.agent.post('/login/recovery-code').type('form').send({ _csrf: again.csrf, code: recovery }).expect(401);
      expect(refused.text).toContain('This recovery code is not right, or was already used.');
      const actions = (await auditOf(person.id)).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['two_factor.recovery_code_used', 'sign_in.succeeded', 'two_factor.code_refused']));
    });

    it('pauses codes after five wrong ones, saying until when, even for the right code', async () => {
      const person = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
      await enrolTwoFactor(t.db, person);
      const { agent, csrf } = await passwordStep(person);
      const code = await nextCode(person);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) await agent.post('/login/two-factor').type('form').send({ _csrf: csrf, code: wrong }).expect(401);
      const paused = await agent.post('/login/two-factor').type('form').send({ _csrf: csrf, code }).expect(429);
      expect(paused.text).toMatch(/Too many wrong codes. For your safety, codes are refused until \d{2}:\d{2}\./);
      expect(Number(paused.headers['retry-after'])).toBeGreaterThan(800);
      const recovery = await agent.post('/login/recovery-code').type('form').send({ _csrf: csrf, code: 'aaaa-bbbb-cccc-dddd' }).expect(429);
      expect(recovery.text).toContain('Too many wrong codes.');
    });

    it('sends the browser back to the password when the code step waited too long or never began', async () => {
      const person = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
      await enrolTwoFactor(t.db, person);
      const fresh = await anonymousAgent(t);
      expect((await fresh.agent.get('/login/two-factor').expect(303)).headers.location).toBe('/login');
      const { agent, csrf } = await passwordStep(person);
      await t.db.query(
        `UPDATE http_session SET sess = jsonb_set(sess::jsonb, '{pendingSignIn,startedAt}', to_jsonb($1::bigint))::json WHERE sess->'pendingSignIn'->>'userId' = $2`,
        [Date.now() - 11 * 60_000, person.id],
      );
      const res = await agent
        .post('/login/two-factor')
        .type('form')
        .send({ _csrf: csrf, code: await nextCode(person) })
        .expect(303);
      expect(res.headers.location).toBe('/login');
      expect((await agent.get('/login').expect(200)).text).toContain('That took too long. Please sign in again.');
    });
  });

  describe('required for administrators', () => {
    it('leads a department admin of a city that requires it to enrol before any other page', async () => {
      const strict = await createMunicipality(t.db, { locale: 'en', requireTwoFactor: true });
      const admin = await createUser(t.db, { municipalityId: strict.id, roles: ['department_admin'] });
      const browser = await signIn(t, admin);
      for (const path of ['/', '/schools', '/users', '/profile', '/audit'])
        expect((await browser.get(path).expect(303)).headers.location).toBe('/profile/two-factor');
      expect((await browser.post('/schools', { name: 'Sneaky School' }).expect(303)).headers.location).toBe('/profile/two-factor');
      const status = await browser.get('/profile/two-factor').expect(200);
      expect(status.text).toContain('Your city asks its administrators to use two-factor sign-in.');
      await browser.post('/language', { lang: 'he', returnTo: '/profile/two-factor' }).expect(303);
      await browser.post('/language', { lang: 'en', returnTo: '/profile/two-factor' }).expect(303);

      await browser.post('/profile/two-factor/setup').expect(303);
      const [{ secret }] = await t.db.query('SELECT secret FROM two_factor WHERE user_id = $1', [admin.id]);
      await browser.post('/profile/two-factor/setup/confirm', { code: await generate({ secret }) }).expect(303);
      await browser.get('/schools').expect(200);
      const kept = await browser.get('/profile/two-factor').expect(200);
      expect(kept.text).not.toContain('href="/profile/two-factor/disable"');
      await browser.get('/profile/two-factor/disable').expect(403);
    });

    it('lets a led admin sign out', async () => {
      const strict = await createMunicipality(t.db, { locale: 'en', requireTwoFactor: true });
      const browser = await signIn(t, await createUser(t.db, { municipalityId: strict.id, roles: ['department_admin'] }));
      expect((await browser.post('/logout').expect(303)).headers.location).toBe('/login');
    });

    it("leads a network admin when the network's setting asks for it, and nobody else", async () => {
      await t.db.query(`INSERT INTO network (name, require_two_factor) VALUES ('Strict Network', true)`);
      const networkAdmin = await signIn(t, await createUser(t.db, { roles: ['network_admin'] }));
      expect((await networkAdmin.get('/municipalities').expect(303)).headers.location).toBe('/profile/two-factor');
      const teacher = await signIn(t, await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] }));
      await teacher.get('/').expect(200);
      const laxAdmin = await signIn(t, await createUser(t.db, { municipalityId: cityId, roles: ['department_admin'] }));
      await laxAdmin.get('/schools').expect(200);
      await t.db.query(`DELETE FROM network WHERE name = 'Strict Network'`);
    });
  });

  describe('turning off and resetting', () => {
    it('lets a person for whom it is optional turn it off with a code, audited', async () => {
      const person = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'] });
      await enrolTwoFactor(t.db, person);
      const browser = await signIn(t, person);
      const confirm = await browser.get('/profile/two-factor/disable').expect(200);
      expect(confirm.text).toContain('Turn off two-factor sign-in?');
      await browser.post('/profile/two-factor/disable', { code: '12345' }).expect(400);
      await browser.post('/profile/two-factor/disable', { code: await nextCode(person) }).expect(303);
      expect(await t.db.query('SELECT 1 FROM two_factor WHERE user_id = $1', [person.id])).toEqual([]);
      expect((await auditOf(person.id)).map((e) => e.action)).toContain('two_factor.disabled');
      const { agent, csrf } = await anonymousAgent(t);
      expect((await agent.post('/login').type('form').send({ _csrf: csrf, email: person.email, password: person.password }).expect(303)).headers.location).toBe(
        '/',
      );
    });

    it("lets another admin of the person's city reset it after a confirmation, and the audit names both", async () => {
      const admin = await createUser(t.db, { municipalityId: cityId, roles: ['department_admin'] });
      const person = await createUser(t.db, { municipalityId: cityId, roles: ['teacher'], displayName: 'Phone Loser' });
      await enrolTwoFactor(t.db, person);
      const browser = await signIn(t, admin);
      const confirm = await browser.get(`/users/${person.id}/two-factor/reset`).expect(200);
      expect(confirm.text).toContain('Reset the two-factor sign-in of Phone Loser');
      await browser.post(`/users/${person.id}/two-factor/reset`).expect(303);
      expect(await t.db.query('SELECT 1 FROM two_factor WHERE user_id = $1', [person.id])).toEqual([]);
      const [event] = (await auditOf(person.id)).filter((e) => e.action === 'two_factor.reset');
      expect(event.actor_id).toBe(admin.id);
      const { agent, csrf } = await anonymousAgent(t);
      expect((await agent.post('/login').type('form').send({ _csrf: csrf, email: person.email, password: person.password }).expect(303)).headers.location).toBe(
        '/',
      );
    });

    it('never lets an admin reset their own, nor one of another city, nor a mentor anyone’s', async () => {
      const admin = await createUser(t.db, { municipalityId: cityId, roles: ['department_admin'] });
      await enrolTwoFactor(t.db, admin);
      const browser = await signIn(t, admin);
      await browser.get(`/users/${admin.id}/two-factor/reset`).expect(403);
      await browser.post(`/users/${admin.id}/two-factor/reset`).expect(403);
      const elsewhere = await createUser(t.db, { roles: ['teacher'] });
      await enrolTwoFactor(t.db, elsewhere);
      await browser.get(`/users/${elsewhere.id}/two-factor/reset`).expect(404);
      await browser.post(`/users/${elsewhere.id}/two-factor/reset`).expect(404);
      const mentor = await signIn(t, await createUser(t.db, { municipalityId: cityId, roles: ['mentor'] }));
      await mentor.post(`/users/${admin.id}/two-factor/reset`).expect(403);
      expect(await t.db.query('SELECT count(*)::int AS n FROM two_factor WHERE user_id = ANY($1)', [[admin.id, elsewhere.id]])).toEqual([{ n: 2 }]);
    });
  });

  it('keeps the demo logins of SPEC §8 signing in with their password alone', async () => {
    await seedDemoData(t.db);
    for (const email of [
      'network@demo.test',
      'dept.batyam@demo.test',
      'dept.hadera@demo.test',
      'mentor.batyam@demo.test',
      'teacher.batyam@demo.test',
      'teacher2.batyam@demo.test',
      'teacher.hadera@demo.test',
    ]) {
      const browser = await signIn(t, { email, password: DEMO_PASSWORD });
      const home = await browser.get('/');
      expect({ email, status: home.status }).toEqual({ email, status: 200 });
    }
  });
});
