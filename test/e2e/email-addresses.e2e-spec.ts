import { normaliseEmail } from '../../src/common/email-address.js';
import { MailService } from '../../src/notifications/mail.service.js';
import { createMunicipality, createSchool, createUser } from '../support/factories.js';
import { writtenMails } from '../support/mail.js';
import { anonymousAgent, csrfFrom, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Spellings a person might type for one address, and some that are other addresses. */
const SPELLINGS = [
  'Dana.Levi@School.TEST',
  '  dana.levi@school.test  ',
  'dİna@school.test',
  'dI\u0307na@school.test',
  'STRAẞE@school.test',
  'straße@school.test',
  'ｄａｎａ＠ｓｃｈｏｏｌ．ｔｅｓｔ',
  'RENE\u0301@ÉCOLE.TEST',
  'ren\u00e9@\u00e9cole.test'.normalize('NFD'),
  'dana@school.test.',
  'dana@school.test..',
  'ΟΔΟΣ@school.test',
  'דנה@בית-ספר.test',
];

describe('e-mail addresses in one form', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it("normalises in SQL exactly as the app does, so the table's CHECK and unique index agree with the app", async () => {
    for (const raw of SPELLINGS) {
      const [row] = await t.db.query<{ normalised: string }>('SELECT normalised_email($1) AS normalised', [raw]);
      expect({ raw, normalised: row.normalised }).toEqual({ raw, normalised: normaliseEmail(raw) });
    }
  });

  it('refuses to store an address that is not in its normalised form', async () => {
    await expect(t.db.query(`INSERT INTO app_user (email, display_name) VALUES ('dİna@school.test', 'D')`)).rejects.toMatchObject({ code: '23514' });
    await expect(t.db.query(`INSERT INTO app_user (email, display_name) VALUES ('dana@school.test.', 'D')`)).rejects.toMatchObject({ code: '23514' });
  });

  it('stores a person added with a full-width, upper-case address in its plain form, and refuses another spelling of it', async () => {
    const city = await createMunicipality(t.db);
    const school = await createSchool(t.db, city.id);
    const dept = await signIn(t, await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'] }));
    const res = await dept.post('/users', { email: 'ＮＯＡ.Ｋｉｍ＠Example.TEST.', displayName: 'Noa Kim', school: school.id }).expect(303);
    const id = /\/users\/([0-9a-f-]{36})/.exec(res.headers.location)?.[1];
    expect(await t.db.query('SELECT email FROM app_user WHERE id = $1', [id])).toEqual([{ email: 'noa.kim@example.test' }]);
    const again = await dept.post('/users', { email: 'NOA.KİM@example.test', displayName: 'Noa Again' }).expect(409);
    expect(again.text).toMatch(/id="email"[^>]+aria-invalid="true" aria-describedby="email-error"/);
  });

  it('signs in and mails a reset link whichever spelling of the address is typed', async () => {
    const person = await createUser(t.db, { roles: ['teacher'], email: 'miri.tal@example.test' });
    const { agent, csrf } = await anonymousAgent(t);
    await agent.post('/login').type('form').send({ _csrf: csrf, email: 'MİRİ.TAL@Example.Test.', password: person.password }).expect(303);

    const before = writtenMails(t.config.dataDir).length;
    const other = await anonymousAgent(t);
    const form = await other.agent.get('/password-reset').expect(200);
    await other.agent
      .post('/password-reset')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), email: 'ｍｉｒｉ.ｔａｌ@example.test' })
      .expect(303);
    await t.app.get(MailService).settled();
    const mails = writtenMails(t.config.dataDir);
    expect(mails).toHaveLength(before + 1);
    expect(mails[mails.length - 1]).toMatch(/^To: miri\.tal@example\.test$/m);
  });

  it('enrols the existing person when a roster names them with another spelling of their address', async () => {
    const city = await createMunicipality(t.db, { locale: 'en' });
    await createSchool(t.db, city.id, 'Hadar School');
    const dept = await signIn(t, await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'] }));
    const existing = await createUser(t.db, { municipalityId: city.id, email: 'yael.ben@example.test' });
    const [{ id: programmeId }] = await t.db.query(`INSERT INTO programme (municipality_id, title) VALUES ($1, 'P') RETURNING id`, [city.id]);
    const [{ id: cohortId }] = await t.db.query(
      `INSERT INTO cohort (municipality_id, programme_id, name, starts_on, ends_on) VALUES ($1, $2, 'C', '2026-09-01', '2028-09-01') RETURNING id`,
      [city.id, programmeId],
    );
    const csv = 'email,name,school\nYAEL.BEN@Example.TEST.,Yael Ben,Hadar School\n';
    await dept.agent
      .post(`/cohorts/${cohortId}/roster`)
      .field('_csrf', dept.csrf)
      .attach('file', Buffer.from(csv, 'utf8'), { filename: 'roster.csv', contentType: 'text/csv' })
      .expect(303);
    expect(await t.db.query('SELECT user_id FROM cohort_member WHERE cohort_id = $1', [cohortId])).toEqual([{ user_id: existing.id }]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE email LIKE 'yael.ben%'`)).toEqual([{ n: 1 }]);
  });
});
