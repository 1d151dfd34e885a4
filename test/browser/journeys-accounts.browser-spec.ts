import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { recoveryCodeHash } from '../../src/auth/totp.js';
import { createMunicipality, createUser, enrolTwoFactor, type TestUser } from '../support/factories.js';
import { axeViolations, type BrowserTestApp, checkArrival, JOURNEY_VARIANTS, type JourneyVariant, signOut, startBrowserApp, tr } from '../support/browser.js';

/**
 * Two-factor sign-in, clicked through as people do it: an administrator whose city requires it is
 * led to set it up (scanning is replaced by reading the key the page shows, as a person without a
 * camera would), then people sign in with a code from their app and with a recovery code. Like
 * every journey, each runs on a desktop, on a 390-pixel phone and with JavaScript switched off.
 */
describe('journeys: accounts', () => {
  let b: BrowserTestApp;

  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  /** Clicks and waits for the next page (the page still showing the form has also finished loading). */
  async function clickTo(page: Page, target: ReturnType<Page['getByRole']>, variant: JourneyVariant, path: string | RegExp): Promise<void> {
    await Promise.all([page.waitForURL((url) => (typeof path === 'string' ? url.pathname === path : path.test(url.pathname))), target.click()]);
    await checkArrival(page, variant);
  }

  /**
   * Pages reached only through a form (the enrolment, the code steps) are not found by the
   * accessibility crawl, which follows links: they are checked here, where JavaScript runs axe.
   */
  async function checkAccessibility(page: Page, variant: JourneyVariant): Promise<void> {
    if (variant.context.javaScriptEnabled === false) return;
    const where = new URL(page.url()).pathname;
    expect({ where, violations: await axeViolations(page) }).toEqual({ where, violations: [] });
  }

  /** The password step of the sign-in form, which leads to wherever the app sends the person next. */
  async function typePassword(page: Page, user: Pick<TestUser, 'email' | 'password'>, variant: JourneyVariant, next: string): Promise<void> {
    await page.goto('/login');
    await page.getByLabel(await tr(page, 'auth.login.email')).fill(user.email);
    await page.getByLabel(await tr(page, 'auth.login.password')).fill(user.password);
    await clickTo(page, page.getByRole('button', { name: await tr(page, 'auth.login.submit') }), variant, next);
  }

  describe.each(JOURNEY_VARIANTS)('$name', (variant) => {
    it('a department admin of a city that requires two-factor sign-in is led to set it up, and keeps the recovery codes', async () => {
      const city = await createMunicipality(b.t.db, { locale: 'en', requireTwoFactor: true });
      const admin = await createUser(b.t.db, { municipalityId: city.id, roles: ['department_admin'], password: DEMO_PASSWORD, displayName: 'Rina Strict' });
      const page = await b.newPage(variant.context);

      await typePassword(page, admin, variant, '/profile/two-factor');
      expect(await page.getByRole('alert').allInnerTexts()).toContain(await tr(page, 'auth.twoFactor.status.mustEnrol'));

      // Every other page leads back here until it is done.
      await page.goto('/schools');
      expect(new URL(page.url()).pathname).toBe('/profile/two-factor');

      await clickTo(page, page.getByRole('button', { name: await tr(page, 'auth.twoFactor.status.setUp') }), variant, '/profile/two-factor/setup');
      expect(await page.getByRole('img', { name: await tr(page, 'auth.twoFactor.setup.qrAlt', { account: admin.email }) }).isVisible()).toBe(true);
      await checkAccessibility(page, variant);
      const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
      await page.getByLabel(await tr(page, 'auth.twoFactor.code.label')).fill(await generate({ secret }));
      await clickTo(page, page.getByRole('button', { name: await tr(page, 'auth.twoFactor.setup.confirm') }), variant, '/profile/two-factor/recovery-codes');
      expect(await page.getByRole('status').allInnerTexts()).toContain(await tr(page, 'auth.twoFactor.enabled'));
      expect(await page.locator('ul.recovery-codes li').count()).toBe(10);
      await checkAccessibility(page, variant);

      await clickTo(page, page.getByRole('link', { name: await tr(page, 'auth.twoFactor.status.manage') }), variant, '/profile/two-factor');
      expect(await page.locator('main').innerText()).toContain(await tr(page, 'auth.twoFactor.status.on'));
      await page.goto('/schools');
      await checkArrival(page, variant);
      expect(new URL(page.url()).pathname).toBe('/schools');
    });

    it('a person who uses two-factor sign-in signs in with a code from their app', async () => {
      const person = await createUser(b.t.db, { roles: ['teacher'], password: DEMO_PASSWORD, displayName: 'Tamar Coded' });
      const secret = await enrolTwoFactor(b.t.db, person);
      const page = await b.newPage(variant.context);

      await typePassword(page, person, variant, '/login/two-factor');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(await tr(page, 'auth.twoFactor.code.title'));
      await checkAccessibility(page, variant);
      await page.getByLabel(await tr(page, 'auth.twoFactor.code.label')).fill(await generate({ secret }));
      await clickTo(page, page.getByRole('button', { name: await tr(page, 'auth.twoFactor.code.submit') }), variant, '/');
      expect(await page.locator('header').textContent()).toContain('Tamar Coded');
      await signOut(page);
    });

    it('a person without their phone signs in with a recovery code', async () => {
      const person = await createUser(b.t.db, { roles: ['teacher'], password: DEMO_PASSWORD, displayName: 'Yoav Phoneless' });
      await enrolTwoFactor(b.t.db, person);
      const recoveryCode = 'abcd-efgh-jkmn-pqrs';
      await b.t.db.query('INSERT INTO two_factor_recovery_code (user_id, code_hash) VALUES ($1, $2)', [person.id, recoveryCodeHash(recoveryCode)]);
      const page = await b.newPage(variant.context);

      await typePassword(page, person, variant, '/login/two-factor');
      await clickTo(page, page.getByRole('link', { name: await tr(page, 'auth.twoFactor.code.useRecoveryCode') }), variant, '/login/recovery-code');
      await checkAccessibility(page, variant);
      await page.getByLabel(await tr(page, 'auth.twoFactor.recovery.label')).fill(recoveryCode);
      await clickTo(page, page.getByRole('button', { name: await tr(page, 'auth.twoFactor.recovery.submit') }), variant, '/');
      expect(await page.locator('header').textContent()).toContain('Yoav Phoneless');
      expect(await b.t.db.query('SELECT 1 FROM two_factor_recovery_code WHERE user_id = $1', [person.id])).toEqual([]);
    });
  });
});
