import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { hasMessage, messageKeys } from '../../src/common/i18n/i18n.js';
import { PROJECT_ROOT } from '../../src/common/project-root.js';
import { createMunicipality, createUser } from '../support/factories.js';
import { anonymousAgent, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

function htmlTag(html: string): string {
  return /<html[^>]*>/.exec(html)?.[0] ?? '';
}

describe('the reader’s language', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('follows Accept-Language when nobody is signed in', async () => {
    const he = await request(t.http).get('/login').set('Accept-Language', 'he').expect(200);
    expect(htmlTag(he.text)).toBe('<html lang="he" dir="rtl">');
    expect(he.text).toContain('<h1>כניסה</h1>');

    const ar = await request(t.http).get('/login').set('Accept-Language', 'ar-IL,ar;q=0.9').expect(200);
    expect(htmlTag(ar.text)).toBe('<html lang="ar" dir="rtl">');

    const en = await request(t.http).get('/login').set('Accept-Language', 'en-GB').expect(200);
    expect(htmlTag(en.text)).toBe('<html lang="en" dir="ltr">');
    expect(en.text).toContain('<h1>Sign in</h1>');
  });

  it('weighs the languages of the header and skips those it does not have', async () => {
    const ranked = await request(t.http).get('/login').set('Accept-Language', 'fr;q=1, en;q=0.5, he;q=0.8').expect(200);
    expect(htmlTag(ranked.text)).toBe('<html lang="he" dir="rtl">');
    const oldCode = await request(t.http).get('/login').set('Accept-Language', 'iw').expect(200);
    expect(htmlTag(oldCode.text)).toBe('<html lang="he" dir="rtl">');
    const unknown = await request(t.http).get('/login').set('Accept-Language', 'fr, de').expect(200);
    expect(htmlTag(unknown.text)).toBe('<html lang="en" dir="ltr">');
    const none = await request(t.http).get('/login').expect(200);
    expect(htmlTag(none.text)).toBe('<html lang="en" dir="ltr">');
  });

  it('prefers a signed-in person’s own choice to the header', async () => {
    const person = await createUser(t.db, { roles: ['teacher'], preferredLanguage: 'he', displayName: 'Hila' });
    const signedIn = await signIn(t, person);
    const home = await signedIn.get('/').set('Accept-Language', 'en').expect(200);
    expect(htmlTag(home.text)).toBe('<html lang="he" dir="rtl">');
  });

  it('uses the header before the municipality’s default when the person has not chosen', async () => {
    const city = await createMunicipality(t.db, { locale: 'he' });
    const person = await createUser(t.db, { roles: ['teacher'], municipalityId: city.id });
    const signedIn = await signIn(t, person);
    const home = await signedIn.get('/').set('Accept-Language', 'en').expect(200);
    expect(htmlTag(home.text)).toBe('<html lang="en" dir="ltr">');
  });

  it('falls back to the municipality’s default when there is neither a choice nor a header', async () => {
    const hebrewCity = await createMunicipality(t.db, { locale: 'he' });
    const teacher = await createUser(t.db, { roles: ['teacher'], municipalityId: hebrewCity.id });
    const inHebrew = await (await signIn(t, teacher)).get('/').expect(200);
    expect(htmlTag(inHebrew.text)).toBe('<html lang="he" dir="rtl">');

    const arabicCity = await createMunicipality(t.db, { locale: 'ar' });
    const mentor = await createUser(t.db, { roles: ['mentor'], municipalityId: arabicCity.id });
    const inArabic = await (await signIn(t, mentor)).get('/').expect(200);
    expect(htmlTag(inArabic.text)).toBe('<html lang="ar" dir="rtl">');

    const englishCity = await createMunicipality(t.db, { locale: 'en' });
    const admin = await createUser(t.db, { roles: ['department_admin'], municipalityId: englishCity.id });
    const inEnglish = await (await signIn(t, admin)).get('/').expect(200);
    expect(htmlTag(inEnglish.text)).toBe('<html lang="en" dir="ltr">');
  });

  it('offers every language in the header’s switch, the current one pressed, returning to the same page', async () => {
    const page = await request(t.http).get('/login').set('Accept-Language', 'he').expect(200);
    const form = /<form method="post" action="\/language"[\s\S]*?<\/form>/.exec(page.text)?.[0] ?? '';
    expect(form).toMatch(/name="_csrf" value="[^"]+"/);
    expect(form).toContain('name="returnTo" value="/login"');
    const button = (code: string) => new RegExp(`<button [^>]*name="lang" value="${code}" lang="${code}"[^>]*>([^<]+)</button>`).exec(form) ?? [''];
    const isMarkedCurrent = (tag: string) => /aria-(current|pressed)="true"/.test(tag);
    expect(button('he')[1]).toBe('עברית');
    expect(button('en')[1]).toBe('English');
    expect(button('ar')[1]).toBe('العربية');
    expect(isMarkedCurrent(button('he')[0])).toBe(true);
    expect(isMarkedCurrent(button('ar')[0])).toBe(false);
    expect(isMarkedCurrent(button('en')[0])).toBe(false);
  });

  it('keeps a signed-out visitor’s choice in the session, over the header', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const res = await agent.post('/language').type('form').send({ _csrf: csrf, lang: 'he', returnTo: '/login' }).expect(303);
    expect(res.headers.location).toBe('/login');
    const after = await agent.get('/login').set('Accept-Language', 'en').expect(200);
    expect(htmlTag(after.text)).toBe('<html lang="he" dir="rtl">');
    expect(after.text).toContain('השפה הוחלפה');
    const later = await agent.get('/login').set('Accept-Language', 'en').expect(200);
    expect(htmlTag(later.text)).toBe('<html lang="he" dir="rtl">');
    expect(later.text).not.toContain('השפה הוחלפה');
  });

  it('saves a signed-in person’s choice on their profile, so it follows them to a new session', async () => {
    const person = await createUser(t.db, { roles: ['teacher'], preferredLanguage: 'en' });
    const signedIn = await signIn(t, person);
    await signedIn.post('/language', { lang: 'ar', returnTo: '/' }).expect(303);
    const rows = await t.db.query('SELECT preferred_language AS lang FROM app_user WHERE id = $1', [person.id]);
    expect(rows[0].lang).toBe('ar');
    const home = await signedIn.get('/').set('Accept-Language', 'he').expect(200);
    expect(htmlTag(home.text)).toBe('<html lang="ar" dir="rtl">');

    const elsewhere = await signIn(t, person);
    const there = await elsewhere.get('/').set('Accept-Language', 'en').expect(200);
    expect(htmlTag(there.text)).toBe('<html lang="ar" dir="rtl">');
  });

  it('refuses a language it does not have and a return address off the site', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    await agent.post('/language').type('form').send({ _csrf: csrf, lang: 'fr' }).expect(400);
    await agent
      .post('/language')
      .type('form')
      .send({ _csrf: csrf, lang: ['he', 'en'] })
      .expect(400);
    const offSite = await agent.post('/language').type('form').send({ _csrf: csrf, lang: 'en', returnTo: '//evil.example/' }).expect(303);
    expect(offSite.headers.location).toBe('/');
    const { agent: other } = await anonymousAgent(t);
    await other.post('/language').type('form').send({ lang: 'he' }).expect(403);
  });
});

