import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  type BrowserTestApp,
  checkArrival,
  DESKTOP_VIEWPORT,
  ensureArtifactsDir,
  focusedElement,
  type JourneyVariant,
  MOBILE_VIEWPORT,
  setLanguage,
  signInAs,
  signOut,
  startBrowserApp,
  tr,
} from '../support/browser.js';

/**
 * Issue 10 §3 and §4, clicked through as people do, in Hebrew on a 390-pixel phone and in English
 * on a desktop: a mentor filters the queue, reads the work beside the module's instructions,
 * approves it with a comment and undoes the approval; returning it without a comment brings the
 * error summary to the top; the teacher withdraws the work to keep editing it, and finds her
 * progress bar and her submitted work at home. Screenshots of the teacher path and the review page
 * in Hebrew and Arabic land in test/artifacts/.
 */

const MENTOR = 'mentor.batyam@demo.test';
const TEACHER = 'teacher.batyam@demo.test';

interface Variant extends JourneyVariant {
  language: 'he' | 'en';
}

const VARIANTS: Variant[] = [
  { name: 'in Hebrew on a 390-pixel phone', context: { viewport: MOBILE_VIEWPORT, isMobile: true, hasTouch: true }, phone: true, language: 'he' },
  { name: 'in English on a desktop', context: { viewport: DESKTOP_VIEWPORT }, phone: false, language: 'en' },
];

async function go(page: Page, variant: JourneyVariant, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), target.click()]);
  await checkArrival(page, variant);
}

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

async function statusMessages(page: Page): Promise<string> {
  return (await page.locator('.flash').allInnerTexts()).join('\n');
}

