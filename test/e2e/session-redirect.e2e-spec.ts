import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createUser, type TestUser } from '../support/factories.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * A redirect is sent only once the session it changed is saved: a browser follows a 303 as soon as
 * its headers arrive, so a flash message (or a sign-in) saved after them is missing from the next
 * page. Seen under load in the browser journeys; here the save is held up by a row lock, and the
 * 303 must wait for it.
 */
describe('a redirect after a change to the session', () => {
  let t: TestApp;
  let teacher: TestUser;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp();
    teacher = await createUser(t.db, { roles: ['teacher'], preferredLanguage: 'en' });
    if (!t.http.address()) await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    port = (t.http.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /** POSTs a form and resolves when the response's status and headers arrive (not its end). */
  function postHeaders(path: string, cookie: string, form: Record<string, string>): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const body = new URLSearchParams(form).toString();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          resolve(res);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('sends the 303 only after the flash message is in the store, and the next page shows it', async () => {
    const agent = await signIn(t, teacher);
    const page = await agent.get('/profile/reminders').expect(200);
    const cookie = String((page as unknown as { req: http.ClientRequest }).req.getHeader('cookie'));
    expect(cookie).toContain('ta.sid=');
    const [{ sid }] = await t.db.query<{ sid: string }>(`SELECT sid FROM http_session WHERE user_id = $1`, [teacher.id]);

    const locker = new pg.Client({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM http_session WHERE sid = $1 FOR UPDATE', [sid]);
      const response = postHeaders('/profile/reminders', cookie, { _csrf: agent.csrf, 'channels[module.opens]': 'in_app' });
      // While the session's row is locked its save waits, and so must the redirect.
      const early = await Promise.race([response.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 700))]);
      expect(early).toBe('waiting');
      await locker.query('COMMIT');
      const res = await response;
      expect(res.statusCode).toBe(303);
    } finally {
      await locker.end();
    }
    const next = await agent.get('/profile/reminders').expect(200);
    expect(next.text).toContain('Your reminder choices are saved.');
  });

  it('answers a redirect that changed nothing without writing the session', async () => {
    const agent = await signIn(t, teacher);
    await agent.get('/').expect(200);
    const [before] = await t.db.query<{ sess: unknown }>(
      `SELECT sess::text FROM http_session WHERE user_id = $1 ORDER BY last_seen_at DESC NULLS LAST LIMIT 1`,
      [teacher.id],
    );
    const redirected = await agent.get('/login');
    expect([302, 303]).toContain(redirected.status);
    const [after] = await t.db.query<{ sess: unknown }>(
      `SELECT sess::text FROM http_session WHERE user_id = $1 ORDER BY last_seen_at DESC NULLS LAST LIMIT 1`,
      [teacher.id],
    );
    expect(after).toEqual(before);
  });
});