describe('translation catalogues', () => {
  const viewsDir = join(PROJECT_ROOT, 'views');
  const srcDir = join(PROJECT_ROOT, 'src');

  function filesUnder(dir: string, suffix: string): string[] {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith(suffix) && !f.endsWith('.spec.ts'))
      .map((f) => join(dir, f));
  }

  /** Literal keys in views: {{t "a.b"}}, (t "a.b"), and key="a.b"-style hash arguments ending in Key. */
  function keysInViews(): Map<string, string> {
    const found = new Map<string, string>();
    for (const file of filesUnder(viewsDir, '.hbs')) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:\{\{~?|\()\s*t\s+["']([^"']+)["']/g)) found.set(match[1], file);
      for (const match of text.matchAll(/\b\w*Key=["']([a-z][\w-]*\.[\w.-]+)["']/g)) found.set(match[1], file);
    }
    return found;
  }

  /** Literal keys in code: translate(x, 'k'), flash(req, kind, 'k'), xxxKey: 'k', new XxxError('k'), .field(f, 'k'). */
  function keysInCode(): Map<string, string> {
    const found = new Map<string, string>();
    const patterns = [
      /\btranslate\(\s*[\w.]+(?: as \w+)?,\s*'([^'$`]+)'/g,
      /\bflash\(\s*\w+,\s*'(?:success|error)',\s*'([^']+)'/g,
      /\b\w*Key\??:\s*'([a-z][\w-]*\.[\w.-]+)'/g,
      /\bnew \w+(?:Error|Exception)\(\s*'([a-z][\w-]*\.[\w.-]+)'/g,
      /\.field\(\s*'[^']+',\s*'([^']+)'/g,
    ];
    for (const file of filesUnder(srcDir, '.ts')) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.set(match[1], file);
    }
    return found;
  }

  it('has every key a view uses in English and in Hebrew', () => {
    const keys = keysInViews();
    expect(keys.size).toBeGreaterThan(20);
    const missing = [...keys]
      .filter(([key]) => !hasMessage('en', key) || !hasMessage('he', key))
      .map(([key, file]) => `${key} (${file.slice(PROJECT_ROOT.length + 1)})`);
    expect(missing).toEqual([]);
  });

  it('has every literal key the code uses in English and in Hebrew', () => {
    const keys = keysInCode();
    expect(keys.size).toBeGreaterThan(10);
    const missing = [...keys]
      .filter(([key]) => !hasMessage('en', key) || !hasMessage('he', key))
      .map(([key, file]) => `${key} (${file.slice(PROJECT_ROOT.length + 1)})`);
    expect(missing).toEqual([]);
  });

  it('has the same keys in English and Hebrew, and no Arabic key English lacks', () => {
    const en = new Set(messageKeys('en'));
    const he = new Set(messageKeys('he'));
    expect([...en].filter((k) => !he.has(k))).toEqual([]);
    expect([...he].filter((k) => !en.has(k))).toEqual([]);
    expect(messageKeys('ar').filter((k) => !en.has(k))).toEqual([]);
  });

  it('has the same {placeholders} in every translation of a message, and no empty message', () => {
    const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort().join(',');
    const problems: string[] = [];
    for (const language of ['en', 'he', 'ar'] as const) {
      const dir = join(PROJECT_ROOT, 'locales', language);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
        const flat = flatten(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object);
        for (const [key, text] of Object.entries(flat)) if (!text.trim()) problems.push(`${language}/${file}: ${key} is empty`);
      }
    }
    const english = catalogue('en');
    for (const language of ['he', 'ar'] as const) {
      for (const [key, text] of Object.entries(catalogue(language))) {
        if (english[key] === undefined) continue;
        if (placeholders(text) !== placeholders(english[key]))
          problems.push(`${language}: ${key} has {${placeholders(text)}}, English has {${placeholders(english[key])}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps every catalogue file valid JSON with the same file names in English and Hebrew', () => {
    const names = (language: string) =>
      readdirSync(join(PROJECT_ROOT, 'locales', language))
        .filter((f) => f.endsWith('.json'))
        .sort();
    expect(names('he')).toEqual(names('en'));
    for (const name of names('ar')) expect(names('en')).toContain(name);
  });
});

function flatten(value: object, prefix = '', into: Record<string, string> = {}): Record<string, string> {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') into[path] = child;
    else if (child && typeof child === 'object') flatten(child as object, path, into);
  }
  return into;
}

function catalogue(language: string): Record<string, string> {
  const dir = join(PROJECT_ROOT, 'locales', language);
  const messages: Record<string, string> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')))
    flatten(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object, file.replace(/\.json$/, ''), messages);
  return messages;
}
