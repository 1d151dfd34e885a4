import { Injectable } from '@nestjs/common';
import { CONTACT_INTERVAL_DAYS } from '../mentoring/contact-interval.js';
import type { Language } from '../common/i18n/language.js';
import type { PageRequest } from '../common/pagination.js';
import { Sql, sqlStatement } from '../database/sql.js';
import { municipalityNameSql } from '../municipalities/municipality-name.js';
import type { CompletionMethod, ModuleKind } from './curriculum-module.types.js';
import { localizedText, TEXT_KINDS, type TextKind, translationsJson, type TranslationVersion } from './localized-text.js';
import type { PrerequisiteEdge } from './prerequisite-cycle.js';
import type { ProgrammeScope } from './programmes.policy.js';

/**
 * What a record's texts are written in and how they stand: the language of the texts returned (the
 * reader's when translated, else the original's), the original's language and version, and the
 * version each translation was made from.
 */
export interface TextState {
  textLanguage: Language;
  originalLanguage: Language;
  textVersion: number;
  translations: TranslationVersion[];
}

export interface ProgrammeRecord extends TextState {
  id: string;
  municipalityId: string | null;
  /** The city's name in the language asked for (English when none is); null for a network template. */
  cityName: string | null;
  originProgrammeId: string | null;
  originTitle: string | null;
  originTitleLanguage: Language | null;
  title: string;
  description: string;
  minSessionsAttended: number;
  minReflections: number;
  minWorkshopAttendancePct: number;
  contactIntervalDays: number;
  cohortCount: number;
}

export interface ProgrammeListRow {
  id: string;
  municipalityId: string | null;
  cityName: string | null;
  title: string;
  textLanguage: Language;
  phaseCount: number;
  moduleCount: number;
  originTitle: string | null;
  originTitleLanguage: Language | null;
}

export interface ProgrammeFields {
  originalLanguage: Language;
  title: string;
  description: string;
  minSessionsAttended: number;
  minReflections: number;
  minWorkshopAttendancePct: number;
  /** Null: a new programme's default, or an edited programme's current value. */
  contactIntervalDays: number | null;
}

export interface PhaseRecord extends TextState {
  id: string;
  programmeId: string;
  position: number;
  title: string;
  description: string;
  moduleCount: number;
}

export interface PhaseFields {
  originalLanguage: Language;
  title: string;
  description: string;
}

export interface ModuleFields {
  originalLanguage: Language;
  title: string;
  summary: string;
  bodyMd: string;
  learningObjectives: string;
  submissionInstructions: string;
  estimatedHours: string;
  kind: ModuleKind;
  completionMethod: CompletionMethod;
  reflectionPrompt: string;
  required: boolean;
  opensOffsetDays: number;
  dueOffsetDays: number;
}

export interface ModuleRecord extends ModuleFields, TextState {
  id: string;
  programmeId: string;
  phaseId: string;
  phaseTitle: string;
  phaseTitleLanguage: Language;
  position: number;
  originModuleId: string | null;
  prerequisiteIds: string[];
}

/** A title as a reader sees it, with the language it is written in. */
export interface LocalizedTitle {
  title: string;
  language: Language;
}

export interface ModuleOutlineRow extends TextState {
  id: string;
  phaseId: string;
  position: number;
  title: string;
  summary: string;
  kind: ModuleKind;
  completionMethod: CompletionMethod;
  required: boolean;
  estimatedHours: string;
  opensOffsetDays: number;
  dueOffsetDays: number;
  prerequisites: LocalizedTitle[];
}

export interface CityOption {
  id: string;
  name: string;
}

/** Templates are visible to anyone with a city (read-only); a city's programmes to its admins. */
const IN_SCOPE = '($1::boolean OR p.municipality_id IS NULL OR p.municipality_id = ANY($2::uuid[]))';

/** A record's language, version and translations, over its table alias (for the editor's language statuses). */
const textState = (kind: TextKind, alias: string, languageSql: string) =>
  `${languageSql} AS "textLanguage", ${alias}.original_language AS "originalLanguage", ${alias}.text_version AS "textVersion",
   ${translationsJson(kind, alias)} AS translations`;

/** Whether a statement's new texts ($n…) differ from the row's: the original's version then goes up and its translations fall out of date. */
const bumpedVersion = (columns: string[], params: string[]) =>
  `text_version + CASE WHEN (${columns.join(', ')}) IS DISTINCT FROM (${params.map((p) => `${p}::text`).join(', ')}) THEN 1 ELSE 0 END`;

