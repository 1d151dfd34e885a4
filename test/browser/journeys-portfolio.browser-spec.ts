import { type BrowserTestApp, checkArrival, JOURNEY_VARIANTS, signInAs, signOut, startBrowserApp, tr } from '../support/browser.js';

/**
 * The portfolio and goals, clicked through as people do: a teacher writes a reflection from a
 * module and shares it with her mentor, the mentor gives feedback, she reads it, sets a goal and
 * checks in. In Hebrew on a 390-pixel phone, in English on a desktop and without JavaScript.
 */

const TEACHER = 'teacher.batyam@demo.test';
const MENTOR = { email: 'mentor.batyam@demo.test', name: 'מיכל לוי' };

describe('portfolio journeys', () => {
  let b: BrowserTestApp;

  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  describe.each(JOURNEY_VARIANTS)('$name', (variant) => {
    it('a teacher writes a reflection from a module and shares it with her mentor, who gives feedback; she sets a goal and checks in', async () => {
      const language = variant.phone ? 'he' : 'en';
      await b.t.db.query(`UPDATE app_user SET preferred_language = $2 WHERE email = ANY($1)`, [[TEACHER, MENTOR.email], language]);
      const [module] = await b.t.db.query(
        `SELECT mo.id, c.id AS "cohortId" FROM app_user u
           JOIN cohort_member cm ON cm.user_id = u.id AND cm.role = 'teacher' JOIN cohort c ON c.id = cm.cohort_id
           JOIN curriculum_module mo ON mo.programme_id = c.programme_id
          WHERE u.email = $1 AND mo.reflection_prompt <> '' AND NOT c.archived ORDER BY c.starts_on DESC, mo.position LIMIT 1`,
        [TEACHER],
      );
      const title = `Journey reflection ${variant.name}`;
      const feedback = `Feedback for ${variant.name}`;

      const page = await b.newPage(variant.context);
      await signInAs(page, TEACHER);
      await page.goto(`/path/modules/${module.id}?cohort=${module.cohortId}`);
      await checkArrival(page, variant);
      await page.getByRole('link', { name: await tr(page, 'portfolio.writeReflection') }).click();
      await checkArrival(page, variant);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(await tr(page, 'portfolio.form.newTitle'));
      // The module is linked already, and each choice says who would read the entry.
      expect(await page.getByLabel(await tr(page, 'portfolio.fields.module'), { exact: true }).inputValue()).toBe(module.id);
      expect(await page.locator('main').innerText()).toContain(await tr(page, 'portfolio.readers.author.mentor', { mentor: MENTOR.name }));
      await page.getByLabel(await tr(page, 'portfolio.fields.title'), { exact: true }).fill(title);
      await page.getByLabel(await tr(page, 'portfolio.fields.body'), { exact: true }).fill('**Listening** first.\n\nשאלתי את התלמידים מה הם רוצים ללמוד.');
      await page.getByLabel(await tr(page, 'portfolio.visibility.mentor'), { exact: true }).check();
      await page.getByRole('button', { name: await tr(page, 'portfolio.form.publish'), exact: true }).click();
      await checkArrival(page, variant);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(title);
      const entryUrl = new URL(page.url()).pathname;
      expect(await page.locator('main').innerText()).toContain(await tr(page, 'portfolio.readers.author.mentor', { mentor: MENTOR.name }));
      expect(await page.locator('.entry-body strong').innerText()).toBe('Listening');
      await signOut(page);

      await signInAs(page, MENTOR.email);
      const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
      await navigation.getByRole('link', { name: await tr(page, 'nav.sharedReflections'), exact: true }).click();
      await checkArrival(page, variant);
      await page.getByRole('link', { name: title, exact: true }).click();
      await checkArrival(page, variant);
      await page.getByLabel(await tr(page, 'portfolio.feedback.new'), { exact: true }).fill(feedback);
      await page.getByRole('button', { name: await tr(page, 'portfolio.feedback.send'), exact: true }).click();
      await checkArrival(page, variant);
      expect(await page.locator('#feedback').innerText()).toContain(feedback);
      await signOut(page);

      await signInAs(page, TEACHER);
      await page.goto(entryUrl);
      await checkArrival(page, variant);
      expect(await page.locator('#feedback').innerText()).toContain(feedback);

      const teacherNavigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
      await teacherNavigation.getByRole('link', { name: await tr(page, 'nav.goals'), exact: true }).click();
      await checkArrival(page, variant);
      await page.getByRole('link', { name: await tr(page, 'goals.list.new'), exact: true }).click();
      await checkArrival(page, variant);
      const goal = `Journey goal ${variant.name}`;
      await page.getByLabel(await tr(page, 'goals.frame.you'), { exact: true }).check();
      await page.getByLabel(await tr(page, 'goals.fields.what'), { exact: true }).fill(goal);
      await page.getByLabel(await tr(page, 'goals.fields.why'), { exact: true }).fill('כל תלמיד/ה ייחודי/ת');
      await page.getByRole('button', { name: await tr(page, 'common.save'), exact: true }).click();
      await checkArrival(page, variant);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(goal);
      await page.getByLabel(await tr(page, 'goals.checkIn.note'), { exact: true }).fill('Two conversations this week');
      await page.getByLabel('4', { exact: true }).check();
      await page.getByRole('button', { name: await tr(page, 'goals.checkIn.submit'), exact: true }).click();
      await checkArrival(page, variant);
      const timeline = await page.locator('#timeline').innerText();
      expect(timeline).toContain('Two conversations this week');
      expect(await page.locator('main').innerText()).toContain(await tr(page, 'portfolio.readers.author.mentor', { mentor: MENTOR.name }));
    });
  });
});
