import { MailService } from '../../src/notifications/mail.service.js';
import { createMunicipality, createSchool, createUser, type TestUser } from '../support/factories.js';
import { writtenMails } from '../support/mail.js';
import { buildCohort, type CohortWorld, createMentorGroup, createModule, createProgramme, enrol, setProgress } from '../support/progress-factories.js';
import { countQueries } from '../support/query-counter.js';
import { signIn, type SignedInAgent } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Issue 10 §5: what a department admin does on a cohort's pages and the people pages. */

/** Invitations are queued from a background job that itself sends in the background: wait for both. */
async function settleMail(): Promise<void> {
  await t.app.get(MailService).settled();
  await t.app.get(MailService).settled();
}

function binary(res: { body: unknown }): string {
  return (res.body as Buffer).toString('utf8').replace(/^\uFEFF/, '');
}

async function csv(agent: SignedInAgent, path: string, status = 200) {
  return agent
    .get(path)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    })
    .expect(status);
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('department admin: the progress CSV', () => {
  let w: CohortWorld;
  let admin: SignedInAgent;
  let hebrewAdmin: SignedInAgent;
  let today: string;

  beforeAll(async () => {
    const city = await createMunicipality(t.db);
    // A city far from the server's clock, so a time written in UTC would show the wrong day.
    await t.db.query(`UPDATE municipality SET time_zone = 'Pacific/Auckland' WHERE id = $1`, [city.id]);
    w = await buildCohort(t.db, {
      city,
      teacherCount: 2,
      teacherNames: ['Avital Amir', 'Boaz Ben'],
      modules: [
        { title: 'First steps', due: -2, opens: -20 },
        { title: 'Second steps', due: 20, opens: -20 },
      ],
    });
    await t.db.query(`UPDATE cohort SET name = $2 WHERE id = $1`, [w.cohort.id, 'מחזור "א" / 2026']);
    const approved = await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[0].id, 'approved', 3);
    const submitted = await setProgress(t.db, w.cohort.id, w.teachers[0].id, w.modules[1].id, 'submitted', 2);
    await t.db.query(`UPDATE progress_event SET occurred_at = '2026-06-01T10:00:00Z' WHERE progress_id = $1`, [approved]);
    // 20:30 UTC on 30 June is 08:30 on 1 July in Auckland.
    await t.db.query(`UPDATE progress_event SET occurred_at = '2026-06-30T20:30:00Z' WHERE progress_id = $1`, [submitted]);
    [{ today }] = await t.db.query(`SELECT to_char((now() AT TIME ZONE 'Pacific/Auckland')::date, 'YYYY-MM-DD') AS today`);
    admin = await signIn(t, w.admin);
    const hebrew = await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'], preferredLanguage: 'he' });
    hebrewAdmin = await signIn(t, hebrew);
  });

  it('writes headers and statuses in the reader’s language, and keeps a fixed language with ?lang=', async () => {
    const hebrew = binary(await csv(hebrewAdmin, `/cohorts/${w.cohort.id}/progress.csv`)).split('\r\n');
    expect(hebrew[0]).toBe('שם,דוא״ל,בית ספר,חונך/ת,מצב,יחידות שאושרו,יחידות חובה,מפגשי חונכות,רפלקציות,פעילות אחרונה (Pacific/Auckland)');
    expect(hebrew.find((l) => l.startsWith('Avital Amir,'))).toContain(',בקצב,');
    const english = binary(await csv(hebrewAdmin, `/cohorts/${w.cohort.id}/progress.csv?lang=en`)).split('\r\n');
    expect(english[0]).toBe('Name,E-mail,School,Mentor,Status,Modules approved,Modules required,Mentoring sessions attended,Reflections,Last activity (Pacific/Auckland)');
    expect(english.find((l) => l.startsWith('Avital Amir,'))).toContain(',On track,');
    const arabic = binary(await csv(admin, `/cohorts/${w.cohort.id}/progress.csv?lang=ar`)).split('\r\n');
    expect(arabic[0].startsWith('الاسم,')).toBe(true);
    await csv(admin, `/cohorts/${w.cohort.id}/progress.csv?lang=fr`, 400);
  });

  it('gives times on the city’s clock', async () => {
    const lines = binary(await csv(admin, `/cohorts/${w.cohort.id}/progress.csv?lang=en`)).split('\r\n');
    expect(lines.find((l) => l.startsWith('Avital Amir,'))).toMatch(/,2026-07-01 08:30$/);
    expect(lines.find((l) => l.startsWith('Boaz Ben,'))).toMatch(/,$/);
  });

  it('names the file after the cohort and the city’s date, safely, with an RFC 5987 filename*', async () => {
    const res = await csv(hebrewAdmin, `/cohorts/${w.cohort.id}/progress.csv`);
    const header = res.headers['content-disposition'] as string;
    const fallback = /filename="([^"]*)"/.exec(header)![1];
    expect(fallback).toMatch(/^[\x20-\x7e]+$/);
    expect(fallback.endsWith(`${today}.csv`)).toBe(true);
    const encoded = /filename\*=UTF-8''(\S+)$/.exec(header)![1];
    // The slash cannot make a path, and the quotes cannot end the header's value.
    expect(decodeURIComponent(encoded)).toBe(`מחזור א - 2026 - התקדמות ${today}.csv`);
  });

  it('adds a column per module on request, in one statement whatever the number of teachers', async () => {
    const lines = binary(await csv(admin, `/cohorts/${w.cohort.id}/progress.csv?lang=en&modules=1`)).split('\r\n');
    expect(lines[0].endsWith(',Last activity (Pacific/Auckland),First steps,Second steps')).toBe(true);
    expect(lines.find((l) => l.startsWith('Avital Amir,'))).toMatch(/,Approved,Waiting for review$/);
    expect(lines.find((l) => l.startsWith('Boaz Ben,'))).toMatch(/,Not started,Not started$/);
    const without = binary(await csv(admin, `/cohorts/${w.cohort.id}/progress.csv?lang=en`)).split('\r\n');
    expect(without[0]).not.toContain('First steps');
    await csv(admin, `/cohorts/${w.cohort.id}/progress.csv?modules=yes`, 400);

    const few = await countQueries(t.db, () => csv(admin, `/cohorts/${w.cohort.id}/progress.csv?modules=1`));
    for (let i = 0; i < 10; i++) {
      const teacher = await createUser(t.db, { municipalityId: w.city.id, schoolId: w.school.id });
      await enrol(t.db, w.cohort.id, w.city.id, teacher.id, 'teacher', { groupId: w.groupId });
      await setProgress(t.db, w.cohort.id, teacher.id, w.modules[i % 2].id, 'approved');
    }
    const many = await countQueries(t.db, () => csv(admin, `/cohorts/${w.cohort.id}/progress.csv?modules=1`));
    expect(many.count).toBe(few.count);
  });

  it('links each figure and each teacher on the cohort page to the list behind it', async () => {
    const page = await admin.get(`/cohorts/${w.cohort.id}`).expect(200);
    expect(page.text).toContain(`href="/cohorts/${w.cohort.id}?status&#x3D;on_track"`);
    expect(page.text).toContain(`href="/cohorts/${w.cohort.id}?status&#x3D;at_risk"`);
    expect(page.text).toContain(`href="/cohorts/${w.cohort.id}/members?role&#x3D;teacher&amp;status&#x3D;active"`);
    const [member] = await t.db.query(`SELECT id FROM cohort_member WHERE cohort_id = $1 AND user_id = $2`, [w.cohort.id, w.teachers[0].id]);
    expect(page.text).toContain(`href="/cohorts/${w.cohort.id}/members/${member.id}"><bdi>Avital Amir</bdi></a>`);
    expect(page.text).toContain(`href="/cohorts/${w.cohort.id}/progress.csv?modules&#x3D;1"`);
  });

  it('names a group’s mentor once in the filter, even when the group is named after them', async () => {
    await createMentorGroup(t.db, w.cohort.id, w.mentor.id, `Mentoring circle 1 (${w.mentor.displayName})`);
    const page = await admin.get(`/cohorts/${w.cohort.id}`).expect(200);
    expect(page.text).toContain(`Mentoring circle 1 (${w.mentor.displayName})</option>`);
    expect(page.text).not.toContain(`(${w.mentor.displayName}) (${w.mentor.displayName})`);
  });
});

