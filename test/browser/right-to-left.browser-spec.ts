import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/common/project-root.js';
import type { Language } from '../../src/common/i18n/language.js';
import { type BrowserTestApp, ensureArtifactsDir, horizontalBox, setLanguage, signInAs, startBrowserApp } from '../support/browser.js';

/** Properties that name a physical side: in a right-to-left page they land on the wrong one. */
const PHYSICAL_SIDE_RULES: { name: string; pattern: RegExp }[] = [
  { name: 'margin/padding/border on a side', pattern: /\b(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)\b/ },
  { name: 'corner radius on a side', pattern: /\bborder-(?:top|bottom)-(?:left|right)-radius\b/ },
  { name: 'left/right offset', pattern: /(?:^|[;{\s])(?:left|right)\s*:/ },
  { name: 'text-align or float or clear to a side', pattern: /\b(?:text-align|float|clear)\s*:\s*(?:left|right)\b/ },
];

function physicalSideDeclarations(css: string): string[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  const found: string[] = [];
  withoutComments.split('\n').forEach((line, index) => {
    for (const rule of PHYSICAL_SIDE_RULES) if (rule.pattern.test(line)) found.push(`app.css:${index + 1} ${rule.name}: ${line.trim()}`);
  });
  return found;
}

describe('right-to-left layout', () => {
  it('the style sheet uses logical properties only, never a physical left or right', () => {
    expect(physicalSideDeclarations('a { margin-left: 1px } b { right: 0 } c { text-align: right } d { border-top-left-radius: 2px }')).toHaveLength(4);
    const css = readFileSync(join(PROJECT_ROOT, 'public', 'css', 'app.css'), 'utf8');
    expect(physicalSideDeclarations(css)).toEqual([]);
  });

  describe('in the browser', () => {
    let b: BrowserTestApp;
    beforeAll(async () => (b = await startBrowserApp()));
    afterAll(() => b?.close());

    it.each<[Language, 'ltr' | 'rtl']>([
      ['en', 'ltr'],
      ['he', 'rtl'],
      ['ar', 'rtl'],
    ])('mirrors the teacher home in %s (%s) and saves a screenshot of it', async (language, dir) => {
      const page = await b.newPage();
      await signInAs(page, 'teacher.batyam@demo.test');
      await setLanguage(page, language);
      expect(await page.locator('html').getAttribute('dir')).toBe(dir);

      const brand = await horizontalBox(page, '.site-header .brand');
      const signOut = await horizontalBox(page, '.site-header .sign-out');
      const edge = 40;
      if (dir === 'ltr') {
        expect(brand.left).toBeLessThan(edge);
        expect(signOut.right).toBeGreaterThan(brand.viewport - edge);
      } else {
        expect(brand.right).toBeGreaterThan(brand.viewport - edge);
        expect(signOut.left).toBeLessThan(edge);
      }
      // Latin digits in every language (the Israeli convention), never Arabic-Indic ones.
      expect(await page.locator('body').innerText()).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);

      await page.screenshot({ path: join(ensureArtifactsDir(), `teacher-home-${language}.png`), fullPage: true });
    });
  });
});
