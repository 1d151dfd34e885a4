import { jest } from '@jest/globals';
import request from 'supertest';
import { argon2id } from '../../src/auth/passwords.js';
import { formatDateTime } from '../../src/common/views/view-engine.js';
import { createMunicipality, createUser, type TestUser } from '../support/factories.js';
import { anonymousAgent, csrfFrom, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('signing in and out', () => {
  let t: TestApp;
  let teacher: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const city = await createMunicipality(t.db);
    teacher = await createUser(t.db, { municipalityId: city.id, roles: ['teacher'], displayName: 'Tali Teacher' });
  });
  afterAll(() => t.close());

  it('shows a login form with email, password and a hidden _csrf field', async () => {
    const res = await request(t.http).get('/login').expect(200);
    expect(res.text).toMatch(/<input[^>]+name="email"/);
    expect(res.text).toMatch(/<input[^>]+name="password"/);
    expect(res.text).toMatch(/<input type="hidden" name="_csrf" value="[^"]+"/);
  });

  it('redirects a page request without a session to /login', async () => {
    const res = await request(t.http).get('/').expect(303);
    expect(res.headers.location).toBe('/login');
    const deep = await request(t.http).get('/profile').expect(303);
    expect(deep.headers.location).toBe('/login?returnTo=%2Fprofile');
  });

  it('signs in with the right password, shows the person, and sets a safe cookie', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, email: teacher.email.toUpperCase(), password: teacher.password }).expect(303);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/ta\.sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Tali Teacher');
    expect(home.headers['cache-control']).toBe('no-store');
  });

  it('gives a new session id at sign-in', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const before = (await agent.get('/login')).headers['set-cookie'];
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, email: teacher.email, password: teacher.password }).expect(303);
    const after = String(res.headers['set-cookie']);
    expect(after).toMatch(/ta\.sid=/);
    expect(after).not.toEqual(String(before));
  });

  it('answers a wrong password with 401 and the form again, e-mail kept', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, email: teacher.email, password: 'not-the-password-at-all' }).expect(401);
    expect(res.text).toContain('The e-mail or password is not right');
    expect(res.text).toContain(`value="${teacher.email}"`);
    expect(res.text).not.toContain('not-the-password-at-all');
  });

  it('refuses a deactivated person', async () => {
    const gone = await createUser(t.db, { active: false, roles: ['teacher'] });
    const { agent, csrf } = await anonymousAgent(t);
    await agent.post('/login').type('form').send({ _csrf: csrf, email: gone.email, password: gone.password }).expect(401);
  });

  it('refuses a POST without _csrf with 403', async () => {
    const { agent } = await anonymousAgent(t);
    const res = await agent.post('/login').type('form').send({ email: teacher.email, password: teacher.password }).expect(403);
    expect(res.text).toContain('This form has expired');
    const signedIn = await signIn(t, teacher);
    await signedIn.agent.post('/logout').type('form').send({}).expect(403);
    await signedIn.agent.post('/logout').type('form').send({ _csrf: 'forged' }).expect(403);
  });

  it('signs out with POST /logout and the old cookie no longer works', async () => {
    const signedIn = await signIn(t, teacher);
    const res = await signedIn.post('/logout').expect(303);
    expect(res.headers.location).toBe('/login');
    await signedIn.agent.get('/').expect(303);
  });

  it('follows returnTo only to a local path', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, email: teacher.email, password: teacher.password, returnTo: '//evil.example/x' })
      .expect(303);
    expect(res.headers.location).toBe('/');
    const again = await anonymousAgent(t);
    const local = await again.agent
      .post('/login')
      .type('form')
      .send({ _csrf: again.csrf, email: teacher.email, password: teacher.password, returnTo: '/profile?tab=1' })
      .expect(303);
    expect(local.headers.location).toBe('/profile?tab=1');
  });

  describe('return addresses whose dot segments resolve to another host', () => {
    const variants = ['/..//evil.example/x', '/.//evil.example/x', '/%2e%2e//evil.example/x', '/.%2e//evil.example/x'];

    it.each(variants)('GET /login?returnTo=%s never sends a signed-in person off the site', async (returnTo) => {
      const signedIn = await signIn(t, teacher);
      const res = await signedIn.get(`/login?returnTo=${encodeURIComponent(returnTo)}`).expect(303);
      expect(res.headers.location).toBe('/');
    });

    it.each(variants)('GET /login?returnTo=%s carries nothing off-site through the sign-in form', async (returnTo) => {
      const agent = request.agent(t.http);
      const form = await agent.get(`/login?returnTo=${encodeURIComponent(returnTo)}`).expect(200);
      expect(form.text).toContain('<input type="hidden" name="returnTo" value="">');
      const res = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(form.text), email: teacher.email, password: teacher.password, returnTo })
        .expect(303);
      expect(res.headers.location).toBe('/');
    });

    it.each(variants)('POST /language with returnTo=%s stays on the site', async (returnTo) => {
      const { agent, csrf } = await anonymousAgent(t);
      const res = await agent.post('/language').type('form').send({ _csrf: csrf, lang: 'he', returnTo }).expect(303);
      expect(res.headers.location).toBe('/');
    });
  });

  it('does exactly one password-hash verification on every sign-in path, whatever the account', async () => {
    const withoutPassword = await createUser(t.db, { roles: ['teacher'] });
    await t.db.query('UPDATE app_user SET password_hash = NULL WHERE id = $1', [withoutPassword.id]);
    const inactive = await createUser(t.db, { roles: ['teacher'], active: false });
    const person = await createUser(t.db, { roles: ['teacher'] });
    const paths = [
      { name: 'unknown e-mail', email: 'nobody-at-all@example.test', password: 'some-password-123', status: 401 },
      { name: 'account without a password', email: withoutPassword.email, password: 'some-password-123', status: 401 },
      { name: 'inactive account', email: inactive.email, password: inactive.password, status: 401 },
      { name: 'wrong password', email: person.email, password: 'not-the-password-123', status: 401 },
      { name: 'right password', email: person.email, password: person.password, status: 303 },
    ];
    const verify = jest.spyOn(argon2id, 'verify');
    try {
      for (const path of paths) {
        const { agent, csrf } = await anonymousAgent(t);
        verify.mockClear();
        await agent.post('/login').type('form').send({ _csrf: csrf, email: path.email, password: path.password }).expect(path.status);
        expect({ path: path.name, verifications: verify.mock.calls.length }).toEqual({ path: path.name, verifications: 1 });
      }
    } finally {
      verify.mockRestore();
    }
  });

  it('audits sign-ins and failures without the password', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    const { agent, csrf } = await anonymousAgent(t);
    await agent.post('/login').type('form').send({ _csrf: csrf, email: person.email, password: 'wrong-password-123' }).expect(401);
    await signIn(t, person);
    const events = await t.db.query(`SELECT action, details::text AS details FROM audit_event WHERE actor_id = $1 ORDER BY id`, [person.id]);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['sign_in.failed', 'sign_in.succeeded']);
    expect(events.map((e: { details: string }) => e.details).join()).not.toContain('wrong-password-123');
  });

  it('a read-only request writes nothing to the session store', async () => {
    const signedIn = await signIn(t, teacher);
    await signedIn.get('/').expect(200);
    const before = await t.db.query('SELECT sid, sess::text AS sess, expire FROM http_session ORDER BY sid');
    await signedIn.get('/').expect(200);
    await signedIn.get('/').expect(200);
    const after = await t.db.query('SELECT sid, sess::text AS sess, expire FROM http_session ORDER BY sid');
    expect(after).toEqual(before);
  });
});