describe('department admin: mentor groups for many teachers in one Save', () => {
  let w: CohortWorld;
  let admin: SignedInAgent;
  let secondMentor: TestUser;
  let secondGroup: string;
  let members: string[];

  const groupsOf = async () =>
    (await t.db.query(`SELECT id, mentor_group_id AS "groupId" FROM cohort_member WHERE id = ANY($1::uuid[]) ORDER BY id`, [members])).map(
      (r: { id: string; groupId: string }) => [r.id, r.groupId] as [string, string],
    );

  beforeAll(async () => {
    w = await buildCohort(t.db, { teacherCount: 3, modules: [{}] });
    secondMentor = await createUser(t.db, { municipalityId: w.city.id, displayName: 'Second Mentor' });
    await enrol(t.db, w.cohort.id, w.city.id, secondMentor.id, 'mentor');
    secondGroup = (await createMentorGroup(t.db, w.cohort.id, secondMentor.id, 'Second circle')).id;
    members = (
      await t.db.query(`SELECT id FROM cohort_member WHERE cohort_id = $1 AND role = 'teacher' AND user_id = ANY($2::uuid[]) ORDER BY user_id`, [
        w.cohort.id,
        w.teachers.map((x) => x.id),
      ])
    ).map((r: { id: string }) => r.id);
    admin = await signIn(t, w.admin);
  });

  it('shows one form with a group choice per teacher and one Save button', async () => {
    const page = await admin.get(`/cohorts/${w.cohort.id}/groups`).expect(200);
    expect(page.text).toContain(`action="/cohorts/${w.cohort.id}/groups/teachers"`);
    for (const id of members) expect(page.text).toContain(`name="groups[${id}]"`);
    expect(page.text.match(/Save the groups/g)).toHaveLength(1);
  });

  it('moves several teachers at once: history, audit and a message for each whose mentor changes', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE recipient_id = ANY($1::uuid[])`, [w.teachers.map((x) => x.id)]);
    const res = await admin
      .post(`/cohorts/${w.cohort.id}/groups/teachers`, { [`groups[${members[0]}]`]: secondGroup, [`groups[${members[1]}]`]: secondGroup, [`groups[${members[2]}]`]: w.groupId })
      .expect(303);
    expect(res.headers.location).toBe(`/cohorts/${w.cohort.id}/groups`);
    const groups = new Map(await groupsOf());
    expect(groups.get(members[0])).toBe(secondGroup);
    expect(groups.get(members[1])).toBe(secondGroup);
    expect(groups.get(members[2])).toBe(w.groupId);
    const events = await t.db.query(`SELECT cohort_member_id AS id, note FROM cohort_member_event WHERE action = 'group_changed' AND cohort_member_id = ANY($1::uuid[])`, [
      members,
    ]);
    expect(events.map((e: { id: string }) => e.id).sort()).toEqual([members[0], members[1]].sort());
    expect(events.every((e: { note: string }) => e.note === 'Second circle')).toBe(true);
    const audit = await t.db.query(`SELECT subject_id AS "subjectId", actor_id AS "actorId", details FROM audit_event WHERE action = 'cohort.group_assigned'`);
    expect(audit).toHaveLength(2);
    for (const row of audit) expect(row).toMatchObject({ actorId: w.admin.id, details: { toGroupId: secondGroup, mentorId: secondMentor.id, fromGroupId: w.groupId } });
    const told = await t.db.query(`SELECT recipient_id AS "to", kind FROM notification WHERE recipient_id = ANY($1::uuid[])`, [w.teachers.map((x) => x.id)]);
    expect(told.length - before[0].n).toBe(2);
    expect(told.every((n: { kind: string }) => n.kind === 'cohorts.mentorChanged')).toBe(true);
    const page = await admin.get(`/cohorts/${w.cohort.id}/groups`).expect(200);
    expect(page.text).toContain('2 teachers moved');
  });

  it('says so when nothing changed, and writes nothing', async () => {
    await admin.post(`/cohorts/${w.cohort.id}/groups/teachers`, { [`groups[${members[0]}]`]: secondGroup }).expect(303);
    const page = await admin.get(`/cohorts/${w.cohort.id}/groups`).expect(200);
    expect(page.text).toContain('Nothing changed');
    expect(await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'cohort.group_assigned'`)).toHaveLength(2);
  });

  it('refuses the whole save (403) when one move would put a teacher in a group the admin mentors', async () => {
    await enrol(t.db, w.cohort.id, w.city.id, w.admin.id, 'mentor');
    const own = (await createMentorGroup(t.db, w.cohort.id, w.admin.id, 'Admin’s own circle')).id;
    const before = await groupsOf();
    const res = await admin
      .post(`/cohorts/${w.cohort.id}/groups/teachers`, { [`groups[${members[0]}]`]: '', [`groups[${members[2]}]`]: own })
      .expect(403);
    expect(res.text).toContain('You cannot put teachers in a group you mentor');
    expect(await groupsOf()).toEqual(before);
    const page = await admin.get(`/cohorts/${w.cohort.id}/groups`).expect(200);
    expect(page.text).not.toContain(`<option value="${own}"`);
  });

  it('refuses another cohort’s member (404), a mentor (400) and a malformed id (400), changing nothing', async () => {
    const other = await buildCohort(t.db, { teacherCount: 1, modules: [{}], city: w.city });
    const [stranger] = await t.db.query(`SELECT id FROM cohort_member WHERE cohort_id = $1 AND role = 'teacher'`, [other.cohort.id]);
    const [mentorMember] = await t.db.query(`SELECT id FROM cohort_member WHERE cohort_id = $1 AND user_id = $2`, [w.cohort.id, secondMentor.id]);
    const before = await groupsOf();
    await admin.post(`/cohorts/${w.cohort.id}/groups/teachers`, { [`groups[${members[1]}]`]: '', [`groups[${stranger.id}]`]: '' }).expect(404);
    await admin.post(`/cohorts/${w.cohort.id}/groups/teachers`, { [`groups[${mentorMember.id}]`]: secondGroup }).expect(400);
    await admin.post(`/cohorts/${w.cohort.id}/groups/teachers`, { 'groups[not-an-id]': secondGroup }).expect(400);
    await admin.post(`/cohorts/${w.cohort.id}/groups/teachers`, { [`groups[${members[1]}]`]: 'not-a-group' }).expect(404);
    expect(await groupsOf()).toEqual(before);
    const far = await signIn(t, await createUser(t.db, { roles: ['department_admin'] }));
    await far.post(`/cohorts/${w.cohort.id}/groups/teachers`, { [`groups[${members[1]}]`]: '' }).expect(404);
  });

  it('writes the moves set-based: as many statements for 2 teachers as for 12', async () => {
    const c = await buildCohort(t.db, { teacherCount: 12, modules: [{}], city: w.city });
    const g2 = (await createMentorGroup(t.db, c.cohort.id, secondMentor.id)).id;
    await enrol(t.db, c.cohort.id, w.city.id, secondMentor.id, 'mentor');
    const ids = (await t.db.query(`SELECT id FROM cohort_member WHERE cohort_id = $1 AND role = 'teacher' ORDER BY id`, [c.cohort.id])).map(
      (r: { id: string }) => r.id,
    );
    const agent = await signIn(t, c.admin);
    const move = (some: string[], to: string) => Object.fromEntries(some.map((id) => [`groups[${id}]`, to]));
    const two = await countQueries(t.db, () => agent.post(`/cohorts/${c.cohort.id}/groups/teachers`, move(ids.slice(0, 2), g2)).expect(303));
    const twelve = await countQueries(t.db, () => agent.post(`/cohorts/${c.cohort.id}/groups/teachers`, move(ids, '')).expect(303));
    const nonAudit = (events: { name: string | null }[]) => events.filter((e) => e.name !== null && !e.name.startsWith('audit.')).length;
    expect(nonAudit(twelve.events)).toBe(nonAudit(two.events));
  });
});