const listTitle = localizedText('programme', 'p', '$5');
const listOrigin = localizedText('programme', 'o', '$5');
const FIND_FOR_SCOPE = sqlStatement(
  'programmes.findForScope',
  `SELECT p.id, p.municipality_id AS "municipalityId", ${municipalityNameSql('m', '$5')} AS "cityName",
          ${listTitle.text('title')} AS title, ${listTitle.language} AS "textLanguage",
          ${listOrigin.text('title')} AS "originTitle", ${listOrigin.language} AS "originTitleLanguage",
          (SELECT count(*)::int FROM programme_phase ph WHERE ph.programme_id = p.id) AS "phaseCount",
          (SELECT count(*)::int FROM curriculum_module cm WHERE cm.programme_id = p.id) AS "moduleCount",
          count(*) OVER ()::int AS total
     FROM programme p
     ${listTitle.join}
     LEFT JOIN municipality m ON m.id = p.municipality_id
     LEFT JOIN programme o ON o.id = p.origin_programme_id
     ${listOrigin.join}
    WHERE NOT p.archived AND ${IN_SCOPE}
    ORDER BY p.municipality_id IS NOT NULL, m.name_en, title, p.id
    LIMIT $3 OFFSET $4`,
);

const oneTitle = localizedText('programme', 'p', '$4');
const oneOrigin = localizedText('programme', 'o', '$4');
const FIND_IN_SCOPE = sqlStatement(
  'programmes.findInScope',
  `SELECT p.id, p.municipality_id AS "municipalityId", ${municipalityNameSql('m', '$4')} AS "cityName",
          p.origin_programme_id AS "originProgrammeId", ${oneOrigin.text('title')} AS "originTitle", ${oneOrigin.language} AS "originTitleLanguage",
          ${oneTitle.text('title')} AS title, ${oneTitle.text('description')} AS description, ${textState('programme', 'p', oneTitle.language)},
          p.min_sessions_attended AS "minSessionsAttended", p.min_reflections AS "minReflections",
          p.min_workshop_attendance_pct AS "minWorkshopAttendancePct", p.contact_interval_days AS "contactIntervalDays",
          (SELECT count(*)::int FROM cohort c WHERE c.programme_id = p.id) AS "cohortCount"
     FROM programme p
     ${oneTitle.join}
     LEFT JOIN municipality m ON m.id = p.municipality_id
     LEFT JOIN programme o ON o.id = p.origin_programme_id
     ${oneOrigin.join}
    WHERE p.id = $3 AND ${IN_SCOPE}`,
);

const LOCK_PROGRAMME = sqlStatement('programmes.lock', 'SELECT 1 FROM programme WHERE id = $1 FOR UPDATE');

const INSERT_PROGRAMME = sqlStatement(
  'programmes.insert',
  `INSERT INTO programme (municipality_id, origin_programme_id, title, description, min_sessions_attended, min_reflections, min_workshop_attendance_pct, created_by, original_language,
                          contact_interval_days)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10::int, ${CONTACT_INTERVAL_DAYS})) RETURNING id`,
);

const UPDATE_PROGRAMME = sqlStatement(
  'programmes.update',
  `UPDATE programme SET title = $2, description = $3, min_sessions_attended = $4, min_reflections = $5, min_workshop_attendance_pct = $6,
          original_language = $7, contact_interval_days = coalesce($8::int, contact_interval_days), text_version = ${bumpedVersion(['title', 'description'], ['$2', '$3'])}, updated_at = now()
    WHERE id = $1`,
);

/** A copy of the programme (its texts in every language, its rules) in a city, remembering its origin. */
const COPY_PROGRAMME = sqlStatement(
  'programmes.copy',
  `WITH copy AS (
     INSERT INTO programme (municipality_id, origin_programme_id, title, description, min_sessions_attended, min_reflections, min_workshop_attendance_pct,
                            created_by, original_language, text_version, contact_interval_days)
     SELECT $2, p.id, p.title, p.description, p.min_sessions_attended, p.min_reflections, p.min_workshop_attendance_pct, $3, p.original_language, p.text_version,
            p.contact_interval_days
       FROM programme p WHERE p.id = $1
     RETURNING id),
   texts AS (
     INSERT INTO programme_translation (programme_id, language, title, description, source_version, updated_by, updated_at)
     SELECT copy.id, t.language, t.title, t.description, t.source_version, t.updated_by, t.updated_at
       FROM programme_translation t, copy WHERE t.programme_id = $1)
   SELECT id FROM copy`,
);

