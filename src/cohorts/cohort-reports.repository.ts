import { Injectable } from '@nestjs/common';
import type { Language } from '../common/i18n/language.js';
import { Sql, sqlStatement } from '../database/sql.js';
import { dayAsNoonUtc } from '../database/sql-dates.js';
import { municipalityNameSql } from '../municipalities/municipality-name.js';
import { type MunicipalityScope, scopeParam } from '../municipalities/municipality-scope.js';
import { type CohortStage, cityTodaySql, cohortStageOrderSql, cohortStageSql } from '../progress/cohort-stage.js';
import { localizedText } from '../programmes/localized-text.js';

export interface CohortListItem {
  id: string;
  name: string;
  programmeTitle: string;
  programmeTitleLanguage: Language;
  cityName: string;
  startsOn: string;
  endsOn: string;
  archived: boolean;
  stage: CohortStage;
}

export interface ModuleCompletionRow {
  moduleId: string;
  phaseTitle: string;
  phaseTitleLanguage: Language;
  title: string;
  textLanguage: Language;
  required: boolean;
  completionMethod: string;
  dueOn: string | null;
  approved: number;
  submitted: number;
}

export interface StartableProgramme {
  id: string;
  title: string;
  textLanguage: Language;
  cityName: string;
  createdOn: string;
  version: number;
  sameTitleInCity: number;
}

export interface FilterOptions {
  schools: { id: string; name: string }[];
  groups: { id: string; name: string; mentor: string }[];
}

const listProgramme = localizedText('programme', 'p', '$4');
const COHORTS_PAGE = sqlStatement(
  'cohortReports.cohortsPage',
  `SELECT c.id, c.name, ${listProgramme.text('title')} AS "programmeTitle", ${listProgramme.language} AS "programmeTitleLanguage",
          ${municipalityNameSql('mu', '$4')} AS "cityName",
          ${dayAsNoonUtc('c.starts_on')} AS "startsOn", ${dayAsNoonUtc('c.ends_on')} AS "endsOn", c.archived,
          ${cohortStageSql('c', 'mu')} AS stage,
          count(*) OVER ()::int AS total
     FROM cohort c
     JOIN programme p ON p.id = c.programme_id
     ${listProgramme.join}
     JOIN municipality mu ON mu.id = c.municipality_id
    WHERE ($1::uuid[] IS NULL OR c.municipality_id = ANY($1::uuid[]))
    ORDER BY c.archived, ${cohortStageOrderSql(cohortStageSql('c', 'mu'))}, c.starts_on DESC, c.name, c.id
    LIMIT $2 OFFSET $3`,
);

const completionModule = localizedText('module', 'cm', '$2');
const completionPhase = localizedText('phase', 'ph', '$2');
const MODULE_COMPLETION = sqlStatement(
  'cohortReports.moduleCompletion',
  `SELECT cm.id AS "moduleId", ${completionPhase.text('title')} AS "phaseTitle", ${completionPhase.language} AS "phaseTitleLanguage",
          ${completionModule.text('title')} AS title, ${completionModule.language} AS "textLanguage",
          cm.required, cm.completion_method AS "completionMethod",
          CASE WHEN w.due_on IS NOT NULL THEN ${dayAsNoonUtc('w.due_on')} END AS "dueOn",
          count(mem.user_id) FILTER (WHERE p.status = 'approved')::int AS approved,
          count(mem.user_id) FILTER (WHERE p.status = 'submitted')::int AS submitted
     FROM cohort c
     JOIN curriculum_module cm ON cm.programme_id = c.programme_id
     JOIN programme_phase ph ON ph.id = cm.phase_id
     ${completionModule.join}
     ${completionPhase.join}
     LEFT JOIN module_window w ON w.cohort_id = c.id AND w.module_id = cm.id
     LEFT JOIN module_progress p ON p.cohort_id = c.id AND p.module_id = cm.id
     LEFT JOIN cohort_member mem ON mem.cohort_id = c.id AND mem.user_id = p.teacher_id AND mem.role = 'teacher' AND mem.status = 'active'
    WHERE c.id = $1
    GROUP BY cm.id, ph.id, w.due_on, ${completionModule.groupKey}, ${completionPhase.groupKey}
    ORDER BY ph.position, cm.position`,
);

const FILTER_OPTIONS = sqlStatement(
  'cohortReports.filterOptions',
  `SELECT
     coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name)
                 FROM school s
                WHERE s.id IN (SELECT u.school_id FROM cohort_member mem JOIN app_user u ON u.id = mem.user_id
                                WHERE mem.cohort_id = $1 AND mem.role = 'teacher')), '[]') AS schools,
     coalesce((SELECT json_agg(json_build_object('id', g.id, 'name', g.name, 'mentor', u.display_name) ORDER BY g.name)
                 FROM mentor_group g JOIN app_user u ON u.id = g.mentor_id
                WHERE g.cohort_id = $1), '[]') AS groups`,
);

