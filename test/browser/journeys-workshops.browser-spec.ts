import type { Locator, Page } from 'playwright-core';
import {
  axeViolations,
  type BrowserTestApp,
  checkArrival,
  DESKTOP_VIEWPORT,
  type JourneyVariant,
  MOBILE_VIEWPORT,
  setLanguage,
  signInAs,
  signOut,
  startBrowserApp,
  tr,
} from '../support/browser.js';

/**
 * Workshops are events (issue 11 §2), clicked through as people do, in Hebrew on a 390-pixel phone,
 * in English on a desktop and without JavaScript: a department admin opens the cohort's "Workshop
 * dates" tab, adds a date (a wrong end brings the error back with what was typed), and the teacher
 * finds when and where on the workshop's page of her path.
 */

const DEPARTMENT = 'dept.batyam@demo.test';
const TEACHER = 'teacher.batyam@demo.test';

interface Variant extends JourneyVariant {
  language: 'he' | 'en';
  place: string;
  day: number;
}

const VARIANTS: Variant[] = [
  { name: 'in Hebrew on a 390-pixel phone', context: { viewport: MOBILE_VIEWPORT, isMobile: true, hasTouch: true }, phone: true, language: 'he', place: 'בית ספר קריית האמנים, חדר המורים', day: 15 },
  { name: 'in English on a desktop', context: { viewport: DESKTOP_VIEWPORT }, phone: false, language: 'en', place: 'Bat Yam culture hall, small hall', day: 16 },
  { name: 'without JavaScript', context: { javaScriptEnabled: false }, phone: false, language: 'en', place: 'Ben Gurion primary school library', day: 17 },
];

async function go(page: Page, variant: JourneyVariant, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), target.click()]);
  await checkArrival(page, variant);
}

function cityDay(offset: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem' }).format(new Date(Date.now() + offset * 86_400_000));
}

describe('journeys: workshop dates', () => {
  let b: BrowserTestApp;
  let cohort: { id: string; name: string };

  beforeAll(async () => {
    b = await startBrowserApp();
    [cohort] = await b.t.db.query(
      `SELECT c.id, c.name FROM cohort c JOIN cohort_member m ON m.cohort_id = c.id JOIN app_user u ON u.id = m.user_id
        WHERE u.email = $1 AND m.role = 'teacher' ORDER BY c.starts_on DESC LIMIT 1`,
      [TEACHER],
    );
  });
  afterAll(() => b?.close());

  it.each(VARIANTS)('a department admin adds a workshop date and the teacher sees when and where, $name', async (variant) => {
    const page = await b.newPage(variant.context);
    await signInAs(page, DEPARTMENT);
    await setLanguage(page, variant.language);
    await checkArrival(page, variant);
    await page.goto(`/cohorts/${cohort.id}`);
    await checkArrival(page, variant);
    await go(page, variant, page.getByRole('link', { name: await tr(page, 'cohorts.nav.workshops'), exact: true }).first());
    const add = page.getByRole('link', { name: await tr(page, 'workshops.list.add'), exact: true }).first();
    const moduleId = new URL(String(await add.getAttribute('href')), 'http://x').searchParams.get('module');
    await go(page, variant, add);

    await page.getByLabel(await tr(page, 'workshops.fields.day'), { exact: true }).fill(cityDay(variant.day));
    await page.getByLabel(await tr(page, 'workshops.fields.start'), { exact: true }).fill('17:00');
    await page.getByLabel(await tr(page, 'workshops.fields.end'), { exact: true }).fill('16:00');
    await page.getByLabel(await tr(page, 'workshops.fields.place'), { exact: true }).fill(variant.place);
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'workshops.form.create'), exact: true }));
    // Refused with the reason at the top and beside the field, and what was typed kept.
    expect(await page.locator('#error-summary').innerText()).toContain(await tr(page, 'mentoring.errors.endBeforeStart'));
    expect(await page.getByLabel(await tr(page, 'workshops.fields.place'), { exact: true }).inputValue()).toBe(variant.place);
    await page.getByLabel(await tr(page, 'workshops.fields.end'), { exact: true }).fill('19:30');
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'workshops.form.create'), exact: true }));
    expect((await page.locator('.flash').allInnerTexts()).join('\n')).toContain(await tr(page, 'workshops.flash.created'));
    expect(await page.getByText(variant.place, { exact: true }).count()).toBe(1);
    // axe runs as a script in the page: not without JavaScript.
    if (variant.context.javaScriptEnabled !== false) expect(await axeViolations(page)).toEqual([]);
    await signOut(page);

    await signInAs(page, TEACHER);
    await setLanguage(page, variant.language);
    await page.goto(`/path/modules/${moduleId}?cohort=${cohort.id}`);
    await checkArrival(page, variant);
    expect(await page.getByText(await tr(page, 'workshops.path.when')).isVisible()).toBe(true);
    expect(await page.getByText(variant.place, { exact: true }).isVisible()).toBe(true);
    await signOut(page);
  });
});
