import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  axeViolations,
  type BrowserTestApp,
  checkArrival,
  DESKTOP_VIEWPORT,
  ensureArtifactsDir,
  horizontalOverflow,
  JOURNEY_VARIANTS,
  type JourneyVariant,
  openPhoneMenu,
  setLanguage,
  signInAs,
  signOut,
  startBrowserApp,
  tr,
} from '../support/browser.js';

/**
 * A department admin's pages (issue 10 §5), clicked through as people do: in Hebrew on a 390-pixel
 * phone (tables as cards with every cell in view, a one-row header, mentor groups saved at once,
 * screenshots of the cohort page in Hebrew and Arabic), and in English on a desktop (a new cohort
 * from the cohorts page, figures that open their list, the member picker's filters).
 */

const DEPARTMENT = 'dept.batyam@demo.test';
const PHONE = JOURNEY_VARIANTS.find((v) => v.phone)!;
const DESKTOP: JourneyVariant = { ...JOURNEY_VARIANTS.find((v) => v.name === 'on a desktop')!, context: { viewport: DESKTOP_VIEWPORT } };

async function go(page: Page, variant: JourneyVariant, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), target.click()]);
  await checkArrival(page, variant);
}

/** The element lies wholly inside the viewport's width: nothing of it hides past the page's edge. */
async function inViewWidth(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const width = locator.page().viewportSize()?.width ?? 0;
  return box !== null && box.width > 0 && box.x >= 0 && box.x + box.width <= width + 0.5;
}

