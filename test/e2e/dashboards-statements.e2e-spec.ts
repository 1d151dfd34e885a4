import { COHORT_TABLES } from '../../src/dashboards/dashboards.service.js';
import { SnapshotsScheduler } from '../../src/dashboards/snapshots.scheduler.js';
import { createMunicipality, createUser, type TestUser } from '../support/factories.js';
import { addManyTeachers, buildCohort, type CohortWorld } from '../support/progress-factories.js';
import { countQueries } from '../support/query-counter.js';
import { signIn } from '../support/sign-in.js';
import { rowOf } from '../support/html-table.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 14, "done when": every dashboard sends as many SQL statements for a cohort of 500 teachers
 * as for one of 10, so none of them queries per teacher (N+1). Both cohorts are filled alike
 * (addManyTeachers: progress, sessions, action items, goals, check-ins, reflections), so every
 * section of every page has rows to show; a few figures are checked against the hand count too.
 */
describe('dashboards at 10 and at 500 teachers', () => {
  let t: TestApp;
  let small: CohortWorld;
  let large: CohortWorld;
  let network: TestUser;
  let networkAtTen: number;
  let smallTeachers: TestUser[];
  let largeTeachers: TestUser[];

  const world = async (nameEn: string, teachers: number) => {
    const city = await createMunicipality(t.db, { nameEn, locale: 'en' });
    const w = await buildCohort(t.db, { city, teacherCount: 0, modules: [{ title: 'Opening' }, { title: 'Practice' }] });
    return { w, teachers: await addManyTeachers(t.db, w, teachers) };
  };

  beforeAll(async () => {
    t = await createTestApp();
    network = await createUser(t.db, { roles: ['network_admin'], preferredLanguage: 'en' });
    ({ w: small, teachers: smallTeachers } = await world('Ten Town', 10));
    // The network view's count before the large city exists: the same page must not grow with it.
    const jobs = t.app.get(SnapshotsScheduler);
    await jobs.countCityFigures();
    const agent = await signIn(t, network);
    networkAtTen = (await countQueries(t.db, () => agent.get('/network').expect(200))).count;
    ({ w: large, teachers: largeTeachers } = await world('Five Hundred City', 500));
    await jobs.countCityFigures();
  }, 120_000);
  afterAll(() => t.close());

  /** The statements of one signed-in GET of `path` (the sign-in itself is not counted). */
  const statementsOf = async (person: TestUser, path: string) => {
    const agent = await signIn(t, person);
    return countQueries(t.db, () => agent.get(path).expect(200));
  };

  it('the network view', async () => {
    const page = await statementsOf(network, '/network');
    expect(page.count).toBe(networkAtTen);
    expect(rowOf(page.result.text, 'Five Hundred City')?.slice(1, 3)).toEqual(['1', '500']);
    expect(rowOf(page.result.text, 'Ten Town')?.slice(1, 3)).toEqual(['1', '10']);
  });

  it('a city’s figures', async () => {
    const ten = await statementsOf(network, `/network/cities/${small.city.id}`);
    const fiveHundred = await statementsOf(network, `/network/cities/${large.city.id}`);
    expect(fiveHundred.count).toBe(ten.count);
    // Every teacher met 3 days ago.
    expect(rowOf(fiveHundred.result.text, 'In the last 30 days')).toEqual(['In the last 30 days', '500']);
  });

  it('a cohort’s figures and their CSV downloads', async () => {
    const ten = await statementsOf(small.admin, `/cohorts/${small.cohort.id}/figures`);
    const fiveHundred = await statementsOf(large.admin, `/cohorts/${large.cohort.id}/figures`);
    expect(fiveHundred.count).toBe(ten.count);
    // Teachers 0, 3, … 498 approved both modules (167); 1, 4, … 499 handed in the first (167); 166 did nothing.
    expect(rowOf(fiveHundred.result.text, 'Opening')?.slice(1)).toEqual(['166', '0', '167', '0', '167']);
    expect(rowOf(fiveHundred.result.text, 'Practice')?.slice(1)).toEqual(['333', '0', '0', '0', '167']);
    for (const table of COHORT_TABLES) {
      const csvTen = await statementsOf(small.admin, `/cohorts/${small.cohort.id}/figures.csv?table=${table}`);
      const csvFiveHundred = await statementsOf(large.admin, `/cohorts/${large.cohort.id}/figures.csv?table=${table}`);
      expect([table, csvFiveHundred.count]).toEqual([table, csvTen.count]);
    }
  });

  it('the mentor’s home, whose table says when it shows only the first 200', async () => {
    const ten = await statementsOf(small.mentor, '/');
    const fiveHundred = await statementsOf(large.mentor, '/');
    expect(fiveHundred.count).toBe(ten.count);
    expect(ten.result.text.match(/<tr>/g)?.length).toBe(10 + 1);
    expect(ten.result.text).not.toContain('Only the first');
    expect(fiveHundred.result.text.match(/<tr>/g)?.length).toBe(200 + 1);
    expect(fiveHundred.result.text).toContain('Only the first 200 mentees in this order are shown. Choose a status to see the others.');
  });

  it('a teacher’s home', async () => {
    const ten = await statementsOf(smallTeachers[0], '/');
    const fiveHundred = await statementsOf(largeTeachers[0], '/');
    expect(fiveHundred.count).toBe(ten.count);
  });
});
