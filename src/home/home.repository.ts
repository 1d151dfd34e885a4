import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';
import { dayAsNoonUtc } from '../database/sql-dates.js';
import type { Language } from '../common/i18n/language.js';
import { municipalityNameSql } from '../municipalities/municipality-name.js';
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
}

export interface NetworkCounts {
  cities: number;
  templates: number;
  cohorts: number;
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
     LEFT JOIN module_progress p ON p.cohort_id = g.cohort_id AND p.teacher_id = cm.user_id AND p.status = 'submitted'
    WHERE g.mentor_id = $1`,
);

const CITY_COHORTS = sqlStatement(
  'home.cityCohorts',
  `SELECT c.id, c.name, ${municipalityNameSql('mu', '$3')} AS city, ${dayAsNoonUtc('c.starts_on')} AS "startsOn"
     FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id
    WHERE NOT c.archived AND ($1::uuid[] IS NULL OR c.municipality_id = ANY($1::uuid[]))
    ORDER BY c.starts_on DESC, c.name
    LIMIT $2`,
);

const NETWORK_COUNTS = sqlStatement(
  'home.networkCounts',
  `SELECT (SELECT count(*)::int FROM municipality WHERE active) AS cities,
          (SELECT count(*)::int FROM programme WHERE municipality_id IS NULL AND NOT archived) AS templates,
          (SELECT count(*)::int FROM cohort WHERE NOT archived) AS cohorts,
          (SELECT count(DISTINCT user_id)::int FROM cohort_member WHERE role = 'teacher' AND status = 'active') AS teachers`,
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

  /** The running cohorts of these cities (null: every city), newest first. */
  async findCityCohorts(municipalityIds: string[] | null, limit: number, language: Language): Promise<CityCohort[]> {
    return this.sql.query<CityCohort>(CITY_COHORTS, [municipalityIds, limit, language]);
  }

  async countNetwork(): Promise<NetworkCounts> {
    return (await this.sql.one<NetworkCounts>(NETWORK_COUNTS))!;
  }
}
