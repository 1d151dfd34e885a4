import { Controller, Get } from '@nestjs/common';
import request from 'supertest';
import { RequirePermission } from '../../src/auth/guards.js';
import { UuidParam } from '../../src/common/params.js';
import { createUser, type TestUser } from '../support/factories.js';
import { createProbeApp } from '../support/probe-app.js';
import { anonymousAgent, signIn, type SignedInAgent } from '../support/sign-in.js';
import type { TestApp } from '../support/test-app.js';

@Controller('probe')
class ProbeController {
  @Get('records/:id')
  record(@UuidParam('id') id: string) {
    return { id };
  }

  @Get('network-only')
  @RequirePermission('network.manage')
  networkOnly() {
    return { ok: true };
  }
}

/** What must never reach a reader: stack frames, exception class names, driver messages, file paths. */
function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\n\s+at \S/);
  expect(text).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  expect(text).not.toMatch(/\w*Error:/);
  expect(text).not.toMatch(/QueryFailedError|HttpException|NotFoundException|PayloadTooLarge|EBADCSRFTOKEN/);
  expect(text).not.toMatch(/node_modules|\/work\/|\/src\/|\.ts:\d+|\.js:\d+/);
  expect(text).not.toMatch(/relation "|does not exist|SELECT |INSERT INTO/i);
}

/** An error page: the layout (skip link, header, footer), its title as the h1, HTML, nothing internal. */
function expectErrorPage(res: request.Response, status: number, title: string, message: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(res.text).toMatch(/^<!doctype html>/);
  expect(res.text).toMatch(/<html lang="(en|he|ar)" dir="(ltr|rtl)">/);
  expect(res.text).toContain('class="skip-link"');
  expect(res.text).toContain('<footer class="site-footer">');
  expect(res.text).toContain(`<h1>${title}</h1>`);
  expect(res.text).toContain(`<title>${title} · `);
  expect(res.text).toContain(message);
  expectNoInternals(res.text);
}

