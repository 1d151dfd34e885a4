import type { Locator, Page } from 'playwright-core';
import {
  type BrowserTestApp,
  checkArrival,
  JOURNEY_VARIANTS,
  type JourneyVariant,
  setLanguage,
  signInAs,
  signOut,
  startBrowserApp,
  tr,
} from '../support/browser.js';

/**
 * Programme content in the reader's language, clicked through as people do: Bat Yam's department
 * (which works in Hebrew) writes a new module in Hebrew and adds its English translation; a
 * teacher reading in English finds the translation on her path, and in Hebrew the original, each
 * marked with its language and direction. Like the other journeys, each runs on a desktop, on a
 * 390-pixel phone (no page may scroll sideways) and with JavaScript switched off; each variant
 * has its own app, as the module can be added once.
 */

const DEPARTMENT = 'dept.batyam@demo.test';
const TEACHER = 'teacher.batyam@demo.test';
/** Bat Yam's copy of the network template, as the department reads it. */
const PROGRAMME = 'מאיץ המורים העירוני';

const HEBREW = {
  title: 'שיחת היכרות עם ההורים',
  summary: 'שיחה אישית עם ההורים של שלושה תלמידים: מה הם רואים בילד או בילדה שלהם.',
  body: '## לפני השיחה\n\nשאלו את התלמיד או התלמידה מה חשוב להם שההורים יספרו.',
};
const ENGLISH = {
  title: 'Getting to know the parents',
  summary: 'A personal conversation with the parents of three students: what they see in their child.',
  body: '## Before the conversation\n\nAsk the student what they would like their parents to tell you.',
};

async function go(page: Page, variant: JourneyVariant, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), target.click()]);
  await checkArrival(page, variant);
}

async function heading(page: Page): Promise<Locator> {
  return page.getByRole('heading', { level: 1 });
}

describe.each(JOURNEY_VARIANTS)('content journeys $name', (variant) => {
  let b: BrowserTestApp;

  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('the department writes a module in Hebrew and translates it into English; a teacher reads it in English, then in Hebrew', async () => {
    const page = await b.newPage(variant.context);
    await signInAs(page, DEPARTMENT);
    await checkArrival(page, variant);
    expect(await page.locator('html').getAttribute('lang')).toBe('he');

    // The city's programme, found in the list as its copy of the network template.
    const navigation = page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') });
    await go(page, variant, navigation.getByRole('link', { name: await tr(page, 'nav.programmes'), exact: true }));
    await go(
      page,
      variant,
      page
        .getByRole('row')
        .filter({ hasText: await tr(page, 'programmes.show.copiedFrom', { title: PROGRAMME }) })
        .getByRole('link', { name: PROGRAMME, exact: true }),
    );
    expect(await (await heading(page)).innerText()).toBe(PROGRAMME);

    // A new module, written in Hebrew (the programme's language, chosen for it already).
    await go(page, variant, page.getByRole('link', { name: await tr(page, 'programmes.modules.add'), exact: true }));
    expect(await page.getByLabel(await tr(page, 'programmes.fields.originalLanguage'), { exact: true }).inputValue()).toBe('he');
    await page.getByLabel(await tr(page, 'programmes.fields.title'), { exact: true }).fill(HEBREW.title);
    await page.getByLabel(await tr(page, 'programmes.fields.summary'), { exact: true }).fill(HEBREW.summary);
    await page.getByLabel(await tr(page, 'programmes.fields.bodyMd'), { exact: true }).fill(HEBREW.body);
    // Open now in the demo cohort, which started about eleven months ago.
    await page.getByLabel(await tr(page, 'programmes.fields.opensOffsetDays'), { exact: true }).fill('300');
    await page.getByLabel(await tr(page, 'programmes.fields.dueOffsetDays'), { exact: true }).fill('420');
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'common.save'), exact: true }));
    expect(await page.getByRole('status').allInnerTexts()).toContain(await tr(page, 'programmes.flash.moduleAdded'));

    // Its page says it has no English translation yet; the department adds one.
    await go(page, variant, page.getByRole('link', { name: HEBREW.title, exact: true }));
    expect(await (await heading(page)).getAttribute('lang')).toBe('he');
    const languages = page.getByRole('region', { name: await tr(page, 'programmes.languages.title') });
    const english = languages.getByRole('listitem').filter({ hasText: await tr(page, 'programmes.languages.names.en') });
    expect(await english.innerText()).toContain(await tr(page, 'programmes.languages.status.missing'));
    await go(page, variant, english.getByRole('link', { name: new RegExp(`^${await tr(page, 'programmes.languages.add')}`) }));
    expect(await (await heading(page)).innerText()).toBe(await tr(page, 'programmes.translations.title.en', { title: HEBREW.title }));
    const title = page.getByLabel(await tr(page, 'programmes.fields.title'), { exact: true });
    expect([await title.getAttribute('lang'), await title.getAttribute('dir')]).toEqual(['en', 'ltr']);

    // Leaving out a text the original has is refused, the error tied to its field.
    await title.fill(ENGLISH.title);
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'programmes.translations.submit'), exact: true }));
    const summary = page.getByLabel(await tr(page, 'programmes.fields.summary'), { exact: true });
    expect(await summary.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#summary-error').innerText()).toBe(await tr(page, 'programmes.translations.errors.missing'));
    expect(await title.inputValue()).toBe(ENGLISH.title);

    await summary.fill(ENGLISH.summary);
    await page.getByLabel(await tr(page, 'programmes.fields.bodyMd'), { exact: true }).fill(ENGLISH.body);
    await go(page, variant, page.getByRole('button', { name: await tr(page, 'programmes.translations.submit'), exact: true }));
    expect(await page.getByRole('status').allInnerTexts()).toContain(await tr(page, 'programmes.flash.translationSaved'));
    expect(await english.innerText()).toContain(await tr(page, 'programmes.languages.status.upToDate'));
    await signOut(page);

    // A teacher who reads English finds the module on her path in English, marked so.
    await signInAs(page, TEACHER);
    await checkArrival(page, variant);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await go(
      page,
      variant,
      page.getByRole('navigation', { name: await tr(page, 'layout.mainNavigation') }).getByRole('link', { name: await tr(page, 'nav.path'), exact: true }),
    );
    const card = page.getByRole('heading', { level: 3, name: ENGLISH.title, exact: true });
    expect(await card.getAttribute('lang')).toBe('en');
    await go(page, variant, card.getByRole('link'));
    const englishHeading = await heading(page);
    expect([await englishHeading.innerText(), await englishHeading.getAttribute('lang'), await englishHeading.getAttribute('dir')]).toEqual([
      ENGLISH.title,
      'en',
      'ltr',
    ]);
    expect(await page.getByRole('heading', { level: 2, name: 'Before the conversation' }).count()).toBe(1);

    // In Hebrew, the same page shows the original, right to left.
    await setLanguage(page, 'he');
    await checkArrival(page, variant);
    const hebrewHeading = await heading(page);
    expect([await hebrewHeading.innerText(), await hebrewHeading.getAttribute('lang'), await hebrewHeading.getAttribute('dir')]).toEqual([
      HEBREW.title,
      'he',
      'rtl',
    ]);
    expect(await page.getByRole('heading', { level: 2, name: 'לפני השיחה' }).count()).toBe(1);
    expect(await page.getByText(ENGLISH.title).count()).toBe(0);
    await signOut(page);
  });
});