describe('department admin: the member picker', () => {
  let w: CohortWorld;
  let admin: SignedInAgent;
  let people: Record<'north' | 'south' | 'cityMentor' | 'otherAdmin', TestUser>;
  let north: { id: string; name: string };

  beforeAll(async () => {
    w = await buildCohort(t.db, { teacherCount: 0, modules: [{}] });
    north = await createSchool(t.db, w.city.id, 'North school');
    const south = await createSchool(t.db, w.city.id, 'South school');
    people = {
      north: await createUser(t.db, { municipalityId: w.city.id, schoolId: north.id, displayName: 'Noa North' }),
      south: await createUser(t.db, { municipalityId: w.city.id, schoolId: south.id, displayName: 'Sami South' }),
      cityMentor: await createUser(t.db, { municipalityId: w.city.id, schoolId: north.id, displayName: 'Mira Mentor', roles: ['mentor'] }),
      otherAdmin: await createUser(t.db, { municipalityId: w.city.id, displayName: 'Other Admin', roles: ['department_admin'] }),
    };
    admin = await signIn(t, w.admin);
  });

  it('offers the city’s people as teachers, but not mentors, administrators or the admin herself', async () => {
    const page = await admin.get(`/cohorts/${w.cohort.id}/members/new?role=teacher`).expect(200);
    expect(page.text).toContain(`value="${people.north.id}"`);
    expect(page.text).toContain(`value="${people.south.id}"`);
    for (const id of [w.mentor.id, people.cityMentor.id, people.otherAdmin.id, w.admin.id]) expect(page.text).not.toContain(`value="${id}"`);
    expect(page.text).toContain('Mentors and administrators, you among them, are not offered as teachers.');
    const mentors = await admin.get(`/cohorts/${w.cohort.id}/members/new?role=mentor`).expect(200);
    expect(mentors.text).toContain(`value="${people.cityMentor.id}"`);
  });

  it('filters by school, role and name', async () => {
    const bySchool = await admin.get(`/cohorts/${w.cohort.id}/members/new?role=teacher&school=${north.id}`).expect(200);
    expect(bySchool.text).toContain(`value="${people.north.id}"`);
    expect(bySchool.text).not.toContain(`value="${people.south.id}"`);
    expect(bySchool.text).toMatch(new RegExp(`<option value="${north.id}" dir="auto" selected>North school</option>`));
    const byName = await admin.get(`/cohorts/${w.cohort.id}/members/new?role=teacher&q=Sami`).expect(200);
    expect(byName.text).toContain(`value="${people.south.id}"`);
    expect(byName.text).not.toContain(`value="${people.north.id}"`);
    const none = await admin.get(`/cohorts/${w.cohort.id}/members/new?role=teacher&q=Nobody-at-all`).expect(200);
    expect(none.text).toContain('Try another school or name.');
    await admin.get(`/cohorts/${w.cohort.id}/members/new?school=not-a-school`).expect(400);
    await admin.get(`/cohorts/${w.cohort.id}/members/new?role=owner`).expect(400);
  });

  it('selects all shown with one link that keeps the filters, and enrols them in one Save', async () => {
    const page = await admin.get(`/cohorts/${w.cohort.id}/members/new?role=teacher&school=${north.id}`).expect(200);
    expect(page.text).toContain(`href="/cohorts/${w.cohort.id}/members/new?role&#x3D;teacher&amp;school&#x3D;${north.id}&amp;all&#x3D;1"`);
    const ticked = await admin.get(`/cohorts/${w.cohort.id}/members/new?role=teacher&all=1`).expect(200);
    expect(ticked.text).toContain(`value="${people.north.id}" checked`);
    expect(ticked.text).toContain(`value="${people.south.id}" checked`);
    expect(ticked.text).toContain('Clear the selection');
    await admin.post(`/cohorts/${w.cohort.id}/members`, { role: 'teacher', userIds: [people.north.id, people.south.id] }).expect(303);
    const enrolled = await t.db.query(`SELECT user_id FROM cohort_member WHERE cohort_id = $1 AND role = 'teacher'`, [w.cohort.id]);
    expect(enrolled).toHaveLength(2);
  });

  it('refuses a mentor or an administrator sent as a teacher anyway (422), enrolling nobody', async () => {
    for (const id of [w.mentor.id, people.cityMentor.id, w.admin.id]) {
      const res = await admin.post(`/cohorts/${w.cohort.id}/members`, { role: 'teacher', userIds: [id] }).expect(422);
      expect(res.text).toContain('Mentors and administrators cannot be enrolled as teachers.');
    }
    const enrolled = await t.db.query(`SELECT user_id FROM cohort_member WHERE cohort_id = $1 AND role = 'teacher'`, [w.cohort.id]);
    expect(enrolled).toHaveLength(2);
  });
});