describe('sign-in throttling', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('answers 429 after repeated wrong passwords for one account, while others from the same address still sign in', async () => {
    const victim = await createUser(t.db, { roles: ['teacher'] });
    const colleague = await createUser(t.db, { roles: ['teacher'] });
    const { agent, csrf } = await anonymousAgent(t);
    for (let i = 0; i < 5; i++) {
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrf, email: victim.email, password: `wrong-password-${i}` })
        .expect(401);
    }
    const blocked = await agent.post('/login').type('form').send({ _csrf: csrf, email: victim.email, password: victim.password }).expect(429);
    expect(blocked.text).toContain('Too many failed attempts');
    expect(blocked.headers['retry-after']).toBeDefined();
    await signIn(t, colleague);
  });

  it('pauses every spelling of a paused account: İ, capitals, full-width letters, decomposed forms and a trailing dot', async () => {
    const victim = await createUser(t.db, { roles: ['teacher'], email: `dina.levi-${Date.now()}@school.test` });
    const { agent, csrf } = await anonymousAgent(t);
    for (let i = 0; i < 5; i++) {
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrf, email: victim.email, password: `wrong-password-${i}` })
        .expect(401);
    }
    const [local, domain] = victim.email.split('@');
    const fullWidth = [...local].map((c) => (/[a-z]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
    const variants = [
      victim.email,
      victim.email.replace('i', '\u0130'),
      victim.email.toUpperCase(),
      `${fullWidth}@${domain}`,
      victim.email.replace('i', 'I\u0307').normalize('NFD'),
      `${victim.email}.`,
      `  ${victim.email}  `,
    ];
    for (const email of variants) {
      const res = await agent.post('/login').type('form').send({ _csrf: csrf, email, password: victim.password });
      expect({ email, status: res.status }).toEqual({ email, status: 429 });
    }
  });

  it('keeps the counters in PostgreSQL, so another app instance sees them', async () => {
    const victim = await createUser(t.db, { roles: ['teacher'] });
    const { agent, csrf } = await anonymousAgent(t);
    for (let i = 0; i < 5; i++)
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrf, email: victim.email, password: `wrong-${i}-password` });
    const rows = await t.db.query(`SELECT hits FROM rate_limit_counter WHERE key = $1 AND blocked_until > now()`, [`sign-in:account:${victim.email}`]);
    expect(rows).toHaveLength(1);
  });
});

