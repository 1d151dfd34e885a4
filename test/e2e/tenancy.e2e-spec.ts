import { createMunicipality, createSchool, createUser, type TestUser } from '../support/factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A department admin of city A, and what city B has: none of it exists for them. */
describe('tenancy: one city never reaches another', () => {
  let t: TestApp;
  let cityA: { id: string };
  let cityB: { id: string };
  let schoolB: { id: string; name: string };
  let userB: TestUser;
  let networkAdmin: TestUser;
  let adminA: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    cityA = await createMunicipality(t.db, { nameEn: 'Alpha', locale: 'en' });
    cityB = await createMunicipality(t.db, { nameEn: 'Beta', locale: 'en' });
    await createSchool(t.db, cityA.id, 'Alpha School');
    schoolB = await createSchool(t.db, cityB.id, 'Beta Secret School');
    userB = await createUser(t.db, {
      municipalityId: cityB.id,
      schoolId: schoolB.id,
      roles: ['teacher'],
      displayName: 'Beta Person',
      email: 'beta.person@example.test',
    });
    networkAdmin = await createUser(t.db, {
      municipalityId: cityA.id,
      roles: ['network_admin'],
      displayName: 'Network Person',
      email: 'network.person@example.test',
    });
    adminA = await signIn(t, await createUser(t.db, { municipalityId: cityA.id, roles: ['department_admin'] }));
  });
  afterAll(() => t.close());

  it("answers 404 for city B's school: view, edit form, edit POST, deactivation", async () => {
    await adminA.get(`/schools/${schoolB.id}`).expect(404);
    await adminA.get(`/schools/${schoolB.id}/edit`).expect(404);
    await adminA.post(`/schools/${schoolB.id}`, { name: 'Taken Over' }).expect(404);
    await adminA.get(`/schools/${schoolB.id}/deactivate`).expect(404);
    await adminA.post(`/schools/${schoolB.id}/deactivate`).expect(404);
    const [row] = await t.db.query('SELECT name, active FROM school WHERE id = $1', [schoolB.id]);
    expect(row).toEqual({ name: 'Beta Secret School', active: true });
  });

  it("does not list city B's schools, even when asked to filter by city B", async () => {
    const list = await adminA.get('/schools').expect(200);
    expect(list.text).toContain('Alpha School');
    expect(list.text).not.toContain('Beta Secret School');
    const filtered = await adminA.get(`/schools?municipality=${cityB.id}`).expect(200);
    expect(filtered.text).not.toContain('Beta Secret School');
  });

  it('refuses to create a school in city B', async () => {
    await adminA.post('/schools', { name: 'Planted School', municipality: cityB.id }).expect(400);
    expect(await t.db.query(`SELECT 1 FROM school WHERE name = 'Planted School'`)).toHaveLength(0);
  });

  it("answers 404 for city B's person: view, edit, deactivation", async () => {
    await adminA.get(`/users/${userB.id}`).expect(404);
    await adminA.get(`/users/${userB.id}/edit`).expect(404);
    await adminA.post(`/users/${userB.id}/edit`, { displayName: 'Renamed' }).expect(404);
    await adminA.get(`/users/${userB.id}/deactivate`).expect(404);
    await adminA.post(`/users/${userB.id}/deactivate`).expect(404);
    await adminA.post(`/users/${userB.id}/reactivate`).expect(404);
    const [row] = await t.db.query('SELECT display_name, active FROM app_user WHERE id = $1', [userB.id]);
    expect(row).toEqual({ display_name: 'Beta Person', active: true });
  });

  it("does not show city B's people in the list or in a search", async () => {
    const list = await adminA.get('/users').expect(200);
    expect(list.text).not.toContain('Beta Person');
    const search = await adminA.get('/users?q=beta').expect(200);
    expect(search.text).not.toContain('Beta Person');
    expect(search.text).toContain('Nobody matches this search.');
    const bySchool = await adminA.get(`/users?school=${schoolB.id}`).expect(200);
    expect(bySchool.text).not.toContain('Beta Person');
    const byCity = await adminA.get(`/users?municipality=${cityB.id}`).expect(200);
    expect(byCity.text).not.toContain('Beta Person');
  });

  it('never shows a network admin account to a department admin, even one of their own city', async () => {
    const list = await adminA.get('/users?q=network').expect(200);
    expect(list.text).not.toContain('Network Person');
    await adminA.get(`/users/${networkAdmin.id}`).expect(404);
    await adminA.get(`/users/${networkAdmin.id}/edit`).expect(404);
    await adminA.post(`/users/${networkAdmin.id}/deactivate`).expect(404);
  });

  it('refuses to put a new person, or an import, into city B', async () => {
    await adminA.post('/users', { municipality: cityB.id, email: 'planted@example.test', displayName: 'Planted' }).expect(400);
    await adminA.post('/users', { email: 'planted.school@example.test', displayName: 'Planted', school: schoolB.id }).expect(400);
    const upload = await adminA.agent
      .post('/users/import')
      .field('_csrf', adminA.csrf)
      .field('municipality', cityB.id)
      .attach('file', Buffer.from('email,name,school\nplanted.import@example.test,P,Beta Secret School\n'), { filename: 'p.csv', contentType: 'text/csv' });
    expect(upload.status).toBe(400);
    const sameFileOwnCity = await adminA.agent
      .post('/users/import')
      .field('_csrf', adminA.csrf)
      .attach('file', Buffer.from(`email,name,school\n${userB.email},Stolen,Alpha School\n`), { filename: 'p.csv', contentType: 'text/csv' });
    expect(sameFileOwnCity.status).toBe(422);
    expect(await t.db.query(`SELECT 1 FROM app_user WHERE email LIKE 'planted%'`)).toHaveLength(0);
    expect((await t.db.query('SELECT display_name, municipality_id FROM app_user WHERE id = $1', [userB.id]))[0]).toEqual({
      display_name: 'Beta Person',
      municipality_id: cityB.id,
    });
  });

  it('refuses a teacher and a mentor with 403 on /schools and /users', async () => {
    for (const role of ['teacher', 'mentor'] as const) {
      const person = await signIn(t, await createUser(t.db, { municipalityId: cityA.id, roles: [role] }));
      await person.get('/schools').expect(403);
      await person.get('/schools/new').expect(403);
      await person.get('/users').expect(403);
      await person.get(`/users/${userB.id}`).expect(403);
      await person.get('/users/new').expect(403);
      await person.get('/municipalities').expect(403);
    }
  });

  it('refuses unknown fields slipped into the create forms with 400 and creates nothing', async () => {
    await adminA.post('/schools', { name: 'Slipped School', municipalityId: cityB.id }).expect(400);
    await adminA.post('/users', { email: 'slipped@example.test', displayName: 'Slipped', role: 'network_admin' }).expect(400);
    expect(await t.db.query(`SELECT 1 FROM school WHERE name = 'Slipped School'`)).toHaveLength(0);
    expect(await t.db.query(`SELECT 1 FROM app_user WHERE email = 'slipped@example.test'`)).toHaveLength(0);
  });

  it('lets a network admin reach both cities', async () => {
    const network = await signIn(t, networkAdmin);
    await network.get(`/schools/${schoolB.id}`).expect(200);
    await network.get(`/users/${userB.id}`).expect(200);
    const list = await network.get('/users?q=beta').expect(200);
    expect(list.text).toContain('Beta Person');
  });
});
