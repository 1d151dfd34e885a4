import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';
import { LANGUAGES, type Language } from './language.js';

type Messages = Record<string, string>;

export const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['he', 'ar']);
export const FALLBACK_LANGUAGE: Language = 'en';

function flatten(prefix: string, value: unknown, into: Messages): void {
  if (typeof value === 'string') {
    into[prefix] = value;
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(prefix ? `${prefix}.${key}` : key, child, into);
  }
}

/**
 * Messages live in locales/<language>/<namespace>.json; a key is "<namespace>.<path>".
 * One file per feature keeps parallel work on features from touching the same file.
 */
function loadCatalogue(language: Language): Messages {
  const dir = join(PROJECT_ROOT, 'locales', language);
  const messages: Messages = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    flatten(basename(file, '.json'), JSON.parse(readFileSync(join(dir, file), 'utf8')), messages);
  }
  return messages;
}

const catalogues = new Map<Language, Messages>(LANGUAGES.map((language) => [language, loadCatalogue(language)]));

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function hasMessage(language: Language, key: string): boolean {
  return key in (catalogues.get(language) ?? {});
}

/** Looks a key up in the language, then in English; `{name}` placeholders are filled from vars. */
export function translate(language: Language, key: string, vars: Record<string, unknown> = {}): string {
  const template = catalogues.get(language)?.[key] ?? catalogues.get(FALLBACK_LANGUAGE)?.[key];
  if (template === undefined) return key;
  let text = template;
  if ('count' in vars && typeof vars.count === 'number') {
    const plural = new Intl.PluralRules(language).select(vars.count);
    const variant = catalogues.get(language)?.[`${key}_${plural}`] ?? catalogues.get(FALLBACK_LANGUAGE)?.[`${key}_${plural}`];
    if (variant) text = variant;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function messageKeys(language: Language): string[] {
  return Object.keys(catalogues.get(language) ?? {});
}

/** Picks the first supported language of an Accept-Language header, by quality. */
export function languageFromHeader(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0] === 'iw' ? 'he' : tag.split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}
