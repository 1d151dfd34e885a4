import type { Page } from 'playwright-core';
import type { Language } from '../../src/common/i18n/language.js';
import {
  axeViolations,
  type BrowserTestApp,
  focusedElement,
  horizontalOverflow,
  MOBILE_VIEWPORT,
  pageLinks,
  setLanguage,
  signInAs,
  startBrowserApp,
  structureProblems,
  tr,
} from '../support/browser.js';

/**
 * Every page each demo role can reach, found by following links from the home page, is checked
 * with axe-core's WCAG 2.1 A and AA rules in English and in Hebrew. Pages added by later features
 * are covered as soon as something links to them. The Hebrew pass runs at a phone's width, so every
 * page is also checked for sideways scrolling. A route is checked once per role and language, on
 * the first record the crawl meets, not once per record it shows (see crawl()).
 */

const ROLES = ['network@demo.test', 'dept.batyam@demo.test', 'mentor.batyam@demo.test', 'teacher.batyam@demo.test'];
const LANGUAGES: Language[] = ['en', 'he'];
const MAX_KINDS_PER_PASS = 150;
// CRAWL_LOG=1 prints every page the crawl opens, with its status.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Links a crawler must not follow: signing out, downloads, static files. */
function skipped(url: URL, download: boolean): boolean {
  return download || url.pathname === '/logout' || url.pathname.startsWith('/public/') || /\.(csv|pdf|ics|zip)$/i.test(url.pathname);
}

/** Pages that differ only by a record id or page number are the same page for the crawl. */
function pathPattern(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((segment) => (UUID.test(segment) ? ':id' : /^\d+$/.test(segment) ? ':n' : segment))
    .join('/');
  const params = [...new Set(url.searchParams.keys())].sort();
  return params.length ? `${path}?${params.join('&')}` : path;
}

interface Finding {
  page: string;
  rule: string;
  target: string;
}

function describeFinding(f: Finding): string {
  return `${f.page} | ${f.rule} | ${f.target}`;
}

/** Runs every check on the page that is open and returns what is wrong with it. */
async function checkPage(page: Page, label: string, options: { mobile: boolean }): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const violation of await axeViolations(page)) {
    for (const node of violation.nodes)
      findings.push({ page: label, rule: `${violation.id} (${violation.help})`, target: `${node.target.join(' ')}  ${node.html.slice(0, 160)}` });
  }
  for (const problem of await structureProblems(page)) findings.push({ page: label, rule: 'page-structure', target: problem });
  if (options.mobile) {
    const overflow = await horizontalOverflow(page);
    if (overflow) findings.push({ page: label, rule: 'mobile-width', target: `page is ${overflow.scrollWidth}px wide in a ${overflow.viewport}px viewport` });
  }
  return findings;
}

/**
 * Breadth-first over same-origin links from a start page. Every kind of page (path pattern: the
 * same route with another record id or page number) is opened and checked once, on the first
 * instance the crawl meets: the checks depend on the route's template, not on which record fills
 * it, and every route a role can reach is still visited. More than MAX_KINDS_PER_PASS kinds is
 * reported, rather than silently leaving pages unchecked.
 */
async function crawl(
  b: BrowserTestApp,
  page: Page,
  prefix: string,
  options: { mobile: boolean; from: string; signedIn: boolean },
): Promise<{ pages: number; findings: Finding[] }> {
  const origin = new URL(b.baseUrl).origin;
  const queue: string[] = [options.from];
  const patterns = new Set<string>([pathPattern(new URL(options.from, origin))]);
  const findings: Finding[] = [];
  let pages = 0;
  let kinds = 0;
  while (queue.length > 0) {
    if (kinds >= MAX_KINDS_PER_PASS) {
      findings.push({ page: prefix, rule: 'crawl-limit', target: `more than ${MAX_KINDS_PER_PASS} kinds of page; not checked: ${queue.join(' ')}` });
      break;
    }
    const path = queue.shift()!;
    kinds++;
    const response = await page.goto(path);
    const label = `${prefix} ${path}`;
    const landed = new URL(page.url());
    if (landed.pathname === '/login' && path !== '/login') {
      // Signed out, a page asks for signing in first; signed in, it means the session was lost.
      if (!options.signedIn) continue;
      findings.push({ page: label, rule: 'signed-out', target: 'the link led to the login page' });
      break;
    }
    pages++;
    if (process.env.CRAWL_LOG) console.log(`${label} ${response?.status()}`);
    if (!response || response.status() >= 400)
      findings.push({ page: label, rule: 'http-status', target: `answered ${response?.status() ?? 'nothing'} to a link the app shows` });
    findings.push(...(await checkPage(page, label, options)));
    for (const link of await pageLinks(page)) {
      const url = new URL(link.href);
      if (url.origin !== origin || skipped(url, link.download)) continue;
      url.hash = '';
      const pattern = pathPattern(url);
      if (patterns.has(pattern)) continue;
      patterns.add(pattern);
      queue.push(`${url.pathname}${url.search}`);
    }
  }
  return { pages, findings };
}