function phaseColumns(languageParam: string) {
  const text = localizedText('phase', 'ph', languageParam);
  return {
    columns: `ph.id, ph.programme_id AS "programmeId", ph.position, ${text.text('title')} AS title, ${text.text('description')} AS description,
          ${textState('phase', 'ph', text.language)},
          (SELECT count(*)::int FROM curriculum_module cm WHERE cm.phase_id = ph.id) AS "moduleCount"`,
    join: text.join,
  };
}

const phasesOf = phaseColumns('$2');
const FIND_PHASES = sqlStatement(
  'programmes.findPhases',
  `SELECT ${phasesOf.columns} FROM programme_phase ph ${phasesOf.join} WHERE ph.programme_id = $1 ORDER BY ph.position, ph.id`,
);

const onePhase = phaseColumns('$3');
const FIND_PHASE = sqlStatement(
  'programmes.findPhase',
  `SELECT ${onePhase.columns} FROM programme_phase ph ${onePhase.join} WHERE ph.programme_id = $1 AND ph.id = $2`,
);

const INSERT_PHASE = sqlStatement(
  'programmes.insertPhase',
  `INSERT INTO programme_phase (programme_id, position, title, description, original_language)
   VALUES ($1, (SELECT coalesce(max(position) + 1, 0) FROM programme_phase WHERE programme_id = $1), $2, $3, $4) RETURNING id`,
);

const UPDATE_PHASE = sqlStatement(
  'programmes.updatePhase',
  `UPDATE programme_phase SET title = $2, description = $3, original_language = $4, text_version = ${bumpedVersion(['title', 'description'], ['$2', '$3'])}
    WHERE id = $1`,
);

const DELETE_PHASE = sqlStatement('programmes.deletePhase', 'DELETE FROM programme_phase WHERE id = $1');

const SWAP_PHASE = sqlStatement(
  'programmes.swapPhase',
  `WITH me AS (SELECT id, position FROM programme_phase WHERE id = $2 AND programme_id = $1),
        other AS (
          SELECT ph.id, ph.position FROM programme_phase ph, me
           WHERE ph.programme_id = $1 AND ph.id <> me.id
             AND (CASE WHEN $3 = 'up' THEN ph.position < me.position ELSE ph.position > me.position END)
           ORDER BY CASE WHEN $3 = 'up' THEN -ph.position ELSE ph.position END
           LIMIT 1)
   UPDATE programme_phase ph SET position = CASE WHEN ph.id = me.id THEN other.position ELSE me.position END
     FROM me, other WHERE ph.id IN (me.id, other.id)`,
);

const SWAP_MODULE = sqlStatement(
  'programmes.swapModule',
  `WITH me AS (SELECT id, phase_id, position FROM curriculum_module WHERE id = $1),
        other AS (
          SELECT cm.id, cm.position FROM curriculum_module cm, me
           WHERE cm.phase_id = me.phase_id AND cm.id <> me.id
             AND (CASE WHEN $2 = 'up' THEN cm.position < me.position ELSE cm.position > me.position END)
           ORDER BY CASE WHEN $2 = 'up' THEN -cm.position ELSE cm.position END
           LIMIT 1)
   UPDATE curriculum_module cm SET position = CASE WHEN cm.id = me.id THEN other.position ELSE me.position END, updated_at = now()
     FROM me, other WHERE cm.id IN (me.id, other.id)`,
);

/** The titles of a module's prerequisites in the reader's language ($n), as [{title, language}] ordered by title. */
function prerequisiteTitlesJson(module: string, languageParam: string): string {
  const pre = localizedText('module', 'pre', languageParam);
  return `coalesce((SELECT json_agg(json_build_object('title', ${pre.text('title')}, 'language', ${pre.language}) ORDER BY ${pre.text('title')})
                      FROM module_prerequisite mp JOIN curriculum_module pre ON pre.id = mp.prerequisite_id ${pre.join}
                     WHERE mp.module_id = ${module}.id), '[]')`;
}

