import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';
import { translate } from './i18n.js';

const localesDir = join(PROJECT_ROOT, 'locales');

/**
 * Messages that rightly read the same in Arabic as in English: each language's own name, and
 * messages made only of placeholders and punctuation.
 */
const SAME_AS_ENGLISH = new Set([
  'languages.he',
  'languages.ar',
  'languages.en',
  'cohortReports.show.approvedOf',
  'dashboards.percent',
  'cohortReports.show.groupOption',
  'progress.certificate.cityAndCohort',
  'progress.path.cohortChoice',
  'programmes.modules.errors.cycleStep',
  'reviews.show.title',
]);

const ARABIC_LETTER = /[\u0621-\u064A]/;

function namespaces(language: string): string[] {
  return readdirSync(join(localesDir, language))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

function flatten(value: unknown, prefix: string, into: Record<string, unknown> = {}): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, `${prefix}.${key}`, into);
  } else {
    into[prefix] = value;
  }
  return into;
}

function messages(language: string, namespace: string): Record<string, unknown> {
  return flatten(JSON.parse(readFileSync(join(localesDir, language, `${namespace}.json`), 'utf8')) as unknown, namespace);
}

function placeholders(text: unknown): string[] {
  return typeof text === 'string' ? [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() : [];
}

const englishNamespaces = namespaces('en');

describe('the Arabic catalogue', () => {
  it('covers the English catalogue', () => {
    expect(englishNamespaces.length).toBeGreaterThan(10);
    expect(englishNamespaces.filter((namespace) => !existsSync(join(localesDir, 'ar', `${namespace}.json`)))).toEqual([]);
  });

  describe.each(englishNamespaces)('%s.json', (namespace) => {
    const english = messages('en', namespace);
    const arabic = existsSync(join(localesDir, 'ar', `${namespace}.json`)) ? messages('ar', namespace) : {};

    it('has exactly the keys of the English file', () => {
      expect(Object.keys(arabic).sort()).toEqual(Object.keys(english).sort());
    });

    it('has only non-empty text messages, with the placeholders of the English message', () => {
      const problems: string[] = [];
      for (const [key, text] of Object.entries(arabic)) {
        if (typeof text !== 'string' || !text.trim()) problems.push(`${key} is not a message: ${JSON.stringify(text)}`);
        else if (key in english && placeholders(text).join() !== placeholders(english[key]).join())
          problems.push(`${key} has {${placeholders(text).join()}}, English has {${placeholders(english[key]).join()}}`);
      }
      expect(problems).toEqual([]);
    });

    it('is translated: no message left in English, every message written in Arabic', () => {
      const untranslated = Object.entries(arabic)
        .filter(([key]) => !SAME_AS_ENGLISH.has(key))
        .filter(([key, text]) => text === english[key] || typeof text !== 'string' || !ARABIC_LETTER.test(text))
        .map(([key]) => key);
      expect(untranslated).toEqual([]);
    });
  });

  it('allows only messages that really read the same as in English', () => {
    const all = Object.fromEntries(englishNamespaces.map((namespace) => [namespace, messages('en', namespace)]));
    for (const key of SAME_AS_ENGLISH) {
      const namespace = key.split('.')[0];
      expect(all[namespace]?.[key]).toBeDefined();
      const text = String(all[namespace][key]);
      expect(namespace === 'languages' || text.replace(/\{\w+\}/g, '').trim().length <= 3).toBe(true);
    }
  });

  it('shows counted messages in Arabic for every plural category Arabic has (zero, one, two, few, many, other)', () => {
    const counted = englishNamespaces.flatMap((namespace) =>
      Object.entries(messages('en', namespace))
        .filter(([key, text]) => placeholders(text).includes('count') && !/_(zero|one|two|few|many|other)$/.test(key))
        .map(([key]) => key),
    );
    expect(counted.length).toBeGreaterThan(3);
    const problems: string[] = [];
    for (const key of counted)
      for (const count of [0, 1, 2, 3, 11, 100]) {
        const text = translate('ar', key, { count });
        if (!ARABIC_LETTER.test(text) || text.includes('{count}')) problems.push(`${key} (${count}): ${text}`);
      }
    expect(problems).toEqual([]);
  });
});