describe('pauses that do not lock out the innocent', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  async function attempt(email: string, password: string, language = 'en') {
    const { agent, csrf } = await anonymousAgent(t);
    return agent.post('/login').set('Accept-Language', language).type('form').send({ _csrf: csrf, email, password });
  }

  it("says when to try again, in the reader's language and the time zone of the account's city", async () => {
    const city = await createMunicipality(t.db);
    await t.db.query(`UPDATE municipality SET time_zone = 'America/New_York' WHERE id = $1`, [city.id]);
    const person = await createUser(t.db, { municipalityId: city.id, roles: ['teacher'] });
    for (let i = 0; i < 5; i++) expect((await attempt(person.email, `wrong-password-${i}`, 'he')).status).toBe(401);
    const res = await attempt(person.email, person.password, 'he');
    expect(res.status).toBe(429);
    const [{ until }] = await t.db.query('SELECT blocked_until AS until FROM rate_limit_counter WHERE key = $1', [`sign-in:account:${person.email}`]);
    const time = formatDateTime(until, 'he', 'America/New_York', 'time');
    expect(time).not.toBe(formatDateTime(until, 'he', 'Asia/Jerusalem', 'time'));
    expect(res.text).toContain(`עד ${time}`);
    expect(res.text).toContain('יותר מדי ניסיונות כושלים');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('counts one forgetful person behind a shared address once, and pauses the address only for many different accounts', async () => {
    const forgetful = await createUser(t.db, { roles: ['teacher'] });
    const colleague = await createUser(t.db, { roles: ['teacher'] });
    await t.db.query(`DELETE FROM rate_limit_counter WHERE key LIKE 'sign-in:address:%'`);
    for (let i = 0; i < 12; i++) await attempt(forgetful.email, `wrong-password-${i}`);
    const [address] = await t.db.query(`SELECT key, hits FROM rate_limit_counter WHERE key LIKE 'sign-in:address:%'`);
    expect(address.hits).toBe(1);
    expect((await attempt(colleague.email, colleague.password)).status).toBe(303);

    // As if 97 more different accounts had failed from the school's address in this window.
    await t.db.query('UPDATE rate_limit_counter SET hits = 98 WHERE key = $1', [address.key]);
    expect((await attempt('first-stranger@example.test', 'some-password-123')).status).toBe(401);
    expect((await attempt('first-stranger@example.test', 'other-password-123')).status).toBe(401);
    expect((await attempt(colleague.email, colleague.password)).status).toBe(303);
    expect((await attempt('second-stranger@example.test', 'some-password-123')).status).toBe(401);
    const paused = await attempt(colleague.email, colleague.password);
    expect(paused.status).toBe(429);
    expect(paused.text).toContain('Too many failed sign-ins from this network');
  });
});

describe('sessions across restarts', () => {
  it('keeps a person signed in when the app restarts', async () => {
    const first = await createTestApp();
    const person = await createUser(first.db, { roles: ['teacher'], displayName: 'Restart Person' });
    const signedIn = await signIn(first, person);
    const cookie = (await signedIn.agent.get('/')).request.cookies;
    // A second app on the same database stands in for the restarted process.
    const { createApp } = await import('../../src/bootstrap.js');
    const { pino } = await import('pino');
    const second = await createApp(first.config, first.databaseUrl, pino({ level: 'silent' }));
    try {
      const res = await request(second.getHttpServer()).get('/').set('Cookie', cookie).expect(200);
      expect(res.text).toContain('Restart Person');
      expect(csrfFrom(res.text)).toBe(signedIn.csrf);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
