import { verifyPassword } from '../../src/auth/passwords.js';
import { createMunicipality, createUser, type TestUser } from '../support/factories.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const NEW_PASSWORD = 'lantern-orchard-pebble-71';

describe('the profile page', () => {
  let t: TestApp;
  let cityId: string;

  beforeAll(async () => {
    t = await createTestApp();
    cityId = (await createMunicipality(t.db, { locale: 'en' })).id;
  });
  afterAll(() => t.close());

  const person = (fields: Parameters<typeof createUser>[1] = {}) => createUser(t.db, { municipalityId: cityId, roles: ['teacher', 'mentor'], ...fields });
  const storedHash = async (user: TestUser): Promise<string> =>
    (await t.db.query('SELECT password_hash AS "hash" FROM app_user WHERE id = $1', [user.id]))[0].hash;

  it('shows the person: name, e-mail as text, roles, and both forms with their _csrf', async () => {
    const me = await person({ displayName: 'Miriam Mentor' });
    const page = await (await signIn(t, me)).get('/profile').expect(200);
    expect(page.text).toContain('<h1>My profile</h1>');
    expect(page.text).toContain('Miriam Mentor');
    expect(page.text).toContain(me.email);
    expect(page.text).not.toMatch(/<input[^>]+name="email"/);
    expect(page.text).toContain('Teacher');
    expect(page.text).toContain('Mentor');
    expect(page.text).toMatch(/<form method="post" action="\/profile" novalidate>\s*<input type="hidden" name="_csrf"/);
    expect(page.text).toMatch(/<form method="post" action="\/profile\/password" novalidate>\s*<input type="hidden" name="_csrf"/);
    expect(page.text).toMatch(/<option value="" selected>Automatic/);
  });

  it('is open to a signed-in person who holds no role yet', async () => {
    const newcomer = await createUser(t.db, { displayName: 'Nadia Newcomer' });
    const page = await (await signIn(t, newcomer)).get('/profile').expect(200);
    expect(page.text).toContain('Nadia Newcomer');
    expect(page.text).toContain('You have no role yet');
  });

  it('saves a new name and language, audits it, and the next page is right-to-left in Hebrew', async () => {
    const me = await person();
    const agent = await signIn(t, me);
    const res = await agent.post('/profile', { displayName: '  Dana Levi  ', preferredLanguage: 'he' }).expect(303);
    expect(res.headers.location).toBe('/profile');
    const page = await agent.get('/profile').expect(200);
    expect(page.text).toMatch(/<html lang="he" dir="rtl">/);
    expect(page.text).toContain('הפרופיל שלי');
    expect(page.text).toContain('value="Dana Levi"');
    expect(page.text).toMatch(/<option value="he" lang="he" selected>/);
    const [row] = await t.db.query('SELECT display_name AS "name", preferred_language AS "lang" FROM app_user WHERE id = $1', [me.id]);
    expect(row).toEqual({ name: 'Dana Levi', lang: 'he' });
    const audit = await t.db.query(`SELECT details FROM audit_event WHERE action = 'profile.updated' AND actor_id = $1`, [me.id]);
    expect(audit).toEqual([{ details: { fields: ['displayName', 'preferredLanguage'] } }]);
  });

  it('goes back to the automatic language with the empty choice', async () => {
    const me = await person({ preferredLanguage: 'he' });
    const agent = await signIn(t, me);
    await agent.post('/profile', { displayName: me.displayName, preferredLanguage: '' }).expect(303);
    const [row] = await t.db.query('SELECT preferred_language AS "lang" FROM app_user WHERE id = $1', [me.id]);
    expect(row.lang).toBeNull();
    const page = await agent.agent.get('/profile').set('Accept-Language', 'en').expect(200);
    expect(page.text).toMatch(/<html lang="en" dir="ltr">/);
  });

  it('refuses an empty name with 400, the error tied to the field and the language choice kept', async () => {
    const me = await person({ displayName: 'Kept Name' });
    const agent = await signIn(t, me);
    const res = await agent.post('/profile', { displayName: '   ', preferredLanguage: 'ar' }).expect(400);
    expect(res.text).toMatch(/<input id="displayName"[^>]+value="   "[^>]*aria-invalid="true" aria-describedby="displayName-error"/);
    expect(res.text).toMatch(/<p class="field-error" id="displayName-error">This field is required.<\/p>/);
    expect(res.text).toMatch(/<option value="ar" lang="ar" selected>/);
    const [row] = await t.db.query('SELECT display_name AS "name", preferred_language AS "lang" FROM app_user WHERE id = $1', [me.id]);
    expect(row).toEqual({ name: 'Kept Name', lang: null });
  });

  it('refuses a language that is not offered, and a field the form does not have', async () => {
    const me = await person();
    const agent = await signIn(t, me);
    const res = await agent.post('/profile', { displayName: 'Someone', preferredLanguage: 'fr' }).expect(400);
    expect(res.text).toContain('id="preferredLanguage-error"');
    await agent.post('/profile', { displayName: 'Someone', preferredLanguage: 'en', email: 'other@example.test' }).expect(400);
    const [row] = await t.db.query('SELECT email FROM app_user WHERE id = $1', [me.id]);
    expect(row.email).toBe(me.email);
  });

  it('refuses a POST without _csrf with 403', async () => {
    const me = await person({ displayName: 'Unchanged' });
    const agent = await signIn(t, me);
    await agent.agent.post('/profile').type('form').send({ displayName: 'Forged', preferredLanguage: 'en' }).expect(403);
    await agent.agent
      .post('/profile/password')
      .type('form')
      .send({ currentPassword: me.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
      .expect(403);
    const [row] = await t.db.query('SELECT display_name AS "name" FROM app_user WHERE id = $1', [me.id]);
    expect(row.name).toBe('Unchanged');
  });

  describe('changing the password', () => {
    it('refuses a wrong current password with 400, keeps the hash and never echoes a password', async () => {
      const me = await person();
      const before = await storedHash(me);
      const agent = await signIn(t, me);
      const res = await agent
        .post('/profile/password', { currentPassword: 'not-my-password-at-all', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
        .expect(400);
      expect(res.text).toMatch(/<input id="currentPassword"[^>]+aria-invalid="true" aria-describedby="currentPassword-error"/);
      expect(res.text).toContain('This is not your current password.');
      expect(res.text).not.toContain('not-my-password-at-all');
      expect(res.text).not.toContain(NEW_PASSWORD);
      expect(await storedHash(me)).toBe(before);
    });

    it.each([
      ['too short', 'short-pw', 'Use at least 12 characters.'],
      ['common', 'password1234', 'This password is too common.'],
    ])('refuses a %s new password', async (_label, candidate, message) => {
      const me = await person();
      const before = await storedHash(me);
      const agent = await signIn(t, me);
      const res = await agent.post('/profile/password', { currentPassword: me.password, newPassword: candidate, confirmPassword: candidate }).expect(400);
      expect(res.text).toMatch(/<input id="newPassword"[^>]+aria-describedby="newPassword-hint newPassword-error" aria-invalid="true"/);
      expect(res.text).toContain(message);
      expect(await storedHash(me)).toBe(before);
    });

    it('refuses a confirmation that does not match', async () => {
      const me = await person();
      const agent = await signIn(t, me);
      const res = await agent
        .post('/profile/password', { currentPassword: me.password, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}x` })
        .expect(400);
      expect(res.text).toContain('id="confirmPassword-error"');
      expect(res.text).toContain('The two new passwords are not the same.');
    });

    it('keeps the name form filled in when the password form is refused', async () => {
      const me = await person({ displayName: 'Still Here' });
      const agent = await signIn(t, me);
      const res = await agent.post('/profile/password', { currentPassword: me.password, newPassword: 'x', confirmPassword: 'x' }).expect(400);
      expect(res.text).toContain('value="Still Here"');
    });

    it('sets the new password, keeps this session and signs out the other one', async () => {
      const me = await person();
      const here = await signIn(t, me);
      const elsewhere = await signIn(t, me);
      const res = await here.post('/profile/password', { currentPassword: me.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(303);
      expect(res.headers.location).toBe('/profile');
      const page = await here.get('/profile').expect(200);
      expect(page.text).toContain('Your password is changed.');
      const signedOut = await elsewhere.get('/profile').expect(303);
      expect(signedOut.headers.location).toBe('/login?returnTo=%2Fprofile');
      expect(await verifyPassword(await storedHash(me), NEW_PASSWORD)).toBe(true);
      expect(await verifyPassword(await storedHash(me), me.password)).toBe(false);
      await signIn(t, { email: me.email, password: NEW_PASSWORD });
      const audit = await t.db.query(`SELECT details::text AS details FROM audit_event WHERE action = 'password.changed' AND actor_id = $1`, [me.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0].details).toContain('"endedSessions": 1');
      expect(audit[0].details).not.toContain(NEW_PASSWORD);
    });

    it('leaves other people signed in', async () => {
      const me = await person();
      const colleague = await person();
      const colleagueAgent = await signIn(t, colleague);
      await (
        await signIn(t, me)
      )
        .post('/profile/password', { currentPassword: me.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
        .expect(303);
      await colleagueAgent.get('/profile').expect(200);
    });

    it('pauses after repeated wrong current passwords', async () => {
      const me = await person();
      const agent = await signIn(t, me);
      for (let i = 0; i < 5; i++) {
        await agent.post('/profile/password', { currentPassword: `wrong-password-${i}`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(400);
      }
      const res = await agent.post('/profile/password', { currentPassword: me.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(429);
      expect(res.text).toContain('Too many wrong attempts');
      expect(await verifyPassword(await storedHash(me), me.password)).toBe(true);
    });
  });
});
