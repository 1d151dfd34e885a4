import { MailService } from '../../src/notifications/mail.service.js';
import { createMunicipality, createUser, type TestUser } from '../support/factories.js';
import { plainText, writtenMails } from '../support/mail.js';
import { anonymousAgent, csrfFrom, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('inviting a person to choose a password', () => {
  let t: TestApp;
  let admin: TestUser;
  let otherAdmin: TestUser;
  let newcomerId: string;
  const newcomerEmail = 'newcomer@example.test';

  beforeAll(async () => {
    t = await createTestApp();
    const city = await createMunicipality(t.db);
    const otherCity = await createMunicipality(t.db);
    admin = await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'] });
    otherAdmin = await createUser(t.db, { municipalityId: otherCity.id, roles: ['department_admin'] });
    const rows = await t.db.query(`INSERT INTO app_user (email, display_name, municipality_id) VALUES ($1, 'Nili Newcomer', $2) RETURNING id`, [
      newcomerEmail,
      city.id,
    ]);
    newcomerId = rows[0].id;
  });
  afterAll(() => t.close());

  it('e-mails a single-use link with which the newcomer chooses a password and signs in', async () => {
    const signedIn = await signIn(t, admin);
    const page = await signedIn.get(`/users/${newcomerId}`).expect(200);
    expect(page.text).toContain(`action="/users/${newcomerId}/invite"`);
    await signedIn.post(`/users/${newcomerId}/invite`).expect(303);
    // Sent through the reminder queue after the response.
    await t.app.get(MailService).settled();
    const mails = writtenMails(t.config.dataDir).filter((m) => m.includes(newcomerEmail));
    expect(mails).toHaveLength(1);
    const text = plainText(mails[0]);
    expect(text).toContain('Nili Newcomer');
    const path = /https?:\/\/[^\s/]+(\/password-reset\/[A-Za-z0-9_-]{43})\s/.exec(text)?.[1];
    expect(path).toBeDefined();

    const { agent } = await anonymousAgent(t);
    const form = await agent.get(path as string).expect(200);
    await agent
      .post(path as string)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), newPassword: 'quiet-river-lantern-71', confirmPassword: 'quiet-river-lantern-71' })
      .expect(303);
    await signIn(t, { email: newcomerEmail, password: 'quiet-river-lantern-71' });
    await agent.get(path as string).expect(410);

    const audit = await t.db.query(`SELECT actor_id AS "actorId" FROM audit_event WHERE action = 'password.invite_sent' AND subject_id = $1`, [newcomerId]);
    expect(audit).toEqual([{ actorId: admin.id }]);
  });

  it("gives another city's admin a 404 and sends nothing", async () => {
    const before = writtenMails(t.config.dataDir).length;
    const signedIn = await signIn(t, otherAdmin);
    await signedIn.post(`/users/${newcomerId}/invite`).expect(404);
    expect(writtenMails(t.config.dataDir)).toHaveLength(before);
  });

  it('refuses a teacher', async () => {
    const teacher = await createUser(t.db, { municipalityId: admin.municipalityId, roles: ['teacher'] });
    const signedIn = await signIn(t, teacher);
    await signedIn.post(`/users/${newcomerId}/invite`).expect(403);
  });
});