describe('department admin: a new cohort from the cohorts page, and prerequisites as checkboxes', () => {
  let w: CohortWorld;
  let admin: SignedInAgent;

  beforeAll(async () => {
    w = await buildCohort(t.db, { teacherCount: 0, modules: [{ title: 'Opening module' }, { title: 'Second module' }], programme: { title: 'Leading learning' } });
    admin = await signIn(t, w.admin);
  });

  it('offers the city’s programmes on the cohorts page, telling two of the same title apart by city and version', async () => {
    const again = await createProgramme(t.db, { municipalityId: w.city.id, title: 'Leading learning' });
    const elsewhere = await createProgramme(t.db, { municipalityId: (await createMunicipality(t.db)).id, title: 'Leading learning' });
    const page = await admin.get('/cohorts').expect(200);
    expect(page.text).toContain('action="/cohorts/new"');
    const options = [...page.text.matchAll(/<option value="([0-9a-f-]{36})"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
    const first = options.find(([id]) => id === w.programme.id)![1];
    const second = options.find(([id]) => id === again.id)![1];
    expect(first).toMatch(/^Leading learning — .+ · version 1, created \d{4}-\d{2}-\d{2}$/);
    expect(second).toMatch(/^Leading learning — .+ · version 2, created /);
    expect(options.some(([id]) => id === elsewhere.id)).toBe(false);
  });

  it('opens the new cohort form of the programme chosen there, and refuses another city’s', async () => {
    const res = await admin.get(`/cohorts/new?programme=${w.programme.id}`).expect(303);
    expect(res.headers.location).toBe(`/programmes/${w.programme.id}/cohorts/new`);
    const form = await admin.get(res.headers.location).expect(200);
    expect(form.text).toContain('Leading learning');
    expect(form.text).toContain(`action="/programmes/${w.programme.id}/cohorts"`);
    const elsewhere = await createProgramme(t.db, { municipalityId: (await createMunicipality(t.db)).id });
    await admin.get(`/cohorts/new?programme=${elsewhere.id}`).expect(404);
    await admin.get('/cohorts/new?programme=not-an-id').expect(400);
    const teacher = await signIn(t, await createUser(t.db, { municipalityId: w.city.id }));
    await teacher.get(`/cohorts/new?programme=${w.programme.id}`).expect(403);
  });

  it('chooses prerequisites with checkboxes, ticked as saved', async () => {
    const third = await createModule(t.db, w.programme.id, w.phaseId, 2, { title: 'Third module', prerequisiteIds: [w.modules[0].id] });
    const form = await admin.get(`/programmes/${w.programme.id}/modules/${third.id}/edit`).expect(200);
    expect(form.text).not.toContain('multiple');
    expect(form.text).toContain(`<input type="checkbox" id="prerequisite-${w.modules[0].id}" name="prerequisiteIds" value="${w.modules[0].id}" checked>`);
    expect(form.text).toContain(`<input type="checkbox" id="prerequisite-${w.modules[1].id}" name="prerequisiteIds" value="${w.modules[1].id}">`);
    expect(form.text).toContain(`<label for="prerequisite-${w.modules[1].id}"`);
  });
});

describe('department admin: new and imported people sent their invitation at once', () => {
  let city: { id: string; nameEn: string };
  let admin: SignedInAgent;
  let school: { id: string; name: string };
  const mailsTo = (address: string) => writtenMails(t.config.dataDir).filter((m) => new RegExp(`^To: ${address.replace(/[.]/g, '\\.')}$`, 'm').test(m));

  beforeAll(async () => {
    city = await createMunicipality(t.db);
    school = await createSchool(t.db, city.id, 'Invite school');
    admin = await signIn(t, await createUser(t.db, { municipalityId: city.id, roles: ['department_admin'], preferredLanguage: 'en' }));
  });

  it('ticks "send the invitation now" on the new-person and import forms', async () => {
    const form = await admin.get('/users/new').expect(200);
    expect(form.text).toMatch(/<input id="sendInvite" name="sendInvite" type="checkbox" value="yes" checked/);
    const importForm = await admin.get('/users/import').expect(200);
    expect(importForm.text).toMatch(/<input id="sendInvite" name="sendInvite" type="checkbox" value="yes" checked/);
  });

  it('mails a new person their invitation after the response when ticked, and not when unticked', async () => {
    await admin.post('/users', { email: 'invited.now@example.test', displayName: 'Invited Now', sendInvite: 'yes' }).expect(303);
    await admin.post('/users', { email: 'invited.later@example.test', displayName: 'Invited Later' }).expect(303);
    await settleMail();
    expect(mailsTo('invited.now@example.test')).toHaveLength(1);
    expect(mailsTo('invited.now@example.test')[0]).toMatch(/password-reset\//);
    expect(mailsTo('invited.later@example.test')).toHaveLength(0);
    const [invited] = await t.db.query(`SELECT id FROM app_user WHERE email = 'invited.now@example.test'`);
    const audit = await t.db.query(`SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY id`, [invited.id]);
    expect(audit.map((a: { action: string }) => a.action)).toContain('password.invite_sent');
  });

  it('keeps the box as typed when the form comes back with an error', async () => {
    const res = await admin.post('/users', { email: 'not-an-address', displayName: 'Bad Address' }).expect(400);
    expect(res.text).toMatch(/<input id="sendInvite" name="sendInvite" type="checkbox" value="yes" aria-describedby/);
  });

  it('mails every person an import creates (not those it updates) when ticked', async () => {
    const existing = await createUser(t.db, { municipalityId: city.id, email: 'already.here@example.test' });
    const upload = await admin.agent
      .post('/users/import')
      .field('_csrf', admin.csrf)
      .field('sendInvite', 'yes')
      .attach('file', Buffer.from(`email,name,school\nimported.one@example.test,One,${school.name}\nimported.two@example.test,Two,${school.name}\n${existing.email},Here,${school.name}\n`), {
        filename: 'people.csv',
        contentType: 'text/csv',
      })
      .expect(303);
    expect(upload.headers.location).toBe('/users/import/summary');
    const summary = await admin.get('/users/import/summary').expect(200);
    expect(summary.text).toContain('Each of the 2 new people is being sent an invitation');
    await settleMail();
    expect(mailsTo('imported.one@example.test')).toHaveLength(1);
    expect(mailsTo('imported.two@example.test')).toHaveLength(1);
    expect(mailsTo('already.here@example.test')).toHaveLength(0);

    await admin.agent
      .post('/users/import')
      .field('_csrf', admin.csrf)
      .attach('file', Buffer.from(`email,name,school\nimported.quiet@example.test,Quiet,${school.name}\n`), { filename: 'people.csv', contentType: 'text/csv' })
      .expect(303);
    await settleMail();
    expect(mailsTo('imported.quiet@example.test')).toHaveLength(0);
  });
});
