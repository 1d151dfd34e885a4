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

export async function signIn(t: TestApp, user: Pick<TestUser, 'email' | 'password'>): Promise<SignedInAgent> {
  const { agent, csrf: loginCsrf } = await anonymousAgent(t);
  await agent.post('/login').type('form').send({ _csrf: loginCsrf, email: user.email, password: user.password }).expect(303);
  const home = await agent.get('/').expect(200);
  const csrf = csrfFrom(home.text);
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
