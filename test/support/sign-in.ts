import { generate } from 'otplib';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { TestApp } from './test-app.js';
import type { TestUser } from './factories.js';

/** The hidden _csrf value of the first form on a page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field on the page');
  return match[1];
}

export interface SignedInAgent {
  agent: TestAgent;
  csrf: string;
  /** POSTs a form with the session's CSRF token added. */
  post(path: string, form?: Record<string, string | string[]>): ReturnType<TestAgent['post']>;
  get(path: string): ReturnType<TestAgent['get']>;
}

/** An anonymous browser: a cookie jar plus the CSRF token of the login page. */
export async function anonymousAgent(t: TestApp): Promise<{ agent: TestAgent; csrf: string }> {
  const agent = request.agent(t.http);
  const page = await agent.get('/login').expect(200);
  return { agent, csrf: csrfFrom(page.text) };
}

/**
 * Signs in through the form; for a person with a two-factor secret (enrolTwoFactor), answers the
 * code step too. Tests sign one person in faster than codes change, and a code is accepted once,
 * so the person's last used step is forgotten first.
 */
export async function signIn(t: TestApp, user: Pick<TestUser, 'email' | 'password' | 'totpSecret'>): Promise<SignedInAgent> {
  const { agent, csrf: loginCsrf } = await anonymousAgent(t);
  const login = await agent.post('/login').type('form').send({ _csrf: loginCsrf, email: user.email, password: user.password }).expect(303);
  if (login.headers.location === '/login/two-factor') {
    if (!user.totpSecret) throw new Error(`${user.email} uses two-factor sign-in: give signIn their totpSecret`);
    const step = await agent.get('/login/two-factor').expect(200);
    await t.db.query(`UPDATE two_factor SET last_used_step = NULL WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`, [user.email]);
    await agent
      .post('/login/two-factor')
      .type('form')
      .send({ _csrf: csrfFrom(step.text), code: await generate({ secret: user.totpSecret }) })
      .expect(303);
  }
  const home = await agent.get('/');
  // An administrator who must set up two-factor sign-in is led there from every page.
  const landing = home.status === 303 ? await agent.get(home.headers.location) : home;
  expect(landing.status).toBe(200);
  const csrf = csrfFrom(landing.text);
  return {
    agent,
    csrf,
    post: (path, form = {}) =>
      agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, ...form }),
    get: (path) => agent.get(path),
  };
}
