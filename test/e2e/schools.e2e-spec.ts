import { createMunicipality, createSchool, createUser } from '../support/factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('schools', () => {
  let t: TestApp;
  let city: { id: string; nameEn: string };
  let other: { id: string; nameEn: string };
  let dept: SignedInAgent;
  let network: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    city = await createMunicipality(t.db, { nameEn: 'Home City', locale: 'en' });
    other = await createMunicipality(t.db, { nameEn: 'Other City', locale: 'en' });
    dept = await signIn(t, await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'] }));
    network = await signIn(t, await createUser(t.db, { roles: ['network_admin'] }));
  });
  afterAll(() => t.close());

  it('shows a department admin an empty state before the first school', async () => {
    const fresh = await createMunicipality(t.db, { locale: 'en' });
    const admin = await signIn(t, await createUser(t.db, { municipalityId: fresh.id, roles: ['department_admin'] }));
    const res = await admin.get('/schools').expect(200);
    expect(res.text).toContain('class="empty-state"');
    expect(res.text).toContain('No schools yet.');
  });

  it('lets a department admin add a school to their city without choosing it, audited', async () => {
    const form = await dept.get('/schools/new').expect(200);
    expect(form.text).not.toContain('name="municipality"');
    expect(form.text).toContain('Home City');
    const res = await dept.post('/schools', { name: 'Oranim School', symbol: '123456' }).expect(303);
    expect(res.headers.location).toBe('/schools');
    const [school] = await t.db.query(`SELECT id, municipality_id, symbol FROM school WHERE name = 'Oranim School'`);
    expect(school).toMatchObject({ municipality_id: city.id, symbol: '123456' });
    expect(await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'school.created' AND subject_id = $1`, [school.id])).toHaveLength(1);
    const list = await dept.get('/schools').expect(200);
    expect(list.text).toContain('The school was added.');
    expect(list.text).toContain('Oranim School');
  });

  it('refuses a duplicate name in the same city, ignoring case, as a field error', async () => {
    await createSchool(t.db, city.id, 'Duplicate School');
    const res = await dept.post('/schools', { name: 'duplicate school' }).expect(409);
    expect(res.text).toContain('This municipality already has a school with this name.');
    expect(res.text).toMatch(/id="name"[^>]+value="duplicate school"[^>]+aria-invalid="true" aria-describedby="name-error"/);
    await createSchool(t.db, other.id, 'Shared Name School');
    await dept.post('/schools', { name: 'Shared Name School' }).expect(303);
  });

  it('refuses an empty name with 400 and the symbol kept', async () => {
    const res = await dept.post('/schools', { name: '   ', symbol: '999' }).expect(400);
    expect(res.text).toContain('This field is required.');
    expect(res.text).toContain('value="999"');
  });

  it('lets a network admin pick the municipality, and filter the list by it', async () => {
    const form = await network.get('/schools/new').expect(200);
    expect(form.text).toMatch(/<select id="municipality" name="municipality"/);
    await network.post('/schools', { name: 'Network Made School' }).expect(400);
    await network.post('/schools', { name: 'Network Made School', municipality: other.id }).expect(303);
    const [row] = await t.db.query(`SELECT municipality_id FROM school WHERE name = 'Network Made School'`);
    expect(row.municipality_id).toBe(other.id);
    const filtered = await network.get(`/schools?municipality=${other.id}`).expect(200);
    expect(filtered.text).toContain('Network Made School');
    expect(filtered.text).not.toContain('Oranim School');
    const all = await network.get('/schools').expect(200);
    expect(all.text).toContain('Oranim School');
    await network.get('/schools?municipality=nonsense').expect(400);
  });

  it('paginates the list 50 to a page', async () => {
    const big = await createMunicipality(t.db, { locale: 'en' });
    await t.db.query(`INSERT INTO school (municipality_id, name) SELECT $1, 'Bulk ' || lpad(i::text, 3, '0') FROM generate_series(1, 55) i`, [big.id]);
    const admin = await signIn(t, await createUser(t.db, { municipalityId: big.id, roles: ['department_admin'] }));
    const first = await admin.get('/schools').expect(200);
    expect(first.text).toContain('Bulk 050');
    expect(first.text).not.toContain('Bulk 051');
    expect(first.text).toContain('href="/schools?page&#x3D;2" rel="next"');
    const second = await admin.get('/schools?page=2').expect(200);
    expect(second.text).toContain('Bulk 055');
    await admin.get('/schools?page=0').expect(400);
  });

  it('edits a school and audits it', async () => {
    const school = await createSchool(t.db, city.id, 'Before Name');
    const form = await dept.get(`/schools/${school.id}/edit`).expect(200);
    expect(form.text).toContain('value="Before Name"');
    await dept.post(`/schools/${school.id}`, { name: 'After Name', symbol: '' }).expect(303);
    const [row] = await t.db.query('SELECT name, symbol FROM school WHERE id = $1', [school.id]);
    expect(row).toEqual({ name: 'After Name', symbol: null });
    expect(await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'school.updated' AND subject_id = $1`, [school.id])).toHaveLength(1);
  });

  it('deactivates only after a confirmation page, then reactivates', async () => {
    const school = await createSchool(t.db, city.id, 'Closing School');
    const confirm = await dept.get(`/schools/${school.id}/deactivate`).expect(200);
    expect(confirm.text).toContain('Deactivate Closing School?');
    expect(confirm.text).toMatch(/<form method="post" action="\/schools\/[^"]+\/deactivate">\s*<input type="hidden" name="_csrf"/);
    await dept.post(`/schools/${school.id}/deactivate`).expect(303);
    expect((await t.db.query('SELECT active FROM school WHERE id = $1', [school.id]))[0].active).toBe(false);
    const shown = await dept.get(`/schools/${school.id}`).expect(200);
    expect(shown.text).toContain('The school was deactivated.');
    await dept.post(`/schools/${school.id}/reactivate`).expect(303);
    expect((await t.db.query('SELECT active FROM school WHERE id = $1', [school.id]))[0].active).toBe(true);
    const actions = await t.db.query(`SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY id`, [school.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['school.deactivated', 'school.reactivated']);
  });

  it('refuses a deactivation POST without the CSRF token', async () => {
    const school = await createSchool(t.db, city.id);
    await dept.agent.post(`/schools/${school.id}/deactivate`).type('form').send({}).expect(403);
    expect((await t.db.query('SELECT active FROM school WHERE id = $1', [school.id]))[0].active).toBe(true);
  });

  it('answers 404 for a malformed or unknown school id', async () => {
    await dept.get('/schools/123').expect(404);
    await dept.get('/schools/00000000-0000-4000-8000-000000000000/edit').expect(404);
    await dept.post('/schools/00000000-0000-4000-8000-000000000000', { name: 'X' }).expect(404);
  });

  it('refuses teachers and mentors with 403', async () => {
    for (const role of ['teacher', 'mentor'] as const) {
      const person = await signIn(t, await createUser(t.db, { municipalityId: city.id, roles: [role] }));
      await person.get('/schools').expect(403);
      await person.post('/schools', { name: 'Not Allowed' }).expect(403);
    }
  });
});
