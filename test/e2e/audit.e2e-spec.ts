import { parse } from 'csv-parse/sync';
import { countQueries } from '../support/query-counter.js';
import { createMunicipality, createUser, type TestUser } from '../support/factories.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A page's text with the entities Handlebars writes in attributes read back. */
const attributes = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

describe('the audit log', () => {
  let t: TestApp;
  let city: { id: string };
  let otherCity: { id: string };
  let deptUser: TestUser;
  let dept: SignedInAgent;
  let network: SignedInAgent;
  let actor: TestUser;

  /** An event as a feature records one, at a given instant. */
  const record = (fields: {
    actorId?: string | null;
    municipalityId?: string | null;
    action: string;
    subjectType?: string;
    subjectId?: string;
    at?: string;
    ip?: string;
    details?: object;
  }) =>
    t.db.query(
      `INSERT INTO audit_event (occurred_at, actor_id, municipality_id, action, subject_type, subject_id, ip, details)
       VALUES (coalesce($1::timestamptz, now()), $2, $3, $4, $5, $6, $7, $8)`,
      [
        fields.at ?? null,
        fields.actorId ?? null,
        fields.municipalityId ?? null,
        fields.action,
        fields.subjectType ?? null,
        fields.subjectId ?? null,
        fields.ip ?? null,
        JSON.stringify(fields.details ?? {}),
      ],
    );

  beforeAll(async () => {
    t = await createTestApp();
    city = await createMunicipality(t.db, { nameEn: 'Audit City', locale: 'en' });
    otherCity = await createMunicipality(t.db, { nameEn: 'Elsewhere City', locale: 'en' });
    await t.db.query(`UPDATE municipality SET time_zone = 'Asia/Jerusalem'`);
    deptUser = await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'], displayName: 'Dalia Department' });
    dept = await signIn(t, deptUser);
    network = await signIn(t, await createUser(t.db, { roles: ['network_admin'] }));
    actor = await createUser(t.db, { municipalityId: city.id, roles: ['teacher'], displayName: 'Ayelet Actor', email: 'ayelet.actor@example.test' });
  });
  afterAll(() => t.close());

  it("shows a department admin their city's events only, and a network admin every event", async () => {
    await record({ actorId: actor.id, municipalityId: city.id, action: 'profile.updated', subjectType: 'user', subjectId: actor.id, ip: '::ffff:10.1.2.3' });
    await record({ municipalityId: otherCity.id, action: 'school.created', subjectType: 'school', details: { marker: 'elsewhere' } });
    await record({ action: 'sign_in.failed', details: { email: 'nobody-known@example.test' } });

    const page = await dept.get('/audit').expect(200);
    expect(page.text).toContain('<h1>Audit log</h1>');
    expect(page.text).toMatch(
      /Ayelet Actor[\s\S]*?ayelet\.actor@example\.test[\s\S]*?Profile updated[\s\S]*?Person: <span dir="auto">Ayelet Actor<\/span>[\s\S]*?<span dir="ltr">10\.1\.2\.3<\/span>/,
    );
    expect(page.text).not.toContain('<td>School added</td>');
    expect(page.text).not.toContain('nobody-known@example.test');

    const all = await network.get('/audit').expect(200);
    expect(all.text).toContain('<td>School added</td>');
    expect(all.text).toMatch(/Not signed in<\/span><br><span dir="ltr">nobody-known@example\.test<\/span>/);
  });

  it('filters by person, by action and by dates in the city’s time zone, keeping the filters in the form', async () => {
    const person = await createUser(t.db, {
      municipalityId: city.id,
      roles: ['teacher'],
      displayName: 'Filtered Person',
      email: 'filtered.person@example.test',
    });
    // 23:30 on 1 March in Jerusalem is still 1 March there, though already 2 March nowhere else.
    await record({ actorId: person.id, municipalityId: city.id, action: 'password.changed', at: '2026-03-01T21:30:00Z' });
    await record({ actorId: person.id, municipalityId: city.id, action: 'profile.updated', at: '2026-03-01T22:30:00Z' });
    await record({ actorId: person.id, municipalityId: city.id, action: 'profile.updated', at: '2026-03-05T10:00:00Z' });

    const byPerson = await dept.get('/audit?person=filtered.person').expect(200);
    expect(byPerson.text.match(/<tr>/g)).toHaveLength(4);
    expect(byPerson.text).toContain('value="filtered.person"');
    const byName = await dept.get(`/audit?person=${encodeURIComponent('filtered pers')}`).expect(200);
    expect(byName.text.match(/<tr>/g)).toHaveLength(4);

    const byAction = await dept.get('/audit?person=filtered&action=password.changed').expect(200);
    expect(byAction.text.match(/<tr>/g)).toHaveLength(2);
    expect(byAction.text).toMatch(/<option value="password\.changed" selected>Password changed<\/option>/);

    const firstOfMarch = await dept.get('/audit?person=filtered&from=2026-03-01&to=2026-03-01').expect(200);
    expect(firstOfMarch.text.match(/<tr>/g)).toHaveLength(2);
    expect(firstOfMarch.text).toContain('Password changed');
    const secondOfMarch = await dept.get('/audit?person=filtered&from=2026-03-02&to=2026-03-02').expect(200);
    expect(secondOfMarch.text.match(/<tr>/g)).toHaveLength(2);
    expect(secondOfMarch.text).toMatch(/Profile updated/);
    const nothing = await dept.get('/audit?person=filtered&from=2026-04-01').expect(200);
    expect(nothing.text).toContain('No events match these filters.');
  });

  it('pages through many events, newest first, keeping the filters in the links', async () => {
    const busy = await createUser(t.db, { municipalityId: city.id, roles: ['teacher'], displayName: 'Busy Bee' });
    for (let i = 0; i < 55; i++)
      await record({ actorId: busy.id, municipalityId: city.id, action: 'profile.updated', at: `2026-06-01T08:${String(i).padStart(2, '0')}:00Z` });
    const first = await dept.get('/audit?person=busy+bee').expect(200);
    expect(first.text.match(/<tr>/g)).toHaveLength(51);
    expect(first.text).toContain('Page 1 of 2');
    expect(attributes(first.text)).toContain('href="/audit?person=busy+bee&page=2"');
    const times = [...first.text.matchAll(/<th scope="row" class="nowrap">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(times[0]).toContain('11:54');
    const second = await dept.get('/audit?person=busy+bee&page=2').expect(200);
    expect(second.text.match(/<tr>/g)).toHaveLength(6);
  });

  it('reads each page of events in the same number of statements, however many there are', async () => {
    const few = await createUser(t.db, { municipalityId: city.id, roles: ['teacher'], displayName: 'Few Events' });
    const many = await createUser(t.db, { municipalityId: city.id, roles: ['teacher'], displayName: 'Many Events' });
    for (let i = 0; i < 3; i++) await record({ actorId: few.id, municipalityId: city.id, action: 'user.updated', subjectType: 'user', subjectId: few.id });
    for (let i = 0; i < 30; i++) await record({ actorId: many.id, municipalityId: city.id, action: 'user.updated', subjectType: 'user', subjectId: many.id });
    const small = await countQueries(t.db, () => dept.get('/audit?person=few+events').expect(200));
    const large = await countQueries(t.db, () => dept.get('/audit?person=many+events').expect(200));
    expect(large.count).toBe(small.count);
  });

  it('exports the filtered events as spreadsheet-safe CSV, and audits the export', async () => {
    const sly = await createUser(t.db, {
      municipalityId: city.id,
      roles: ['teacher'],
      displayName: '=HYPERLINK("http://evil.example")',
      email: 'sly.formula@example.test',
    });
    await record({ actorId: sly.id, municipalityId: city.id, action: 'profile.updated', subjectType: 'user', subjectId: sly.id, ip: '10.9.9.9' });
    await record({ municipalityId: otherCity.id, action: 'profile.updated', details: { marker: 'other-city-export' } });
    const page = await dept.get('/audit?person=sly.formula').expect(200);
    expect(attributes(page.text)).toContain('href="/audit.csv?person=sly.formula"');

    const res = await dept.get('/audit.csv?person=sly.formula').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?audit-log-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const rows = parse(res.text, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['occurred_at', 'actor_name', 'actor_email', 'action', 'subject_type', 'subject_id', 'subject_name', 'address', 'details']);
    expect(rows).toHaveLength(2);
    expect(rows[1].slice(1, 8)).toEqual([
      `'=HYPERLINK("http://evil.example")`,
      'sly.formula@example.test',
      'profile.updated',
      'user',
      sly.id,
      `'=HYPERLINK("http://evil.example")`,
      '10.9.9.9',
    ]);
    const everything = await dept.get('/audit.csv').expect(200);
    expect(everything.text).not.toContain('other-city-export');

    const [exported] = await t.db.query(`SELECT actor_id, municipality_id, details FROM audit_event WHERE action = 'audit.exported' ORDER BY id LIMIT 1`);
    expect(exported).toEqual({ actor_id: deptUser.id, municipality_id: city.id, details: { filters: { person: 'sly.formula' }, rows: 1 } });
  });

  it('is in the navigation of administrators only, and refused to everyone else', async () => {
    expect((await dept.get('/').expect(200)).text).toContain('<a href="/audit">Audit log</a>');
    const teacher = await signIn(t, await createUser(t.db, { municipalityId: city.id, roles: ['teacher', 'mentor'] }));
    expect((await teacher.get('/').expect(200)).text).not.toContain('href="/audit"');
    await teacher.get('/audit').expect(403);
    await teacher.get('/audit.csv').expect(403);
  });

  it('answers a malformed filter with 400, never a 500', async () => {
    for (const query of ['action=drop.tables', 'from=2026-02-30', 'to=yesterday', 'page=0', `person=${'x'.repeat(201)}`])
      await dept.get(`/audit?${query}`).expect(400);
    await dept.get('/audit.csv?from=2026-13-01').expect(400);
  });

  it('writes nothing when it is only read', async () => {
    await dept.get('/audit').expect(200);
    const { events } = await countQueries(t.db, () => dept.get('/audit?action=profile.updated').expect(200));
    expect(events.filter((e) => /^\s*(INSERT|UPDATE|DELETE)/i.test(e.text))).toEqual([]);
  });
});
