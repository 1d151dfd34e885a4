import { MailService } from '../../src/notifications/mail.service.js';
import { writtenMails } from '../support/mail.js';
import { createMunicipality, createSchool, createUser } from '../support/factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('roster import', () => {
  let t: TestApp;
  let city: { id: string };
  let admin: SignedInAgent;
  let otherAdmin: SignedInAgent;
  let cohortId: string;
  let existingEmail: string;
  let strangerEmail: string;

  function upload(agent: SignedInAgent, csv: string, csrf: string | null = agent.csrf, name = 'roster.csv') {
    const req = agent.agent.post(`/cohorts/${cohortId}/roster`);
    if (csrf !== null) req.field('_csrf', csrf);
    return req.attach('file', Buffer.from(csv, 'utf8'), { filename: name, contentType: 'text/csv' });
  }

  async function counts() {
    const [row] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM cohort_member WHERE cohort_id = $1) AS members,
              (SELECT count(*)::int FROM role_grant WHERE cohort_id = $1) AS grants`,
      [cohortId],
    );
    return row;
  }

  beforeAll(async () => {
    t = await createTestApp();
    city = await createMunicipality(t.db, { nameEn: 'Bat Yam R', locale: 'en' });
    const otherCity = await createMunicipality(t.db, { nameEn: 'Hadera R', locale: 'en' });
    await createSchool(t.db, city.id, 'Rambam Middle School');
    await createSchool(t.db, city.id, 'HaYam Primary School');
    admin = await signIn(t, await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'] }));
    otherAdmin = await signIn(t, await createUser(t.db, { municipalityId: otherCity.id, roles: ['department_admin'] }));
    existingEmail = (await createUser(t.db, { municipalityId: city.id, displayName: 'Already Here' })).email;
    strangerEmail = (await createUser(t.db, { municipalityId: otherCity.id })).email;
    const [{ id: programmeId }] = await t.db.query(`INSERT INTO programme (municipality_id, title) VALUES ($1, 'P') RETURNING id`, [city.id]);
    [{ id: cohortId }] = await t.db.query(
      `INSERT INTO cohort (municipality_id, programme_id, name, starts_on, ends_on) VALUES ($1, $2, 'Roster cohort', '2026-09-01', '2028-09-01') RETURNING id`,
      [city.id, programmeId],
    );
  });
  afterAll(() => t.close());

  it('shows an upload form with the hidden _csrf field', async () => {
    const page = await admin.get(`/cohorts/${cohortId}/roster`).expect(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toMatch(/<input type="hidden" name="_csrf" value="[^"]+"/);
  });

  it('refuses an upload without the CSRF token', async () => {
    const before = await counts();
    await upload(admin, 'email,name,school\nx@example.test,X,Rambam Middle School\n', null).expect(403);
    await upload(admin, 'email,name,school\nx@example.test,X,Rambam Middle School\n', 'forged').expect(403);
    expect(await counts()).toEqual(before);
  });

  it('changes nothing when one row is bad, and reports every bad row with its e-mail and reason (422)', async () => {
    const before = await counts();
    const csv = [
      'email,name,school,role',
      'good.one@example.test,Good One,Rambam Middle School,teacher',
      'bad-address,No Mail,Rambam Middle School,teacher',
      'nowhere@example.test,No School,Atlantis High,teacher',
      `${strangerEmail},Stranger,Rambam Middle School,teacher`,
      'boss@example.test,Boss,Rambam Middle School,principal',
    ].join('\n');
    const res = await upload(admin, csv).expect(422);
    expect(res.text).toContain('Nothing was imported');
    expect(res.text).toMatch(
      /<th scope="row" class="number">3<\/th>\s*<td><bdi dir="ltr">bad-address<\/bdi><\/td>\s*<td>The e-mail address is missing or not valid\.<\/td>/,
    );
    expect(res.text).toContain('There is no school named &quot;Atlantis High&quot; in this city.');
    expect(res.text).toContain('This e-mail belongs to a person of another city.');
    expect(res.text).toContain('The role &quot;principal&quot; is not teacher or mentor.');
    expect(res.text).not.toMatch(/<th scope="row" class="number">2<\/th>/);
    expect(await counts()).toEqual(before);
    expect(await t.db.query(`SELECT 1 FROM app_user WHERE email = 'good.one@example.test'`)).toHaveLength(0);
  });

  it('reports a file without the right header as a whole, with 422', async () => {
    const res = await upload(admin, 'mail,name\na@b.test,A\n').expect(422);
    expect(res.text).toContain('The first row must name the columns email, name and school');
  });

  it('imports a good file in one go: creates missing people in the city, enrols everyone with the cohort role', async () => {
    const csv = [
      'email,name,school,role',
      'noa.levi@example.test,Noa Levi,rambam middle school,',
      `${existingEmail.toUpperCase()},Already Here,HaYam Primary School,teacher`,
      'avi.mentor@example.test,Avi Mentor,HaYam Primary School,mentor',
      '"shira.cohen@example.test","שירה כהן","Rambam Middle School","teacher"',
    ].join('\r\n');
    const res = await upload(admin, csv).expect(303);
    expect(res.headers.location).toBe(`/cohorts/${cohortId}/members`);
    const members = await t.db.query(
      `SELECT u.email, u.display_name, u.municipality_id, s.name AS school, cm.role
         FROM cohort_member cm JOIN app_user u ON u.id = cm.user_id LEFT JOIN school s ON s.id = u.school_id
        WHERE cm.cohort_id = $1 ORDER BY u.email`,
      [cohortId],
    );
    expect(members.map((m: { email: string; role: string }) => `${m.email} ${m.role}`).sort()).toEqual(
      [`${existingEmail} teacher`, 'avi.mentor@example.test mentor', 'noa.levi@example.test teacher', 'shira.cohen@example.test teacher'].sort(),
    );
    const shira = members.find((m: { email: string }) => m.email === 'shira.cohen@example.test');
    expect(shira).toMatchObject({ display_name: 'שירה כהן', municipality_id: city.id, school: 'Rambam Middle School' });
    const grants = await t.db.query(`SELECT role, count(*)::int AS n FROM role_grant WHERE cohort_id = $1 GROUP BY role ORDER BY role`, [cohortId]);
    expect(grants).toEqual([
      { role: 'mentor', n: 1 },
      { role: 'teacher', n: 3 },
    ]);
    const audit = await t.db.query(`SELECT details FROM audit_event WHERE action = 'cohort.roster_imported' AND subject_id = $1`, [cohortId]);
    expect(audit[0].details).toEqual({ rows: 4, created: 3, enrolled: 4 });

    // Importing the same file again enrols nobody twice.
    await upload(admin, csv).expect(303);
    expect((await counts()).members).toBe(4);
  });

  it('sends each new person their invitation after the response when asked (ticked by default), and nobody who had an account', async () => {
    const form = await admin.get(`/cohorts/${cohortId}/roster`).expect(200);
    expect(form.text).toMatch(/id="sendInvite" name="sendInvite" type="checkbox" value="yes" checked/);
    const csv = [
      'email,name,school,role',
      'dana.invited@example.test,Dana Invited,HaYam Primary School,teacher',
      `${existingEmail},Already Here,HaYam Primary School,teacher`,
    ].join('\n');
    const res = await admin.agent
      .post(`/cohorts/${cohortId}/roster`)
      .field('_csrf', admin.csrf)
      .field('sendInvite', 'yes')
      .attach('file', Buffer.from(csv, 'utf8'), { filename: 'roster.csv', contentType: 'text/csv' })
      .expect(303);
    expect(res.headers.location).toBe(`/cohorts/${cohortId}/members`);
    const mailTo = async (email: string) => {
      for (let i = 0; i < 50; i++) {
        await t.app.get(MailService).settled();
        const found = writtenMails(t.config.dataDir).filter((m) => m.includes(email));
        if (found.length > 0 || email === existingEmail) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
      return [];
    };
    expect(await mailTo('dana.invited@example.test')).toHaveLength(1);
    expect(await mailTo(existingEmail)).toHaveLength(0);
  });

  it('refuses a file that is not CSV, and a missing file, with the form again', async () => {
    const notCsv = await upload(admin, 'hello', admin.csrf, 'picture.png').expect(400);
    expect(notCsv.text).toContain('The file must be a .csv file.');
    const none = await admin.agent.post(`/cohorts/${cohortId}/roster`).field('_csrf', admin.csrf).expect(400);
    expect(none.text).toContain('Choose a CSV file.');
  });

  it("answers another city's admin with 404", async () => {
    const before = await counts();
    await otherAdmin.get(`/cohorts/${cohortId}/roster`).expect(404);
    await upload(otherAdmin, 'email,name,school\nz@example.test,Z,Rambam Middle School\n').expect(404);
    expect(await counts()).toEqual(before);
  });
});
