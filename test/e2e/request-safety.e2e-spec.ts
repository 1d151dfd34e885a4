import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Controller, Get, Query } from '@nestjs/common';
import request from 'supertest';
import { pageRequest } from '../../src/common/pagination.js';
import { UuidParam } from '../../src/common/params.js';
import { PROJECT_ROOT } from '../../src/common/project-root.js';
import type { Role } from '../../src/auth/roles.js';
import { createMunicipality, createSchool, createUser, type TestUser } from '../support/factories.js';
import { createProbeApp } from '../support/probe-app.js';
import { anonymousAgent, signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Routes shaped like the features' (a UUID id, a paged list), to throw hostile input at the shared code. */
@Controller('probe')
class ProbeController {
  @Get('records/:id')
  record(@UuidParam('id') id: string) {
    return { id };
  }

  @Get('list')
  list(@Query('page') page?: string) {
    return pageRequest(page);
  }
}

function expectNotServerError(res: request.Response): void {
  expect(res.status).toBeGreaterThanOrEqual(200);
  expect(res.status).toBeLessThan(500);
  expect(res.text ?? '').not.toMatch(/\n\s+at \S|\w*Error:|node_modules/);
}

describe('hostile input never causes a 500', () => {
  let t: TestApp;
  let person: TestUser;
  let signedIn: SignedInAgent;

  beforeAll(async () => {
    t = await createProbeApp([ProbeController]);
    person = await createUser(t.db, { roles: ['teacher'], preferredLanguage: 'en' });
    signedIn = await signIn(t, person);
  });
  afterAll(() => t.close());

  async function postLogin(body: string, contentType = 'application/x-www-form-urlencoded'): Promise<request.Response> {
    const { agent, csrf } = await anonymousAgent(t);
    return agent.post('/login').set('Content-Type', contentType).set('X-CSRF-Token', csrf).send(body);
  }

  it('refuses NUL characters in form fields, field names and the query with a 400 page', async () => {
    for (const body of ['email=a%00b%40example.test&password=x', 'email=a%40example.test&password=x%00', 'email%00=a&password=x']) {
      const res = await postLogin(body);
      expect(res.status).toBe(400);
      expect(res.text).toContain('The request contained characters that are not allowed.');
    }
    await signedIn.get('/?q=%00').expect(400);
    await signedIn.get('/probe/list?page=1%00').expect(400);
  });

  it('answers a path with broken percent-encoding with 400 or 404', async () => {
    for (const path of ['/%E0%A4%A', '/probe/records/%E0%A4%A', '/%', '/probe/records/%ZZ', '/public/%C0%AF..%C0%AFetc']) {
      const res = await signedIn.get(path);
      expect([400, 404]).toContain(res.status);
      expectNotServerError(res);
    }
    const signedOut = await request(t.http).get('/%E0%A4%A');
    expectNotServerError(signedOut);
  });

  it('handles invalid UTF-8 in a form body as ordinary wrong input', async () => {
    // Percent-encoded bytes that are not UTF-8: qs keeps them as typed.
    const encoded = await postLogin(`email=${'%FF%FE%80'}%40example.test&password=whatever-password`);
    expect(encoded.status).toBe(401);
    // Raw bytes that are not UTF-8: decoded with replacement characters.
    const { agent, csrf } = await anonymousAgent(t);
    const raw = await agent
      .post('/login')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('X-CSRF-Token', csrf)
      .serialize((body: unknown) => body as string)
      .send(Buffer.concat([Buffer.from('email='), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('%40example.test&password=whatever-password')]));
    expect(raw.status).toBe(401);
    // A charset the body parser does not know.
    const charset = await postLogin('email=a&password=b', 'application/x-www-form-urlencoded; charset=utf-9');
    expect(charset.status).toBe(415);
    expectNotServerError(charset);
  });

  it('refuses a 10,000-character e-mail with 400, not 500', async () => {
    const res = await postLogin(`email=${'a'.repeat(10000)}%40example.test&password=whatever-password`);
    expect([400, 401]).toContain(res.status);
    expectNotServerError(res);
  });

  it('refuses deeply nested form keys', async () => {
    const nested = (depth: number, root: string) => `${root}${Array.from({ length: depth }, (_, i) => `[k${i}]`).join('')}=x`;
    for (const body of [
      `${nested(10, 'a')}&email=a%40example.test&password=x`,
      `${nested(40, 'a')}&email=a%40example.test&password=x`,
      `${nested(12, 'email')}&password=x`,
    ]) {
      const res = await postLogin(body);
      expect(res.status).toBe(400);
      expectNotServerError(res);
    }
  });

  it('refuses a repeated field that turns a text field into a list', async () => {
    const res = await postLogin('email=a%40example.test&email=b%40example.test&password=x');
    expect(res.status).toBe(400);
    expect(res.text).toContain('email: This value is not valid.');
    const password = await postLogin('email=a%40example.test&password=x&password=y');
    expect(password.status).toBe(400);
  });

  it('refuses field names that shadow Object.prototype and never pollutes it', async () => {
    const nestedName = await postLogin('email[toString]=x&password=y');
    expect(nestedName.text).toContain('The form contained a field it should not have.');
    for (const body of [
      'email[toString]=x&password=y',
      'email[valueOf]=1&password=y',
      'toString=x&email=a&password=y',
      'hasOwnProperty=1&email=a&password=y',
      'constructor[prototype][polluted]=yes&email=a&password=y',
    ]) {
      const res = await postLogin(body);
      expect(res.status).toBe(400);
      expectNotServerError(res);
    }
    // The form parser drops __proto__ itself: what is left is an ordinary wrong sign-in.
    expect((await postLogin('__proto__[polluted]=yes&email=a&password=y')).status).toBe(401);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const json = await postLogin('{"__proto__":{"polluted":"yes"},"email":"a@example.test","password":"whatever-password"}', 'application/json');
    expect(json.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses malformed JSON and a body of the wrong type', async () => {
    const broken = await postLogin('{"email": "a@example.test", ', 'application/json');
    expect(broken.status).toBe(400);
    const notAnObject = await postLogin('"just a string"', 'application/json');
    expect(notAnObject.status).toBe(400);
    const list = await postLogin('[1,2,3]', 'application/json');
    expect(list.status).toBe(400);
    const text = await postLogin('email=a&password=b', 'text/plain');
    expect(text.status).toBe(400);
  });

  it('refuses too many form fields', async () => {
    const body = Array.from({ length: 2500 }, (_, i) => `f${i}=x`).join('&');
    const res = await postLogin(body);
    expect(res.status).toBe(413);
    expectNotServerError(res);
  });

  it('answers page numbers that are not sane whole numbers with 400', async () => {
    await signedIn.get('/probe/list?page=3').expect(200, { page: 3, size: 50, offset: 100 });
    for (const page of ['99999999999999999999', '1e3', '-1', '0', '1.5', 'abc', '0x10', '%20', 'Infinity']) {
      const res = await signedIn.get(`/probe/list?page=${page}`);
      expect(res.status).toBe(400);
    }
    await signedIn.get('/probe/list?page=1&page=2').expect(400);
    await signedIn.get('/probe/list?toString=1').expect(400);
  });

  it('answers malformed UUIDs in a path with 404', async () => {
    for (const id of [
      'x',
      '0',
      '3f2504e0-4f89-11d3-9a0c-0305e82c330',
      '3f2504e0-4f89-11d3-9a0c-0305e82c33011',
      '3f2504e04f8911d39a0c0305e82c3301',
      `${'9'.repeat(5000)}`,
    ]) {
      await signedIn.get(`/probe/records/${id}`).expect(404);
    }
  });

  it('survives hostile headers and cookies', async () => {
    const res = await request(t.http)
      .get('/login')
      .set('Accept-Language', ';q=abc,,,*;q=-1,he;q=NaN,' + 'x'.repeat(3000))
      .set('Cookie', 'ta.sid=%E0%A4%A; other=%')
      .set('X-Request-Id', '<script>alert(1)</script>');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const forged = await request(t.http).get('/').set('Cookie', 'ta.sid=s%3Aforged.signature');
    expect(forged.status).toBe(303);
  });

  it('answers other HTTP methods without a 500', async () => {
    for (const method of ['put', 'patch', 'delete', 'options'] as const) {
      for (const path of ['/', '/login', '/probe/records/not-a-uuid']) {
        const res = await signedIn.agent[method](path);
        expectNotServerError(res);
      }
    }
    const head = await signedIn.agent.head('/');
    expect(head.status).toBe(200);
  });

  it('never serves a file from outside public/', async () => {
    for (const path of [
      '/public/../package.json',
      '/public/%2e%2e/package.json',
      '/public/%2e%2e%2fpackage.json',
      '/public/..%5cpackage.json',
      '/public/css/../../.data/session-secret',
    ]) {
      const res = await signedIn.get(path);
      expectNotServerError(res);
      expect(res.text ?? '').not.toContain('"name": "teacher-accelerator"');
      expect(res.text ?? '').not.toContain('"dependencies"');
    }
  });

  it('refuses an over-long URL without a 500', async () => {
    const res = await signedIn.get(`/probe/list?q=${'x'.repeat(20000)}`).ok(() => true);
    expect([400, 414, 431]).toContain(res.status);
  });
});

describe('security headers and cookies', () => {
  let t: TestApp;
  let person: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    person = await createUser(t.db, { roles: ['teacher'], preferredLanguage: 'en' });
  });
  afterAll(() => t.close());

  function expectSecurityHeaders(res: request.Response): void {
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(Boolean(res.headers['x-frame-options']) || csp.includes("frame-ancestors 'none'")).toBe(true);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  }

  it('sends them on pages, error pages, /health and static files', async () => {
    const signedIn = await signIn(t, person);
    const responses = [
      await request(t.http).get('/login'),
      await signedIn.get('/'),
      await signedIn.get('/no-such-page'),
      await request(t.http).get('/login?x=%00'),
      await request(t.http).get('/health'),
      await request(t.http).get('/public/css/app.css'),
      await request(t.http).get('/public/no-such-file.css'),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 400, 200, 200, 404]);
    for (const res of responses) expectSecurityHeaders(res);
  });

  it('marks signed-in pages, including their error pages, as not to be stored', async () => {
    const signedIn = await signIn(t, person);
    expect((await signedIn.get('/')).headers['cache-control']).toBe('no-store');
    expect((await signedIn.get('/no-such-page')).headers['cache-control']).toBe('no-store');
    expect((await signedIn.agent.post('/logout').type('form').send({ _csrf: 'forged' })).headers['cache-control']).toBe('no-store');
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, not Secure over plain http', async () => {
    const res = await request(t.http).get('/login').expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/ta\.sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('keeps views free of inline scripts, inline styles, event handlers and unescaped output', () => {
    const viewsDir = join(PROJECT_ROOT, 'views');
    const files = readdirSync(viewsDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hbs'));
    expect(files.length).toBeGreaterThan(3);
    const problems: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(viewsDir, file), 'utf8');
      const where = relative(PROJECT_ROOT, join(viewsDir, file));
      for (const tag of text.match(/<script\b[^>]*>/gi) ?? []) if (!/\bsrc=/.test(tag)) problems.push(`${where}: inline script ${tag}`);
      if (/\sstyle\s*=/i.test(text)) problems.push(`${where}: style attribute`);
      if (/<style\b/i.test(text)) problems.push(`${where}: <style> element`);
      for (const handler of text.match(/\son[a-z]+\s*=/gi) ?? []) problems.push(`${where}: event handler${handler}`);
      if (/javascript:/i.test(text)) problems.push(`${where}: javascript: URL`);
      // The one unescaped output besides the layout's body: sanitised Markdown, by convention a
      // view-model field named ...Html that only src/common/markdown.ts produces.
      for (const stash of text.match(/\{\{\{[^}]*\}\}\}/g) ?? []) {
        const allowed = stash === '{{{body}}}' ? file === join('layouts', 'main.hbs') : /^\{\{\{\s*[\w.]*Html\s*\}\}\}$/.test(stash);
        if (!allowed) problems.push(`${where}: unescaped output ${stash}`);
      }
      if (/\{\{&/.test(text)) problems.push(`${where}: unescaped output {{& ...}}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('session cookie behind https', () => {
  it('is Secure when the public address is https', async () => {
    const t = await createTestApp({ PUBLIC_URL: 'https://accelerator.example.org' });
    try {
      const res = await request(t.http).get('/login').expect(200);
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/ta\.sid=/);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await t.close();
    }
  });

  it('is Secure behind a trusted proxy that says the request came over https, and a person can sign in there', async () => {
    const t = await createTestApp({ TRUST_PROXY: 'true' });
    try {
      const person = await createUser(t.db, { roles: ['teacher'] });
      const page = await request(t.http).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
      const cookie = String(page.headers['set-cookie']);
      expect(cookie).toMatch(/;\s*Secure/i);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const sid = cookie.split(';')[0];
      const login = await request(t.http)
        .post('/login')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', sid)
        .type('form')
        .send({ _csrf: csrf, email: person.email, password: person.password })
        .expect(303);
      expect(String(login.headers['set-cookie'])).toMatch(/;\s*Secure/i);
      const plain = await request(t.http).get('/login').expect(200);
      expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/i);
    } finally {
      await t.close();
    }
  });
});

/**
 * Every route the app has, whatever features have landed: read from the router at run time, so a
 * new page is covered the day it is added.
 */
describe('every route, with hostile ids and parameters', () => {
  let t: TestApp;
  let routes: { method: 'get' | 'post'; path: string }[];
  let personas: Record<string, SignedInAgent>;

  beforeAll(async () => {
    t = await createTestApp();
    const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
    routes = router.stack
      .filter((layer) => layer.route)
      .flatMap((layer) =>
        (['get', 'post'] as const).filter((method) => layer.route?.methods[method]).map((method) => ({ method, path: layer.route?.path as string })),
      );
    const city = await createMunicipality(t.db);
    const school = await createSchool(t.db, city.id);
    const make = (roles: Role[]) =>
      createUser(t.db, { roles, municipalityId: roles.includes('network_admin') ? null : city.id, schoolId: school.id, preferredLanguage: 'en' });
    personas = {
      network: await signIn(t, await make(['network_admin'])),
      department: await signIn(t, await make(['department_admin'])),
      mentor: await signIn(t, await make(['mentor'])),
      teacher: await signIn(t, await make(['teacher'])),
    };
  }, 60000);
  afterAll(() => t.close());

  const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
  const HOSTILE_IDS = ['not-a-uuid', '%E0%A4%A'];
  const HOSTILE_QUERY = '?page=99999999999999999999&q=%FF%FE&role=a&role=b&status[]=x&sort=__proto__&from=2026-13-45&cohortId=not-a-uuid';

  function withIds(path: string, id: string): string {
    return path.replace(/:\w+/g, id);
  }

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(5);
    expect(routes).toContainEqual({ method: 'get', path: '/health' });
  });

  it('never answers a GET with a 500, for any persona, id or query', async () => {
    const failures: string[] = [];
    for (const [persona, agent] of Object.entries(personas)) {
      for (const route of routes.filter((r) => r.method === 'get')) {
        const known = withIds(route.path, UNKNOWN_ID);
        const urls = [known, known + HOSTILE_QUERY, ...(route.path.includes(':') ? HOSTILE_IDS.map((id) => withIds(route.path, id)) : [])];
        for (const url of urls) {
          const res = await agent.get(url);
          if (res.status >= 500) failures.push(`${persona} GET ${url} -> ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120000);

  it('never answers a POST with a 500, for hostile bodies on unknown or malformed ids', async () => {
    const bodies: Record<string, string | string[]>[] = [
      { name: ['a', 'b'], title: ['a', 'b'], email: ['a', 'b'], role: ['a', 'b'], lang: ['he', 'en'] },
      { page: '99999999999999999999', position: '-99999999999999999999', hours: '1e309', date: '2026-02-30', startsOn: '0000-00-00' },
    ];
    const failures: string[] = [];
    for (const persona of ['department', 'teacher']) {
      for (const route of routes.filter((r) => r.method === 'post' && r.path !== '/logout')) {
        const attempts: [string, Record<string, string | string[]>][] = [
          ...bodies.map((body): [string, Record<string, string | string[]>] => [withIds(route.path, UNKNOWN_ID), body]),
          ...(route.path.includes(':') ? [[withIds(route.path, 'not-a-uuid'), {}] as [string, Record<string, string | string[]>]] : []),
        ];
        for (const [path, body] of attempts) {
          const res = await personas[persona].post(path, body);
          if (res.status >= 500) failures.push(`${persona} POST ${path} ${JSON.stringify(body)} -> ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120000);

  it('refuses every POST without a CSRF token, also when it is sent as multipart', async () => {
    const failures: string[] = [];
    const agent = personas.department.agent;
    for (const route of routes.filter((r) => r.method === 'post')) {
      const path = withIds(route.path, UNKNOWN_ID);
      const form = await agent.post(path).type('form').send({ name: 'x' });
      if (form.status !== 403) failures.push(`POST ${path} (form) -> ${form.status}`);
      const multipart = await agent.post(path).field('name', 'x');
      if (multipart.status !== 403) failures.push(`POST ${path} (multipart) -> ${multipart.status}`);
    }
    expect(failures).toEqual([]);
  }, 120000);

  it('sends a signed-out visitor to sign in from every page that is not public, never a 500', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.method === 'get')) {
      const path = withIds(route.path, UNKNOWN_ID);
      const res = await request(t.http).get(path);
      if (res.status >= 500 || (res.status === 200 && !/^\/(health|login|password-reset)/.test(path))) failures.push(`GET ${path} -> ${res.status}`);
      if (res.status === 303 && !String(res.headers.location).startsWith('/login')) failures.push(`GET ${path} -> ${res.headers.location}`);
    }
    expect(failures).toEqual([]);
  }, 120000);
});