const outlineText = localizedText('module', 'cm', '$2');
const FIND_MODULE_OUTLINE = sqlStatement(
  'programmes.findModuleOutline',
  `SELECT cm.id, cm.phase_id AS "phaseId", cm.position, ${outlineText.text('title')} AS title, ${outlineText.text('summary')} AS summary,
          ${textState('module', 'cm', outlineText.language)},
          cm.kind, cm.completion_method AS "completionMethod", cm.required,
          cm.estimated_hours::text AS "estimatedHours", cm.opens_offset_days AS "opensOffsetDays", cm.due_offset_days AS "dueOffsetDays",
          ${prerequisiteTitlesJson('cm', '$2')} AS prerequisites
     FROM curriculum_module cm JOIN programme_phase ph ON ph.id = cm.phase_id
     ${outlineText.join}
    WHERE cm.programme_id = $1
    ORDER BY ph.position, cm.position, cm.id`,
);

const moduleText = localizedText('module', 'cm', '$3');
const modulePhase = localizedText('phase', 'ph', '$3');
const FIND_MODULE = sqlStatement(
  'programmes.findModule',
  `SELECT cm.id, cm.programme_id AS "programmeId", cm.phase_id AS "phaseId", ${modulePhase.text('title')} AS "phaseTitle",
          ${modulePhase.language} AS "phaseTitleLanguage", cm.position, cm.origin_module_id AS "originModuleId",
          ${moduleText.text('title')} AS title, ${moduleText.text('summary')} AS summary, ${moduleText.text('body_md')} AS "bodyMd",
          ${moduleText.text('learning_objectives')} AS "learningObjectives", ${moduleText.text('reflection_prompt')} AS "reflectionPrompt",
          ${moduleText.text('submission_instructions')} AS "submissionInstructions", ${textState('module', 'cm', moduleText.language)},
          cm.estimated_hours::text AS "estimatedHours", cm.kind, cm.completion_method AS "completionMethod", cm.required,
          cm.opens_offset_days AS "opensOffsetDays", cm.due_offset_days AS "dueOffsetDays",
          coalesce((SELECT array_agg(mp.prerequisite_id::text) FROM module_prerequisite mp WHERE mp.module_id = cm.id), '{}') AS "prerequisiteIds"
     FROM curriculum_module cm JOIN programme_phase ph ON ph.id = cm.phase_id
     ${moduleText.join}
     ${modulePhase.join}
    WHERE cm.programme_id = $1 AND cm.id = $2`,
);

const titleOnly = localizedText('module', 'cm', '$2');
const FIND_MODULE_TITLES = sqlStatement(
  'programmes.findModuleTitles',
  `SELECT cm.id, ${titleOnly.text('title')} AS title, ${titleOnly.language} AS language FROM curriculum_module cm ${titleOnly.join} WHERE cm.programme_id = $1`,
);

const FIND_PREREQUISITE_EDGES = sqlStatement(
  'programmes.findPrerequisiteEdges',
  `SELECT mp.module_id AS "moduleId", mp.prerequisite_id AS "prerequisiteId"
     FROM module_prerequisite mp JOIN curriculum_module cm ON cm.id = mp.module_id WHERE cm.programme_id = $1`,
);

const COUNT_MODULES_OF_PROGRAMME = sqlStatement(
  'programmes.countModulesOfProgramme',
  'SELECT count(*)::int AS count FROM curriculum_module WHERE programme_id = $1 AND id = ANY($2::uuid[]) AND id IS DISTINCT FROM $3',
);

const INSERT_MODULE = sqlStatement(
  'programmes.insertModule',
  `INSERT INTO curriculum_module (programme_id, phase_id, position, title, summary, body_md, learning_objectives, estimated_hours,
                                  kind, completion_method, reflection_prompt, required, opens_offset_days, due_offset_days,
                                  original_language, submission_instructions)
   VALUES ($1, $2, (SELECT coalesce(max(position) + 1, 0) FROM curriculum_module WHERE phase_id = $2), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
   RETURNING id`,
);

/** A module that changes phase goes to the end of its new phase; in the same phase it keeps its place. */
const UPDATE_MODULE = sqlStatement(
  'programmes.updateModule',
  `UPDATE curriculum_module
      SET phase_id = $2,
          position = CASE WHEN phase_id = $2 THEN position ELSE (SELECT coalesce(max(position) + 1, 0) FROM curriculum_module WHERE phase_id = $2) END,
          title = $3, summary = $4, body_md = $5, learning_objectives = $6, estimated_hours = $7, kind = $8,
          completion_method = $9, reflection_prompt = $10, required = $11, opens_offset_days = $12, due_offset_days = $13,
          original_language = $14, submission_instructions = $15,
          text_version = ${bumpedVersion(
            ['title', 'summary', 'body_md', 'learning_objectives', 'reflection_prompt', 'submission_instructions'],
            ['$3', '$4', '$5', '$6', '$10', '$15'],
          )},
          updated_at = now()
    WHERE id = $1`,
);

