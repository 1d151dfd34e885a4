import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';
import { dayAsNoonUtc } from '../database/sql-dates.js';
import { statusCtes } from '../progress/completion-status.repository.js';

/** The Sunday that starts the week of the day `day` (SQL over a `date`): weeks run Sunday to Saturday, as in Israel. */
export const weekStartSql = (day: string) => `(${day} - extract(dow FROM ${day})::int)`;

/** One week of a cohort's trend. Reconstructed weeks (before snapshots existed) have approved modules only. */
export interface TrendWeek {
  /** The week's Sunday, as noon UTC (formats as the same day in every Israeli time zone). */
  weekStart: string;
  approvedModules: number;
  atRisk: number | null;
  activeTeachers: number | null;
  completed: number | null;
  reconstructed: boolean;
  takenAt: Date;
}

/**
 * Every running, unarchived cohort at the clock $1 (its stage and today in its city's calendar at
 * $1, not at the server's now) and its active teachers, fed to the one status rule (`statusCtes`).
 */
const SNAPSHOT_CTES = statusCtes(
  `SELECT c.id AS cohort_id, c.programme_id, c.starts_on, c.ends_on, mu.time_zone,
          ($1::timestamptz AT TIME ZONE mu.time_zone)::date AS today, 'running'::text AS stage,
          p.min_sessions_attended, p.min_reflections, p.min_workshop_attendance_pct
     FROM cohort c
     JOIN municipality mu ON mu.id = c.municipality_id
     JOIN programme p ON p.id = c.programme_id
    WHERE NOT c.archived AND ($1::timestamptz AT TIME ZONE mu.time_zone)::date BETWEEN c.starts_on AND c.ends_on`,
  `SELECT mem.cohort_id, mem.user_id, mem.status AS member_status, mem.mentor_group_id, mem.joined_at
     FROM cohort_member mem
     JOIN cohorts c ON c.cohort_id = mem.cohort_id
    WHERE mem.role = 'teacher' AND mem.status = 'active'`,
);

/**
 * The current week's figures of every running cohort at the clock $1, in one statement, and — for
 * a cohort with no row yet — its earlier weeks reconstructed from progress events (approved modules
 * only: a progress row counts from the week of its first approval; at risk cannot be rebuilt).
 *
 * Safe when several instances run it at once: rows are written in key order (no deadlock between
 * two runs), a conflicting current week's row is refreshed, a reconstructed one never overwrites a
 * row, and a cohort that already has a later week than the clock's (a late or stale clock) is left
 * alone, so a finished week's row never changes.
 */
const TAKE_SNAPSHOTS = sqlStatement(
  'dashboards.takeSnapshots',
  `WITH ${SNAPSHOT_CTES},
   current_weeks AS (
     SELECT c.cohort_id, c.time_zone, c.starts_on, ${weekStartSql('c.today')} AS week_start
       FROM cohorts c
      WHERE NOT EXISTS (SELECT 1 FROM cohort_week_snapshot later
                         WHERE later.cohort_id = c.cohort_id AND later.week_start > ${weekStartSql('c.today')})
   ),
   live AS (
     SELECT cw.cohort_id, cw.week_start,
            count(s.user_id)::int AS active_teachers,
            coalesce(sum(s.modules_approved), 0)::int AS approved_modules,
            count(s.user_id) FILTER (WHERE s.status = 'at_risk')::int AS at_risk,
            count(s.user_id) FILTER (WHERE s.status = 'completed')::int AS completed
       FROM current_weeks cw
       LEFT JOIN statuses s ON s.cohort_id = cw.cohort_id
      GROUP BY cw.cohort_id, cw.week_start
   ),
   -- Cohorts without any row yet: their weeks from the one they started in to the last finished one.
   unrecorded AS MATERIALIZED (
     SELECT cw.* FROM current_weeks cw
      WHERE NOT EXISTS (SELECT 1 FROM cohort_week_snapshot r WHERE r.cohort_id = cw.cohort_id)
   ),
   past_weeks AS (
     SELECT u.cohort_id, w::date AS week_start
       FROM unrecorded u, generate_series(${weekStartSql('u.starts_on')}, u.week_start - 7, interval '7 days') w
   ),
   -- Approvals of the active teachers' progress rows on the programme's modules, by the week of each row's first approval.
   approvals AS MATERIALIZED (
     SELECT a.cohort_id, a.week_start, count(*) AS approved
       FROM (SELECT u.cohort_id, ${weekStartSql('(min(e.occurred_at) AT TIME ZONE u.time_zone)::date')} AS week_start
               FROM unrecorded u
               JOIN members mb ON mb.cohort_id = u.cohort_id
               JOIN module_progress p ON p.cohort_id = mb.cohort_id AND p.teacher_id = mb.user_id
               JOIN modules m ON m.cohort_id = p.cohort_id AND m.module_id = p.module_id
               JOIN progress_event e ON e.progress_id = p.id AND e.to_status = 'approved'
              GROUP BY u.cohort_id, u.time_zone, p.id) a
      GROUP BY a.cohort_id, a.week_start
   ),
   reconstructed AS (
     SELECT pw.cohort_id, pw.week_start,
            (SELECT coalesce(sum(ap.approved), 0) FROM approvals ap
              WHERE ap.cohort_id = pw.cohort_id AND ap.week_start <= pw.week_start)::int AS approved_modules
       FROM past_weeks pw
   ),
   snapshot_rows AS (
     SELECT cohort_id, week_start, active_teachers, approved_modules, at_risk, completed, false AS reconstructed FROM live
     UNION ALL
     SELECT cohort_id, week_start, NULL::int, approved_modules, NULL::int, NULL::int, true FROM reconstructed
   )
   INSERT INTO cohort_week_snapshot (cohort_id, week_start, active_teachers, approved_modules, at_risk, completed, reconstructed, taken_at)
   SELECT cohort_id, week_start, active_teachers, approved_modules, at_risk, completed, reconstructed, $1::timestamptz
     FROM snapshot_rows
    ORDER BY cohort_id, week_start
   ON CONFLICT (cohort_id, week_start) DO UPDATE
      SET active_teachers = EXCLUDED.active_teachers, approved_modules = EXCLUDED.approved_modules, at_risk = EXCLUDED.at_risk,
          completed = EXCLUDED.completed, reconstructed = false, taken_at = EXCLUDED.taken_at
    WHERE NOT EXCLUDED.reconstructed AND cohort_week_snapshot.taken_at <= EXCLUDED.taken_at`,
);

/** The cohort's ($1) weeks, oldest first. */
const COHORT_TREND = sqlStatement(
  'dashboards.cohortTrend',
  `SELECT ${dayAsNoonUtc('s.week_start')} AS "weekStart", s.approved_modules AS "approvedModules", s.at_risk AS "atRisk",
          s.active_teachers AS "activeTeachers", s.completed, s.reconstructed, s.taken_at AS "takenAt"
     FROM cohort_week_snapshot s
    WHERE s.cohort_id = $1
    ORDER BY s.week_start`,
);

/** The weekly snapshots of cohorts' figures: written by the scheduled job, read by the cohort's Figures tab. */
@Injectable()
export class SnapshotsRepository {
  constructor(private readonly sql: Sql) {}

  /** Writes the current week's row (at `at`) of every running cohort; returns the rows written or refreshed. */
  async takeSnapshots(at: Date): Promise<number> {
    return this.sql.execute(TAKE_SNAPSHOTS, [at]);
  }

  async cohortTrend(cohortId: string): Promise<TrendWeek[]> {
    return this.sql.query<TrendWeek>(COHORT_TREND, [cohortId]);
  }
}
