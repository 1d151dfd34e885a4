import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programme content in one or more of Hebrew, Arabic and English. Each programme, phase and module
 * keeps its texts in the language they were written in (original_language) in its own row, and
 * each translation in a table per kind, keyed (record, language). The original's text_version goes
 * up whenever one of its texts changes; a translation records the version it was made from, so a
 * translation whose source_version is behind is out of date.
 *
 * Rows written before this migration get the language their title is written in (Hebrew or Arabic
 * letters, else English). The column default says the same for rows inserted without a language:
 * the app always names one.
 */
export class ContentLanguages1796224703746 implements MigrationInterface {
  name = 'ContentLanguages1796224703746';

  async up(q: QueryRunner): Promise<void> {
    const scriptOf = (column: string) => `CASE WHEN ${column} ~ '[\u0590-\u05FF]' THEN 'he' WHEN ${column} ~ '[\u0600-\u06FF]' THEN 'ar' ELSE 'en' END`;
    for (const table of ['programme', 'programme_phase', 'curriculum_module']) {
      await q.query(`ALTER TABLE ${table}
        ADD COLUMN original_language text NOT NULL DEFAULT 'en' CHECK (original_language IN ('he', 'ar', 'en')),
        ADD COLUMN text_version integer NOT NULL DEFAULT 1 CHECK (text_version >= 1)`);
      await q.query(`UPDATE ${table} SET original_language = ${scriptOf('title')}`);
    }
    await q.query(`ALTER TABLE curriculum_module
      ADD COLUMN submission_instructions text NOT NULL DEFAULT '' CHECK (length(submission_instructions) <= 5000)`);

    await q.query(`CREATE TABLE programme_translation (
      programme_id uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
      language text NOT NULL CHECK (language IN ('he', 'ar', 'en')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      source_version integer NOT NULL CHECK (source_version >= 1),
      updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (programme_id, language)
    )`);
    await q.query(`CREATE TABLE programme_phase_translation (
      phase_id uuid NOT NULL REFERENCES programme_phase(id) ON DELETE CASCADE,
      language text NOT NULL CHECK (language IN ('he', 'ar', 'en')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      source_version integer NOT NULL CHECK (source_version >= 1),
      updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (phase_id, language)
    )`);
    await q.query(`CREATE TABLE curriculum_module_translation (
      module_id uuid NOT NULL REFERENCES curriculum_module(id) ON DELETE CASCADE,
      language text NOT NULL CHECK (language IN ('he', 'ar', 'en')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 1000),
      body_md text NOT NULL DEFAULT '' CHECK (length(body_md) <= 100000),
      learning_objectives text NOT NULL DEFAULT '' CHECK (length(learning_objectives) <= 5000),
      reflection_prompt text NOT NULL DEFAULT '' CHECK (length(reflection_prompt) <= 2000),
      submission_instructions text NOT NULL DEFAULT '' CHECK (length(submission_instructions) <= 5000),
      source_version integer NOT NULL CHECK (source_version >= 1),
      updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (module_id, language)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['curriculum_module_translation', 'programme_phase_translation', 'programme_translation']) await q.query(`DROP TABLE ${table}`);
    await q.query('ALTER TABLE curriculum_module DROP COLUMN submission_instructions');
    for (const table of ['programme', 'programme_phase', 'curriculum_module']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN original_language, DROP COLUMN text_version`);
    }
  }
}