describe('journeys: a department admin', () => {
  let b: BrowserTestApp;
  let cohortName: string;

  beforeAll(async () => {
    b = await startBrowserApp();
    const [cohort] = await b.t.db.query(
      `SELECT c.name FROM cohort c JOIN mentor_group g ON g.cohort_id = c.id JOIN app_user u ON u.id = g.mentor_id
        WHERE u.email = 'mentor.batyam@demo.test' ORDER BY c.starts_on DESC LIMIT 1`,
    );
    cohortName = cohort.name;
  });
  afterAll(() => b?.close());

  it('in Hebrew on a phone: one-row header, cohort and people tables as cards, groups saved at once', async () => {
    const page = await b.newPage(PHONE.context);
    await signInAs(page, DEPARTMENT);
    await setLanguage(page, 'he');
    await checkArrival(page, PHONE);

    // The header is one row: the name, the navigation strip and the menu share a line.
    const header = page.locator('header.site-header');
    const headerBox = await header.boundingBox();
    const menuBox = await page.locator('details.phone-menu > summary').boundingBox();
    expect(headerBox!.height).toBeLessThan(72);
    expect(menuBox!.y).toBeLessThan(headerBox!.y + headerBox!.height);
    expect(await horizontalOverflow(page)).toBeUndefined();

    const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
    await go(page, PHONE, navigation.getByRole('link', { name: await tr(page, 'nav.cohorts'), exact: true }));
    await go(page, PHONE, page.getByRole('link', { name: cohortName, exact: true }));

    // Each teacher is a card: the status cell (labelled) is in view, not beyond the edge.
    const teachers = page.locator('table.card-table').first();
    const statusCell = teachers.locator(`td[data-label=${JSON.stringify(await tr(page, 'cohortReports.show.status'))}]`).first();
    expect(await statusCell.isVisible()).toBe(true);
    expect(await inViewWidth(statusCell)).toBe(true);
    const approvedCell = teachers.locator(`td[data-label=${JSON.stringify(await tr(page, 'cohortReports.show.approved'))}]`).first();
    expect(await inViewWidth(approvedCell)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const artifacts = ensureArtifactsDir();
    await page.screenshot({ path: join(artifacts, 'admin-cohort-he.png'), fullPage: true });

    // Mentor groups: one form, one Save for every teacher shown.
    await go(page, PHONE, page.getByRole('link', { name: await tr(page, 'cohorts.nav.groups'), exact: true }).first());
    const save = page.getByRole('button', { name: await tr(page, 'admin.groups.save') });
    expect(await save.count()).toBe(1);
    await go(page, PHONE, save);
    expect(await page.getByText(await tr(page, 'admin.groups.unchanged')).count()).toBe(1);

    // People: the e-mail and status of each person are in view.
    await go(page, PHONE, navigation.getByRole('link', { name: await tr(page, 'nav.users'), exact: true }));
    const email = page.locator(`table.card-table td[data-label=${JSON.stringify(await tr(page, 'users.fields.email'))}]`).first();
    const status = page.locator(`table.card-table td[data-label=${JSON.stringify(await tr(page, 'users.fields.status'))}]`).first();
    expect(await inViewWidth(email)).toBe(true);
    expect(await inViewWidth(status)).toBe(true);

    // The same cohort page in Arabic, for the record.
    await setLanguage(page, 'ar');
    await go(
      page,
      PHONE,
      page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') }).getByRole('link', { name: await tr(page, 'nav.cohorts'), exact: true }),
    );
    await go(page, PHONE, page.getByRole('link', { name: cohortName, exact: true }));
    await page.screenshot({ path: join(artifacts, 'admin-cohort-ar.png'), fullPage: true });
    await setLanguage(page, 'he');
    await openPhoneMenu(page);
    await signOut(page);
  });

  it('in English on a desktop: a new cohort from the cohorts page, figures that open their list, the member picker', async () => {
    const page = await b.newPage(DESKTOP.context);
    await signInAs(page, DEPARTMENT);
    await setLanguage(page, 'en');
    const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
    await go(page, DESKTOP, navigation.getByRole('link', { name: await tr(page, 'nav.cohorts'), exact: true }));

    const programme = page.getByLabel(await tr(page, 'admin.newCohort.programme'));
    const chosen = await programme.locator('option').first().getAttribute('value');
    await programme.selectOption(chosen!);
    await go(page, DESKTOP, page.getByRole('button', { name: await tr(page, 'admin.newCohort.open') }));
    expect(new URL(page.url()).pathname).toBe(`/programmes/${chosen}/cohorts/new`);

    await go(page, DESKTOP, navigation.getByRole('link', { name: await tr(page, 'nav.cohorts'), exact: true }));
    await go(page, DESKTOP, page.getByRole('link', { name: cohortName, exact: true }));
    const figures = page.locator('dl.figures');
    await go(page, DESKTOP, figures.locator('div', { hasText: await tr(page, 'cohortReports.status.on_track') }).getByRole('link'));
    expect(new URL(page.url()).searchParams.get('status')).toBe('on_track');
    expect(await page.getByRole('link', { name: await tr(page, 'cohortReports.showCsv.csvModules') }).count()).toBe(1);

    await go(page, DESKTOP, page.getByRole('link', { name: await tr(page, 'cohorts.nav.members'), exact: true }).first());
    await page.goto(`${new URL(page.url()).pathname}/new?role=teacher`);
    await checkArrival(page, DESKTOP);
    const school = page.getByLabel(await tr(page, 'cohorts.fields.school'), { exact: true });
    const firstSchool = await school.locator('option').nth(1).getAttribute('value');
    await school.selectOption(firstSchool!);
    await go(page, DESKTOP, page.getByRole('button', { name: await tr(page, 'cohorts.members.filter') }));
    expect(new URL(page.url()).searchParams.get('school')).toBe(firstSchool);
    const selectAll = page.getByRole('link', { name: /^Select/ });
    if ((await selectAll.count()) > 0) {
      await go(page, DESKTOP, selectAll);
      const boxes = page.locator('input[name="userIds"]');
      for (let i = 0; i < (await boxes.count()); i++) expect(await boxes.nth(i).isChecked()).toBe(true);
    }
    expect(await axeViolations(page)).toEqual([]);
    await signOut(page);
  });

  it("cities compared and a cohort's figures: a department admin on a Hebrew phone sees her city against the network median; a network admin on a desktop downloads every city", async () => {
    const page = await b.newPage(PHONE.context);
    await signInAs(page, DEPARTMENT);
    await setLanguage(page, 'he');
    const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
    await go(page, PHONE, navigation.getByRole('link', { name: await tr(page, 'nav.network'), exact: true }));
    expect(await page.locator('h1').textContent()).toBe(await tr(page, 'nav.network'));
    // Her city and the median, as cards in view; no other city of the network by name.
    const [batYam] = await b.t.db.query(
      `SELECT name_he, (SELECT name_he FROM municipality WHERE name_en = 'Hadera') AS other FROM municipality WHERE name_en = 'Bat Yam'`,
    );
    const rows = page.locator('table.city-figures tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().locator('th').textContent()).toBe(batYam.name_he);
    expect(await rows.last().locator('th').textContent()).toBe(await tr(page, 'dashboards.median'));
    expect(await page.locator('main').textContent()).not.toContain(batYam.other);
    const chart = page.getByRole('img', { name: await tr(page, 'dashboards.chart.completionTitle') });
    expect(await chart.isVisible()).toBe(true);
    expect(await inViewWidth(chart)).toBe(true);
    expect(await horizontalOverflow(page)).toBeUndefined();
    expect(await axeViolations(page)).toEqual([]);
    const artifacts = ensureArtifactsDir();
    await page.screenshot({ path: join(artifacts, 'cities-compared-he.png'), fullPage: true });
    await setLanguage(page, 'ar');
    await page.screenshot({ path: join(artifacts, 'cities-compared-ar.png'), fullPage: true });
    await setLanguage(page, 'he');

    // The cohort's figures: a tab of the cohort, its heat map as cards in view, the chart.
    await go(page, PHONE, navigation.getByRole('link', { name: await tr(page, 'nav.cohorts'), exact: true }));
    await go(page, PHONE, page.getByRole('link', { name: cohortName, exact: true }));
    await go(
      page,
      PHONE,
      page
        .getByRole('navigation', { name: await tr(page, 'cohorts.nav.label') })
        .getByRole('link', { name: await tr(page, 'dashboards.cohort.title'), exact: true }),
    );
    const approvedCell = page.locator(`table.heat-map td[data-label=${JSON.stringify(await tr(page, 'progress.status.approved'))}]`).first();
    expect(await inViewWidth(approvedCell)).toBe(true);
    expect(await page.getByRole('img', { name: await tr(page, 'dashboards.cohort.chartTitle') }).isVisible()).toBe(true);
    expect(await horizontalOverflow(page)).toBeUndefined();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'cohort-figures-he.png'), fullPage: true });
    await setLanguage(page, 'ar');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'cohort-figures-ar.png'), fullPage: true });
    await setLanguage(page, 'he');
    await openPhoneMenu(page);
    await signOut(page);

    const desk = await b.newPage(DESKTOP.context);
    await signInAs(desk, 'network@demo.test');
    await setLanguage(desk, 'en');
    await go(
      desk,
      DESKTOP,
      desk.getByRole('navigation', { name: await tr(desk, 'layout.mainNavigation') }).getByRole('link', { name: 'Cities compared', exact: true }),
    );
    const cities = await desk.locator('table.city-figures tbody tr th').allTextContents();
    expect(cities).toEqual(expect.arrayContaining(['Bat Yam', 'Hadera', 'Network median']));
    const [file] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('link', { name: 'Download the table (CSV)' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^cities-\d{4}-\d{2}-\d{2}\.csv$/);
    await desk.screenshot({ path: join(artifacts, 'cities-compared-en.png'), fullPage: true });
    await go(
      desk,
      DESKTOP,
      desk.getByRole('navigation', { name: await tr(desk, 'layout.mainNavigation') }).getByRole('link', { name: 'Cohorts', exact: true }),
    );
    await go(desk, DESKTOP, desk.getByRole('link', { name: cohortName, exact: true }));
    await go(desk, DESKTOP, desk.getByRole('navigation', { name: await tr(desk, 'cohorts.nav.label') }).getByRole('link', { name: 'Figures', exact: true }));
    expect(await desk.locator('table.heat-map tbody tr').count()).toBeGreaterThan(3);
    expect(await axeViolations(desk)).toEqual([]);
    await desk.screenshot({ path: join(artifacts, 'cohort-figures-en.png'), fullPage: true });
  });
});