describe('error pages', () => {
  let t: TestApp;
  let teacher: TestUser;
  let signedIn: SignedInAgent;

  beforeAll(async () => {
    t = await createProbeApp([ProbeController]);
    // The factory's city speaks Hebrew; this person chose English, so pages are in English.
    teacher = await createUser(t.db, { roles: ['teacher'], preferredLanguage: 'en' });
    signedIn = await signIn(t, teacher);
  });
  afterAll(() => t.close());

  it('shows a 400 page for a request with a NUL character', async () => {
    const res = await request(t.http).get('/login?returnTo=%00');
    expectErrorPage(res, 400, 'Something in the request is not right', 'The request contained characters that are not allowed.');
  });

  it('shows the 400 page in Hebrew, right to left, for a Hebrew reader', async () => {
    const res = await request(t.http).get('/login?returnTo=%00').set('Accept-Language', 'he');
    expectErrorPage(res, 400, 'משהו בבקשה אינו תקין', 'הבקשה הכילה תווים שאינם מותרים.');
    expect(res.text).toContain('<html lang="he" dir="rtl">');
  });

  it('shows a 403 page for a form posted without its CSRF token', async () => {
    const res = await signedIn.agent.post('/logout').type('form').send({});
    expectErrorPage(res, 403, 'Not allowed', 'This form has expired or was not sent from this site.');
    // The page's own language switch carries a valid token, so the reader can go on from here.
    expect(res.text).toMatch(/action="\/language"[^>]*>\s*<input type="hidden" name="_csrf" value="[^"]+"/);
  });

  it('shows a 403 page for a page the person has no permission for', async () => {
    const res = await signedIn.get('/probe/network-only');
    expectErrorPage(res, 403, 'Not allowed', 'You do not have permission to do this.');
  });

  it('shows a 404 page for an unknown address when signed in', async () => {
    const res = await signedIn.get('/no-such-page/at-all');
    expectErrorPage(res, 404, 'Page not found', 'We could not find this page.');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('shows a 404 page for a malformed record id, and lets a well-formed one through', async () => {
    for (const id of ['not-a-uuid', '123', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g', `${'a'.repeat(36)}`]) {
      const res = await signedIn.get(`/probe/records/${encodeURIComponent(id)}`);
      expectErrorPage(res, 404, 'Page not found', 'We could not find this page.');
    }
    const ok = await signedIn.get('/probe/records/3F2504E0-4F89-11D3-9A0C-0305E82C3301').expect(200);
    expect(ok.body).toEqual({ id: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' });
  });

  it('shows a 413 page for a form body over 200 kB', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, email: 'x@example.test', password: 'p'.repeat(210 * 1024) });
    expectErrorPage(res, 413, 'Too large', 'What you sent is too large.');
  });

  it('shows the 413 page in the language of the Accept-Language header, though it is refused before the session is read', async () => {
    const res = await request(t.http)
      .post('/login')
      .type('form')
      .set('Accept-Language', 'he-IL,he;q=0.9')
      .send({ password: 'p'.repeat(210 * 1024) });
    expectErrorPage(res, 413, 'גדול מדי', 'מה ששלחתם גדול מדי.');
    expect(res.text).toContain('<html lang="he" dir="rtl">');
  });

  it('answers 429 with a Retry-After header and the sign-in page explaining the pause', async () => {
    const victim = await createUser(t.db, { roles: ['teacher'] });
    const { agent, csrf } = await anonymousAgent(t);
    for (let i = 0; i < 5; i++)
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrf, email: victim.email, password: `wrong-password-${i}` })
        .expect(401);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, email: victim.email, password: victim.password });
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    // Fifteen minutes from the fifth failure, counting down (a slow machine may have spent a second since).
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(890);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(res.text).toContain('Too many failed attempts');
    expect(res.text).toContain('<h1>Sign in</h1>');
    expectNoInternals(res.text);
  });

  it('shows a 500 page with the request id when a table a sign-in needs is missing, and recovers once it is back', async () => {
    await t.db.query('ALTER TABLE audit_event RENAME TO audit_event_moved_away');
    try {
      const { agent, csrf } = await anonymousAgent(t);
      const res = await agent.post('/login').type('form').send({ _csrf: csrf, email: teacher.email, password: teacher.password });
      expectErrorPage(res, 500, 'Something went wrong', 'Something went wrong on our side.');
      const requestId = res.headers['x-request-id'];
      expect(requestId).toMatch(/^[\w-]{8,}$/);
      expect(res.text).toContain(`<code>${requestId}</code>`);
    } finally {
      await t.db.query('ALTER TABLE audit_event_moved_away RENAME TO audit_event');
    }
    await signIn(t, teacher);
  });

  it('shows a 500 page on a signed-in page when the people table cannot be read', async () => {
    await t.db.query('ALTER TABLE app_user RENAME TO app_user_moved_away');
    try {
      const res = await signedIn.get('/').set('Accept-Language', 'he');
      expectErrorPage(res, 500, 'משהו השתבש', 'משהו השתבש אצלנו.');
      expect(res.text).toContain(`<code>${res.headers['x-request-id']}</code>`);
    } finally {
      await t.db.query('ALTER TABLE app_user_moved_away RENAME TO app_user');
    }
    await signedIn.get('/').expect(200);
  });

  it('answers JSON clients with JSON errors', async () => {
    const notFound = await signedIn.get('/no-such-page').set('Accept', 'application/json').expect(404);
    expect(notFound.headers['content-type']).toMatch(/^application\/json/);
    expect(notFound.body).toEqual({
      statusCode: 404,
      message: expect.stringContaining('We could not find this page'),
      requestId: notFound.headers['x-request-id'],
    });

    const forbidden = await signedIn.get('/probe/network-only').set('Accept', 'application/json').expect(403);
    expect(forbidden.body.statusCode).toBe(403);

    const tooLarge = await request(t.http)
      .post('/login')
      .set('Accept', 'application/json')
      .type('json')
      .send({ password: 'p'.repeat(210 * 1024) })
      .expect(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413 });

    await t.db.query('ALTER TABLE app_user RENAME TO app_user_moved_away');
    try {
      const broken = await signedIn.get('/').set('Accept', 'application/json').expect(500);
      expect(broken.body).toEqual({ statusCode: 500, message: expect.any(String), requestId: broken.headers['x-request-id'] });
      expectNoInternals(JSON.stringify(broken.body));
    } finally {
      await t.db.query('ALTER TABLE app_user_moved_away RENAME TO app_user');
    }
  });
});