/** Keeps the edges still wanted (deleting and re-inserting one key in a single statement would collide). */
const REPLACE_PREREQUISITES = sqlStatement(
  'programmes.replacePrerequisites',
  `WITH dropped AS (DELETE FROM module_prerequisite WHERE module_id = $1 AND prerequisite_id <> ALL($2::uuid[]))
   INSERT INTO module_prerequisite (module_id, prerequisite_id) SELECT $1::uuid, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
);

const DELETE_MODULE = sqlStatement('programmes.deleteModule', 'DELETE FROM curriculum_module WHERE id = $1');

const LOCK_MODULE = sqlStatement('programmes.lockModule', 'SELECT 1 FROM curriculum_module WHERE id = $1 FOR UPDATE');

const MODULE_HAS_PROGRESS = sqlStatement('programmes.moduleHasProgress', 'SELECT EXISTS (SELECT 1 FROM module_progress WHERE module_id = $1) AS used');

const INSERT_WINDOWS_FOR_NEW_MODULE = sqlStatement(
  'programmes.insertWindowsForNewModule',
  `INSERT INTO module_window (cohort_id, module_id, opens_on, due_on)
   SELECT c.id, cm.id, c.starts_on + cm.opens_offset_days, c.starts_on + cm.due_offset_days
     FROM cohort c JOIN curriculum_module cm ON cm.id = $2
    WHERE c.programme_id = $1
   ON CONFLICT DO NOTHING`,
);

/**
 * A programme's whole structure into another, in one statement. New phase ids are drawn first so
 * modules can name their copied phase; each copied module keeps its origin, through which the
 * prerequisite edges and the translations are copied to the new modules. Texts keep their
 * language, version and translations, so what was up to date in the template is in the copy.
 */
const COPY_STRUCTURE = sqlStatement(
  'programmes.copyStructure',
  `WITH phase_copy AS MATERIALIZED (
          SELECT ph.id AS from_id, gen_random_uuid() AS id, ph.position, ph.title, ph.description, ph.original_language, ph.text_version
            FROM programme_phase ph WHERE ph.programme_id = $1),
        phases AS (
          INSERT INTO programme_phase (id, programme_id, position, title, description, original_language, text_version)
          SELECT id, $2::uuid, position, title, description, original_language, text_version FROM phase_copy),
        phase_texts AS (
          INSERT INTO programme_phase_translation (phase_id, language, title, description, source_version, updated_by, updated_at)
          SELECT pc.id, t.language, t.title, t.description, t.source_version, t.updated_by, t.updated_at
            FROM programme_phase_translation t JOIN phase_copy pc ON pc.from_id = t.phase_id),
        modules AS (
          INSERT INTO curriculum_module (programme_id, phase_id, position, origin_module_id, title, summary, body_md, learning_objectives, estimated_hours,
                                         kind, completion_method, reflection_prompt, required, opens_offset_days, due_offset_days,
                                         original_language, text_version, submission_instructions)
          SELECT $2::uuid, pc.id, cm.position, cm.id, cm.title, cm.summary, cm.body_md, cm.learning_objectives, cm.estimated_hours,
                 cm.kind, cm.completion_method, cm.reflection_prompt, cm.required, cm.opens_offset_days, cm.due_offset_days,
                 cm.original_language, cm.text_version, cm.submission_instructions
            FROM curriculum_module cm JOIN phase_copy pc ON pc.from_id = cm.phase_id
          RETURNING id, origin_module_id),
        module_texts AS (
          INSERT INTO curriculum_module_translation (module_id, language, title, summary, body_md, learning_objectives, reflection_prompt,
                                                     submission_instructions, source_version, updated_by, updated_at)
          SELECT nm.id, t.language, t.title, t.summary, t.body_md, t.learning_objectives, t.reflection_prompt,
                 t.submission_instructions, t.source_version, t.updated_by, t.updated_at
            FROM curriculum_module_translation t JOIN modules nm ON nm.origin_module_id = t.module_id)
   INSERT INTO module_prerequisite (module_id, prerequisite_id)
   SELECT nm.id, np.id
     FROM module_prerequisite mp
     JOIN modules nm ON nm.origin_module_id = mp.module_id
     JOIN modules np ON np.origin_module_id = mp.prerequisite_id`,
);

const FIND_CITY_OPTIONS = sqlStatement(
  'programmes.findCityOptions',
  `SELECT m.id, ${municipalityNameSql('m', '$2')} AS name FROM municipality m
    WHERE m.active AND ($1::uuid[] IS NULL OR m.id = ANY($1::uuid[])) ORDER BY m.name_en`,
);

const IS_ACTIVE_CITY = sqlStatement('programmes.isActiveCity', 'SELECT EXISTS (SELECT 1 FROM municipality WHERE id = $1 AND active) AS active');

/** A text column's name in the rows and forms (body_md: bodyMd). */
export function textFieldName(column: string): string {
  return column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}

/** A record's texts by field name (title, description, bodyMd…). */
export type TextFields = Record<string, string>;

/** A record's texts as written, and its translation into one language if there is one. */
export interface TextsForTranslation {
  originalLanguage: Language;
  textVersion: number;
  original: TextFields;
  translation: (TextFields & { sourceVersion: number }) | null;
}

/** The statements that read and write one kind's translations, the same text for each kind. */
function translationStatements(kind: TextKind) {
  const { record, table, key, columns } = TEXT_KINDS[kind];
  const pairs = (alias: string) => columns.map((c) => `'${textFieldName(c)}', ${alias}.${c}`).join(', ');
  return {
    texts: sqlStatement(
      `programmes.texts.${kind}`,
      `SELECT r.original_language AS "originalLanguage", r.text_version AS "textVersion", json_build_object(${pairs('r')}) AS original,
              (SELECT json_build_object(${pairs('t')}, 'sourceVersion', t.source_version) FROM ${table} t WHERE t.${key} = r.id AND t.language = $2) AS translation
         FROM ${record} r WHERE r.id = $1`,
    ),
    lock: sqlStatement(
      `programmes.lockTexts.${kind}`,
      `SELECT r.original_language AS "originalLanguage",
              coalesce((SELECT array_agg(t.language) FROM ${table} t WHERE t.${key} = r.id), '{}') AS "translatedInto"
         FROM ${record} r WHERE r.id = $1 FOR UPDATE OF r`,
    ),
    save: sqlStatement(
      `programmes.saveTranslation.${kind}`,
      `INSERT INTO ${table} (${key}, language, ${columns.join(', ')}, source_version, updated_by)
       SELECT r.id, $2::text, ${columns.map((_, i) => `$${i + 3}::text`).join(', ')}, r.text_version, $${columns.length + 3}::uuid
         FROM ${record} r WHERE r.id = $1
       ON CONFLICT (${key}, language) DO UPDATE
          SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, source_version = EXCLUDED.source_version,
              updated_by = EXCLUDED.updated_by, updated_at = now()`,
    ),
    remove: sqlStatement(`programmes.deleteTranslation.${kind}`, `DELETE FROM ${table} WHERE ${key} = $1 AND language = $2`),
  };
}

const TRANSLATIONS = {
  programme: translationStatements('programme'),
  phase: translationStatements('phase'),
  module: translationStatements('module'),
};

/** A module's editable fields in the column order both insert and update use. */
function moduleFieldValues(f: ModuleFields): unknown[] {
  return [
    f.title,
    f.summary,
    f.bodyMd,
    f.learningObjectives,
    f.estimatedHours,
    f.kind,
    f.completionMethod,
    f.reflectionPrompt,
    f.required,
    f.opensOffsetDays,
    f.dueOffsetDays,
    f.originalLanguage,
    f.submissionInstructions,
  ];
}

/** Every query about programmes, phases and modules; reads are scoped to what the person may see. */
@Injectable()
export class ProgrammesRepository {
  constructor(private readonly sql: Sql) {}

  async findForScope(scope: ProgrammeScope, page: PageRequest, language: Language): Promise<{ rows: ProgrammeListRow[]; total: number }> {
    const rows = await this.sql.query<ProgrammeListRow & { total: number }>(FIND_FOR_SCOPE, [
      scope.all,
      scope.municipalityIds,
      page.size,
      page.offset,
      language,
    ]);
    return { rows, total: rows[0]?.total ?? 0 };
  }

  /** The programme if this person may see it; undefined (a 404) otherwise. Its texts in `language`, or as written when null. */
  async findForActorScope(scope: ProgrammeScope, id: string, language: Language | null): Promise<ProgrammeRecord | undefined> {
    return this.sql.one<ProgrammeRecord>(FIND_IN_SCOPE, [scope.all, scope.municipalityIds, id, language]);
  }

  /** Row lock on the programme, so structural edits (reorder, copy) do not interleave. Inside a transaction. */
  async lockProgramme(id: string): Promise<void> {
    await this.sql.execute(LOCK_PROGRAMME, [id]);
  }

  async insertProgramme(municipalityId: string | null, fields: ProgrammeFields, createdBy: string, originProgrammeId: string | null = null): Promise<string> {
    const row = await this.sql.one<{ id: string }>(INSERT_PROGRAMME, [
      municipalityId,
      originProgrammeId,
      fields.title,
      fields.description,
      fields.minSessionsAttended,
      fields.minReflections,
      fields.minWorkshopAttendancePct,
      createdBy,
      fields.originalLanguage,
      fields.contactIntervalDays,
    ]);
    return row!.id;
  }

  /** A copy of the programme in a city, with its texts in every language; returns the copy's id. */
  async copyProgramme(fromProgrammeId: string, municipalityId: string, createdBy: string): Promise<string> {
    return (await this.sql.one<{ id: string }>(COPY_PROGRAMME, [fromProgrammeId, municipalityId, createdBy]))!.id;
  }

  async updateProgramme(id: string, fields: ProgrammeFields): Promise<void> {
    await this.sql.execute(UPDATE_PROGRAMME, [
      id,
      fields.title,
      fields.description,
      fields.minSessionsAttended,
      fields.minReflections,
      fields.minWorkshopAttendancePct,
      fields.originalLanguage,
      fields.contactIntervalDays,
    ]);
  }

  /** The programme's phases in order, their texts in `language` (as written when null). */
  async findPhases(programmeId: string, language: Language | null): Promise<PhaseRecord[]> {
    return this.sql.query<PhaseRecord>(FIND_PHASES, [programmeId, language]);
  }

  async findPhase(programmeId: string, phaseId: string, language: Language | null): Promise<PhaseRecord | undefined> {
    return this.sql.one<PhaseRecord>(FIND_PHASE, [programmeId, phaseId, language]);
  }

  async insertPhase(programmeId: string, fields: PhaseFields): Promise<string> {
    const row = await this.sql.one<{ id: string }>(INSERT_PHASE, [programmeId, fields.title, fields.description, fields.originalLanguage]);
    return row!.id;
  }

  async updatePhase(phaseId: string, fields: PhaseFields): Promise<void> {
    await this.sql.execute(UPDATE_PHASE, [phaseId, fields.title, fields.description, fields.originalLanguage]);
  }

  async deletePhase(phaseId: string): Promise<void> {
    await this.sql.execute(DELETE_PHASE, [phaseId]);
  }

  /**
   * Swaps a phase with its neighbour before or after it. Both rows change position in one
   * statement; the unique (programme_id, position) constraint is deferred to the commit.
   */
  async swapPhaseWithNeighbour(programmeId: string, phaseId: string, direction: 'up' | 'down'): Promise<boolean> {
    return (await this.sql.execute(SWAP_PHASE, [programmeId, phaseId, direction])) > 0;
  }

  /** Same as for phases, within the module's phase. */
  async swapModuleWithNeighbour(moduleId: string, direction: 'up' | 'down'): Promise<boolean> {
    return (await this.sql.execute(SWAP_MODULE, [moduleId, direction])) > 0;
  }

  /** Every module of the programme in path order, its texts in `language` (as written when null). */
  async findModuleOutline(programmeId: string, language: Language | null): Promise<ModuleOutlineRow[]> {
    return this.sql.query<ModuleOutlineRow>(FIND_MODULE_OUTLINE, [programmeId, language]);
  }

  /** The module, its texts in `language`; null gives them as written (the form that edits them). */
  async findModule(programmeId: string, moduleId: string, language: Language | null): Promise<ModuleRecord | undefined> {
    return this.sql.one<ModuleRecord>(FIND_MODULE, [programmeId, moduleId, language]);
  }

  /** Titles of the programme's modules by id in the reader's language, for naming prerequisites and a prerequisite loop. */
  async findModuleTitles(programmeId: string, language: Language): Promise<Map<string, LocalizedTitle>> {
    const rows = await this.sql.query<LocalizedTitle & { id: string }>(FIND_MODULE_TITLES, [programmeId, language]);
    return new Map(rows.map(({ id, ...title }) => [id, title]));
  }

  async findPrerequisiteEdges(programmeId: string): Promise<PrerequisiteEdge[]> {
    return this.sql.query<PrerequisiteEdge>(FIND_PREREQUISITE_EDGES, [programmeId]);
  }

  /** How many of these ids are modules of the programme (other than the module itself). */
  async countModulesOfProgramme(programmeId: string, ids: string[], exceptId: string | null): Promise<number> {
    return (await this.sql.one<{ count: number }>(COUNT_MODULES_OF_PROGRAMME, [programmeId, ids, exceptId]))!.count;
  }

  /** A new module goes to the end of its phase. */
  async insertModule(programmeId: string, phaseId: string, fields: ModuleFields): Promise<string> {
    const row = await this.sql.one<{ id: string }>(INSERT_MODULE, [programmeId, phaseId, ...moduleFieldValues(fields)]);
    return row!.id;
  }

  async updateModule(moduleId: string, phaseId: string, fields: ModuleFields): Promise<void> {
    await this.sql.execute(UPDATE_MODULE, [moduleId, phaseId, ...moduleFieldValues(fields)]);
  }

  async replacePrerequisites(moduleId: string, prerequisiteIds: string[]): Promise<void> {
    await this.sql.execute(REPLACE_PREREQUISITES, [moduleId, prerequisiteIds]);
  }

  async deleteModule(moduleId: string): Promise<void> {
    await this.sql.execute(DELETE_MODULE, [moduleId]);
  }

  /**
   * Locks the module row, so a teacher cannot start it meanwhile (a new progress row refers to it and
   * waits), and says whether any progress refers to it now. Inside the deleting transaction. Two
   * statements: the check must see progress committed while the lock was awaited, which a statement
   * begun before the wait would not.
   */
  async lockModuleAndCheckProgress(moduleId: string): Promise<boolean> {
    await this.sql.execute(LOCK_MODULE, [moduleId]);
    return this.moduleHasProgress(moduleId);
  }

  /** Whether any teacher has progress recorded on the module (deleting it would erase that). */
  async moduleHasProgress(moduleId: string): Promise<boolean> {
    return (await this.sql.one<{ used: boolean }>(MODULE_HAS_PROGRESS, [moduleId]))!.used;
  }

  /** A new module gets a window in every cohort already running the programme, from its offsets. */
  async insertWindowsForNewModule(programmeId: string, moduleId: string): Promise<void> {
    await this.sql.execute(INSERT_WINDOWS_FOR_NEW_MODULE, [programmeId, moduleId]);
  }

  /** Copies a programme's phases, modules and prerequisites into another, each copied module remembering its origin. */
  async copyStructure(fromProgrammeId: string, toProgrammeId: string): Promise<void> {
    await this.sql.execute(COPY_STRUCTURE, [fromProgrammeId, toProgrammeId]);
  }

  /** Active cities (these, or every one when null) with their names in the reader's language. */
  async findCityOptions(municipalityIds: string[] | null, language: Language): Promise<CityOption[]> {
    return this.sql.query<CityOption>(FIND_CITY_OPTIONS, [municipalityIds, language]);
  }

  async isActiveCity(municipalityId: string): Promise<boolean> {
    return (await this.sql.one<{ active: boolean }>(IS_ACTIVE_CITY, [municipalityId]))!.active;
  }

  // Translations

  /** A record's texts as written and its translation into `language`, if any. */
  async findTextsForTranslation(kind: TextKind, recordId: string, language: Language): Promise<TextsForTranslation | undefined> {
    return this.sql.one<TextsForTranslation>(TRANSLATIONS[kind].texts, [recordId, language]);
  }

  /**
   * Locks the record's row (inside a transaction), so its original language and its translations
   * change one after the other, and says which language it is written in and which it is translated into.
   */
  async lockTexts(kind: TextKind, recordId: string): Promise<{ originalLanguage: Language; translatedInto: Language[] } | undefined> {
    return this.sql.one<{ originalLanguage: Language; translatedInto: Language[] }>(TRANSLATIONS[kind].lock, [recordId]);
  }

  /** Adds or replaces the translation into `language`, as made from the original's current version. */
  async saveTranslation(kind: TextKind, recordId: string, language: Language, texts: TextFields, actorId: string): Promise<void> {
    const values = TEXT_KINDS[kind].columns.map((c) => texts[textFieldName(c)] ?? '');
    await this.sql.execute(TRANSLATIONS[kind].save, [recordId, language, ...values, actorId]);
  }

  /** Removes the translation into `language`; says whether there was one. */
  async deleteTranslation(kind: TextKind, recordId: string, language: Language): Promise<boolean> {
    return (await this.sql.execute(TRANSLATIONS[kind].remove, [recordId, language])) > 0;
  }
}
