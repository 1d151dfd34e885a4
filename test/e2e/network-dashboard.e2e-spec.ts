import { createMunicipality, createUser, type TestUser } from '../support/factories.js';
import { buildCohort, type CohortWorld, createProgramme, enrol, setProgress } from '../support/progress-factories.js';
import { countQueries } from '../support/query-counter.js';
import { anonymousAgent, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const REFLECTION = 'NETWORK-PAGE-MUST-NOT-SHOW-THIS-REFLECTION';

/** The cells of the row whose header is `name`, as the page shows them (text only). */
function rowOf(html: string, name: string): string[] | undefined {
  const rows = [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1].replace(/<[^>]+>/g, '').trim()),
  );
  return rows.find((cells) => cells[0] === name);
}

/**
 * The cities side by side (issue 14 §4, §6): every figure checked against a hand count, withdrawn
 * teachers left out, the small-numbers rule, each role's refusals, and no person's text.
 */
describe('cities compared', () => {
  let t: TestApp;
  let a: CohortWorld; // 10 teachers (and one withdrawn): 5 completed, 5 at risk, 5 met lately
  let b: CohortWorld; // 3 teachers: every figure rests on fewer than 5
  let d: CohortWorld; // 6 teachers, all completed
  let network: TestUser;

  /** Two required modules, both due: approving both completes the programme; neither makes two overdue (at risk). */
  const world = (teacherCount: number, nameEn: string) =>
    createMunicipality(t.db, { nameEn, locale: 'en' }).then((city) =>
      buildCohort(t.db, { city, teacherCount, modules: [{ title: 'First', method: 'approval', due: -10 }, { title: 'Second', method: 'approval', due: -5 }] }),
    );
  const complete = async (w: CohortWorld, teachers: TestUser[]) => {
    for (const teacher of teachers) for (const module of w.modules) await setProgress(t.db, w.cohort.id, teacher.id, module.id, 'approved', 3);
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = await world(10, 'Alpha City');
    b = await world(3, 'Beta Town');
    await world(6, 'Gamma City'); // 6 teachers, all at risk
    d = await world(6, 'Delta City');
    await complete(a, a.teachers.slice(0, 5));
    await complete(b, b.teachers.slice(0, 1));
    await complete(d, d.teachers);
    // A withdrawn teacher of Alpha, who completed: counted nowhere.
    const gone = await createUser(t.db, { municipalityId: a.city.id, displayName: 'Gone Gila' });
    await enrol(t.db, a.cohort.id, a.city.id, gone.id, 'teacher', { groupId: a.groupId, status: 'withdrawn' });
    await complete(a, [gone]);
    // Five of Alpha's teachers attended a session 3 days ago; one more was absent; a cancelled one does not count.
    const [session] = await t.db.query<{ id: string }>(
      `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at) VALUES ($1, $2, $3, now() - interval '3 days', now() - interval '3 days' + interval '1 hour') RETURNING id`,
      [a.city.id, a.cohort.id, a.mentor.id],
    );
    for (const [i, teacher] of a.teachers.slice(0, 6).entries())
      await t.db.query(`INSERT INTO mentoring_participant (session_id, teacher_id, attended) VALUES ($1, $2, $3)`, [session.id, teacher.id, i < 5]);
    const [cancelled] = await t.db.query<{ id: string }>(
      `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at, status) VALUES ($1, $2, $3, now() - interval '2 days', now() - interval '2 days' + interval '1 hour', 'cancelled') RETURNING id`,
      [a.city.id, a.cohort.id, a.mentor.id],
    );
    await t.db.query(`INSERT INTO mentoring_participant (session_id, teacher_id, attended) VALUES ($1, $2, true)`, [cancelled.id, a.teachers[9].id]);
    // One published reflection in Alpha: 1 of 10 is withheld (it would single that teacher out).
    await t.db.query(`INSERT INTO portfolio_entry (author_id, title, body_md, visibility, published_at) VALUES ($1, 'Mine', $2, 'cohort', now())`, [a.teachers[0].id, REFLECTION]);
    // A network template that Alpha's and Delta's programmes were copied from.
    const template = await createProgramme(t.db, { municipalityId: null, title: 'Network template of the test' });
    await t.db.query(`UPDATE programme SET origin_programme_id = $1 WHERE id = ANY($2::uuid[])`, [template.id, [a.programme.id, d.programme.id]]);
    network = await createUser(t.db, { roles: ['network_admin'], preferredLanguage: 'en' });
  }, 120_000);
  afterAll(() => t.close());

  it('shows a network admin every city side by side, counted by hand, with the median of the cities', async () => {
    const page = await (await signIn(t, network)).get('/network').expect(200);
    expect(page.text).toContain('<h1>Cities compared</h1>');
    expect(page.text).toContain('Figures only: no reflection, note or goal text.');
    // City, running cohorts, teachers, completed, at risk, met, checked in, reflected.
    expect(rowOf(page.text, 'Alpha City')).toEqual(['Alpha City', '1', '10', '50%', '50%', '50%', '0%', 'fewer than 5']);
    expect(rowOf(page.text, 'Beta Town')).toEqual(['Beta Town', '1', 'fewer than 5', 'fewer than 5', 'fewer than 5', 'fewer than 5', 'fewer than 5', 'fewer than 5']);
    expect(rowOf(page.text, 'Gamma City')).toEqual(['Gamma City', '1', '6', '0%', '100%', '0%', '0%', '0%']);
    expect(rowOf(page.text, 'Delta City')).toEqual(['Delta City', '1', '6', '100%', '0%', '0%', '0%', '0%']);
    // Medians of the cities whose figure is shown (Beta's are withheld); reflected rests on two cities only.
    expect(rowOf(page.text, 'Network median')).toEqual(['Network median', '', '', '50%', '50%', '0%', '0%', 'too few cities']);
    expect(page.text).not.toContain(REFLECTION);
    expect(page.text).not.toContain('Gone Gila');
    // The chart: a title, a summary and a bar per city, Beta's without a bar.
    expect(page.text).toMatch(/<svg class="bar-chart"[^>]*role="img"/);
    expect(page.text).toContain('<title id="completion-chart-title">Share of teachers who completed the programme</title>');
    expect(page.text).toContain('Completion in 4 cities. The network&#x27;s median is 50%.');
    // The templates and the cities using them.
    const templateRow = rowOf(page.text, 'Network template of the test');
    expect(templateRow?.slice(1)).toEqual(['2', 'Alpha City, Delta City']);
  });

  it('shows a department admin their own city against the network median, and no other city by name', async () => {
    const admin = await signIn(t, a.admin);
    const page = await admin.get('/network').expect(200);
    expect(rowOf(page.text, 'Alpha City')).toEqual(['Alpha City', '1', '10', '50%', '50%', '50%', '0%', 'fewer than 5']);
    expect(rowOf(page.text, 'Network median')).toEqual(['Network median', '', '', '50%', '50%', '0%', '0%', 'too few cities']);
    for (const other of ['Beta Town', 'Gamma City', 'Delta City', 'Network template of the test']) {
      expect(page.text).not.toContain(other);
    }
    const csv = await admin.get('/network/cities.csv').expect(200);
    for (const other of ['Beta Town', 'Gamma City', 'Delta City']) expect(csv.text).not.toContain(other);
    expect(csv.text).toContain('Alpha City');
  });

  it('downloads the table as a spreadsheet-safe CSV in the reader’s language, and audits it', async () => {
    const agent = await signIn(t, network);
    const csv = await agent.get('/network/cities.csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="cities-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'City,Running cohorts,Teachers,Completed,At risk,Had a mentoring session in the last 30 days,Made a goal check-in in the last 30 days,Published a reflection in the last 30 days',
    );
    expect(lines).toContain('Alpha City,1,10,50%,50%,50%,0%,fewer than 5');
    expect(lines).toContain('Beta Town,1,fewer than 5,fewer than 5,fewer than 5,fewer than 5,fewer than 5,fewer than 5');
    expect(lines).toContain('Network median,,,50%,50%,0%,0%,too few cities');
    const [audit] = await t.db.query<{ details: { report: string } }>(
      `SELECT details FROM audit_event WHERE actor_id = $1 AND action = 'report.exported' ORDER BY occurred_at DESC LIMIT 1`,
      [network.id],
    );
    expect(audit.details.report).toBe('network_cities');
  });

  it('reads right to left in Hebrew: the labels on the right, the bars growing leftwards', async () => {
    await t.db.query(`UPDATE app_user SET preferred_language = 'he' WHERE id = $1`, [network.id]);
    try {
      const page = await (await signIn(t, network)).get('/network').expect(200);
      expect(page.text).toContain('<html lang="he" dir="rtl">');
      expect(page.text).toContain('<h1>השוואת רשויות</h1>');
      const bar = /<text class="bar-label" x="(\d+)"[^>]*>עיר Alpha City<\/text>\s*<rect x="(\d+)"[^>]*width="(\d+)"/.exec(page.text);
      expect(bar).not.toBeNull();
      const [, labelX, barX, width] = bar!.map(Number);
      expect(labelX).toBeGreaterThan(barX + width);
      expect(page.text).toContain('פחות מ־5');
    } finally {
      await t.db.query(`UPDATE app_user SET preferred_language = 'en' WHERE id = $1`, [network.id]);
    }
  });

  it('refuses mentors and teachers, and sends the signed-out to sign in', async () => {
    await (await signIn(t, a.mentor)).get('/network').expect(403);
    await (await signIn(t, a.teachers[0])).get('/network/cities.csv').expect(403);
    const { agent } = await anonymousAgent(t);
    const res = await agent.get('/network').expect(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('sends as many statements for a city of 200 teachers as for one of 10', async () => {
    const agent = await signIn(t, network);
    const small = await countQueries(t.db, () => agent.get('/network').expect(200));
    await world(200, 'Big City');
    const large = await countQueries(t.db, () => agent.get('/network').expect(200));
    expect(large.count).toBe(small.count);
    expect(rowOf(large.result.text, 'Big City')?.[2]).toBe('200');
  });
});