const CSV_CONTEXT = sqlStatement(
  'cohortReports.csvContext',
  `SELECT mu.time_zone AS "timeZone", to_char(${cityTodaySql('mu')}, 'YYYY-MM-DD') AS today
     FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id
    WHERE c.id = $1`,
);

/** Every module's status for every teacher of the cohort, in one statement (the CSV's module columns). */
const MODULE_STATUSES = sqlStatement(
  'cohortReports.moduleStatuses',
  `SELECT p.teacher_id AS "teacherId", p.module_id AS "moduleId", p.status
     FROM module_progress p
     JOIN cohort_member mem ON mem.cohort_id = p.cohort_id AND mem.user_id = p.teacher_id AND mem.role = 'teacher'
    WHERE p.cohort_id = $1`,
);

const startable = localizedText('programme', 'p', '$2');
/**
 * The city programmes a cohort may start from (not templates, not archived), for the "New cohort"
 * picker: each with its city and, among programmes of the same title in the city, its version
 * (1 the oldest), so two of the same title are told apart.
 */
const STARTABLE_PROGRAMMES = sqlStatement(
  'cohortReports.startableProgrammes',
  `SELECT p.id, ${startable.text('title')} AS title, ${startable.language} AS "textLanguage",
          ${municipalityNameSql('mu', '$2')} AS "cityName",
          to_char(p.created_at AT TIME ZONE mu.time_zone, 'YYYY-MM-DD') AS "createdOn",
          row_number() OVER (PARTITION BY p.municipality_id, p.title ORDER BY p.created_at, p.id)::int AS version,
          count(*) OVER (PARTITION BY p.municipality_id, p.title)::int AS "sameTitleInCity"
     FROM programme p
     JOIN municipality mu ON mu.id = p.municipality_id
     ${startable.join}
    WHERE NOT p.archived AND ($1::uuid[] IS NULL OR p.municipality_id = ANY($1::uuid[]))
    ORDER BY 2, 4, version`,
);

const MEMBER_IDS_OF_TEACHERS = sqlStatement(
  'cohortReports.memberIdsOfTeachers',
  `SELECT user_id AS "userId", id FROM cohort_member WHERE cohort_id = $1 AND role = 'teacher' AND user_id = ANY($2::uuid[])`,
);

@Injectable()
export class CohortReportsRepository {
  constructor(private readonly sql: Sql) {}

  /** A page of cohorts, running ones first, then upcoming, then finished (archived last); the city is named in the reader's language. */
  async findCohortsPage(
    scope: MunicipalityScope,
    page: { size: number; offset: number },
    language: Language,
  ): Promise<{ items: CohortListItem[]; total: number }> {
    const rows = await this.sql.query<CohortListItem & { total: number }>(COHORTS_PAGE, [scopeParam(scope), page.size, page.offset, language]);
    return { items: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** Approved (and waiting) counts per module among the cohort's active teachers, in curriculum order; named in `language`. */
  async findModuleCompletion(cohortId: string, language: Language): Promise<ModuleCompletionRow[]> {
    return this.sql.query<ModuleCompletionRow>(MODULE_COMPLETION, [cohortId, language]);
  }

  /** The schools of the cohort's teachers and its mentor groups, for the filters, in one query. */
  async findFilterOptions(cohortId: string): Promise<FilterOptions> {
    return (await this.sql.one<FilterOptions>(FILTER_OPTIONS, [cohortId]))!;
  }

  /** The cohort's city's time zone and today's date there ('YYYY-MM-DD'). */
  async findCsvContext(cohortId: string): Promise<{ timeZone: string; today: string }> {
    return (await this.sql.one<{ timeZone: string; today: string }>(CSV_CONTEXT, [cohortId]))!;
  }

  /** Each teacher's status in each module they have begun, keyed `teacherId:moduleId`. */
  async findModuleStatuses(cohortId: string): Promise<Map<string, string>> {
    const rows = await this.sql.query<{ teacherId: string; moduleId: string; status: string }>(MODULE_STATUSES, [cohortId]);
    return new Map(rows.map((r) => [`${r.teacherId}:${r.moduleId}`, r.status]));
  }

  /** The memberships of these teachers in the cohort (to link a row to its member page), in one statement. */
  async findMemberIdsOfTeachers(cohortId: string, userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.sql.query<{ userId: string; id: string }>(MEMBER_IDS_OF_TEACHERS, [cohortId, userIds]);
    return new Map(rows.map((r) => [r.userId, r.id]));
  }

  /** Programmes of these cities (null: every city) a cohort may start from, named in `language`. */
  async findStartableProgrammes(municipalityIds: string[] | null, language: Language): Promise<StartableProgramme[]> {
    return this.sql.query<StartableProgramme>(STARTABLE_PROGRAMMES, [municipalityIds, language]);
  }
}
