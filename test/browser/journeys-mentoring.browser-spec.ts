import type { Page } from 'playwright-core';
import { type BrowserTestApp, checkArrival, JOURNEY_VARIANTS, type JourneyVariant, signInAs, signOut, startBrowserApp, tr } from '../support/browser.js';

/** A day `offset` days from today on Israel's calendar, as <input type="date"> takes it. */
function cityDay(offset: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem' }).format(new Date(Date.now() + offset * 86_400_000));
}

/**
 * Mentoring, clicked through: the demo mentor publishes a slot and her teacher books one; then the
 * mentor schedules a session with the teacher and runs it (agenda, attendance, shared and private
 * notes, an action item). In Hebrew on the phone, in English elsewhere; desktop, 390 px, no JavaScript.
 */
describe('journeys: mentoring', () => {
  let b: BrowserTestApp;

  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  async function clickTo(page: Page, target: ReturnType<Page['getByRole']>, variant: JourneyVariant, path: RegExp): Promise<void> {
    // A form may lead back to the page it is on: wait for the new document, not just the address.
    await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'GET' && path.test(new URL(r.url()).pathname)),
      target.click(),
    ]).catch(async (error: unknown) => {
      throw new Error(`${String(error)} at ${page.url()}: ${(await page.locator('main').innerText()).slice(0, 500)}`);
    });
    await checkArrival(page, variant);
  }

  describe.each(JOURNEY_VARIANTS.map((v, i) => ({ ...v, index: i })))('$name', (variant) => {
    it('a mentor publishes a slot and her teacher books one; the mentor runs a session', async () => {
      const language = variant.phone ? 'he' : 'en';
      await b.t.db.query(`UPDATE app_user SET preferred_language = $1 WHERE email IN ('mentor.batyam@demo.test', 'teacher.batyam@demo.test')`, [language]);
      const page = await b.newPage(variant.context);

      // The mentor publishes a slot.
      await signInAs(page, 'mentor.batyam@demo.test');
      await page.goto('/mentoring');
      await checkArrival(page, variant);
      await clickTo(page, page.getByRole('link', { name: await tr(page, 'mentoring.slots.title'), exact: true }), variant, /^\/mentoring\/slots$/);
      await page.getByLabel(await tr(page, 'mentoring.slots.startsOn'), { exact: true }).fill(cityDay(12 + variant.index));
      await page.getByLabel(await tr(page, 'mentoring.slots.startTime'), { exact: true }).fill('08:00');
      await clickTo(page, page.getByRole('button', { name: await tr(page, 'mentoring.slots.publish') }), variant, /^\/mentoring\/slots$/);
      expect(await page.locator('main').innerText()).toContain(await tr(page, 'mentoring.flash.slotPublished'));
      await signOut(page);

      // Her teacher books a free slot.
      await signInAs(page, 'teacher.batyam@demo.test');
      await page.goto('/mentoring/slots');
      await checkArrival(page, variant);
      // Each free slot's button is named "Book <when>".
      await clickTo(page, page.locator('form[action="/mentoring/bookings"]').getByRole('button').first(), variant, /^\/mentoring\/sessions\/[0-9a-f-]{36}$/);
      // Her booked session, with her mentor.
      expect(await page.locator('main').innerText()).toContain('מיכל לוי');
      await signOut(page);

      // The mentor schedules a session with her and runs it.
      await signInAs(page, 'mentor.batyam@demo.test');
      await page.goto('/mentoring');
      await clickTo(page, page.getByRole('link', { name: await tr(page, 'mentoring.new.title') }).first(), variant, /^\/mentoring\/sessions\/new$/);
      await page.getByLabel('שרה אלמוג').first().check();
      await page.getByLabel(await tr(page, 'mentoring.fields.day'), { exact: true }).fill(cityDay(-1 - variant.index));
      await page.getByLabel(await tr(page, 'mentoring.fields.start'), { exact: true }).fill('07:00');
      await page.getByLabel(await tr(page, 'mentoring.fields.end'), { exact: true }).fill('07:40');
      await page.getByRole('textbox', { name: await tr(page, 'mentoring.fields.agenda') }).fill('תכנון שיעור בנושא שברים');
      await clickTo(page, page.getByRole('button', { name: await tr(page, 'mentoring.new.submit') }), variant, /^\/mentoring\/sessions\/[0-9a-f-]{36}$/);

      await page.getByLabel('שרה אלמוג').check();
      await clickTo(page, page.getByRole('button', { name: await tr(page, 'mentoring.session.saveAttendance') }), variant, /^\/mentoring\/sessions\//);
      await page.getByRole('textbox', { name: await tr(page, 'mentoring.fields.sharedNotes') }).fill('סיכמנו לנסות כרטיס יציאה');
      await clickTo(page, page.getByRole('button', { name: await tr(page, 'mentoring.session.saveNotes') }), variant, /^\/mentoring\/sessions\//);
      await page.getByRole('textbox', { name: await tr(page, 'mentoring.fields.privateNote') }).fill('לשאול על העומס');
      await clickTo(page, page.getByRole('button', { name: await tr(page, 'mentoring.session.savePrivate') }), variant, /^\/mentoring\/sessions\//);
      await page.getByLabel(await tr(page, 'mentoring.items.what')).fill('לשלוח מערך שיעור');
      await clickTo(page, page.getByRole('button', { name: await tr(page, 'mentoring.items.add') }), variant, /^\/mentoring\/sessions\//);

      const main = await page.locator('main').innerText();
      expect(main).toContain('לשלוח מערך שיעור');
      expect(await page.getByLabel('שרה אלמוג').isChecked()).toBe(true);
      expect(await page.getByRole('textbox', { name: await tr(page, 'mentoring.fields.sharedNotes') }).inputValue()).toBe('סיכמנו לנסות כרטיס יציאה');
      expect(await page.getByRole('textbox', { name: await tr(page, 'mentoring.fields.privateNote') }).inputValue()).toBe('לשאול על העומס');
      await page.close();
    });
  });
});
