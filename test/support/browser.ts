import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/cli/demo-accounts.js';
import { hasMessage, translate } from '../../src/common/i18n/i18n.js';
import { PROJECT_ROOT } from '../../src/common/project-root.js';
import { translateForPage } from '../../src/common/views/view-engine.js';
import type { Language } from '../../src/common/i18n/language.js';
import { createTestApp, type TestApp } from './test-app.js';

// Functions handed to page.evaluate run in the page, where these globals exist; the project is
// type-checked without the DOM library, so the little that the page functions use is declared here.
interface PageElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { left: number; right: number; width: number };
  textContent: string | null;
}
declare const document: {
  title: string;
  documentElement: PageElement & { scrollWidth: number; clientWidth: number; lang: string; dir: string };
  querySelectorAll(selector: string): ArrayLike<PageElement & { href: string; hasAttribute(name: string): boolean }>;
  querySelector(selector: string): PageElement | null;
  activeElement: (PageElement & { tagName: string; id: string }) | null;
};
declare const axe: { run(context: unknown, options: unknown): Promise<AxeResults> };

export const ARTIFACTS_DIR = join(PROJECT_ROOT, 'test', 'artifacts');
export const MOBILE_VIEWPORT = { width: 390, height: 844 };
export const DESKTOP_VIEWPORT = { width: 1280, height: 900 };

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Debian's chromium (CI installs it), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  throw new Error('No Chromium found: install Debian\'s "chromium" package or set CHROMIUM_PATH.');
}

export interface BrowserTestApp {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh context (cookies, storage) and page; closed by close() if not before. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * One Chromium per test file, shared by every startBrowserApp of the file (a file that starts an
 * app per variant would otherwise launch three): each app gets its own contexts, never another's
 * cookies. browser-setup.ts closes it after the file's last test.
 */
let sharedBrowser: Promise<Browser> | undefined;

async function fileBrowser(): Promise<Browser> {
  if (sharedBrowser) {
    const browser = await sharedBrowser.catch(() => undefined);
    if (browser?.isConnected()) return browser;
  }
  sharedBrowser = chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  return sharedBrowser;
}

/** Closes the file's Chromium, if one was launched (browser-setup.ts, after the file's tests). */
export async function closeFileBrowser(): Promise<void> {
  const launched = sharedBrowser;
  sharedBrowser = undefined;
  const browser = await launched?.catch(() => undefined);
  await browser?.close().catch(() => undefined);
}

/**
 * The real app listening on a free port of 127.0.0.1, with the demo network in its own database
 * (a clone of the run's demo-seeded template), and a headless Chromium to drive it. One per test
 * file (or per variant of a file), in beforeAll.
 */
export async function startBrowserApp(): Promise<BrowserTestApp> {
  const [t, browser] = await Promise.all([createTestApp({}, [], { database: 'demo' }), fileBrowser()]);
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const contexts: BrowserContext[] = [];
  return {
    t,
    baseUrl,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB', viewport: DESKTOP_VIEWPORT, ...options });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await t.close();
    },
  };
}

/** The language the page is shown in, from `<html lang>`. */
export async function pageLanguage(page: Page): Promise<Language> {
  return (await page.locator('html').getAttribute('lang')) as Language;
}

/** A message in the language the page is shown in: tests find things by what a person reads. */
export async function tr(page: Page, key: string, vars: Record<string, unknown> = {}): Promise<string> {
  // A journey that looks for a message no catalogue has would wait for it until it times out.
  if (!hasMessage('en', key)) throw new Error(`tr(): no message "${key}" in the catalogues`);
  return translateForPage(await pageLanguage(page), key, vars);
}

/** Signs in through the login form, as a person would, and waits for the page after it. */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(await tr(page, 'auth.login.email')).fill(email);
  await page.getByLabel(await tr(page, 'auth.login.password')).fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.getByRole('button', { name: await tr(page, 'auth.login.submit') }).click()]);
}

/** Chooses a language with the header's language switch. */
/** On a phone the header's tools (language, sign-out) are in its menu: opens it when it is shown and closed. */
export async function openPhoneMenu(page: Page): Promise<void> {
  const menu = page.locator('details.phone-menu');
  if ((await menu.count()) === 0 || !(await menu.isVisible())) return;
  if (!(await menu.evaluate((d) => d.hasAttribute('open')))) await menu.locator('summary').click();
}

export async function setLanguage(page: Page, language: Language): Promise<void> {
  await openPhoneMenu(page);
  const switcher = page.locator('form.language-switch:visible');
  await switcher.getByRole('button', { name: translate(language, `languages.${language}`), exact: true }).click();
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  await page.waitForLoadState('load');
}

export async function signOut(page: Page): Promise<void> {
  await openPhoneMenu(page);
  await Promise.all([page.waitForURL((url) => url.pathname === '/login'), page.getByRole('button', { name: await tr(page, 'layout.signOut') }).click()]);
}

