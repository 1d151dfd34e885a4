import { Injectable } from '@nestjs/common';
import type { Language } from '../common/i18n/language.js';
import { Sql, sqlStatement } from '../database/sql.js';
import { municipalityNameSql } from '../municipalities/municipality-name.js';
import { cityTodaySql, cohortStageSql } from '../progress/cohort-stage.js';
import { localizedText } from '../programmes/localized-text.js';

/** Days a recent activity looks back: "met in the last 30 days", "a check-in in the last 30 days". */
export const RECENT_DAYS = 30;

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

export interface TemplateUse {
  templateId: string;
  title: string;
  titleLanguage: string;
  cities: string[];
}

const CITY_NAMES = sqlStatement(
  'dashboards.cityNames',
  `SELECT mu.id AS "municipalityId", ${municipalityNameSql('mu', '$1')} AS name FROM municipality mu ORDER BY 2, mu.id`,
);

/**
 * Active teachers of running, unarchived cohorts, once per city, and what each did in the last
 * 30 days: one statement for the whole network, each activity an index probe per teacher
 * (mentoring_participant by teacher, goal by owner, portfolio entry by author).
 */
const CITY_ACTIVITY = sqlStatement(
  'dashboards.cityActivity',
  `WITH teachers AS (
     SELECT DISTINCT c.municipality_id, mem.user_id, ${cityTodaySql('mu')} AS today
       FROM cohort c
       JOIN municipality mu ON mu.id = c.municipality_id
       JOIN cohort_member mem ON mem.cohort_id = c.id AND mem.role = 'teacher' AND mem.status = 'active'
      WHERE NOT c.archived AND ${cohortStageSql('c', 'mu')} = 'running'
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
    GROUP BY t.municipality_id`,
);

const templateTitle = localizedText('programme', 't', '$1');

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

/** Figures across the network's cities: aggregates only, never a person's text. */
@Injectable()
export class DashboardsRepository {
  constructor(private readonly sql: Sql) {}

  async cityNames(lang: Language): Promise<CityName[]> {
    return this.sql.query<CityName>(CITY_NAMES, [lang]);
  }

  async cityActivity(): Promise<CityActivity[]> {
    return this.sql.query<CityActivity>(CITY_ACTIVITY, []);
  }

  async templateUse(lang: Language): Promise<TemplateUse[]> {
    return this.sql.query<TemplateUse>(TEMPLATE_USE, [lang]);
  }
}
