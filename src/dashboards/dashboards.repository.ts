import { Injectable } from '@nestjs/common';
import type { Language } from '../common/i18n/language.js';
import { Sql, sqlStatement } from '../database/sql.js';
import { municipalityNameSql } from '../municipalities/municipality-name.js';
import { type MunicipalityScope, scopeParam } from '../municipalities/municipality-scope.js';
import { cityTodaySql, cohortRunningSql } from '../progress/cohort-stage.js';
import { type CityFigures, FIGURES_BY_CITY_SQL } from '../progress/completion-status.repository.js';
import { localizedText } from '../programmes/localized-text.js';

/** Days a recent activity looks back: "met in the last 30 days", "a check-in in the last 30 days". */
export const RECENT_DAYS = 30;

/** One mentor's load in a cohort (issue 14 §7): figures only. */
export interface MentorLoad {
  mentorId: string;
  name: string;
  /** Active teachers in their mentor groups of the cohort. */
  mentees: number;
  /** Work handed in to them (since they became the teacher's mentor) and not reviewed yet. */
  waiting: number;
  /** Days the oldest of that work has waited, in the city's calendar; null when none waits. */
  oldestWaitDays: number | null;
  /** Mentees they have not met within the contact interval of the cohort's programme. */
  notMet: number;
}

export interface CityName {
  municipalityId: string;
  name: string;
}

/** What a city's active teachers of running cohorts did lately, each counted once per city. */
export interface CityActivity {
  municipalityId: string;
  teachers: number;
  /** Attended a mentoring session in the last 30 days. */
  met: number;
  /** Recorded a check-in on one of their goals in the last 30 days. */
  checkedIn: number;
  /** Published a reflection in the last 30 days. */
  reflected: number;
}

/** A city's figures as the scheduled job counted them at `countedAt`. */
export type CountedCityFigures = CityFigures & Omit<CityActivity, 'municipalityId'> & { countedAt: Date };

/** The statuses a module's progress can have, in the order of the heat map's columns. */
export const MODULE_STATUSES = ['not_started', 'in_progress', 'submitted', 'returned', 'approved'] as const;
export type ModuleStatus = (typeof MODULE_STATUSES)[number];

export interface CohortFacts {
  id: string;
  name: string;
  municipalityId: string;
  teachers: number;
  /** The contact interval of the cohort's programme, in days. */
  contactIntervalDays: number;
}

/** One module's row of the heat map: how many of the cohort's active teachers are at each status. */
export interface ModuleHeat extends Record<ModuleStatus, number> {
  moduleId: string;
  title: string;
  titleLanguage: string;
  required: boolean;
}

/** Goal and reflection activity of a cohort's active teachers: counts only, never a goal's or a reflection's text. */
export interface CohortActivity {
  teachers: number;
  teachersWithGoals: number;
  me: number;
  you: number;
  us: number;
  checkIns: number;
  /** Teachers by published reflections: none, 1–2, 3–5, 6 or more. */
  reflections: { none: number; few: number; some: number; many: number };
}

/**
 * Mentoring coverage of a city's or a cohort's active teachers: by days since they last attended a
 * mentoring session, and by how many sessions they have attended.
 */
export interface MentoringCoverage {
  teachers: number;
  within30: number;
  within60: number;
  within90: number;
  over90: number;
  never: number;
  /** Sessions attended, all the teachers together. */
  sessions: number;
  /** Teachers by sessions attended: none, 1–2, 3–5, 6 or more. */
  sessionsNone: number;
  sessionsFew: number;
  sessionsSome: number;
  sessionsMany: number;
}

export interface TemplateUse {
  templateId: string;
  title: string;
  titleLanguage: string;
  cities: string[];
}

/** Every city's name in the language $1, or only city $2's (null: every city). */
const CITY_NAMES = sqlStatement(
  'dashboards.cityNames',
  `SELECT mu.id AS "municipalityId", ${municipalityNameSql('mu', '$1')} AS name FROM municipality mu
    WHERE ($2::uuid IS NULL OR mu.id = $2) ORDER BY 2, mu.id`,
);

/**
 * Active teachers of running, unarchived cohorts, once per city, and what each did in the last
 * 30 days (the columns of `CityActivity`): one query for the whole network, each activity an index probe per teacher
 * (mentoring_participant by teacher, goal by owner, portfolio entry by author).
 */