/** The page is no wider than the viewport: nothing makes a phone scroll sideways. */
/**
 * Content wider than the layout viewport (`clientWidth` of the root). Not `window.innerWidth`: in a
 * phone context (`isMobile`) Chromium widens it to take in content that overflows, so comparing
 * against it finds nothing.
 */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number } | undefined> {
  const size = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));
  return size.scrollWidth > size.viewport ? size : undefined;
}

export interface AxeNode {
  target: string[];
  html: string;
}
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}
interface AxeResults {
  violations: AxeViolation[];
}

const AXE_SOURCE = readFileSync(join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Best-practice rules on what the issue asks for besides WCAG's own: landmarks and the order of headings. */
const ALSO_CHECKED = [
  'heading-order',
  'empty-heading',
  'page-has-heading-one',
  'landmark-one-main',
  'landmark-unique',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'region',
];

/**
 * Runs axe-core's WCAG 2.1 A and AA rules on the page, and a few best-practice ones. The script is evaluated through the
 * DevTools protocol, which the app's strict Content-Security-Policy (no inline scripts) does not
 * govern, so the page is checked exactly as it is served. Needs a context with JavaScript enabled.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof axe !== "undefined"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    ({ tags, rules }) =>
      axe
        .run(document, {
          runOnly: { type: 'tag', values: tags },
          rules: Object.fromEntries(rules.map((rule) => [rule, { enabled: true }])),
          resultTypes: ['violations'],
        })
        .then((r) => ({
          violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) })),
        })),
    { tags: WCAG_21_AA, rules: ALSO_CHECKED },
  );
  return results.violations;
}

/**
 * What every page must have besides axe's rules: the direction of its language, one h1, a main
 * landmark, and a title that names the page (axe only checks that there is one).
 */
export async function structureProblems(page: Page): Promise<string[]> {
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main, [role="main"]').length,
    title: document.title.trim(),
  }));
  const problems: string[] = [];
  const expectedDir = facts.lang === 'he' || facts.lang === 'ar' ? 'rtl' : 'ltr';
  if (facts.dir !== expectedDir) problems.push(`html dir is "${facts.dir}" in language "${facts.lang}", expected "${expectedDir}"`);
  if (facts.h1 !== 1) problems.push(`${facts.h1} h1 elements, expected exactly one`);
  if (facts.main !== 1) problems.push(`${facts.main} main landmarks, expected exactly one`);
  const appName = translate(facts.lang as Language, 'app.name');
  if (facts.title === appName || facts.title === '')
    problems.push(`the page title "${facts.title}" does not say which page this is (WCAG 2.4.2): pass a title to the view`);
  return problems;
}

/** Same-origin links of the page with what the crawler needs to decide whether to follow them. */
export async function pageLinks(page: Page): Promise<{ href: string; download: boolean }[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('a[href]')).map((a) => ({ href: a.href, download: a.hasAttribute('download') })));
}

/** Where an element sits across the viewport, to see which side the layout put it on. */
export async function horizontalBox(page: Page, selector: string): Promise<{ left: number; right: number; viewport: number }> {
  return page.evaluate((sel) => {
    const element = document.querySelector(sel);
    if (!element) throw new Error(`no element matches ${sel}`);
    const box = element.getBoundingClientRect();
    return { left: box.left, right: box.right, viewport: document.documentElement.getBoundingClientRect().width };
  }, selector);
}

/** What has the keyboard focus, and whether it can be seen inside the viewport. */
export async function focusedElement(page: Page): Promise<{ tag: string; id: string; text: string; visible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return { tag: '', id: '', text: '', visible: false };
    const box = element.getBoundingClientRect() as { left: number; right: number; width: number; top: number; bottom: number };
    const visible = box.width > 1 && box.bottom > 0 && box.top >= 0 && box.left >= 0 && box.right <= document.documentElement.getBoundingClientRect().width;
    return { tag: element.tagName.toLowerCase(), id: element.id, text: (element.textContent ?? '').trim(), visible };
  });
}

export function ensureArtifactsDir(): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return ARTIFACTS_DIR;
}

/** The three ways every journey runs: desktop, a 390-pixel phone, and JavaScript switched off. */
export interface JourneyVariant {
  name: string;
  context: BrowserContextOptions;
  phone: boolean;
}

export const JOURNEY_VARIANTS: JourneyVariant[] = [
  { name: 'on a desktop', context: {}, phone: false },
  { name: 'on a 390-pixel phone', context: { viewport: MOBILE_VIEWPORT, isMobile: true, hasTouch: true }, phone: true },
  { name: 'without JavaScript', context: { javaScriptEnabled: false }, phone: false },
];

/**
 * Checks every page a journey reaches: one h1, a main landmark, the language's direction, and on a
 * phone no sideways scrolling.
 */
export async function checkArrival(page: Page, variant: JourneyVariant): Promise<void> {
  await page.waitForLoadState('load');
  const where = new URL(page.url()).pathname;
  expect({ where, problems: await structureProblems(page) }).toEqual({ where, problems: [] });
  if (variant.phone) expect({ where, overflow: await horizontalOverflow(page) }).toEqual({ where, overflow: undefined });
}