describe('accessibility of every page, in English and Hebrew', () => {
  let b: BrowserTestApp;
  let pagesChecked = 0;
  let violationsFound = 0;

  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(async () => {
    console.log(`axe: ${pagesChecked} pages checked in ${LANGUAGES.join('+')}, ${violationsFound} violations`);
    await b?.close();
  });

  function expectNoFindings(findings: Finding[]): void {
    violationsFound += findings.length;
    expect(findings.map(describeFinding).join('\n')).toBe('');
  }

  it('catches a violation when there is one (the checker itself works)', async () => {
    const page = await b.newPage();
    await page.goto('/login');
    await page.evaluate('document.querySelector("main").insertAdjacentHTML("beforeend", "<input type=text name=unlabelled><h4>Skipped levels</h4>")');
    const violations = await axeViolations(page);
    expect(violations.map((v) => v.id)).toEqual(expect.arrayContaining(['label', 'heading-order']));
  });

  it.each(LANGUAGES)('a keyboard user first meets a visible skip link that moves focus to the main content (%s)', async (language) => {
    const page = await b.newPage(language === 'he' ? { viewport: MOBILE_VIEWPORT } : {});
    await signInAs(page, 'dept.batyam@demo.test');
    await setLanguage(page, language);
    await page.goto('/schools');
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toEqual({ tag: 'a', id: '', text: await tr(page, 'layout.skipToContent'), visible: true });
    await page.keyboard.press('Enter');
    expect(await focusedElement(page)).toMatchObject({ tag: 'main', id: 'main' });
    // The next stop is the page's own first control, not the header again.
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toEqual({ tag: 'a', id: '', text: await tr(page, 'schools.list.new'), visible: true });
  });

  it.each(LANGUAGES)('the signed-out pages, a failed sign-in and the error page pass in %s', async (language) => {
    const page = await b.newPage(language === 'he' ? { viewport: MOBILE_VIEWPORT } : {});
    const findings: Finding[] = [];
    const mobile = language === 'he';
    await page.goto('/login');
    await setLanguage(page, language);
    const signedOut = await crawl(b, page, `${language} anonymous`, { mobile, from: '/login', signedIn: false });
    pagesChecked += signedOut.pages;
    findings.push(...signedOut.findings);

    await page.goto('/login');
    await page.getByLabel(await tr(page, 'auth.login.email')).fill('nobody@demo.test');
    await page.getByLabel(await tr(page, 'auth.login.password')).fill('not the password');
    await page.getByRole('button', { name: await tr(page, 'auth.login.submit') }).click();
    await page.getByRole('alert').waitFor();
    findings.push(...(await checkPage(page, `${language} anonymous /login (wrong password)`, { mobile })));
    pagesChecked++;

    await signInAs(page, 'teacher.batyam@demo.test');
    await setLanguage(page, language);
    const missing = await page.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    findings.push(...(await checkPage(page, `${language} teacher /no-such-page (404)`, { mobile })));
    pagesChecked++;
    expectNoFindings(findings);
  });

  // One test per role and language, one after the other: the language is the person's saved
  // choice, shared by their sessions. English on a desktop; Hebrew at a phone's width.
  it.each(ROLES.flatMap((email) => LANGUAGES.map((language) => [email, language] as const)))(
    'every page %s can reach passes in %s (Hebrew at phone width)',
    async (email, language) => {
      const mobile = language === 'he';
      const page = await b.newPage(mobile ? { viewport: MOBILE_VIEWPORT } : {});
      await signInAs(page, email);
      await setLanguage(page, language);
      const result = await crawl(b, page, `${language} ${email}`, { mobile, from: '/', signedIn: true });
      pagesChecked += result.pages;
      await page.context().close();
      expectNoFindings(result.findings);
    },
  );
});