describe('journeys: handing in and reviewing work', () => {
  let b: BrowserTestApp;

  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  describe.each(VARIANTS)('$name', (variant) => {
    it('a mentor filters the queue, approves with a comment, undoes it; the teacher withdraws her work to keep editing', async () => {
      const page = await b.newPage(variant.context);
      await signInAs(page, MENTOR);
      await setLanguage(page, variant.language);
      await checkArrival(page, variant);
      const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
      await go(page, variant, navigation.getByRole('link', { name: await tr(page, 'nav.reviews'), exact: true }));
      expect(await heading(page)).toBe(await tr(page, 'reviews.queue.title'));
      expect(await page.getByRole('columnheader', { name: await tr(page, 'reviews.queue.waiting'), exact: true }).count()).toBe(1);

      // Keep to the teacher of the oldest item: the queue shows only theirs.
      const firstRow = page.locator('tbody tr').first();
      const teacherName = (await firstRow.getByRole('rowheader').innerText()).trim();
      await page.getByLabel(await tr(page, 'reviews.queue.teacher'), { exact: true }).selectOption({ label: teacherName });
      await go(page, variant, page.getByRole('button', { name: await tr(page, 'reviews.queue.filter'), exact: true }));
      const names = (await page.locator('tbody tr th').allInnerTexts()).map((n) => n.trim());
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names)).toEqual(new Set([teacherName]));

      // The work beside what the module asks for; the comment box before the buttons.
      await go(
        page,
        variant,
        page
          .locator('tbody tr')
          .first()
          .getByRole('link', { name: await tr(page, 'reviews.queue.open') }),
      );
      const reviewUrl = page.url();
      expect(await page.getByRole('heading', { level: 2, name: await tr(page, 'progress.module.submissionInstructions'), exact: true }).count()).toBe(1);
      const comment = page.getByLabel(await tr(page, 'reviews.show.comment'), { exact: true });
      const approve = page.getByRole('button', { name: await tr(page, 'reviews.show.approve'), exact: true });
      const commentBox = (await comment.boundingBox())!;
      expect(commentBox.y).toBeLessThan((await approve.boundingBox())!.y);

      // Returning without a comment: the error summary is the first thing on the page, and has the focus.
      await go(page, variant, page.getByRole('button', { name: await tr(page, 'reviews.show.return'), exact: true }));
      const summary = page.locator('#error-summary');
      expect(await summary.isVisible()).toBe(true);
      expect((await focusedElement(page)).id).toBe('error-summary');
      expect((await focusedElement(page)).visible).toBe(true);
      await summary.getByRole('link').first().click();
      expect(new URL(page.url()).hash).toBe('#comment');

      // Approve with feedback, then take it back within the minutes the page gives.
      const feedback = variant.language === 'he' ? 'תיאור מדויק של התלמיד, כל הכבוד.' : 'A precise portrait of the student, well done.';
      await comment.fill(feedback);
      await go(page, variant, approve);
      expect(await statusMessages(page)).toContain(await tr(page, 'reviews.flash.approved'));
      expect(page.url()).toBe(reviewUrl);
      expect(await page.getByRole('heading', { level: 2, name: await tr(page, 'reviews.show.undoTitle'), exact: true }).count()).toBe(1);
      expect(await page.getByRole('region', { name: await tr(page, 'reviews.show.yourComment') }).innerText()).toContain(feedback);
      await go(page, variant, page.getByRole('button', { name: await tr(page, 'reviews.show.undo'), exact: true }));
      expect(await statusMessages(page)).toContain(await tr(page, 'reviews.flash.undone'));
      expect(await page.getByRole('button', { name: await tr(page, 'reviews.show.approve'), exact: true }).count()).toBe(1);
      await signOut(page);

      // The teacher whose work it is withdraws it and finds the form again, with what she wrote.
      const progressId = new URL(reviewUrl).pathname.split('/').pop();
      const [owner] = await b.t.db.query(
        `SELECT u.email, p.module_id AS "moduleId", p.cohort_id AS "cohortId", p.submission_text AS text FROM module_progress p JOIN app_user u ON u.id = p.teacher_id WHERE p.id = $1`,
        [progressId],
      );
      await signInAs(page, owner.email);
      await setLanguage(page, variant.language);
      await checkArrival(page, variant);
      await page.goto(`/path/modules/${owner.moduleId}?cohort=${owner.cohortId}`);
      await checkArrival(page, variant);
      await go(page, variant, page.getByRole('button', { name: await tr(page, 'progress.module.withdraw'), exact: true }));
      expect(await statusMessages(page)).toContain(await tr(page, 'progress.flash.withdrawn'));
      const text = page.getByLabel(await tr(page, 'progress.module.text'), { exact: true });
      if (owner.text) expect(await text.inputValue()).toBe(owner.text);
      expect(await page.getByRole('button', { name: await tr(page, 'progress.module.submit'), exact: true }).count()).toBe(1);
      await signOut(page);
    });

    it('the teacher sees her progress bar on the path and her submitted work at home', async () => {
      const page = await b.newPage(variant.context);
      await signInAs(page, TEACHER);
      await setLanguage(page, variant.language);
      await checkArrival(page, variant);
      expect(await page.getByRole('heading', { level: 3, name: await tr(page, 'progress.home.workTitle'), exact: true }).count()).toBe(1);
      const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
      await go(page, variant, navigation.getByRole('link', { name: await tr(page, 'nav.path'), exact: true }));
      const bar = page.getByRole('progressbar', { name: await tr(page, 'progress.path.progressLabel') });
      expect(await bar.count()).toBe(1);
      expect(Number(await bar.getAttribute('max'))).toBeGreaterThan(0);
    });

    it('a mentor corrects the attendance of a past workshop, told apart from upcoming ones', async () => {
      const page = await b.newPage(variant.context);
      await signInAs(page, MENTOR);
      await setLanguage(page, variant.language);
      await checkArrival(page, variant);
      const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
      await go(page, variant, navigation.getByRole('link', { name: await tr(page, 'nav.reviews'), exact: true }));
      const pastHeading = page.getByRole('heading', { name: await tr(page, 'reviews.attendance.pastTitle'), exact: true });
      expect(await pastHeading.count()).toBe(1);
      await go(page, variant, page.locator('ul.workshop-list.past a').first());

      // Untick (or tick) one teacher and save: the change is made and said; then put it back.
      const box = page.locator('input[type="checkbox"][name="teacherIds[]"]:not([disabled])').first();
      // The box is found again by its id (its label gains "recorded" once attendance is saved).
      const boxId = (await box.getAttribute('id')) as string;
      const wasChecked = await box.isChecked();
      await box.setChecked(!wasChecked);
      await go(page, variant, page.getByRole('button', { name: await tr(page, 'reviews.attendance.save'), exact: true }));
      expect(await statusMessages(page)).toContain(
        wasChecked ? await tr(page, 'reviews.flash.attendanceCorrected', { recorded: 0, corrected: 1 }) : await tr(page, 'reviews.flash.attendance'),
      );
      const again = page.locator(`[id="${boxId}"]`);
      expect(await again.isChecked()).toBe(!wasChecked);
      await again.setChecked(wasChecked);
      await go(page, variant, page.getByRole('button', { name: await tr(page, 'reviews.attendance.save'), exact: true }));
      expect(await page.locator(`[id="${boxId}"]`).isChecked()).toBe(wasChecked);
      await signOut(page);
    });
  });

  it.each(['he', 'ar'] as const)('keeps screenshots of the teacher path and the review page in %s', async (language) => {
    const page = await b.newPage({ viewport: MOBILE_VIEWPORT, isMobile: true, hasTouch: true });
    await signInAs(page, TEACHER);
    await setLanguage(page, language);
    await page.goto('/path');
    await checkArrival(page, { name: language, context: {}, phone: true });
    await page.screenshot({ path: join(ensureArtifactsDir(), `teacher-path-${language}.png`), fullPage: true });
    await signOut(page);
    await signInAs(page, MENTOR);
    await setLanguage(page, language);
    // Work handed in to this mentor (waiting for review if any still is: the journeys above take some back).
    const [waiting] = await b.t.db.query(
      `SELECT p.id FROM module_progress p
         JOIN cohort_member mem ON mem.cohort_id = p.cohort_id AND mem.user_id = p.teacher_id AND mem.role = 'teacher' AND mem.status = 'active'
         JOIN mentor_group g ON g.id = mem.mentor_group_id JOIN app_user u ON u.id = g.mentor_id
        WHERE u.email = $1 AND p.submitted_at >= mem.mentor_since
        ORDER BY p.status = 'submitted' DESC, p.submitted_at LIMIT 1`,
      [MENTOR],
    );
    expect(waiting).toBeDefined();
    await page.goto(`/reviews/${waiting.id}`);
    await checkArrival(page, { name: language, context: {}, phone: true });
    expect(await heading(page)).not.toBe('');
    await page.screenshot({ path: join(ensureArtifactsDir(), `review-page-${language}.png`), fullPage: true });
  });
});