const CITY_ACTIVITY_SQL = `WITH teachers AS (
     SELECT DISTINCT c.municipality_id, mem.user_id, ${cityTodaySql('mu')} AS today
       FROM cohort c
       JOIN municipality mu ON mu.id = c.municipality_id
       JOIN cohort_member mem ON mem.cohort_id = c.id AND mem.role = 'teacher' AND mem.status = 'active'
      WHERE NOT c.archived AND ${cohortRunningSql('c', 'mu')}
   )
   SELECT t.municipality_id AS "municipalityId", count(*)::int AS teachers,
          count(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM mentoring_participant mp JOIN mentoring_session ms ON ms.id = mp.session_id
             WHERE mp.teacher_id = t.user_id AND mp.attended AND ms.status = 'scheduled'
               AND ms.starts_at <= now() AND ms.starts_at > now() - make_interval(days => ${RECENT_DAYS})))::int AS met,
          count(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM goal g JOIN goal_check_in ci ON ci.goal_id = g.id
             WHERE g.owner_id = t.user_id AND ci.checked_on > t.today - ${RECENT_DAYS} AND ci.checked_on <= t.today))::int AS "checkedIn",
          count(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM portfolio_entry pe
             WHERE pe.author_id = t.user_id AND pe.published_at IS NOT NULL AND pe.published_at > now() - make_interval(days => ${RECENT_DAYS})))::int AS reflected
     FROM teachers t
    GROUP BY t.municipality_id`;

/**
 * Counts every city's figures and replaces their rows in city_figures, in one statement: head
 * counts by status over its running cohorts (the one status rule) and its active teachers'
 * recent activity; a city without a running cohort gets a row of zeros. Safe when several
 * instances run it at once: rows are written in key order, and an older count never replaces a
 * newer one.
 */
const COUNT_CITY_FIGURES = sqlStatement(
  'dashboards.countCityFigures',
  `WITH f AS (${FIGURES_BY_CITY_SQL}),
   a AS (${CITY_ACTIVITY_SQL})
   INSERT INTO city_figures (municipality_id, cohorts, members, not_started, completed, on_track, behind, at_risk, withdrawn,
                             teachers, met, checked_in, reflected, counted_at)
   SELECT mu.id, coalesce(f.cohorts, 0), coalesce(f.members, 0), coalesce(f."notStarted", 0), coalesce(f.completed, 0),
          coalesce(f."onTrack", 0), coalesce(f.behind, 0), coalesce(f."atRisk", 0), coalesce(f.withdrawn, 0),
          coalesce(a.teachers, 0), coalesce(a.met, 0), coalesce(a."checkedIn", 0), coalesce(a.reflected, 0), clock_timestamp()
     FROM municipality mu
     LEFT JOIN f ON f."municipalityId" = mu.id
     LEFT JOIN a ON a."municipalityId" = mu.id
    ORDER BY mu.id
   ON CONFLICT (municipality_id) DO UPDATE
      SET cohorts = EXCLUDED.cohorts, members = EXCLUDED.members, not_started = EXCLUDED.not_started, completed = EXCLUDED.completed,
          on_track = EXCLUDED.on_track, behind = EXCLUDED.behind, at_risk = EXCLUDED.at_risk, withdrawn = EXCLUDED.withdrawn,
          teachers = EXCLUDED.teachers, met = EXCLUDED.met, checked_in = EXCLUDED.checked_in, reflected = EXCLUDED.reflected,
          counted_at = EXCLUDED.counted_at
    WHERE city_figures.counted_at <= EXCLUDED.counted_at`,
);

/** When the cities' figures were last counted (null: never). */
const LAST_CITY_COUNT = sqlStatement('dashboards.lastCityCount', `SELECT max(counted_at) AS at FROM city_figures`);

/** Every city's figures as last counted (cities made since have no row). */
const CITY_FIGURES = sqlStatement(
  'dashboards.cityFigures',
  `SELECT municipality_id AS "municipalityId", cohorts, members, not_started AS "notStarted", completed, on_track AS "onTrack",
          behind, at_risk AS "atRisk", withdrawn, teachers, met, checked_in AS "checkedIn", reflected, counted_at AS "countedAt"
     FROM city_figures`,
);

const templateTitle = localizedText('programme', 't', '$1');

const MODULE_STATUSES_SQL = MODULE_STATUSES.map(
  (status) => `count(mem.user_id) FILTER (WHERE coalesce(mp.status, 'not_started') = '${status}')::int AS "${status}"`,
).join(',\n          ');

