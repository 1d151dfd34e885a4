import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import hbs from 'hbs';
import { PROJECT_ROOT } from '../project-root.js';
import { translate } from '../i18n/i18n.js';
import type { Language } from '../i18n/language.js';

interface HelperOptions {
  hash: Record<string, unknown>;
  data: { root: { lang?: Language; timeZone?: string } };
  fn?: (context: unknown) => string;
  inverse?: (context: unknown) => string;
}

const LOCALE_TAGS: Record<Language, string> = { he: 'he-IL', ar: 'ar-IL', en: 'en-GB' };

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

export function registerViewHelpers(instance: typeof hbs): void {
  /** `{{t "key" name=value}}`; `vars=object` passes several placeholders at once (flash messages). */
  instance.registerHelper('t', function (key: string, options: HelperOptions) {
    const { vars, ...rest } = options.hash;
    return translate(rootLanguage(options), key, { ...((vars as Record<string, unknown>) ?? {}), ...rest });
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
