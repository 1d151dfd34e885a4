import { LANGUAGES, type Language } from '../common/i18n/language.js';

/**
 * Programme content (a programme's, a phase's or a module's texts) is kept in the language it was
 * written in, in the record's own row, with translations in a table per kind keyed (record,
 * language). The tables and the text columns of each kind:
 */
export const TEXT_KINDS = {
  programme: { record: 'programme', table: 'programme_translation', key: 'programme_id', columns: ['title', 'description'] },
  phase: { record: 'programme_phase', table: 'programme_phase_translation', key: 'phase_id', columns: ['title', 'description'] },
  module: {
    record: 'curriculum_module',
    table: 'curriculum_module_translation',
    key: 'module_id',
    columns: ['title', 'summary', 'body_md', 'learning_objectives', 'reflection_prompt', 'submission_instructions'],
  },
} as const;

export type TextKind = keyof typeof TEXT_KINDS;
export type TextColumn<K extends TextKind> = (typeof TEXT_KINDS)[K]['columns'][number];

export interface LocalizedText<K extends TextKind> {
  /** The LEFT JOIN of the reader's translation; put it after the table whose alias was given. */
  join: string;
  /** A text column in the reader's language, else the original's. */
  text(column: TextColumn<K>): string;
  /** The language those texts are in: the reader's when translated, else the original's. */
  language: string;
  /** The joined translation's key, for a GROUP BY that also groups by the record's id. */
  groupKey: string;
}

/**
 * The one way a query reads programme content for a reader: the reader's language when a
 * translation into it exists, else the original. A translation is shown whole (never a field of it
 * mixed with the original's), so one language describes every text of the record and a page marks
 * it with one `lang` and `dir`. `alias` is the record's table alias in the statement,
 * `languageParam` the statement parameter holding the reader's language (null: the original).
 *
 * ```ts
 * const mod = localizedText('module', 'cm', '$3');
 * sqlStatement('x.y', `SELECT ${mod.text('title')} AS title, ${mod.language} AS "titleLanguage"
 *                        FROM curriculum_module cm ${mod.join} WHERE cm.id = $1`);
 * ```
 */
export function localizedText<K extends TextKind>(kind: K, alias: string, languageParam: string): LocalizedText<K> {
  const { table, key } = TEXT_KINDS[kind];
  const tr = `${alias}_tr`;
  return {
    join: `LEFT JOIN ${table} ${tr} ON ${tr}.${key} = ${alias}.id AND ${tr}.language = ${languageParam}::text`,
    text: (column) => `coalesce(${tr}.${column}, ${alias}.${column})`,
    language: `coalesce(${tr}.language, ${alias}.original_language)`,
    groupKey: `${tr}.${key}, ${tr}.language`,
  };
}

/** A record's translations as SQL: a JSON array of {language, sourceVersion} (for `languageStatuses`). */
export function translationsJson(kind: TextKind, alias: string): string {
  const { table, key } = TEXT_KINDS[kind];
  return `coalesce((SELECT json_agg(json_build_object('language', t.language, 'sourceVersion', t.source_version))
                      FROM ${table} t WHERE t.${key} = ${alias}.id), '[]')`;
}

export type LanguageStatus = 'original' | 'upToDate' | 'outOfDate' | 'missing';

export interface TranslationVersion {
  language: Language;
  sourceVersion: number;
}

/**
 * Where a record's text stands in each language: the original, a translation made from the
 * original's current version (up to date) or from an earlier one (out of date), or none.
 */
export function languageStatuses(
  originalLanguage: Language,
  textVersion: number,
  translations: TranslationVersion[],
): { language: Language; status: LanguageStatus }[] {
  const byLanguage = new Map(translations.map((t) => [t.language, t.sourceVersion]));
  return LANGUAGES.map((language) => {
    if (language === originalLanguage) return { language, status: 'original' };
    const version = byLanguage.get(language);
    if (version === undefined) return { language, status: 'missing' };
    return { language, status: version >= textVersion ? 'upToDate' : 'outOfDate' };
  });
}
