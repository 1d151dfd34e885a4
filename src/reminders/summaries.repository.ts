import { Injectable } from '@nestjs/common';
import type { Language } from '../common/i18n/language.js';
import { Sql, sqlStatement } from '../database/sql.js';
import { localizedText } from '../programmes/localized-text.js';
import { statusCtes } from '../progress/completion-status.repository.js';
import { mentorReportCtes } from './finders.js';

/** One line of a mentor's weekly summary: a piece of work waiting for them, or a mentee at risk. */
export interface MentorReportLine {
  what: 'waiting' | 'at_risk';
  teacher: string;
  module: string | null;
  cohort: string;
  days: number | null;
  reasons: string[] | null;
  link: string | null;
}

/** One running cohort's figures in a department's monthly summary: counts only, never anyone's writing. */
export interface CohortSummary {
  cohortId: string;
  name: string;
  teachers: number;
  approved: number;
  required: number;
  atRisk: number;
  sessions: number;
}

const moduleTitle = localizedText('module', 'cm', '$3');

/** The mentor $2's waiting work and mentees at risk at the clock $1, module titles in the language $3. */
const MENTOR_REPORT = sqlStatement(
  'reminders.mentorReport',
  `WITH ${mentorReportCtes('g.mentor_id = $2::uuid')}
   SELECT r.what, r.teacher, r.module, r.cohort, r.days, r.reasons, r.link FROM (
     SELECT 'waiting' AS what, t.display_name AS teacher, ${moduleTitle.text('title')} AS module, co.name AS cohort,
            (($1::timestamptz AT TIME ZONE mu.time_zone)::date - (w.submitted_at AT TIME ZONE mu.time_zone)::date) AS days,
            NULL::text[] AS reasons, '/reviews/' || w.progress_id::text AS link, w.submitted_at AS sort_at
       FROM waiting w
       JOIN app_user t ON t.id = w.teacher_id
       JOIN cohort co ON co.id = w.cohort_id
       JOIN municipality mu ON mu.id = co.municipality_id
       JOIN curriculum_module cm ON cm.id = w.module_id
       ${moduleTitle.join}
     UNION ALL
     SELECT 'at_risk', t.display_name, NULL, co.name, NULL, a.risk_reasons, NULL, NULL
       FROM at_risk a
       JOIN app_user t ON t.id = a.teacher_id
       JOIN cohort co ON co.id = a.cohort_id
   ) r
   ORDER BY r.what DESC, r.sort_at NULLS LAST, r.teacher, r.cohort`,
);

/** Each running cohort of the city $1 at the clock $2: its teachers' figures, one statement for them all. */
const CITY_COHORTS_SUMMARY = sqlStatement(
  'reminders.cityCohortsSummary',
  `WITH ${statusCtes(
    `SELECT c.id AS cohort_id, c.programme_id, c.starts_on, c.ends_on, mu.time_zone,
            ($2::timestamptz AT TIME ZONE mu.time_zone)::date AS today, 'running'::text AS stage,
            p.min_sessions_attended, p.min_reflections, p.min_workshop_attendance_pct
       FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id JOIN programme p ON p.id = c.programme_id
      WHERE c.municipality_id = $1::uuid AND NOT c.archived
        AND ($2::timestamptz AT TIME ZONE mu.time_zone)::date BETWEEN c.starts_on AND c.ends_on`,
    `SELECT mem.cohort_id, mem.user_id, mem.status AS member_status, mem.mentor_group_id, mem.joined_at
       FROM cohort_member mem
      WHERE mem.cohort_id IN (SELECT cohort_id FROM cohorts) AND mem.role = 'teacher'`,
  )},
   month AS (
     SELECT c.cohort_id, c.time_zone, (c.today - extract(day FROM c.today)::int + 1) AS this_month FROM cohorts c
   ),
   -- Sessions held last month: not cancelled, begun in the city's last calendar month.
   held AS (
     SELECT ms.cohort_id, count(*)::int AS sessions
       FROM month m
       JOIN mentoring_session ms ON ms.cohort_id = m.cohort_id AND ms.status = 'scheduled'
        AND ms.starts_at >= ((m.this_month - interval '1 month')::date + time '00:00') AT TIME ZONE m.time_zone
        AND ms.starts_at < (m.this_month + time '00:00') AT TIME ZONE m.time_zone
        AND ms.starts_at <= $2::timestamptz
      GROUP BY ms.cohort_id
   )
   SELECT co.id AS "cohortId", co.name,
          count(s.user_id) FILTER (WHERE s.member_status = 'active')::int AS teachers,
          coalesce(sum(s.required_approved) FILTER (WHERE s.member_status = 'active'), 0)::int AS approved,
          coalesce(sum(s.modules_required) FILTER (WHERE s.member_status = 'active'), 0)::int AS required,
          count(s.user_id) FILTER (WHERE s.status = 'at_risk')::int AS "atRisk",
          coalesce(h.sessions, 0)::int AS sessions
     FROM cohorts c
     JOIN cohort co ON co.id = c.cohort_id
     LEFT JOIN statuses s ON s.cohort_id = c.cohort_id
     LEFT JOIN held h ON h.cohort_id = c.cohort_id
    GROUP BY co.id, co.name, h.sessions
    ORDER BY co.name, co.id`,
);

/** The statements behind the summaries composed when sent: a mentor's week and a city's month. */
@Injectable()
export class SummariesRepository {
  constructor(private readonly sql: Sql) {}

  async mentorReport(mentorId: string, at: Date, language: Language): Promise<MentorReportLine[]> {
    return this.sql.query<MentorReportLine>(MENTOR_REPORT, [at, mentorId, language]);
  }

  async cityCohortsSummary(municipalityId: string, at: Date): Promise<CohortSummary[]> {
    return this.sql.query<CohortSummary>(CITY_COHORTS_SUMMARY, [municipalityId, at]);
  }
}
