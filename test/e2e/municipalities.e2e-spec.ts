import { createMunicipality, createUser, enrolTwoFactor, type TestUser } from '../support/factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const NEW_CITY = {
  nameHe: 'נתניה',
  nameAr: 'نتانيا',
  nameEn: 'Netanya',
  timeZone: 'Asia/Jerusalem',
  locale: 'he',
  nightFrom: '22:00',
  nightTo: '06:30',
  weeklyFromDay: '5',
  weeklyFromTime: '13:00',
  weeklyToDay: '6',
  weeklyToTime: '21:00',
};

describe('municipalities (network admins)', () => {
  let t: TestApp;
  let network: SignedInAgent;
  let networkAdmin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    networkAdmin = await createUser(t.db, { roles: ['network_admin'], displayName: 'Nili Network' });
    // The network made with the first municipality asks its admins for two-factor sign-in.
    await enrolTwoFactor(t.db, networkAdmin);
    network = await signIn(t, networkAdmin);
  });
  afterAll(() => t.close());

  it('refuses department admins, mentors and teachers with 403', async () => {
    for (const role of ['department_admin', 'mentor', 'teacher'] as const) {
      const person = await signIn(t, await createUser(t.db, { roles: [role] }));
      await person.get('/municipalities').expect(403);
      await person.get('/municipalities/new').expect(403);
      await person.post('/municipalities', NEW_CITY).expect(403);
    }
    expect(await t.db.query(`SELECT 1 FROM municipality WHERE name_en = 'Netanya'`)).toHaveLength(0);
  });

  it('shows the new-municipality form with the default quiet hours', async () => {
    const res = await network.get('/municipalities/new').expect(200);
    expect(res.text).toMatch(/<input[^>]+name="_csrf"/);
    expect(res.text).toMatch(/name="nightFrom"[^>]+value="22:00"/);
    expect(res.text).toMatch(/name="nightTo"[^>]+value="07:00"/);
    expect(res.text).toMatch(/<option value="5" selected>Friday<\/option>/);
    expect(res.text).toMatch(/name="weeklyFromTime"[^>]+value="14:00"/);
    expect(res.text).toMatch(/name="timeZone"[^>]+value="Asia\/Jerusalem"/);
  });

  it('creates a municipality in the one network (made on first use), audits it, and shows it', async () => {
    const res = await network.post('/municipalities', NEW_CITY).expect(303);
    const id = /\/municipalities\/([0-9a-f-]{36})$/.exec(res.headers.location)?.[1];
    expect(id).toBeDefined();
    const [row] = await t.db.query(
      `SELECT m.name_he, m.time_zone, m.quiet_hours, n.name AS network FROM municipality m JOIN network n ON n.id = m.network_id WHERE m.id = $1`,
      [id],
    );
    expect(row).toMatchObject({ name_he: 'נתניה', time_zone: 'Asia/Jerusalem', network: 'Education Cities Network' });
    expect(row.quiet_hours).toEqual({ nightFrom: '22:00', nightTo: '06:30', weekly: [{ fromDay: 5, fromTime: '13:00', toDay: 6, toTime: '21:00' }] });
    const page = await network.get(res.headers.location).expect(200);
    expect(page.text).toContain('The municipality was added.');
    expect(page.text).toContain('<h1>Netanya</h1>');
    expect(page.text).toContain('This municipality has no schools yet.');
    const audit = await t.db.query(`SELECT actor_id FROM audit_event WHERE action = 'municipality.created' AND subject_id = $1`, [id]);
    expect(audit).toEqual([{ actor_id: networkAdmin.id }]);

    await network.post('/municipalities', { ...NEW_CITY, nameEn: 'Herzliya', nameHe: 'הרצליה', nameAr: 'هرتسليا' }).expect(303);
    const networks = await t.db.query('SELECT count(*)::int AS n FROM network');
    expect(networks[0].n).toBe(1);
  });

  it("lists municipalities in the reader's language with their counts", async () => {
    const city = await createMunicipality(t.db, { nameEn: 'Counted City', nameHe: 'עיר נספרת' });
    await t.db.query(`INSERT INTO school (municipality_id, name) VALUES ($1, 'One'), ($1, 'Two')`, [city.id]);
    await createUser(t.db, { municipalityId: city.id, roles: ['teacher'] });
    const res = await network.get('/municipalities').expect(200);
    const row = new RegExp(`<a href="/municipalities/${city.id}">Counted City</a>[\\s\\S]*?>2</a>[\\s\\S]*?>1</a>`);
    expect(res.text).toMatch(row);
    await network.post('/language', { lang: 'he', returnTo: '/municipalities' }).expect(303);
    const hebrew = await network.get('/municipalities').expect(200);
    expect(hebrew.text).toContain('עיר נספרת');
    expect(hebrew.text).toContain('<h1>רשויות</h1>');
    await network.post('/language', { lang: 'en', returnTo: '/' }).expect(303);
  });

  it('refuses an unknown time zone, a bad time and missing names with 400 and the values kept', async () => {
    const res = await network
      .post('/municipalities', { ...NEW_CITY, nameEn: 'Bad Zone', nameHe: '  ', timeZone: 'Mars/Olympus', nightFrom: '25:00' })
      .expect(400);
    expect(res.text).toContain('Enter a valid time zone');
    expect(res.text).toMatch(/id="timeZone"[^>]+value="Mars\/Olympus"[^>]+aria-invalid="true"/);
    expect(res.text).toMatch(/id="nameHe"[^>]+aria-invalid="true" aria-describedby="nameHe-error"/);
    expect(res.text).toMatch(/id="nightFrom"[^>]+aria-invalid="true"/);
    expect(res.text).toContain('value="Bad Zone"');
    expect(await t.db.query(`SELECT 1 FROM municipality WHERE name_en = 'Bad Zone'`)).toHaveLength(0);
  });

  it('refuses a second municipality with the same English name as a field error', async () => {
    await createMunicipality(t.db, { nameEn: 'Twin Town' });
    const res = await network.post('/municipalities', { ...NEW_CITY, nameEn: 'twin town' }).expect(409);
    expect(res.text).toContain('A municipality with this English name already exists.');
  });

  it('edits names, time zone and quiet hours, and audits the change', async () => {
    const city = await createMunicipality(t.db, { nameEn: 'Editable' });
    const form = await network.get(`/municipalities/${city.id}/edit`).expect(200);
    expect(form.text).toContain('value="Editable"');
    await network
      .post(`/municipalities/${city.id}`, { ...NEW_CITY, nameEn: 'Edited', timeZone: 'Europe/London', locale: 'ar', weeklyFromDay: '4' })
      .expect(303);
    const [row] = await t.db.query('SELECT name_en, time_zone, locale, quiet_hours FROM municipality WHERE id = $1', [city.id]);
    expect(row).toMatchObject({ name_en: 'Edited', time_zone: 'Europe/London', locale: 'ar' });
    expect(row.quiet_hours.weekly[0].fromDay).toBe(4);
    expect(await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'municipality.updated' AND subject_id = $1`, [city.id])).toHaveLength(1);
  });

  it('answers 404 for a malformed or unknown id, and 400 for a field the form does not have', async () => {
    await network.get('/municipalities/not-an-id').expect(404);
    await network.get('/municipalities/00000000-0000-4000-8000-000000000000').expect(404);
    await network.get('/municipalities/00000000-0000-4000-8000-000000000000/edit').expect(404);
    await network.post('/municipalities/00000000-0000-4000-8000-000000000000', NEW_CITY).expect(404);
    await network.post('/municipalities', { ...NEW_CITY, nameEn: 'Sneaky', networkId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    expect(await t.db.query(`SELECT 1 FROM municipality WHERE name_en = 'Sneaky'`)).toHaveLength(0);
  });

  it('shows a municipality with its schools and a link to its people', async () => {
    const city = await createMunicipality(t.db, { nameEn: 'Schooled' });
    await t.db.query(`INSERT INTO school (municipality_id, name) VALUES ($1, 'Alon School')`, [city.id]);
    const res = await network.get(`/municipalities/${city.id}`).expect(200);
    expect(res.text).toContain('Alon School');
    expect(res.text).toContain(`href="/users?municipality=${city.id}"`);
    expect(res.text).toContain('Friday 14:00 until Saturday 20:00');
  });

  describe('two-factor sign-in settings', () => {
    it('ticks "department admins must use two-factor sign-in" for a new city, and saves it as chosen, audited', async () => {
      const form = await network.get('/municipalities/new').expect(200);
      expect(form.text).toMatch(/<input id="requireTwoFactor" name="requireTwoFactor" type="checkbox" value="yes" checked/);
      const on = await network.post('/municipalities', { ...NEW_CITY, nameEn: 'Secure City', requireTwoFactor: 'yes' }).expect(303);
      const off = await network.post('/municipalities', { ...NEW_CITY, nameEn: 'Open City' }).expect(303);
      const idOf = (location: string) => location.split('/').pop();
      const rows = await t.db.query(`SELECT name_en, require_two_factor FROM municipality WHERE name_en IN ('Secure City', 'Open City') ORDER BY name_en`);
      expect(rows).toEqual([
        { name_en: 'Open City', require_two_factor: false },
        { name_en: 'Secure City', require_two_factor: true },
      ]);
      const page = await network.get(on.headers.location).expect(200);
      expect(page.text).toContain('Required for department admins');
      const [event] = await t.db.query(`SELECT details FROM audit_event WHERE action = 'municipality.created' AND subject_id = $1`, [
        idOf(off.headers.location),
      ]);
      expect(event.details).toMatchObject({ requireTwoFactor: false });

      const edit = await network.get(`/municipalities/${idOf(off.headers.location)}/edit`).expect(200);
      expect(edit.text).not.toMatch(/name="requireTwoFactor" type="checkbox" value="yes" checked/);
      await network.post(`/municipalities/${idOf(off.headers.location)}`, { ...NEW_CITY, nameEn: 'Open City', requireTwoFactor: 'yes' }).expect(303);
      expect(await t.db.query(`SELECT require_two_factor FROM municipality WHERE name_en = 'Open City'`)).toEqual([{ require_two_factor: true }]);
      const [updated] = await t.db.query(`SELECT details FROM audit_event WHERE action = 'municipality.updated' AND subject_id = $1`, [
        idOf(off.headers.location),
      ]);
      expect(updated.details).toMatchObject({ requireTwoFactor: true });
    });

    it('makes a network that asks network admins for two-factor sign-in, and lets a network admin change that, audited', async () => {
      const [made] = await t.db.query('SELECT id, require_two_factor FROM network');
      expect(made.require_two_factor).toBe(true);
      const list = await network.get('/municipalities').expect(200);
      expect(list.text).toMatch(/<input id="networkRequireTwoFactor" name="requireTwoFactor" type="checkbox" value="yes" checked/);
      const res = await network.post('/municipalities/network', {}).expect(303);
      expect(res.headers.location).toBe('/municipalities');
      expect(await t.db.query('SELECT require_two_factor FROM network')).toEqual([{ require_two_factor: false }]);
      expect((await network.get('/municipalities').expect(200)).text).toContain('security setting was saved.');
      await network.post('/municipalities/network', { requireTwoFactor: 'yes' }).expect(303);
      const events = await t.db.query(`SELECT details FROM audit_event WHERE action = 'network.security_updated' AND actor_id = $1 ORDER BY id`, [
        networkAdmin.id,
      ]);
      expect(events).toEqual([{ details: { requireTwoFactor: false } }, { details: { requireTwoFactor: true } }]);
      await network.post('/municipalities/network', { requireTwoFactor: 'always' }).expect(400);
    });

    it("refuses the network's setting to department admins", async () => {
      const dept = await signIn(t, await createUser(t.db, { roles: ['department_admin'] }));
      await dept.post('/municipalities/network', {}).expect(403);
      expect(await t.db.query('SELECT require_two_factor FROM network')).toEqual([{ require_two_factor: true }]);
    });
  });
});
