import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { plainText } from '../support/mail.js';
import { MailService } from '../../src/notifications/mail.service.js';
import { createUser, type TestUser } from '../support/factories.js';
import { anonymousAgent, csrfFrom, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const NEW_PASSWORD = 'harbour-violet-kettle-38';

describe('password reset by e-mail', () => {
  let t: TestApp;
  let mailDir: string;

  beforeAll(async () => {
    t = await createTestApp();
    mailDir = join(t.config.dataDir, 'mail');
  });
  afterAll(() => t.close());
  // Every request counts against the address; only the test about that limit lets them add up.
  beforeEach(() => t.db.query(`DELETE FROM rate_limit_counter WHERE key LIKE 'password-reset:address:%'`));

  const mailFiles = (): string[] => {
    try {
      return readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
    } catch {
      return [];
    }
  };

  /** Asks for a link as a signed-out browser; returns the new mail files (after background sending ended). */
  async function requestLink(email: string, expectStatus = 303): Promise<string[]> {
    const before = new Set(mailFiles());
    const { agent } = await anonymousAgent(t);
    const form = await agent.get('/password-reset').expect(200);
    const res = await agent
      .post('/password-reset')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), email })
      .expect(expectStatus);
    if (expectStatus === 303) expect(res.headers.location).toBe('/password-reset/sent');
    await t.app.get(MailService).settled();
    return mailFiles()
      .filter((f) => !before.has(f))
      .map((f) => readFileSync(join(mailDir, f), 'utf8'));
  }

  async function linkFor(user: TestUser): Promise<{ token: string; path: string; mail: string }> {
    const mails = await requestLink(user.email);
    expect(mails).toHaveLength(1);
    const text = plainText(mails[0]);
    const match = /https?:\/\/[^\s/]+(\/password-reset\/([A-Za-z0-9_-]{43}))\s/.exec(text);
    if (!match) throw new Error(`no reset link in the mail:\n${text}`);
    return { path: match[1], token: match[2], mail: mails[0] };
  }

  async function choosePassword(path: string, newPassword = NEW_PASSWORD, confirmPassword = newPassword) {
    const { agent } = await anonymousAgent(t);
    const page = await agent.get(path);
    const csrf = page.status === 200 ? csrfFrom(page.text) : csrfFrom((await agent.get('/password-reset')).text);
    return { agent, res: await agent.post(path).type('form').send({ _csrf: csrf, newPassword, confirmPassword }) };
  }

  async function signInStatus(email: string, password: string): Promise<number> {
    const { agent, csrf } = await anonymousAgent(t);
    return (await agent.post('/login').type('form').send({ _csrf: csrf, email, password })).status;
  }

  it('offers a form with an e-mail field and the hidden _csrf, linked from the sign-in page', async () => {
    const login = await request(t.http).get('/login').expect(200);
    expect(login.text).toContain('href="/password-reset"');
    const res = await request(t.http).get('/password-reset').expect(200);
    expect(res.text).toContain('<h1>Reset your password</h1>');
    expect(res.text).toMatch(/<input id="email" name="email" type="email"/);
    expect(res.text).toMatch(/<form method="post" action="\/password-reset" novalidate>\s*<input type="hidden" name="_csrf" value="[^"]+"/);
  });

  it('answers an unknown address exactly as a registered one, and sends nothing for it', async () => {
    const known = await createUser(t.db, { roles: ['teacher'] });
    const { agent } = await anonymousAgent(t);
    const csrf = csrfFrom((await agent.get('/password-reset')).text);
    const forKnown = await agent.post('/password-reset').type('form').send({ _csrf: csrf, email: known.email }).expect(303);
    const forUnknown = await agent.post('/password-reset').type('form').send({ _csrf: csrf, email: 'nobody-here@example.test' }).expect(303);
    expect(forUnknown.headers.location).toBe(forKnown.headers.location);
    const page = await agent.get(forUnknown.headers.location).expect(200);
    expect(page.text).toContain('If that address is registered, we sent a link to it.');
    await t.app.get(MailService).settled();
    expect(await requestLink('nobody-at-all@example.test')).toEqual([]);
  });

  it('does the same work for a registered and an unknown address before answering, and makes the link only after', async () => {
    const known = await createUser(t.db, { roles: ['teacher'] });
    /** The statements a request sends before its response is finished (names, or the text of unnamed ones). */
    async function statementsBeforeResponse(email: string): Promise<string[]> {
      const { agent } = await anonymousAgent(t);
      const csrf = csrfFrom((await agent.get('/password-reset')).text);
      const sent: string[] = [];
      let responded = false;
      // Registered before the app's own handlers run, so it hears of the finished response first.
      const onRequest = (_req: unknown, res: { once(event: 'finish', listener: () => void): void }) => res.once('finish', () => (responded = true));
      t.http.on('request', onRequest);
      const stop = t.db.observe((e) => {
        if (!responded) sent.push(e.name ?? e.text);
      });
      try {
        await agent.post('/password-reset').type('form').send({ _csrf: csrf, email }).expect(303);
      } finally {
        stop();
        t.http.off('request', onRequest);
      }
      await t.app.get(MailService).settled();
      return sent;
    }
    const forKnown = await statementsBeforeResponse(known.email);
    const forUnknown = await statementsBeforeResponse('nobody-registered@example.test');
    expect(forKnown).toEqual(forUnknown);
    expect(forKnown).not.toContain('passwordReset.findRecipientByEmail');
    expect(await t.db.query('SELECT 1 FROM password_reset_token WHERE user_id = $1', [known.id])).toHaveLength(1);
  });

  it('re-shows the form with 400 for an address that is not one, the value kept', async () => {
    const { agent } = await anonymousAgent(t);
    const csrf = csrfFrom((await agent.get('/password-reset')).text);
    const res = await agent.post('/password-reset').type('form').send({ _csrf: csrf, email: 'not an address' }).expect(400);
    expect(res.text).toMatch(/<input id="email"[^>]+value="not an address" aria-invalid="true" aria-describedby="email-error"/);
    expect(res.text).toContain('id="email-error"');
  });

  it('refuses a POST without _csrf with 403', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    const { agent } = await anonymousAgent(t);
    await agent.post('/password-reset').type('form').send({ email: person.email }).expect(403);
    const { token } = await linkFor(person);
    await agent.post(`/password-reset/${token}`).type('form').send({ newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(403);
  });

  it('mails a registered person a link, keeping only a SHA-256 of its token for one hour', async () => {
    const person = await createUser(t.db, { roles: ['teacher'], displayName: 'Rina Reset' });
    const { token, mail } = await linkFor(person);
    expect(mail).toMatch(new RegExp(`^To: ${person.email}$`, 'm'));
    expect(mail).toMatch(/^Subject: Choose a new password for Teacher Accelerator$/m);
    expect(plainText(mail)).toContain('Hello Rina Reset,');
    const rows = await t.db.query(
      `SELECT token_hash AS "hash", extract(epoch FROM expires_at - now()) AS "secondsLeft", used_at AS "usedAt" FROM password_reset_token WHERE user_id = $1`,
      [person.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].hash).not.toContain(token);
    expect(rows[0].hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(Number(rows[0].secondsLeft)).toBeGreaterThan(3500);
    expect(Number(rows[0].secondsLeft)).toBeLessThanOrEqual(3600);
    expect(rows[0].usedAt).toBeNull();
  });

  it('writes the mail in the person’s own language', async () => {
    const person = await createUser(t.db, { roles: ['teacher'], preferredLanguage: 'he', displayName: 'דנה' });
    const { mail } = await linkFor(person);
    expect(plainText(mail)).toContain('שלום דנה,');
  });

  it('sends nothing to a deactivated person', async () => {
    const gone = await createUser(t.db, { roles: ['teacher'], active: false });
    expect(await requestLink(gone.email)).toEqual([]);
    expect(await t.db.query('SELECT 1 FROM password_reset_token WHERE user_id = $1', [gone.id])).toEqual([]);
  });

  it('lets the person choose a new password with the link: the new one signs in, the old one no longer', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    const { path } = await linkFor(person);
    const { agent } = await anonymousAgent(t);
    const page = await agent.get(path).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<h1>Choose a new password</h1>');
    expect(page.text).toContain(person.email);
    const res = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
      .expect(303);
    expect(res.headers.location).toBe('/login');
    const login = await agent.get('/login').expect(200);
    expect(login.text).toContain('Your password is changed.');
    expect(await signInStatus(person.email, person.password)).toBe(401);
    expect(await signInStatus(person.email, NEW_PASSWORD)).toBe(303);
    const audit = await t.db.query(
      `SELECT action, actor_id AS "actorId", details::text AS details FROM audit_event WHERE subject_id = $1 AND action LIKE 'password.%' ORDER BY id`,
      [person.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['password.reset_requested', 'password.reset']);
    expect(audit[1].actorId).toBe(person.id);
    expect(audit.map((a: { details: string }) => a.details).join()).not.toContain(NEW_PASSWORD);
  });

  it('works only once: the used link is refused with a page that offers a new one', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    const { path } = await linkFor(person);
    expect((await choosePassword(path)).res.status).toBe(303);
    const again = await request(t.http).get(path).expect(410);
    expect(again.text).toContain('This link has expired or was already used.');
    expect(again.text).toContain('href="/password-reset"');
    const second = await choosePassword(path, 'another-good-password-99');
    expect(second.res.status).toBe(410);
    expect(await signInStatus(person.email, NEW_PASSWORD)).toBe(303);
  });

  it('lets only one of two simultaneous uses of a link succeed', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    const { path } = await linkFor(person);
    const browsers = await Promise.all([anonymousAgent(t), anonymousAgent(t)]);
    const forms = await Promise.all(browsers.map(({ agent }) => agent.get(path).expect(200)));
    const results = await Promise.all(
      browsers.map(({ agent }, i) =>
        agent
          .post(path)
          .type('form')
          .send({ _csrf: csrfFrom(forms[i].text), newPassword: `${NEW_PASSWORD}-${i}`, confirmPassword: `${NEW_PASSWORD}-${i}` }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 410]);
    const events = await t.db.query(`SELECT 1 FROM audit_event WHERE subject_id = $1 AND action = 'password.reset'`, [person.id]);
    expect(events).toHaveLength(1);
  });

  it('refuses an expired link', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    const { path } = await linkFor(person);
    await t.db.query(`UPDATE password_reset_token SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [person.id]);
    await request(t.http).get(path).expect(410);
    expect((await choosePassword(path)).res.status).toBe(410);
    expect(await signInStatus(person.email, person.password)).toBe(303);
  });

  it('replaces an earlier link when a newer one is sent', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    const first = await linkFor(person);
    const second = await linkFor(person);
    await request(t.http).get(first.path).expect(410);
    await request(t.http).get(second.path).expect(200);
  });

  it('answers made-up and malformed tokens with the same page, never an error', async () => {
    for (const token of ['A'.repeat(43), 'short', 'x'.repeat(500), '..%2F..%2Flogin']) {
      const res = await request(t.http).get(`/password-reset/${token}`).expect(410);
      expect(res.text).toContain('This link cannot be used');
    }
    // Broken percent-encoding is refused before routing, as anywhere else.
    await request(t.http).get('/password-reset/%E2%82').expect(400);
  });

  it('re-shows the form for a weak or mismatched password without using up the link or echoing it', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    const { path } = await linkFor(person);
    const short = await choosePassword(path, 'tiny');
    expect(short.res.status).toBe(400);
    expect(short.res.text).toContain('Use at least 12 characters.');
    expect(short.res.text).toMatch(/<input id="newPassword"[^>]+aria-describedby="newPassword-hint newPassword-error" aria-invalid="true"/);
    const common = await choosePassword(path, 'password1234');
    expect(common.res.text).toContain('This password is too common.');
    const mismatch = await choosePassword(path, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    expect(mismatch.res.status).toBe(400);
    expect(mismatch.res.text).toContain('id="confirmPassword-error"');
    expect(mismatch.res.text).not.toContain(NEW_PASSWORD);
    const [row] = await t.db.query('SELECT used_at AS "usedAt" FROM password_reset_token WHERE user_id = $1', [person.id]);
    expect(row.usedAt).toBeNull();
    expect((await choosePassword(path)).res.status).toBe(303);
  });

  it('signs the person out everywhere', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    const signedIn = await signIn(t, person);
    const { path } = await linkFor(person);
    expect((await choosePassword(path)).res.status).toBe(303);
    await signedIn.get('/profile').expect(303);
    expect(await t.db.query(`SELECT 1 FROM http_session WHERE sess->'passport'->>'user' = $1`, [person.id])).toEqual([]);
  });

  it('signs out whoever was signed in in the browser that used the link', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    const someoneElse = await createUser(t.db, { roles: ['teacher'] });
    const browser = await signIn(t, someoneElse);
    const { path } = await linkFor(person);
    const page = await browser.get(path).expect(200);
    await browser.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
      .expect(303);
    await browser.get('/profile').expect(303);
  });

  it('lifts the sign-in pause of the account', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    for (let i = 0; i < 5; i++) await signInStatus(person.email, `wrong-password-${i}`);
    expect(await signInStatus(person.email, person.password)).toBe(429);
    const { path } = await linkFor(person);
    expect((await choosePassword(path)).res.status).toBe(303);
    expect(await signInStatus(person.email, NEW_PASSWORD)).toBe(303);
  });

  it('lets a person whose sign-in is paused use a reset link, and the new password lifts the pause', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    for (let i = 0; i < 5; i++) await signInStatus(person.email, `wrong-password-${i}`);
    expect(await signInStatus(person.email, person.password)).toBe(429);
    const { path } = await linkFor(person);
    const { agent } = await anonymousAgent(t);
    const page = await agent.get(path).expect(200);
    expect(page.text).toContain('<h1>Choose a new password</h1>');
    await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
      .expect(303);
    expect(await signInStatus(person.email, NEW_PASSWORD)).toBe(303);
  });

  it('sends at most five links an hour to one address, answering registered and unknown ones alike', async () => {
    const person = await createUser(t.db, { roles: ['teacher'] });
    for (let i = 0; i < 5; i++) expect(await requestLink(person.email)).toHaveLength(1);
    for (const email of [person.email, person.email.toUpperCase()]) {
      const { agent } = await anonymousAgent(t);
      const csrf = csrfFrom((await agent.get('/password-reset')).text);
      const res = await agent.post('/password-reset').type('form').send({ _csrf: csrf, email }).expect(429);
      expect(res.text).toContain('Too many requests for this address.');
      expect(res.headers['retry-after']).toBe('3600');
    }
    await t.app.get(MailService).settled();
    for (let i = 0; i < 5; i++) await requestLink('unknown-person@example.test');
    const { agent } = await anonymousAgent(t);
    const csrf = csrfFrom((await agent.get('/password-reset')).text);
    await agent.post('/password-reset').type('form').send({ _csrf: csrf, email: 'unknown-person@example.test' }).expect(429);
  });

  it('stops one address from asking for links for many accounts', async () => {
    const { agent } = await anonymousAgent(t);
    const csrf = csrfFrom((await agent.get('/password-reset')).text);
    for (let i = 0; i < 50; i++) {
      await agent
        .post('/password-reset')
        .type('form')
        .send({ _csrf: csrf, email: `someone-${i}@example.test` })
        .expect(303);
    }
    await agent.post('/password-reset').type('form').send({ _csrf: csrf, email: 'someone-else@example.test' }).expect(429);
  });
});
