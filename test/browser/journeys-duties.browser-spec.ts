import type { Locator, Page } from 'playwright-core';
import { type BrowserTestApp, checkArrival, JOURNEY_VARIANTS, type JourneyVariant, signInAs, signOut, startBrowserApp, tr } from '../support/browser.js';

/**
 * Who reads a teacher's work, clicked through as people do (README, "Privacy"): a department admin
 * looking for mentors to enrol is not offered themselves and reads who can enrol them; a teacher's
 * path says who reads what she submits. On a desktop, a 390-pixel phone and without JavaScript,
 * in the demo people's own language (Hebrew).
 */

const DEPARTMENT = { email: 'dept.batyam@demo.test', name: 'Orly Department (Bat Yam)' };
const TEACHER = 'teacher.batyam@demo.test';
const MENTOR = 'Michal Mentor';
const BAT_YAM_COHORT = 'Bat Yam accelerator — cohort 1';

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

  describe.each(JOURNEY_VARIANTS)('$name', (variant) => {
    it('a department admin looking for mentors is not offered themselves, and is told who can enrol them', async () => {
      const page = await b.newPage(variant.context);
      await signInAs(page, DEPARTMENT.email);
      await checkArrival(page, variant);
      const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
      await go(page, variant, navigation.getByRole('link', { name: await tr(page, 'nav.cohorts'), exact: true }));
      await go(page, variant, page.getByRole('link', { name: BAT_YAM_COHORT, exact: true }));
      await go(
        page,
        variant,
        page
          .getByRole('navigation', { name: await tr(page, 'cohortReports.show.manage') })
          .getByRole('link', { name: await tr(page, 'cohortReports.show.members'), exact: true }),
      );
      await go(page, variant, page.getByRole('main').getByRole('link', { name: await tr(page, 'cohorts.members.addMentors'), exact: true }));
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(await tr(page, 'cohorts.members.addTitle.mentor'));
      expect(await page.getByRole('main').innerText()).toContain(await tr(page, 'cohorts.duties.notOfferedAsMentor'));
      // Others of the city are offered; she is not.
      expect(await page.getByRole('checkbox').count()).toBeGreaterThan(0);
      expect(await page.getByRole('checkbox', { name: DEPARTMENT.name }).count()).toBe(0);
      // Not on a later page either: searching for her finds nobody.
      await page.getByLabel(await tr(page, 'cohorts.members.searchCity'), { exact: true }).fill(DEPARTMENT.name);
      await go(page, variant, page.getByRole('button', { name: await tr(page, 'cohorts.members.filter'), exact: true }));
      expect(await page.getByRole('main').innerText()).toContain(await tr(page, 'cohorts.members.noCandidates'));
      await signOut(page);
    });

    it('a teacher’s path says who reads the work she submits', async () => {
      const page = await b.newPage(variant.context);
      await signInAs(page, TEACHER);
      await checkArrival(page, variant);
      const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
      await go(page, variant, navigation.getByRole('link', { name: await tr(page, 'nav.path'), exact: true }));
      const statement = await page.locator('main .who-reads-my-work').innerText();
      // The sentence around the mentor's name and the date, in the page's language.
      const [before, between, after] = (await tr(page, 'progress.readers.mentor', { mentor: '\u0000', date: '\u0000' })).split('\u0000');
      expect(statement.startsWith(before)).toBe(true);
      expect(statement).toContain(`${MENTOR}${between}`);
      expect(statement.endsWith(after)).toBe(true);
      await signOut(page);
    });
  });
});
