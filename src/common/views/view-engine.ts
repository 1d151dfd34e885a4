import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import hbs from 'hbs';
import { PROJECT_ROOT } from '../project-root.js';
import { directionOf, isolate } from '../i18n/bidi.js';
import { isLanguage, RTL_LANGUAGES, translate } from '../i18n/i18n.js';
import type { Language } from '../i18n/language.js';

interface HelperOptions {
  hash: Record<string, unknown>;
  data: { root: { lang?: Language; timeZone?: string } };
  fn?: (context: unknown) => string;
  inverse?: (context: unknown) => string;
}

export const LOCALE_TAGS: Record<Language, string> = { he: 'he-IL', ar: 'ar-IL', en: 'en-GB' };

function rootLanguage(options: HelperOptions): Language {
  return options.data.root.lang ?? 'en';
}

export function formatDateTime(value: unknown, language: Language, timeZone: string, style: string): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return '';
  if (style === 'iso') return date.toISOString();
  const formats: Record<string, Intl.DateTimeFormatOptions> = {
    date: { dateStyle: 'medium' },
    datetime: { dateStyle: 'medium', timeStyle: 'short' },
    time: { timeStyle: 'short' },
  };
  // Latin digits in every language: the Israeli convention, also for Arabic speakers here.
  return new Intl.DateTimeFormat(`${LOCALE_TAGS[language]}-u-nu-latn`, { ...(formats[style] ?? formats.date), timeZone }).format(date);
}

/**
 * A message as a page shows it. In a right-to-left page each value filled in is isolated: a Latin
 * name, a date or a number keeps its own direction and does not carry the sentence's punctuation
 * to the wrong side. (`count` stays a number: it chooses the plural form.)
 */
export function translateForPage(language: Language, key: string, vars: Record<string, unknown> = {}): string {
  if (!RTL_LANGUAGES.has(language)) return translate(language, key, vars);
  const values: Record<string, unknown> = { ...vars };
  for (const [name, value] of Object.entries(values)) {
    if (name !== 'count' && (typeof value === 'string' || typeof value === 'number')) values[name] = isolate(String(value));
  }
  return translate(language, key, values);
}

export function registerViewHelpers(instance: typeof hbs): void {
  /** `{{t "key" name=value}}`; `vars=object` passes several placeholders at once (flash messages). */
  instance.registerHelper('t', function (key: string, options: HelperOptions) {
    const { vars, ...rest } = options.hash;
    return translateForPage(rootLanguage(options), key, { ...((vars as Record<string, unknown>) ?? {}), ...rest });
  });
  /**
   * `<h2 {{langDir textLanguage}}>{{title}}</h2>`: marks programme content with the language it
   * is written in (which may not be the page's) and that language's direction.
   */
  instance.registerHelper('langDir', function (language: unknown) {
    return isLanguage(language) ? new instance.handlebars.SafeString(`lang="${language}" dir="${directionOf(language)}"`) : '';
  });
  /**
   * `<h1>{{pageTitle (t "schools.list.title")}}</h1>`: prints the heading and makes it the
   * document's <title> too (WCAG 2.4.2): the one way a page gets its title. `context=cohort.name`
   * adds what the page belongs to, to the title only ("Module windows · Cohort 2026").
   */
  instance.registerHelper('pageTitle', function (value: unknown, options: HelperOptions) {
    const root = options.data.root as { title?: unknown };
    const text = value === undefined || value === null ? '' : String(value);
    const context = options.hash.context === undefined || options.hash.context === null ? '' : String(options.hash.context);
    if (text) root.title = context ? `${text} · ${context}` : text;
    return text;
  });
  instance.registerHelper('formatDate', function (value: unknown, ...rest: unknown[]) {
    const options = rest.pop() as HelperOptions;
    const style = typeof rest[0] === 'string' ? rest[0] : 'date';
    return formatDateTime(value, rootLanguage(options), options.data.root.timeZone ?? 'Asia/Jerusalem', style);
  });
  instance.registerHelper('formatNumber', function (value: unknown, options: HelperOptions) {
    const n = Number(value);
    if (!Number.isFinite(n)) return '';
    return new Intl.NumberFormat(`${LOCALE_TAGS[rootLanguage(options)]}-u-nu-latn`, { maximumFractionDigits: Number(options.hash.digits ?? 0) }).format(n);
  });
  instance.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  instance.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  instance.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  instance.registerHelper('not', (a: unknown) => !a);
  instance.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  instance.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  instance.registerHelper('includes', (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item));
  instance.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
  instance.registerHelper('fieldError', (errors: Record<string, string> | undefined, field: string) => errors?.[field]);
}

/** hbs registers partials asynchronously; doing it synchronously means the first request sees them all. */
function registerPartialsSync(instance: typeof hbs, dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.hbs')) continue;
    const file = join(entry.parentPath, entry.name);
    const name = relative(dir, file).replace(/\\/g, '/').replace(/\.hbs$/, '');
    instance.registerPartial(name, readFileSync(file, 'utf8'));
  }
}

export function configureViews(app: NestExpressApplication, cache: boolean): void {
  const viewsDir = join(PROJECT_ROOT, 'views');
  registerViewHelpers(hbs);
  registerPartialsSync(hbs, join(viewsDir, 'partials'));
  app.setBaseViewsDir(viewsDir);
  app.setViewEngine('hbs');
  app.set('view options', { layout: 'layouts/main' });
  app.set('view cache', cache);
}
