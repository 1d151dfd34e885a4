import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';
import { dayAsNoonUtc } from '../database/sql-dates.js';
import type { Language } from '../common/i18n/language.js';
import { municipalityNameSql } from '../municipalities/municipality-name.js';
import { type CohortStage, cityTodaySql, cohortStageOrderSql, cohortStageSql } from '../progress/cohort-stage.js';
import { localizedText } from '../programmes/localized-text.js';

export interface DueModule {
  cohortId: string;
  moduleId: string;
  title: string;
  /** The language of the title: the reader's when translated, else the original's. */
  textLanguage: Language;
  dueOn: string;
  status: string;
  overdue: boolean;
}

export interface MentorSummary {
  mentees: number;
  waitingReviews: number;
  oldestWaiting: Date | null;
}

export interface CityCohort {
  id: string;
  name: string;
  /** In the reader's language. */
  city: string;
  startsOn: string;
  stage: Exclude<CohortStage, 'finished'>;
}

export interface NetworkCounts {
  cities: number;
  templates: number;
  runningCohorts: number;
  upcomingCohorts: number;
  /** Active teachers of running cohorts, each counted once. */
  teachers: number;
}

const dueTitle = localizedText('module', 'm', '$3');
const DUE_NEXT = sqlStatement(
  'home.dueNext',
  `SELECT c.id AS "cohortId", m.id AS "moduleId", ${dueTitle.text('title')} AS title, ${dueTitle.language} AS "textLanguage",
          ${dayAsNoonUtc('w.due_on')} AS "dueOn",
          coalesce(p.status, 'not_started') AS status,
          w.due_on < (now() AT TIME ZONE mu.time_zone)::date AS overdue
     FROM cohort_member cm
     JOIN cohort c ON c.id = cm.cohort_id AND NOT c.archived
     JOIN municipality mu ON mu.id = c.municipality_id
     JOIN module_window w ON w.cohort_id = c.id
     JOIN curriculum_module m ON m.id = w.module_id
     ${dueTitle.join}
     LEFT JOIN module_progress p ON p.cohort_id = c.id AND p.module_id = m.id AND p.teacher_id = cm.user_id
    WHERE cm.user_id = $1 AND cm.role = 'teacher' AND cm.status = 'active'
      AND w.opens_on <= (now() AT TIME ZONE mu.time_zone)::date
      AND coalesce(p.status, 'not_started') NOT IN ('approved', 'submitted')
    ORDER BY w.due_on, title
    LIMIT $2`,
);

const MENTOR_SUMMARY = sqlStatement(
  'home.mentorSummary',
  `SELECT count(DISTINCT cm.user_id)::int AS mentees,
          count(p.id)::int AS "waitingReviews",
          min(p.submitted_at) AS "oldestWaiting"
     FROM mentor_group g
     JOIN cohort c ON c.id = g.cohort_id AND NOT c.archived
     -- Only groups of cohorts in which they are still an active mentor (a withdrawn mentor's group stays, without them).
     JOIN cohort_member lead ON lead.cohort_id = g.cohort_id AND lead.user_id = g.mentor_id AND lead.role = 'mentor' AND lead.status = 'active'
     JOIN cohort_member cm ON cm.mentor_group_id = g.id AND cm.role = 'teacher' AND cm.status = 'active'
     -- Only what the review queue shows them: work handed in since they became the teacher's mentor.
     LEFT JOIN module_progress p ON p.cohort_id = g.cohort_id AND p.teacher_id = cm.user_id AND p.status = 'submitted' AND p.submitted_at >= cm.mentor_since
    WHERE g.mentor_id = $1`,
);

/**
 * Up to $2 running cohorts (newest first) and $2 upcoming ones (soonest first) of the cities $1
 * (null: every city), by their dates in each city's calendar; finished and archived ones are on
 * the cohorts page.
 */
const CITY_COHORTS = sqlStatement(
  'home.cityCohorts',
  `WITH current_cohorts AS (
     SELECT c.id, c.name, c.starts_on, ${municipalityNameSql('mu', '$3')} AS city, ${cohortStageSql('c', 'mu')} AS stage
       FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id
      WHERE NOT c.archived AND ($1::uuid[] IS NULL OR c.municipality_id = ANY($1::uuid[]))
        AND c.ends_on >= ${cityTodaySql('mu')}
   ), ranked AS (
     SELECT cc.*, row_number() OVER (
              PARTITION BY cc.stage
              ORDER BY CASE WHEN cc.stage = 'upcoming' THEN cc.starts_on END, cc.starts_on DESC, cc.name, cc.id) AS n
       FROM current_cohorts cc
   )
   SELECT r.id, r.name, r.city, ${dayAsNoonUtc('r.starts_on')} AS "startsOn", r.stage
     FROM ranked r
    WHERE r.n <= $2
    ORDER BY ${cohortStageOrderSql('r.stage')}, r.n`,
);

/** "Running" and "upcoming" by each cohort's dates in its city's calendar, as everywhere else. */
const NETWORK_COUNTS = sqlStatement(
  'home.networkCounts',
  `WITH stages AS MATERIALIZED (
     SELECT c.id, ${cohortStageSql('c', 'mu')} AS stage
       FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id
      WHERE NOT c.archived
   )
   SELECT (SELECT count(*)::int FROM municipality WHERE active) AS cities,
          (SELECT count(*)::int FROM programme WHERE municipality_id IS NULL AND NOT archived) AS templates,
          (SELECT count(*)::int FROM stages WHERE stage = 'running') AS "runningCohorts",
          (SELECT count(*)::int FROM stages WHERE stage = 'upcoming') AS "upcomingCohorts",
          (SELECT count(DISTINCT mem.user_id)::int
             FROM cohort_member mem JOIN stages s ON s.id = mem.cohort_id AND s.stage = 'running'
            WHERE mem.role = 'teacher' AND mem.status = 'active') AS teachers`,
);

/** The few aggregate figures each role's home page shows; each is one query whatever the size. */
@Injectable()
export class HomeRepository {
  constructor(private readonly sql: Sql) {}

  /** Open modules not yet approved, soonest due first, across the person's active cohorts; titled in `language`. */
  async findDueNext(userId: string, limit: number, language: Language): Promise<DueModule[]> {
    return this.sql.query<DueModule>(DUE_NEXT, [userId, limit, language]);
  }

  async findMentorSummary(userId: string): Promise<MentorSummary> {
    return (await this.sql.one<MentorSummary>(MENTOR_SUMMARY, [userId]))!;
  }

  /** The running cohorts of these cities (null: every city), newest first, then the upcoming ones, soonest first: up to `limit` of each. */
  async findCityCohorts(municipalityIds: string[] | null, limit: number, language: Language): Promise<CityCohort[]> {
    return this.sql.query<CityCohort>(CITY_COHORTS, [municipalityIds, limit, language]);
  }

  async countNetwork(): Promise<NetworkCounts> {
    return (await this.sql.one<NetworkCounts>(NETWORK_COUNTS))!;
  }
}
