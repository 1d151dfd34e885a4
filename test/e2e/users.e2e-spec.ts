import { createMunicipality, createSchool, createUser, type TestUser } from '../support/factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

function idFrom(location: string): string {
  const id = /\/users\/([0-9a-f-]{36})$/.exec(location)?.[1];
  if (!id) throw new Error(`no user id in ${location}`);
  return id;
}

describe('people (/users)', () => {
  let t: TestApp;
  let city: { id: string; nameEn: string };
  let school: { id: string; name: string };
  let deptUser: TestUser;
  let dept: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    city = await createMunicipality(t.db, { nameEn: 'People City', locale: 'en' });
    school = await createSchool(t.db, city.id, 'Hadar School');
    deptUser = await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'], displayName: 'Dina Dept' });
    dept = await signIn(t, deptUser);
  });
  afterAll(() => t.close());

  describe('the list', () => {
    it("shows the city's people with e-mail, school, roles and status", async () => {
      await createUser(t.db, { municipalityId: city.id, schoolId: school.id, roles: ['teacher'], displayName: 'Tova Teacher', email: 'tova@example.test' });
      const res = await dept.get('/users').expect(200);
      expect(res.text).toMatch(
        /Tova Teacher<\/a><\/th>\s*<td data-label="E-mail"><bdi dir="ltr">tova@example.test<\/bdi><\/td>\s*<td data-label="School"><bdi>Hadar School<\/bdi><\/td>\s*<td data-label="Roles"><span class="role-badge">Teacher<\/span><\/td>/,
      );
      expect(res.text).toContain('Dina Dept');
    });

    it('searches by name or e-mail, taking % and _ literally', async () => {
      await createUser(t.db, { municipalityId: city.id, displayName: 'Percent 100% Person', email: 'pct@example.test' });
      await createUser(t.db, { municipalityId: city.id, displayName: 'Plain Person', email: 'plain_one@example.test' });
      const byName = await dept.get('/users?q=percent').expect(200);
      expect(byName.text).toContain('Percent 100% Person');
      expect(byName.text).not.toContain('Plain Person');
      const percent = await dept.get(`/users?q=${encodeURIComponent('100%')}`).expect(200);
      expect(percent.text).toContain('Percent 100% Person');
      expect(percent.text).not.toContain('Tova Teacher');
      const underscore = await dept.get(`/users?q=${encodeURIComponent('a_n')}`).expect(200);
      expect(underscore.text).not.toContain('Plain Person');
      const byEmail = await dept.get(`/users?q=${encodeURIComponent('plain_one@')}`).expect(200);
      expect(byEmail.text).toContain('Plain Person');
      const nobody = await dept.get('/users?q=zzzz-nobody').expect(200);
      expect(nobody.text).toContain('Nobody matches this search.');
    });

    it('filters by role and by school', async () => {
      const other = await createSchool(t.db, city.id, 'Other School');
      await createUser(t.db, { municipalityId: city.id, schoolId: other.id, roles: ['mentor'], displayName: 'Miri Mentor' });
      const mentors = await dept.get('/users?role=mentor').expect(200);
      expect(mentors.text).toContain('Miri Mentor');
      expect(mentors.text).not.toContain('Tova Teacher');
      const atOther = await dept.get(`/users?school=${other.id}`).expect(200);
      expect(atOther.text).toContain('Miri Mentor');
      expect(atOther.text).not.toContain('Tova Teacher');
      await dept.get('/users?role=pope').expect(400);
      await dept.get('/users?school=nope').expect(400);
    });

    it('paginates 50 people to a page and keeps the filters in the links', async () => {
      const big = await createMunicipality(t.db, { locale: 'en' });
      await t.db.query(
        `INSERT INTO app_user (email, display_name, municipality_id) SELECT 'bulk' || i || '@example.test', 'Bulk ' || lpad(i::text, 3, '0'), $1 FROM generate_series(1, 60) i`,
        [big.id],
      );
      const admin = await signIn(t, await createUser(t.db, { municipalityId: big.id, roles: ['department_admin'], displayName: 'Zed Admin' }));
      const first = await admin.get('/users?q=bulk').expect(200);
      expect(first.text).toContain('Bulk 050');
      expect(first.text).not.toContain('Bulk 051');
      expect(first.text).toContain('href="/users?q&#x3D;bulk&amp;page&#x3D;2"');
      const second = await admin.get('/users?q=bulk&page=2').expect(200);
      expect(second.text).toContain('Bulk 060');
    });

    it('shows an empty state when a city has nobody matching', async () => {
      const res = await dept.get('/users?role=network_admin').expect(200);
      expect(res.text).toContain('class="empty-state"');
    });
  });

  describe('adding a person', () => {
    it('offers name, e-mail, school, language and only the department admin role', async () => {
      const res = await dept.get('/users/new').expect(200);
      for (const field of ['email', 'displayName', 'school', 'preferredLanguage', 'departmentAdmin']) expect(res.text).toContain(`name="${field}"`);
      expect(res.text).toContain('Hadar School');
      expect(res.text).not.toMatch(/value="(teacher|mentor|network_admin)"/);
    });

    it('creates a person without a password, audited, and shows them', async () => {
      const res = await dept
        .post('/users', { email: 'New.Person@Example.TEST', displayName: 'Noa New', school: school.id, preferredLanguage: 'ar' })
        .expect(303);
      const id = idFrom(res.headers.location);
      const [row] = await t.db.query('SELECT email, municipality_id, school_id, preferred_language, password_hash FROM app_user WHERE id = $1', [id]);
      expect(row).toEqual({ email: 'new.person@example.test', municipality_id: city.id, school_id: school.id, preferred_language: 'ar', password_hash: null });
      expect(await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'user.created' AND subject_id = $1 AND actor_id = $2`, [id, deptUser.id])).toHaveLength(
        1,
      );
      const page = await dept.get(`/users/${id}`).expect(200);
      expect(page.text).toContain('The person was added.');
      expect(page.text).toContain('No password yet');
      expect(page.text).toContain('Never');
    });

    it('grants the department admin role of the city when ticked, audited as role.granted', async () => {
      const res = await dept.post('/users', { email: 'second.admin@example.test', displayName: 'Second Admin', departmentAdmin: 'yes' }).expect(303);
      const id = idFrom(res.headers.location);
      expect(await t.db.query(`SELECT role, municipality_id, granted_by FROM role_grant WHERE user_id = $1`, [id])).toEqual([
        { role: 'department_admin', municipality_id: city.id, granted_by: deptUser.id },
      ]);
      expect(await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'role.granted' AND subject_id = $1`, [id])).toHaveLength(1);
    });

    it('refuses an e-mail someone already has, ignoring case, as a field error with the values kept', async () => {
      await createUser(t.db, { email: 'taken@example.test', roles: ['teacher'] });
      const res = await dept.post('/users', { email: 'TAKEN@example.test', displayName: 'Copy Cat' }).expect(409);
      expect(res.text).toContain('Someone already has this e-mail address.');
      expect(res.text).toMatch(/id="email"[^>]+aria-invalid="true" aria-describedby="email-error"/);
      expect(res.text).toContain('value="Copy Cat"');
    });

    it("refuses an invalid e-mail, a missing name and another city's school with 400", async () => {
      const elsewhere = await createSchool(t.db, (await createMunicipality(t.db)).id);
      const bad = await dept.post('/users', { email: 'not-an-email', displayName: '' }).expect(400);
      expect(bad.text).toContain('Enter a valid e-mail address.');
      expect(bad.text).toContain('This field is required.');
      const wrongSchool = await dept.post('/users', { email: 'school.thief@example.test', displayName: 'S T', school: elsewhere.id }).expect(400);
      expect(wrongSchool.text).toMatch(/id="school"[^>]*aria-invalid="true"/);
      expect(await t.db.query(`SELECT 1 FROM app_user WHERE email = 'school.thief@example.test'`)).toHaveLength(0);
    });

    it('refuses a role or municipality field slipped into the form with 400 and creates nothing', async () => {
      await dept.post('/users', { email: 'slipped.role@example.test', displayName: 'Slipped', role: 'network_admin' }).expect(400);
      await dept.post('/users', { email: 'slipped.city@example.test', displayName: 'Slipped', municipalityId: city.id }).expect(400);
      expect(await t.db.query(`SELECT 1 FROM app_user WHERE email LIKE 'slipped.%'`)).toHaveLength(0);
    });

    it('has a network admin choose the municipality first, then offers its schools', async () => {
      const network = await signIn(t, await createUser(t.db, { roles: ['network_admin'] }));
      const chooser = await network.get('/users/new').expect(200);
      expect(chooser.text).toMatch(/<form method="get" action="\/users\/new"/);
      const form = await network.get(`/users/new?municipality=${city.id}`).expect(200);
      expect(form.text).toContain('Hadar School');
      const res = await network
        .post('/users', { municipality: city.id, email: 'by.network@example.test', displayName: 'By Network', school: school.id })
        .expect(303);
      const [row] = await t.db.query('SELECT municipality_id FROM app_user WHERE id = $1', [idFrom(res.headers.location)]);
      expect(row.municipality_id).toBe(city.id);
    });
  });

  describe('editing a person', () => {
    it('changes name, school and language, audited', async () => {
      const person = await createUser(t.db, { municipalityId: city.id, roles: ['teacher'], displayName: 'Old Name' });
      const form = await dept.get(`/users/${person.id}/edit`).expect(200);
      expect(form.text).toContain('value="Old Name"');
      await dept.post(`/users/${person.id}/edit`, { displayName: 'New Name', school: school.id, preferredLanguage: 'he' }).expect(303);
      const [row] = await t.db.query('SELECT display_name, school_id, preferred_language FROM app_user WHERE id = $1', [person.id]);
      expect(row).toEqual({ display_name: 'New Name', school_id: school.id, preferred_language: 'he' });
      expect(await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'user.updated' AND subject_id = $1`, [person.id])).toHaveLength(1);
    });

    it('keeps a school deactivated since, when the form is saved unchanged', async () => {
      const closing = await createSchool(t.db, city.id, 'Closed Since School');
      const person = await createUser(t.db, { municipalityId: city.id, schoolId: closing.id, roles: ['teacher'] });
      await t.db.query('UPDATE school SET active = false WHERE id = $1', [closing.id]);
      const form = await dept.get(`/users/${person.id}/edit`).expect(200);
      expect(form.text).toContain(`<option value="${closing.id}" dir="auto" selected>Closed Since School (deactivated)</option>`);
      await dept.post(`/users/${person.id}/edit`, { displayName: 'Still There', school: closing.id }).expect(303);
      expect((await t.db.query('SELECT school_id FROM app_user WHERE id = $1', [person.id]))[0].school_id).toBe(closing.id);
      const other = await createUser(t.db, { municipalityId: city.id, roles: ['teacher'] });
      await dept.post(`/users/${other.id}/edit`, { displayName: 'Newcomer', school: closing.id }).expect(400);
    });

    it('grants and revokes the department admin role, audited each way', async () => {
      const person = await createUser(t.db, { municipalityId: city.id, roles: ['teacher'] });
      await dept.post(`/users/${person.id}/edit`, { displayName: person.displayName, departmentAdmin: 'yes' }).expect(303);
      expect(await t.db.query(`SELECT 1 FROM role_grant WHERE user_id = $1 AND role = 'department_admin'`, [person.id])).toHaveLength(1);
      await dept.post(`/users/${person.id}/edit`, { displayName: person.displayName }).expect(303);
      expect(await t.db.query(`SELECT 1 FROM role_grant WHERE user_id = $1 AND role = 'department_admin'`, [person.id])).toHaveLength(0);
      expect(await t.db.query(`SELECT 1 FROM role_grant WHERE user_id = $1 AND role = 'teacher'`, [person.id])).toHaveLength(1);
      const actions = await t.db.query(`SELECT action FROM audit_event WHERE subject_id = $1 AND action LIKE 'role.%' ORDER BY id`, [person.id]);
      expect(actions.map((a: { action: string }) => a.action)).toEqual(['role.granted', 'role.revoked']);
    });

    it("refuses to strip a department admin's own last admin role", async () => {
      const form = await dept.get(`/users/${deptUser.id}/edit`).expect(200);
      expect(form.text).toMatch(/<input type="hidden" name="departmentAdmin" value="yes">/);
      expect(form.text).toContain('You cannot remove your own last administrator role.');
      await dept.post(`/users/${deptUser.id}/edit`, { displayName: 'Dina Dept', departmentAdmin: 'yes' }).expect(303);
      const res = await dept.post(`/users/${deptUser.id}/edit`, { displayName: 'Dina Dept' }).expect(400);
      expect(res.text).toContain('You cannot remove your own last administrator role.');
      expect(await t.db.query(`SELECT 1 FROM role_grant WHERE user_id = $1 AND role = 'department_admin'`, [deptUser.id])).toHaveLength(1);
    });
  });

  describe('deactivating a person', () => {
    it('asks for confirmation, then signs them out everywhere and stops them signing in, audited', async () => {
      const person = await createUser(t.db, { municipalityId: city.id, roles: ['teacher'], displayName: 'Leaving Person' });
      const theirSession = await signIn(t, person);
      await theirSession.get('/').expect(200);
      const confirm = await dept.get(`/users/${person.id}/deactivate`).expect(200);
      expect(confirm.text).toContain('Deactivate Leaving Person?');
      await dept.post(`/users/${person.id}/deactivate`).expect(303);
      expect((await t.db.query('SELECT active FROM app_user WHERE id = $1', [person.id]))[0].active).toBe(false);
      expect(await t.db.query(`SELECT 1 FROM http_session WHERE sess->'passport'->>'user' = $1`, [person.id])).toHaveLength(0);
      await theirSession.get('/').expect(303);
      await expect(signIn(t, person)).rejects.toThrow();
      const [event] = await t.db.query(`SELECT details FROM audit_event WHERE action = 'user.deactivated' AND subject_id = $1`, [person.id]);
      expect(event.details.sessionsEnded).toBeGreaterThanOrEqual(1);
      const shown = await dept.get(`/users/${person.id}`).expect(200);
      expect(shown.text).toContain('Deactivated');
      await dept.post(`/users/${person.id}/reactivate`).expect(303);
      await signIn(t, person);
    });

    it('refuses to deactivate oneself', async () => {
      await dept.get(`/users/${deptUser.id}/deactivate`).expect(403);
      await dept.post(`/users/${deptUser.id}/deactivate`).expect(403);
      expect((await t.db.query('SELECT active FROM app_user WHERE id = $1', [deptUser.id]))[0].active).toBe(true);
    });

    it('answers 404 for a malformed id', async () => {
      await dept.get('/users/xyz').expect(404);
      await dept.post('/users/xyz/deactivate').expect(404);
    });
  });

  describe('importing people from CSV', () => {
    const upload = (who: SignedInAgent, csv: string | Buffer, options: { csrf?: string | null; filename?: string; contentType?: string } = {}) => {
      const req = who.agent.post('/users/import');
      if (options.csrf !== null) req.field('_csrf', options.csrf ?? who.csrf);
      return req.attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'), {
        filename: options.filename ?? 'people.csv',
        contentType: options.contentType ?? 'text/csv',
      });
    };

    it('shows the upload form with the CSRF field and a file input', async () => {
      const res = await dept.get('/users/import').expect(200);
      expect(res.text).toMatch(/<form method="post" action="\/users\/import" enctype="multipart\/form-data"/);
      expect(res.text).toContain('name="_csrf"');
      expect(res.text).toMatch(/<input id="file" name="file" type="file"/);
    });

    it('imports new people and updates ones already in the city, in one go, audited', async () => {
      await createUser(t.db, { municipalityId: city.id, email: 'existing@example.test', displayName: 'Before Import' });
      const csv =
        '\uFEFFemail,name,school,language\nRuth.Cohen@example.test,רות כהן,hadar school,he\nexisting@example.test,After Import,Hadar School,\n"amal@example.test","أمل حداد","Hadar School",ar\n';
      const res = await upload(dept, csv).expect(303);
      expect(res.headers.location).toBe('/users/import/summary');
      const summary = await dept.get('/users/import/summary').expect(200);
      expect(summary.text).toMatch(/People added<\/dt><dd>2<\/dd>/);
      expect(summary.text).toMatch(/People updated<\/dt><dd>1<\/dd>/);
      const rows = await t.db.query(
        `SELECT email, display_name, school_id, preferred_language FROM app_user WHERE email IN ('ruth.cohen@example.test', 'existing@example.test', 'amal@example.test') ORDER BY email`,
      );
      expect(rows).toEqual([
        { email: 'amal@example.test', display_name: 'أمل حداد', school_id: school.id, preferred_language: 'ar' },
        { email: 'existing@example.test', display_name: 'After Import', school_id: school.id, preferred_language: null },
        { email: 'ruth.cohen@example.test', display_name: 'רות כהן', school_id: school.id, preferred_language: 'he' },
      ]);
      const [event] = await t.db.query(`SELECT details FROM audit_event WHERE action = 'users.imported' AND actor_id = $1`, [deptUser.id]);
      expect(event.details).toMatchObject({ created: 2, updated: 1 });
      await dept.get('/users/import/summary').expect(303);
    });

    it('imports nothing when one row is bad, and reports each problem by row (422)', async () => {
      const outsider = await createUser(t.db, { email: 'outsider@example.test', roles: ['teacher'] });
      const csv = [
        'email,name,school',
        'good.one@example.test,Good One,Hadar School',
        'not-an-email,Bad Email,Hadar School',
        'good.two@example.test,,Hadar School',
        'good.one@example.test,Repeat,Hadar School',
        'third@example.test,Third,No Such School',
        `${outsider.email},Outsider,Hadar School`,
      ].join('\n');
      const res = await upload(dept, csv).expect(422);
      expect(res.text).toContain('Nothing was imported');
      expect(res.text).toMatch(/<th scope="row" class="number">3<\/th>\s*<td dir="ltr">not-an-email<\/td>\s*<td>The e-mail is not valid.<\/td>/);
      expect(res.text).toMatch(/<th scope="row" class="number">4<\/th>[\s\S]*?The name is missing./);
      expect(res.text).toMatch(/<th scope="row" class="number">5<\/th>[\s\S]*?This e-mail appears earlier in the file./);
      expect(res.text).toMatch(/<th scope="row" class="number">6<\/th>[\s\S]*?No active school of this municipality has this name./);
      expect(res.text).toMatch(/<th scope="row" class="number">7<\/th>[\s\S]*?This e-mail belongs to someone outside this municipality./);
      expect(await t.db.query(`SELECT 1 FROM app_user WHERE email IN ('good.one@example.test', 'good.two@example.test', 'third@example.test')`)).toHaveLength(
        0,
      );
    });

    it('refuses a wrong header, a file that is not UTF-8, and one that is not CSV', async () => {
      const header = await upload(dept, 'mail,fullname\nx@example.test,X\n').expect(422);
      expect(header.text).toContain('The first row must name the columns');
      const latin1 = await upload(
        dept,
        Buffer.from([
          0x65, 0x6d, 0x61, 0x69, 0x6c, 0x2c, 0x6e, 0x61, 0x6d, 0x65, 0x2c, 0x73, 0x63, 0x68, 0x6f, 0x6f, 0x6c, 0x0a, 0xe9, 0x2c, 0xe9, 0x2c, 0xe9, 0x0a,
        ]),
      ).expect(422);
      expect(latin1.text).toContain('The file is not UTF-8 text.');
      const image = await upload(dept, Buffer.from('GIF89a'), { filename: 'photo.gif', contentType: 'image/gif' }).expect(400);
      expect(image.text).toContain('Upload a .csv file.');
    });

    it('refuses a file over 2 MB with 413', async () => {
      const big = `email,name,school\n${'x'.repeat(2 * 1024 * 1024 + 10)}\n`;
      await upload(dept, big).expect(413);
    });

    it('refuses an upload without the CSRF token, or with a wrong one, with 403 and imports nothing', async () => {
      const csv = 'email,name,school\ncsrf.victim@example.test,Victim,Hadar School\n';
      await upload(dept, csv, { csrf: null }).expect(403);
      await upload(dept, csv, { csrf: 'forged' }).expect(403);
      expect(await t.db.query(`SELECT 1 FROM app_user WHERE email = 'csrf.victim@example.test'`)).toHaveLength(0);
    });

    it('refuses a multipart POST to a route that does not take uploads', async () => {
      const person = await createUser(t.db, { municipalityId: city.id, roles: ['teacher'] });
      await dept.agent.post(`/users/${person.id}/deactivate`).field('_csrf', dept.csrf).expect(403);
      await dept.agent.post('/logout').field('_csrf', dept.csrf).expect(403);
      expect((await t.db.query('SELECT active FROM app_user WHERE id = $1', [person.id]))[0].active).toBe(true);
    });

    it('refuses teachers with 403', async () => {
      const teacher = await signIn(t, await createUser(t.db, { municipalityId: city.id, roles: ['teacher'] }));
      await teacher.get('/users/import').expect(403);
      await upload(teacher, 'email,name,school\nx@example.test,X,Hadar School\n').expect(403);
    });
  });
});