/** The network's programme templates and the cities whose programmes were copied from each. */
const TEMPLATE_USE = sqlStatement(
  'dashboards.templateUse',
  `SELECT t.id AS "templateId", ${templateTitle.text('title')} AS title, ${templateTitle.language} AS "titleLanguage",
          coalesce(array_agg(DISTINCT ${municipalityNameSql('mu', '$1')}) FILTER (WHERE mu.id IS NOT NULL), '{}') AS cities
     FROM programme t
     ${templateTitle.join}
     LEFT JOIN programme p ON p.origin_programme_id = t.id AND p.municipality_id IS NOT NULL AND NOT p.archived
     LEFT JOIN municipality mu ON mu.id = p.municipality_id
    WHERE t.municipality_id IS NULL AND NOT t.archived
    GROUP BY t.id, ${templateTitle.groupKey}
    ORDER BY 2, t.id`,
);

/** The cohort ($1) if it belongs to a city of the scope ($2, null: every city), with its active teachers. */
const COHORT_FACTS = sqlStatement(
  'dashboards.cohortFacts',
  `SELECT c.id, c.name, c.municipality_id AS "municipalityId",
          (SELECT count(*)::int FROM cohort_member m WHERE m.cohort_id = c.id AND m.role = 'teacher' AND m.status = 'active') AS teachers,
          (SELECT p.contact_interval_days FROM programme p WHERE p.id = c.programme_id) AS "contactIntervalDays"
     FROM cohort c
    WHERE c.id = $1 AND ($2::uuid[] IS NULL OR c.municipality_id = ANY($2::uuid[]))`,
);

const heatTitle = localizedText('module', 'cm', '$2');

/** The heat map: per module of the cohort's ($1) programme, its active teachers by status. */
const MODULE_HEAT = sqlStatement(
  'dashboards.moduleHeat',
  `SELECT cm.id AS "moduleId", ${heatTitle.text('title')} AS title, ${heatTitle.language} AS "titleLanguage", cm.required,
          ${MODULE_STATUSES_SQL}
     FROM cohort c
     JOIN curriculum_module cm ON cm.programme_id = c.programme_id
     JOIN programme_phase ph ON ph.id = cm.phase_id
     ${heatTitle.join}
     LEFT JOIN cohort_member mem ON mem.cohort_id = c.id AND mem.role = 'teacher' AND mem.status = 'active'
     LEFT JOIN module_progress mp ON mp.cohort_id = c.id AND mp.module_id = cm.id AND mp.teacher_id = mem.user_id
    WHERE c.id = $1
    GROUP BY cm.id, ph.position, cm.position, ${heatTitle.groupKey}
    ORDER BY ph.position, cm.position`,
);

/**
 * Goals by frame (not dropped), check-ins in the last 30 days and teachers by published reflections,
 * of the teachers a `t (user_id, today)` CTE lists: one statement's text.
 */
const activitySql = (teachers: string) => `WITH t AS (${teachers}),
   goals AS (
     SELECT count(*) FILTER (WHERE g.frame = 'me')::int AS me, count(*) FILTER (WHERE g.frame = 'you')::int AS you,
            count(*) FILTER (WHERE g.frame = 'us')::int AS us, count(DISTINCT g.owner_id)::int AS "teachersWithGoals"
       FROM t JOIN goal g ON g.owner_id = t.user_id AND g.status <> 'dropped'
   ), check_ins AS (
     SELECT count(*)::int AS "checkIns"
       FROM t JOIN goal g ON g.owner_id = t.user_id JOIN goal_check_in ci ON ci.goal_id = g.id
      WHERE ci.checked_on > t.today - ${RECENT_DAYS} AND ci.checked_on <= t.today
   ), reflections AS (
     SELECT t.user_id, (SELECT count(*) FROM portfolio_entry pe WHERE pe.author_id = t.user_id AND pe.published_at IS NOT NULL) AS n FROM t
   )
   SELECT (SELECT count(*)::int FROM t) AS teachers, goals.*, check_ins.*,
          json_build_object('none', count(*) FILTER (WHERE r.n = 0), 'few', count(*) FILTER (WHERE r.n BETWEEN 1 AND 2),
                            'some', count(*) FILTER (WHERE r.n BETWEEN 3 AND 5), 'many', count(*) FILTER (WHERE r.n >= 6)) AS reflections
     FROM goals, check_ins LEFT JOIN reflections r ON true
    GROUP BY goals.me, goals.you, goals.us, goals."teachersWithGoals", check_ins."checkIns"`;

