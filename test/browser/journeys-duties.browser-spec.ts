import type { Locator, Page } from 'playwright-core';
import { type BrowserTestApp, checkArrival, JOURNEY_VARIANTS, type JourneyVariant, signInAs, signOut, startBrowserApp, tr } from '../support/browser.js';

/**
 * Who reads a teacher's work, clicked through as people do (README, "Privacy"): a department admin
 * looking for mentors to enrol is not offered themselves and reads who can enrol them; a teacher's
 * path says who reads what she submits. On a desktop, a 390-pixel phone and without JavaScript,
 * in the demo people's own language (Hebrew).
 */

const DEPARTMENT = 'dept.batyam@demo.test';
const TEACHER = 'teacher.batyam@demo.test';

/** Unicode's bidi isolates, which a right-to-left page may put around the names and dates it fills in. */
const ISOLATES = /[\u2066-\u2069]/g;

/** A message's text as a pattern, its placeholders matching anything. */
function messagePattern(message: string): RegExp {
  const escaped = message.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '(.+)');
  return new RegExp(`^${escaped}$`);
}

async function go(page: Page, variant: JourneyVariant, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), target.click()]);
  await checkArrival(page, variant);
}

describe('journeys: who reads a teacher’s work', () => {
  let b: BrowserTestApp;

  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  /** The demo's people and cohort as its data names them. */
  async function demo() {
    const [admin] = await b.t.db.query(`SELECT display_name AS name FROM app_user WHERE email = $1`, [DEPARTMENT]);
    const [cohort] = await b.t.db.query(
      `SELECT c.name FROM cohort c JOIN mentor_group g ON g.cohort_id = c.id JOIN app_user u ON u.id = g.mentor_id
        WHERE u.email = 'mentor.batyam@demo.test' ORDER BY c.starts_on DESC LIMIT 1`,
    );
    const mentors = await b.t.db.query(
      `SELECT DISTINCT u.display_name AS name FROM cohort_member mem JOIN app_user t ON t.id = mem.user_id
         JOIN mentor_group g ON g.id = mem.mentor_group_id JOIN app_user u ON u.id = g.mentor_id WHERE t.email = $1`,
      [TEACHER],
    );
    return { adminName: admin.name as string, cohortName: cohort.name as string, teachersMentors: mentors.map((m: { name: string }) => m.name) };
  }

  describe.each(JOURNEY_VARIANTS)('$name', (variant) => {
    it('a department admin looking for mentors is not offered themselves, and is told who can enrol them', async () => {
      const { adminName, cohortName } = await demo();
      const page = await b.newPage(variant.context);
      await signInAs(page, DEPARTMENT);
      await checkArrival(page, variant);
      const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
      await go(page, variant, navigation.getByRole('link', { name: await tr(page, 'nav.cohorts'), exact: true }));
      await go(page, variant, page.getByRole('link', { name: cohortName, exact: true }));
      await go(
        page,
        variant,
        page
          .getByRole('navigation', { name: await tr(page, 'cohortReports.show.manage') })
          .getByRole('link', { name: await tr(page, 'cohorts.nav.members'), exact: true }),
      );
      await go(page, variant, page.getByRole('main').getByRole('link', { name: await tr(page, 'cohorts.members.addMentors'), exact: true }));
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(await tr(page, 'cohorts.members.addTitle.mentor'));
      expect(await page.getByRole('main').innerText()).toContain(await tr(page, 'cohorts.duties.notOfferedAsMentor'));
      // Others of the city are offered; she is not.
      expect(await page.getByRole('checkbox').count()).toBeGreaterThan(0);
      expect(await page.getByRole('checkbox', { name: adminName }).count()).toBe(0);
      // Not on a later page either: searching for her finds nobody.
      await page.getByLabel(await tr(page, 'cohorts.members.searchCity'), { exact: true }).fill(adminName);
      await go(page, variant, page.getByRole('button', { name: await tr(page, 'cohorts.members.filter'), exact: true }));
      expect(await page.getByRole('main').innerText()).toContain(await tr(page, 'cohorts.members.noCandidates'));
      await signOut(page);
    });

    it('a teacher’s path says who reads the work she submits', async () => {
      const { teachersMentors } = await demo();
      const page = await b.newPage(variant.context);
      await signInAs(page, TEACHER);
      await checkArrival(page, variant);
      const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
      await go(page, variant, navigation.getByRole('link', { name: await tr(page, 'nav.path'), exact: true }));
      const statement = (await page.locator('main .who-reads-my-work').innerText()).replace(ISOLATES, '').trim();
      // The page's sentence, naming her mentor (and since when).
      const match = messagePattern(await tr(page, 'progress.readers.mentor')).exec(statement);
      expect(match).not.toBeNull();
      expect(teachersMentors).toContain(match?.[1]);
      await signOut(page);
    });
  });
});
