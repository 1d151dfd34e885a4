import { translate } from '../../src/common/i18n/i18n.js';
import { axeViolations, type BrowserTestApp, checkArrival, JOURNEY_VARIANTS, setLanguage, signInAs, signOut, startBrowserApp, tr } from '../support/browser.js';

/**
 * What people do, clicked through as they would: by the labels and button names they read. Each
 * journey runs three times: on a desktop screen, on a 390-pixel phone (where no page may scroll
 * sideways), and with JavaScript switched off (scripts only enhance). A new feature adds its
 * journey here.
 */

describe('journeys', () => {
  let b: BrowserTestApp;

  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  describe.each(JOURNEY_VARIANTS)('$name', (variant) => {
    it('a teacher signs in, switches to Hebrew, opens their path and signs out', async () => {
      await b.t.db.query(`UPDATE app_user SET preferred_language = NULL WHERE email = 'teacher.batyam@demo.test'`);
      const page = await b.newPage(variant.context);

      await page.goto('/');
      expect(new URL(page.url()).pathname).toBe('/login');
      await checkArrival(page, variant);

      await signInAs(page, 'teacher.batyam@demo.test');
      await checkArrival(page, variant);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(translate('en', 'home.title'));
      expect(await page.locator('main').innerText()).toContain('שרה אלמוג');

      await setLanguage(page, 'he');
      await checkArrival(page, variant);
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.getByRole('status').allInnerTexts()).toContain(translate('he', 'common.languageChanged'));
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(translate('he', 'home.title'));

      const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
      await navigation.getByRole('link', { name: await tr(page, 'nav.path'), exact: true }).click();
      await checkArrival(page, variant);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(await tr(page, 'progress.path.title'));
      expect(await navigation.getByRole('link', { name: await tr(page, 'nav.path'), exact: true }).getAttribute('aria-current')).toBe('page');

      // The first module of the path opens from its title, still in Hebrew.
      const firstModule = page.locator('.path-phase').getByRole('heading', { level: 3 }).first().getByRole('link');
      const moduleTitle = await firstModule.innerText();
      await firstModule.click();
      await checkArrival(page, variant);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(moduleTitle);
      expect(await page.locator('html').getAttribute('lang')).toBe('he');

      await signOut(page);
      await checkArrival(page, variant);
      await page.goto('/');
      expect(new URL(page.url()).pathname).toBe('/login');
    });

    it('a teacher reads which completion rules are unmet, on her home and path, and when she asks for her certificate', async () => {
      // In Hebrew on the phone, in English elsewhere.
      await b.t.db.query(`UPDATE app_user SET preferred_language = $1 WHERE email = 'teacher.batyam@demo.test'`, [variant.phone ? 'he' : 'en']);
      const page = await b.newPage(variant.context);
      await signInAs(page, 'teacher.batyam@demo.test');
      await checkArrival(page, variant);
      // The demo programme asks for 8 mentoring sessions (the demo has her meet fewer) and 6 reflections (she published 3: src/cli/demo-portfolio.ts).
      const [{ attended }] = await b.t.db.query(
        `SELECT count(*)::int AS attended FROM mentoring_participant mp JOIN mentoring_session ms ON ms.id = mp.session_id AND ms.status = 'scheduled'
           JOIN cohort c ON c.id = ms.cohort_id AND NOT c.archived AND c.ends_on > now()
          WHERE mp.attended AND mp.teacher_id = (SELECT id FROM app_user WHERE email = 'teacher.batyam@demo.test')`,
      );
      expect(attended).toBeLessThan(8);
      const sessions = await tr(page, 'progress.completion.rules.mentoring_sessions', { done: attended, needed: 8 });
      const reflections = await tr(page, 'progress.completion.rules.reflections', { done: 3, needed: 6 });
      const home = await page.locator('main').innerText();
      expect(home).toContain(await tr(page, 'home.teacher.stillNeeded'));
      expect(home).toContain(sessions);
      expect(home).toContain(reflections);

      const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
      await navigation.getByRole('link', { name: await tr(page, 'nav.path'), exact: true }).click();
      await checkArrival(page, variant);
      const standing = await page.getByRole('region', { name: await tr(page, 'progress.path.standing') }).innerText();
      for (const text of [
        await tr(page, 'progress.completion.title'),
        sessions,
        reflections,
      ])
        expect(standing).toContain(text);
      expect(await page.getByRole('link', { name: await tr(page, 'progress.certificate.download') }).count()).toBe(0);

      // Asking for the certificate anyway (an old link) gives a page that says what is missing.
      const refused = await page.goto('/path/certificate');
      expect(refused?.status()).toBe(403);
      await checkArrival(page, variant);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(await tr(page, 'progress.certificate.refused.title'));
      const reasons = await page.locator('main').innerText();
      expect(reasons).toContain(sessions);
      expect(reasons).toContain(reflections);
      // axe runs in the page, so only where scripts run; the crawl does not reach this page (nothing links to it).
      if (variant.context.javaScriptEnabled !== false) expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: await tr(page, 'progress.certificate.refused.back'), exact: true }).click();
      await checkArrival(page, variant);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(await tr(page, 'progress.path.title'));
    });

    it('a department admin creates a school and a person', async () => {
      const page = await b.newPage(variant.context);
      const schoolName = `Journey School ${variant.name}`;

      await signInAs(page, 'dept.batyam@demo.test');
      await checkArrival(page, variant);
      expect(await page.locator('html').getAttribute('lang')).toBe('he');
      const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });

      await navigation.getByRole('link', { name: await tr(page, 'nav.schools'), exact: true }).click();
      await checkArrival(page, variant);
      await page.getByRole('link', { name: await tr(page, 'schools.list.new'), exact: true }).click();
      await checkArrival(page, variant);

      // Saving without a name shows the form again, with the error tied to its field.
      await page.getByRole('button', { name: await tr(page, 'common.save'), exact: true }).click();
      await checkArrival(page, variant);
      const name = page.getByLabel(await tr(page, 'schools.fields.name'), { exact: true });
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      const errorId = await name.getAttribute('aria-describedby');
      expect(await page.locator(`[id="${errorId}"]`).innerText()).not.toBe('');

      await name.fill(schoolName);
      await page.getByRole('button', { name: await tr(page, 'common.save'), exact: true }).click();
      // Wait for the redirect itself: the page still showing the form has also finished loading.
      await page.waitForURL((url) => url.pathname === '/schools');
      await checkArrival(page, variant);
      expect(await page.getByRole('status').allInnerTexts()).toContain(await tr(page, 'schools.flash.created'));
      await page.getByRole('link', { name: schoolName, exact: true }).click();
      await checkArrival(page, variant);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(schoolName);

      const personName = `Journey Teacher ${variant.name}`;
      const email = `journey.${variant.name.replace(/[^a-z0-9]+/gi, '.')}@batyam.demo.test`.toLowerCase();
      await navigation.getByRole('link', { name: await tr(page, 'nav.users'), exact: true }).click();
      await checkArrival(page, variant);
      await page.getByRole('link', { name: await tr(page, 'users.list.new'), exact: true }).click();
      await checkArrival(page, variant);
      await page.getByLabel(await tr(page, 'users.fields.email'), { exact: true }).fill(email);
      await page.getByLabel(await tr(page, 'users.fields.displayName'), { exact: true }).fill(personName);
      await page.getByLabel(await tr(page, 'users.fields.school'), { exact: true }).selectOption({ label: schoolName });
      await page.getByRole('button', { name: await tr(page, 'common.save'), exact: true }).click();
      await page.waitForURL((url) => /^\/users\/[0-9a-f-]{36}$/.test(url.pathname));
      await checkArrival(page, variant);
      expect(await page.getByRole('status').allInnerTexts()).toContain(await tr(page, 'admin.invite.createdAndInvited'));
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(personName);
      expect(await page.locator('main').innerText()).toContain(schoolName);
    });
  });
});