const COHORT_ACTIVITY = sqlStatement(
  'dashboards.cohortActivity',
  activitySql(`SELECT mem.user_id, ${cityTodaySql('mu')} AS today
       FROM cohort_member mem
       JOIN cohort c ON c.id = mem.cohort_id
       JOIN municipality mu ON mu.id = c.municipality_id
      WHERE mem.cohort_id = $1 AND mem.role = 'teacher' AND mem.status = 'active'`),
);

/** The active teachers of the city's ($1) running cohorts, each once. */
const CITY_TEACHERS = `SELECT DISTINCT mem.user_id, ${cityTodaySql('mu')} AS today
       FROM cohort c
       JOIN municipality mu ON mu.id = c.municipality_id
       JOIN cohort_member mem ON mem.cohort_id = c.id AND mem.role = 'teacher' AND mem.status = 'active'
      WHERE c.municipality_id = $1 AND NOT c.archived AND ${cohortRunningSql('c', 'mu')}`;

const CITY_GOAL_ACTIVITY = sqlStatement('dashboards.cityGoalActivity', activitySql(CITY_TEACHERS));

/**
 * Mentoring coverage (`MentoringCoverage`) of the teachers a `t (user_id)` query lists: for each,
 * one index probe for the sessions they attended (held, not cancelled, present), narrowed by
 * `sessions` (SQL over `ms`: the city's or the cohort's sessions).
 */
const coverageSql = (teachers: string, sessions: string) => `WITH t AS (${teachers}),
   per_teacher AS (
     SELECT t.user_id, a.met, a.sessions
       FROM t
       CROSS JOIN LATERAL (
         SELECT max(ms.starts_at) AS met, count(*) AS sessions
           FROM mentoring_participant mp JOIN mentoring_session ms ON ms.id = mp.session_id
          WHERE mp.teacher_id = t.user_id AND mp.attended AND ms.status = 'scheduled' AND ms.starts_at <= now() AND ${sessions}
       ) a
   )
   SELECT count(*)::int AS teachers,
          count(*) FILTER (WHERE met > now() - interval '30 days')::int AS "within30",
          count(*) FILTER (WHERE met <= now() - interval '30 days' AND met > now() - interval '60 days')::int AS "within60",
          count(*) FILTER (WHERE met <= now() - interval '60 days' AND met > now() - interval '90 days')::int AS "within90",
          count(*) FILTER (WHERE met <= now() - interval '90 days')::int AS "over90",
          count(*) FILTER (WHERE met IS NULL)::int AS never,
          coalesce(sum(sessions), 0)::int AS sessions,
          count(*) FILTER (WHERE sessions = 0)::int AS "sessionsNone",
          count(*) FILTER (WHERE sessions BETWEEN 1 AND 2)::int AS "sessionsFew",
          count(*) FILTER (WHERE sessions BETWEEN 3 AND 5)::int AS "sessionsSome",
          count(*) FILTER (WHERE sessions >= 6)::int AS "sessionsMany"
     FROM per_teacher`;

/** The city's ($1) active teachers of running cohorts, and its sessions. */
const CITY_COVERAGE = sqlStatement('dashboards.cityCoverage', coverageSql(CITY_TEACHERS, 'ms.municipality_id = $1'));

/** The cohort's ($1) active teachers, and its sessions. */
const COHORT_COVERAGE = sqlStatement(
  'dashboards.cohortCoverage',
  coverageSql(`SELECT mem.user_id FROM cohort_member mem WHERE mem.cohort_id = $1 AND mem.role = 'teacher' AND mem.status = 'active'`, 'ms.cohort_id = $1'),
);

/**
 * Each mentor of the cohort's ($1) mentor groups: active mentees, work waiting for their review
 * (what their review queue shows: handed in since they became the teacher's mentor) with the
 * oldest wait in days, and mentees not met within the contact interval. One statement; each
 * figure an index probe per mentee.
 */
const MENTOR_LOAD = sqlStatement(
  'dashboards.mentorLoad',
  `WITH co AS (
     SELECT c.id, ${cityTodaySql('mu')} AS today, mu.time_zone, p.contact_interval_days
       FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id JOIN programme p ON p.id = c.programme_id WHERE c.id = $1
   ), mentees AS MATERIALIZED (
     SELECT g.mentor_id, mem.user_id, mem.mentor_since
       FROM mentor_group g
       JOIN cohort_member mem ON mem.mentor_group_id = g.id AND mem.role = 'teacher' AND mem.status = 'active'
      WHERE g.cohort_id = $1
   ), waiting AS (
     SELECT me.mentor_id, count(*)::int AS waiting, min(mp.submitted_at) AS oldest
       FROM mentees me
       JOIN module_progress mp ON mp.cohort_id = $1 AND mp.teacher_id = me.user_id AND mp.status = 'submitted'
                              AND mp.submitted_at >= me.mentor_since
      GROUP BY me.mentor_id
   ), load AS (
     SELECT me.mentor_id, count(*)::int AS mentees,
            count(*) FILTER (WHERE NOT EXISTS (
              SELECT 1 FROM mentoring_participant p JOIN mentoring_session ms ON ms.id = p.session_id
               WHERE p.teacher_id = me.user_id AND p.attended AND ms.cohort_id = $1 AND ms.mentor_id = me.mentor_id
                 AND ms.status = 'scheduled' AND ms.starts_at <= now()
                 AND ms.starts_at > now() - make_interval(days => (SELECT co.contact_interval_days FROM co))))::int AS not_met
       FROM mentees me
      GROUP BY me.mentor_id
   )
   SELECT u.id AS "mentorId", u.display_name AS name, coalesce(l.mentees, 0) AS mentees, coalesce(w.waiting, 0) AS waiting,
          co.today - (w.oldest AT TIME ZONE co.time_zone)::date AS "oldestWaitDays", coalesce(l.not_met, 0) AS "notMet"
     FROM co
     JOIN (SELECT DISTINCT g.mentor_id FROM mentor_group g WHERE g.cohort_id = $1) m ON true
     JOIN app_user u ON u.id = m.mentor_id
     LEFT JOIN load l ON l.mentor_id = m.mentor_id
     LEFT JOIN waiting w ON w.mentor_id = m.mentor_id
    ORDER BY u.display_name, u.id`,
);

/** Figures across the network's cities: aggregates only, never a person's text. */
@Injectable()
export class DashboardsRepository {
  constructor(private readonly sql: Sql) {}

  async cityNames(lang: Language): Promise<CityName[]> {
    return this.sql.query<CityName>(CITY_NAMES, [lang, null]);
  }

  async cityName(municipalityId: string, lang: Language): Promise<CityName | undefined> {
    return this.sql.one<CityName>(CITY_NAMES, [lang, municipalityId]);
  }

  /** Counts every city's figures now (the scheduled job; seconds at 200,000 teachers): returns the cities counted. */
  async countCityFigures(): Promise<number> {
    return this.sql.execute(COUNT_CITY_FIGURES, []);
  }

  async lastCityCount(): Promise<Date | null> {
    return (await this.sql.one<{ at: Date | null }>(LAST_CITY_COUNT, []))?.at ?? null;
  }

  /** Every city's figures as the job last counted them. */
  async cityFigures(): Promise<CountedCityFigures[]> {
    return this.sql.query<CountedCityFigures>(CITY_FIGURES, []);
  }

  async templateUse(lang: Language): Promise<TemplateUse[]> {
    return this.sql.query<TemplateUse>(TEMPLATE_USE, [lang]);
  }
  async cohortFacts(cohortId: string, scope: MunicipalityScope): Promise<CohortFacts | undefined> {
    return this.sql.one<CohortFacts>(COHORT_FACTS, [cohortId, scopeParam(scope)]);
  }

  async moduleHeat(cohortId: string, lang: Language): Promise<ModuleHeat[]> {
    return this.sql.query<ModuleHeat>(MODULE_HEAT, [cohortId, lang]);
  }

  async mentorLoad(cohortId: string): Promise<MentorLoad[]> {
    return this.sql.query<MentorLoad>(MENTOR_LOAD, [cohortId]);
  }

  async cohortActivity(cohortId: string): Promise<CohortActivity> {
    return (await this.sql.one<CohortActivity>(COHORT_ACTIVITY, [cohortId]))!;
  }

  async cityGoalActivity(municipalityId: string): Promise<CohortActivity> {
    return (await this.sql.one<CohortActivity>(CITY_GOAL_ACTIVITY, [municipalityId]))!;
  }

  async cityCoverage(municipalityId: string): Promise<MentoringCoverage> {
    return (await this.sql.one<MentoringCoverage>(CITY_COVERAGE, [municipalityId]))!;
  }

  async cohortCoverage(cohortId: string): Promise<MentoringCoverage> {
    return (await this.sql.one<MentoringCoverage>(COHORT_COVERAGE, [cohortId]))!;
  }
}
