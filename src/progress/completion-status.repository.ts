import { Injectable } from '@nestjs/common';
import { Sql, type SqlStatement, sqlStatement } from '../database/sql.js';
import { dayAsNoonUtc } from '../database/sql-dates.js';
import { type CohortStage, cityTodaySql, cohortRunningSql, cohortStageSql } from './cohort-stage.js';

export const TEACHER_STATUSES = ['completed', 'on_track', 'behind', 'at_risk', 'not_started', 'withdrawn'] as const;
export type TeacherStatus = (typeof TEACHER_STATUSES)[number];
export const AT_RISK_REASONS = ['overdue_modules', 'low_attendance', 'inactive'] as const;
export const BEHIND_REASONS = ['one_overdue', 'below_pace'] as const;
export type StatusReason = (typeof AT_RISK_REASONS)[number] | (typeof BEHIND_REASONS)[number];
/** The programme's completion rules, in the order they are explained to the teacher. */
export const COMPLETION_RULES = ['required_modules', 'mentoring_sessions', 'reflections', 'workshop_attendance'] as const;
export type CompletionRule = (typeof COMPLETION_RULES)[number];

/**
 * Days without any progress event, counted from when something became open to the teacher (see
 * `statusCtes`), that make a teacher at risk.
 */
export const INACTIVE_DAYS = 45;

export interface TeacherCompletion {
  teacherId: string;
  name: string;
  email: string;
  school: string | null;
  mentor: string | null;
  mentorGroupId: string | null;
  memberStatus: 'active' | 'withdrawn';
  modulesApproved: number;
  modulesRequired: number;
  requiredApproved: number;
  overdueRequired: number;
  workshopsDue: number;
  workshopsAttended: number;
  /** 0..100 (rounded down), or null when no workshop has been due yet. */
  attendancePct: number | null;
  sessionsAttended: number;
  /** False while the app does not record mentoring sessions: the figure is then 0 for everyone. */
  sessionsRecorded: boolean;
  reflections: number;
  /** False while the app does not record reflections: the figure is then 0 for everyone. */
  reflectionsRecorded: boolean;
  /** The programme's minimums. */
  minSessions: number;
  minReflections: number;
  minAttendancePct: number;
  lastActivity: Date | null;
  status: TeacherStatus;
  reasons: StatusReason[];
  /** The completion rules not met yet; empty once every one is. */
  unmetRules: CompletionRule[];
}

export interface CohortFigures {
  cohortId: string;
  stage: CohortStage;
  /** Teachers not withdrawn. */
  members: number;
  notStarted: number;
  completed: number;
  onTrack: number;
  behind: number;
  atRisk: number;
  withdrawn: number;
}

/** A city's head counts over its running cohorts. */
export interface CityFigures extends Omit<CohortFigures, 'cohortId' | 'stage'> {
  municipalityId: string;
  /** Running cohorts. */
  cohorts: number;
}

/** A cohort's head counts for one school or one mentor group (id null: teachers without one). */
export interface CohortBreakdownRow extends Omit<CohortFigures, 'cohortId' | 'stage'> {
  kind: 'school' | 'group' | 'cohort';
  id: string | null;
  name: string | null;
  mentor: string | null;
}

/** What a teacher's pace is computed from (see src/dashboards/early-warning.ts). */
export interface TeacherPace {
  teacherId: string;
  name: string;
  memberId: string;
  status: TeacherStatus;
  requiredApproved: number;
  modulesRequired: number;
  daysSoFar: number;
  daysLeft: number;
}

/** A teacher at risk in one of a city's running cohorts, with the at-risk reasons. */
export interface AtRiskTeacher {
  teacherId: string;
  name: string;
  cohortId: string;
  cohortName: string;
  memberId: string;
  reasons: StatusReason[];
}

export const TEACHER_SORTS = {
  name: 'name',
  status: 'status',
  approved: 'approved',
  activity: 'activity',
} as const;
export type TeacherSort = keyof typeof TEACHER_SORTS;

/** ORDER BY clauses by whitelisted key: never built from what the client sent. */
const ORDER_BY: Record<TeacherSort, string> = {
  name: 'u.display_name, u.id',
  status: `array_position(ARRAY['at_risk','behind','on_track','not_started','completed','withdrawn'], s.status), u.display_name, u.id`,
  approved: 's.modules_approved DESC, u.display_name, u.id',
  activity: 's.last_activity DESC NULLS LAST, u.display_name, u.id',
};

export interface TeacherFilters {
  schoolId?: string;
  mentorGroupId?: string;
  status?: TeacherStatus;
}

/**
 * A teacher's standing in a cohort (the rules are tabled in README.md, "Status rules"). Per-cohort
 * module figures (what is required, what has fallen due) are counted once per cohort; per-teacher
 * figures come from their existing progress rows only (absent rows are "not started"); the status
 * is a CASE over both.
 *
 * `cohorts` and `members` are the two CTEs a statement supplies (which cohorts, which of their
 * teachers): the teacher-home variant narrows both to one person before anything is counted, so
 * its cost does not grow with the size of their cohort. `cohorts` returns the columns of
 * `COHORT_COLUMNS` (its `today` and `stage` may be computed at another clock: the reminders'
 * digests count at their pass's clock); `members` returns cohort_id, user_id, member_status,
 * mentor_group_id, joined_at. Exported for those digests, so there is one at-risk rule.
 */
export function statusCtes(cohorts: string, members: string): string {
  return `
  cohorts AS (${cohorts}),
  members AS (${members}),
  modules AS (
    SELECT c.cohort_id, cm.id AS module_id, cm.required, cm.completion_method,
           coalesce(w.due_on < c.today, false) AS is_due,
           -- A module the teacher can act on (a workshop's attendance is recorded by others) that
           -- has been open for the whole inactivity period: a module without a window is open
           -- from the cohort's first day.
           cm.completion_method <> 'attendance' AND coalesce(w.opens_on, c.starts_on) <= c.today - ${INACTIVE_DAYS} AS open_long
      FROM cohorts c
      JOIN curriculum_module cm ON cm.programme_id = c.programme_id
      LEFT JOIN module_window w ON w.cohort_id = c.cohort_id AND w.module_id = cm.id
  ),
  module_figures AS (
    SELECT c.cohort_id,
           count(m.module_id) FILTER (WHERE m.required) AS required_count,
           count(m.module_id) FILTER (WHERE m.required AND m.is_due) AS required_due,
           count(m.module_id) FILTER (WHERE m.required AND m.open_long) AS required_open_long,
           count(m.module_id) FILTER (WHERE m.completion_method = 'attendance' AND m.is_due) AS workshops_due,
           -- The share of the cohort's time that has passed, 0..1: the pace a teacher is measured against.
           least(1, greatest(0, (c.today - c.starts_on)::numeric / nullif(c.ends_on - c.starts_on, 0))) AS elapsed
      FROM cohorts c
      LEFT JOIN modules m ON m.cohort_id = c.cohort_id
     GROUP BY c.cohort_id, c.today, c.starts_on, c.ends_on
  ),
  -- Each teacher's progress figures, grouped by the teacher's own row: never a join of one
  -- per-teacher result to another, whose sizes the planner cannot estimate (it guessed one row and
  -- compared every teacher with every other, 16 million times for a city of 4,000). Materialised:
  -- computed once for all the teachers. Progress rows of modules no longer in the programme count
  -- for activity only.
  teacher_progress AS MATERIALIZED (
    SELECT mb.cohort_id, mb.user_id, mb.member_status, mb.mentor_group_id, mb.joined_at,
           count(*) FILTER (WHERE p.status = 'approved' AND m.module_id IS NOT NULL) AS modules_approved,
           count(*) FILTER (WHERE p.status = 'approved' AND m.required) AS required_approved,
           count(*) FILTER (WHERE p.status = 'approved' AND m.required AND m.is_due) AS required_due_approved,
           -- Done, or handed in and waiting for the mentor: nothing left for the teacher to do.
           count(*) FILTER (WHERE p.status IN ('approved', 'submitted') AND m.required AND m.open_long) AS required_open_long_handled,
           count(*) FILTER (WHERE p.status = 'approved' AND m.completion_method = 'attendance' AND m.is_due) AS workshops_attended,
           count(*) FILTER (WHERE p.status = 'returned' AND m.module_id IS NOT NULL) AS returned,
           max(e.last_event) AS last_activity
      FROM members mb
      LEFT JOIN module_progress p ON p.cohort_id = mb.cohort_id AND p.teacher_id = mb.user_id
      LEFT JOIN modules m ON m.cohort_id = p.cohort_id AND m.module_id = p.module_id
      LEFT JOIN LATERAL (SELECT max(ev.occurred_at) AS last_event FROM progress_event ev WHERE ev.progress_id = p.id) e ON true
     GROUP BY mb.cohort_id, mb.user_id, mb.member_status, mb.mentor_group_id, mb.joined_at
  ),
  figures AS (
    SELECT mb.cohort_id, mb.user_id, mb.member_status, mb.mentor_group_id, mb.joined_at, c.stage,
           mb.modules_approved::int AS modules_approved,
           mf.required_count::int AS modules_required,
           mb.required_approved::int AS required_approved,
           (mf.required_due - mb.required_due_approved)::int AS overdue_required,
           mf.workshops_due::int AS workshops_due,
           mb.workshops_attended::int AS workshops_attended,
           mb.returned::int AS returned,
           CASE WHEN mf.workshops_due > 0 THEN floor(100.0 * mb.workshops_attended / mf.workshops_due)::int END AS attendance_pct,
           -- Compared exactly: 2 of 3 workshops (66.7%) is below a minimum of 67%.
           100 * mb.workshops_attended < c.min_workshop_attendance_pct * mf.workshops_due AS attendance_low,
           floor(mf.required_count * mf.elapsed)::int AS expected_by_now,
           -- Mentoring sessions attended in this cohort, and published reflections (the
           -- teacher's own, wherever written).
           sf.sessions_attended::int AS sessions_attended, true AS sessions_recorded,
           rf.reflections::int AS reflections, true AS reflections_recorded,
           mb.last_activity,
           -- Inactivity is counted from when something became open to the teacher: the clock
           -- starts at the later of their last activity (else their joining) and the day the
           -- oldest module still waiting on them opened, so opening a module early, or after a
           -- break, starts a fresh clock. The later of two days is ${INACTIVE_DAYS}+ days ago when
           -- both are: no activity since the cutoff, and a module opened by then still waiting.
           coalesce((mb.last_activity AT TIME ZONE c.time_zone)::date, (mb.joined_at AT TIME ZONE c.time_zone)::date) <= c.today - ${INACTIVE_DAYS}
             AND mf.required_open_long > mb.required_open_long_handled AS inactive,
           c.min_sessions_attended, c.min_reflections, c.min_workshop_attendance_pct
      FROM teacher_progress mb
      JOIN cohorts c ON c.cohort_id = mb.cohort_id
      JOIN module_figures mf ON mf.cohort_id = mb.cohort_id
      -- Mentoring sessions each teacher attended in the cohort (not cancelled, attendance recorded as present).
      LEFT JOIN LATERAL (
        SELECT count(*) AS sessions_attended
          FROM mentoring_participant mp
          JOIN mentoring_session ms ON ms.id = mp.session_id
         WHERE mp.teacher_id = mb.user_id AND mp.attended AND ms.cohort_id = mb.cohort_id AND ms.status = 'scheduled'
      ) sf ON true
      -- Published reflections: the teacher's own, wherever written (the portfolio belongs to the person); drafts do not count.
      LEFT JOIN LATERAL (SELECT count(*) AS reflections FROM portfolio_entry pe WHERE pe.author_id = mb.user_id AND pe.published_at IS NOT NULL) rf ON true
  ),
  reasoned AS (
    SELECT f.*,
           array_remove(ARRAY[
             CASE WHEN f.required_approved < f.modules_required THEN 'required_modules' END,
             CASE WHEN f.sessions_attended < f.min_sessions_attended THEN 'mentoring_sessions' END,
             CASE WHEN f.reflections < f.min_reflections THEN 'reflections' END,
             CASE WHEN f.attendance_low THEN 'workshop_attendance' END
           ], NULL) AS unmet_rules,
           array_remove(ARRAY[
             CASE WHEN f.overdue_required >= 2 THEN 'overdue_modules' END,
             CASE WHEN f.attendance_low THEN 'low_attendance' END,
             CASE WHEN f.inactive THEN 'inactive' END
           ], NULL) AS risk_reasons,
           array_remove(ARRAY[
             CASE WHEN f.overdue_required = 1 THEN 'one_overdue' END,
             CASE WHEN f.required_approved < f.expected_by_now THEN 'below_pace' END
           ], NULL) AS behind_reasons
      FROM figures f
  ),
  statuses AS (
    SELECT r.*,
           CASE
             WHEN r.member_status = 'withdrawn' THEN 'withdrawn'
             -- Nothing can be late before the cohort starts: its teachers have no standing yet.
             WHEN r.stage = 'upcoming' THEN 'not_started'
             WHEN cardinality(r.unmet_rules) = 0 THEN 'completed'
             WHEN cardinality(r.risk_reasons) > 0 THEN 'at_risk'
             WHEN cardinality(r.behind_reasons) > 0 THEN 'behind'
             ELSE 'on_track'
           END AS status
      FROM reasoned r
  )`;
}

/** The cohorts' own figures: their city's today, their dates and their programme's completion rules (exported for `statusCtes` callers: the mentor's home). */
export const COHORT_COLUMNS = `c.id AS cohort_id, c.programme_id, c.starts_on, c.ends_on, mu.time_zone,
           ${cityTodaySql('mu')} AS today, ${cohortStageSql('c', 'mu')} AS stage,
           p.min_sessions_attended, p.min_reflections, p.min_workshop_attendance_pct`;
export const COHORT_JOINS = `JOIN municipality mu ON mu.id = c.municipality_id
      JOIN programme p ON p.id = c.programme_id`;

/** Every teacher of the cohorts in $1 (an array). */
const COHORTS_CTES = statusCtes(
  `SELECT ${COHORT_COLUMNS} FROM cohort c ${COHORT_JOINS} WHERE c.id = ANY($1::uuid[])`,
  `SELECT mem.cohort_id, mem.user_id, mem.status AS member_status, mem.mentor_group_id, mem.joined_at
      FROM cohort_member mem
     WHERE mem.cohort_id = ANY($1::uuid[]) AND mem.role = 'teacher'`,
);

/**
 * Every teacher of the one cohort $1. Compared with a one-element array, a plain id lets the
 * generic plan estimate the cohort's size from the column's statistics, and so join its figures
 * by hashing instead of once per teacher.
 */
const ONE_COHORT_CTES = statusCtes(
  `SELECT ${COHORT_COLUMNS} FROM cohort c ${COHORT_JOINS} WHERE c.id = $1`,
  `SELECT mem.cohort_id, mem.user_id, mem.status AS member_status, mem.mentor_group_id, mem.joined_at
      FROM cohort_member mem
     WHERE mem.cohort_id = $1 AND mem.role = 'teacher'`,
);

/** Every running, unarchived cohort of the one city $1, with all its teachers (the city's dashboard). */
const CITY_COHORTS_CTES = statusCtes(
  `SELECT ${COHORT_COLUMNS}, c.name AS cohort_name FROM cohort c ${COHORT_JOINS}
     WHERE c.municipality_id = $1 AND NOT c.archived AND ${cohortRunningSql('c', 'mu')}`,
  `SELECT mem.cohort_id, mem.user_id, mem.status AS member_status, mem.mentor_group_id, mem.joined_at
      FROM cohort_member mem
      JOIN cohorts c ON c.cohort_id = mem.cohort_id
     WHERE mem.role = 'teacher'`,
);

/**
 * Every running, unarchived cohort of the network, with all its teachers: the network's and a
 * city's figures (the dashboards). No parameters.
 */
const RUNNING_COHORTS_CTES = statusCtes(
  `SELECT ${COHORT_COLUMNS}, c.municipality_id FROM cohort c ${COHORT_JOINS}
     WHERE NOT c.archived AND ${cohortRunningSql('c', 'mu')}`,
  `SELECT mem.cohort_id, mem.user_id, mem.status AS member_status, mem.mentor_group_id, mem.joined_at
      FROM cohort_member mem
      JOIN cohorts c ON c.cohort_id = mem.cohort_id
     WHERE mem.role = 'teacher'`,
);

/** One teacher ($1) in each of their cohorts, or in one of them ($2). */
const ONE_TEACHER_CTES = statusCtes(
  `SELECT ${COHORT_COLUMNS} FROM cohort_member tm JOIN cohort c ON c.id = tm.cohort_id ${COHORT_JOINS}
     WHERE tm.user_id = $1 AND tm.role = 'teacher' AND ($2::uuid IS NULL OR c.id = $2)`,
  `SELECT mem.cohort_id, mem.user_id, mem.status AS member_status, mem.mentor_group_id, mem.joined_at
      FROM cohort_member mem
     WHERE mem.user_id = $1 AND mem.role = 'teacher' AND ($2::uuid IS NULL OR mem.cohort_id = $2)`,
);

const TEACHER_COLUMNS = `
  s.user_id AS "teacherId", u.display_name AS "name", u.email, sc.name AS "school",
  mentor.display_name AS "mentor", s.mentor_group_id AS "mentorGroupId", s.member_status AS "memberStatus",
  s.modules_approved AS "modulesApproved", s.modules_required AS "modulesRequired", s.required_approved AS "requiredApproved",
  s.overdue_required AS "overdueRequired", s.workshops_due AS "workshopsDue", s.workshops_attended AS "workshopsAttended",
  s.attendance_pct AS "attendancePct", s.sessions_attended AS "sessionsAttended", s.sessions_recorded AS "sessionsRecorded",
  s.reflections, s.reflections_recorded AS "reflectionsRecorded",
  s.min_sessions_attended AS "minSessions", s.min_reflections AS "minReflections", s.min_workshop_attendance_pct AS "minAttendancePct",
  s.last_activity AS "lastActivity", s.status, s.unmet_rules AS "unmetRules",
  CASE s.status WHEN 'at_risk' THEN s.risk_reasons WHEN 'behind' THEN s.behind_reasons ELSE '{}'::text[] END AS reasons`;

const TEACHER_JOINS = `
  JOIN app_user u ON u.id = s.user_id
  LEFT JOIN school sc ON sc.id = u.school_id
  LEFT JOIN mentor_group g ON g.id = s.mentor_group_id
  LEFT JOIN app_user mentor ON mentor.id = g.mentor_id`;

/** Head counts by status, as SQL over `statuses s`, for the cohort's figures. */
/** The names of FIGURE_COLUMNS' head counts. */
const FIGURE_NAMES = ['members', 'notStarted', 'completed', 'onTrack', 'behind', 'atRisk', 'withdrawn'] as const;

const FIGURE_COLUMNS = `
  count(s.user_id) FILTER (WHERE s.status <> 'withdrawn')::int AS members,
  count(s.user_id) FILTER (WHERE s.status = 'not_started')::int AS "notStarted",
  count(s.user_id) FILTER (WHERE s.status = 'completed')::int AS completed,
  count(s.user_id) FILTER (WHERE s.status = 'on_track')::int AS "onTrack",
  count(s.user_id) FILTER (WHERE s.status = 'behind')::int AS behind,
  count(s.user_id) FILTER (WHERE s.status = 'at_risk')::int AS "atRisk",
  count(s.user_id) FILTER (WHERE s.status = 'withdrawn')::int AS withdrawn`;

const FIGURES_FOR_COHORTS = sqlStatement(
  'completion.figuresForCohorts',
  `WITH ${COHORTS_CTES}
   SELECT c.cohort_id AS "cohortId", c.stage, ${FIGURE_COLUMNS}
     FROM cohorts c
     LEFT JOIN statuses s ON s.cohort_id = c.cohort_id
    GROUP BY c.cohort_id, c.stage`,
);

/**
 * Head counts by status per city (the columns of `CityFigures`), over its running cohorts: a
 * query's text, for the dashboards' scheduled count of the cities' figures, which is the one
 * place it runs (it computes every teacher's status in the network). A teacher in two running
 * cohorts of a city counts in each (as on the cohort pages). Cities without one are absent.
 */
export const FIGURES_BY_CITY_SQL = `WITH ${RUNNING_COHORTS_CTES},
   -- Counted per cohort first: joined to the cohorts teacher by teacher, the planner compared each
   -- of 200,000 teachers with each of 100 cohorts.
   by_cohort AS (SELECT s.cohort_id, ${FIGURE_COLUMNS} FROM statuses s GROUP BY s.cohort_id)
   SELECT c.municipality_id AS "municipalityId", count(*)::int AS cohorts,
          ${FIGURE_NAMES.map((name) => `coalesce(sum(f."${name}"), 0)::int AS "${name}"`).join(', ')}
     FROM cohorts c
     LEFT JOIN by_cohort f ON f.cohort_id = c.cohort_id
    GROUP BY c.municipality_id`;

/**
 * The one cohort's ($1) head counts by status per school and per mentor group, in one statement
 * (GROUPING SETS): `kind` says which. Withdrawn teachers count under `withdrawn` only.
 */
const COHORT_BREAKDOWN = sqlStatement(
  'completion.cohortBreakdown',
  `WITH ${ONE_COHORT_CTES}
   SELECT CASE WHEN GROUPING(u.school_id) = 0 THEN 'school' ELSE 'group' END AS kind,
          coalesce(u.school_id, s.mentor_group_id)::text AS id,
          CASE WHEN GROUPING(u.school_id) = 0 THEN min(sc.name) ELSE min(g.name) END AS name,
          CASE WHEN GROUPING(u.school_id) = 1 THEN min(mentor.display_name) END AS mentor,
          ${FIGURE_COLUMNS}
     FROM statuses s
     ${TEACHER_JOINS}
    GROUP BY GROUPING SETS ((u.school_id), (s.mentor_group_id))
    ORDER BY 1, 3 NULLS LAST, 2`,
);

/**
 * Each active teacher of the one cohort ($1) with what a pace is computed from (early warning):
 * required modules approved and required, days since the later of the cohort's start and their
 * joining, and days left to the cohort's last day, in the city's calendar.
 */
const COHORT_PACE = sqlStatement(
  'completion.cohortPace',
  `WITH ${ONE_COHORT_CTES}
   SELECT s.user_id AS "teacherId", u.display_name AS name, mem.id AS "memberId", s.status,
          s.required_approved AS "requiredApproved", s.modules_required AS "modulesRequired",
          (c.today - greatest(c.starts_on, (s.joined_at AT TIME ZONE c.time_zone)::date))::int AS "daysSoFar",
          (c.ends_on - c.today)::int AS "daysLeft"
     FROM statuses s
     JOIN cohorts c ON c.cohort_id = s.cohort_id
     JOIN cohort_member mem ON mem.cohort_id = s.cohort_id AND mem.user_id = s.user_id AND mem.role = 'teacher'
     JOIN app_user u ON u.id = s.user_id
    WHERE s.member_status = 'active' AND s.stage = 'running'
    ORDER BY u.display_name, u.id`,
);

/** The city's ($1) running cohorts' head counts by cohort and by school, in one statement (GROUPING SETS). */
const CITY_BREAKDOWN = sqlStatement(
  'completion.cityBreakdown',
  `WITH ${CITY_COHORTS_CTES}
   SELECT CASE WHEN GROUPING(s.cohort_id) = 0 THEN 'cohort' ELSE 'school' END AS kind,
          coalesce(s.cohort_id, u.school_id)::text AS id,
          CASE WHEN GROUPING(s.cohort_id) = 0 THEN min(c.cohort_name) ELSE min(sc.name) END AS name,
          NULL::text AS mentor,
          ${FIGURE_COLUMNS}
     FROM statuses s
     JOIN cohorts c ON c.cohort_id = s.cohort_id
     ${TEACHER_JOINS}
    GROUP BY GROUPING SETS ((s.cohort_id), (u.school_id))
    ORDER BY 1, 3 NULLS LAST, 2`,
);

/** The city's ($1) teachers at risk, with their reasons and cohort: a page ($2 limit, $3 offset) and the total. */
const CITY_AT_RISK = sqlStatement(
  'completion.cityAtRisk',
  `WITH ${CITY_COHORTS_CTES}
   SELECT s.user_id AS "teacherId", u.display_name AS name, s.cohort_id AS "cohortId", c.cohort_name AS "cohortName",
          mem.id AS "memberId", s.risk_reasons AS reasons, count(*) OVER ()::int AS total
     FROM statuses s
     JOIN cohorts c ON c.cohort_id = s.cohort_id
     JOIN app_user u ON u.id = s.user_id
     JOIN cohort_member mem ON mem.cohort_id = s.cohort_id AND mem.user_id = s.user_id AND mem.role = 'teacher'
    WHERE s.status = 'at_risk'
    ORDER BY u.display_name, u.id, c.cohort_name
    LIMIT $2 OFFSET $3`,
);

/**
 * A cohort's figures and one page of its teachers, filtered and sorted, in one statement (the
 * statuses are computed once for both). Always one row at least: the figures, with a null teacher
 * when the page is empty. $1 cohort, $2 school, $3 mentor group, $4 status, $5 limit (null: all),
 * $6 offset. One statement per sort order, since ORDER BY is part of the text.
 */
const COHORT_PAGE = Object.fromEntries(
  (Object.keys(TEACHER_SORTS) as TeacherSort[]).map((sort) => [
    sort,
    sqlStatement(
      `completion.cohortPage.${sort}`,
      `WITH ${ONE_COHORT_CTES},
       head_counts AS (SELECT (SELECT c.stage FROM cohorts c) AS stage, ${FIGURE_COLUMNS} FROM statuses s),
       page AS (
         SELECT ${TEACHER_COLUMNS}, count(*) OVER ()::int AS total
           FROM statuses s ${TEACHER_JOINS}
          WHERE ($2::uuid IS NULL OR u.school_id = $2)
            AND ($3::uuid IS NULL OR s.mentor_group_id = $3)
            AND ($4::text IS NULL OR s.status = $4)
          ORDER BY ${ORDER_BY[sort]}
          LIMIT $5 OFFSET $6)
       SELECT row_to_json(f) AS figures, to_json(pg) AS teacher, pg.total
         FROM head_counts f LEFT JOIN page pg ON true`,
    ),
  ]),
) as Record<TeacherSort, SqlStatement>;

/** One teacher's standing in each of their cohorts ($2 null), or in one ($2). */
const TEACHER_STANDINGS = sqlStatement(
  'completion.teacherStandings',
  `WITH ${ONE_TEACHER_CTES}
   SELECT s.cohort_id AS "cohortId", co.name AS "cohortName", co.archived, s.stage, ${dayAsNoonUtc('co.starts_on')} AS "startsOn",
          s.returned, ${TEACHER_COLUMNS}
     FROM statuses s
     JOIN cohort co ON co.id = s.cohort_id
     ${TEACHER_JOINS}
    ORDER BY co.archived, co.starts_on DESC, co.name, co.id`,
);

export interface TeacherStanding extends TeacherCompletion {
  cohortId: string;
  cohortName: string;
  archived: boolean;
  stage: CohortStage;
  startsOn: string;
  /** Modules that came back to the teacher with the mentor's comments. */
  returned: number;
}

@Injectable()
export class CompletionStatusRepository {
  constructor(private readonly sql: Sql) {}

  /** The cohort's head counts and a page of its teachers with their status, filtered and sorted. */
  async findCohortPage(
    cohortId: string,
    filters: TeacherFilters,
    sort: TeacherSort,
    page: { size: number; offset: number } | null,
  ): Promise<{ figures: Omit<CohortFigures, 'cohortId'>; items: TeacherCompletion[]; total: number }> {
    const rows = await this.sql.query<{
      figures: Omit<CohortFigures, 'cohortId'>;
      teacher: (TeacherCompletion & { total: number }) | null;
      total: number | null;
    }>(COHORT_PAGE[sort], [cohortId, filters.schoolId ?? null, filters.mentorGroupId ?? null, filters.status ?? null, page?.size ?? null, page?.offset ?? 0]);
    const items = rows
      .filter((r) => r.teacher)
      .map((r) => {
        const { total: _total, lastActivity, ...teacher } = r.teacher!;
        return { ...teacher, lastActivity: lastActivity ? new Date(lastActivity) : null };
      });
    return { figures: rows[0].figures, items, total: rows[0].total ?? 0 };
  }

  /** Every teacher of the cohort with their status (the progress CSV). */
  async findAllTeachersOfCohort(cohortId: string): Promise<TeacherCompletion[]> {
    return (await this.findCohortPage(cohortId, {}, 'name', null)).items;
  }

  /** The person's standing in each cohort they are a teacher of, newest first (archived last). */
  async findStandingsOfTeacher(teacherId: string): Promise<TeacherStanding[]> {
    return this.sql.query<TeacherStanding>(TEACHER_STANDINGS, [teacherId, null]);
  }

  /** One teacher's standing in one cohort, or undefined if they are not a teacher of it. */
  async findTeacherStatus(cohortId: string, teacherId: string): Promise<TeacherStanding | undefined> {
    return this.sql.one<TeacherStanding>(TEACHER_STANDINGS, [teacherId, cohortId]);
  }

  /** The cohort's head counts by status per school and per mentor group (null id: none). */
  async breakdownOfCohort(cohortId: string): Promise<CohortBreakdownRow[]> {
    return this.sql.query<CohortBreakdownRow>(COHORT_BREAKDOWN, [cohortId]);
  }

  /** The pace figures of each active teacher of a running cohort (none before it starts or after it ends). */
  async paceOfCohort(cohortId: string): Promise<TeacherPace[]> {
    return this.sql.query<TeacherPace>(COHORT_PACE, [cohortId]);
  }

  /** The city's running cohorts' head counts by cohort and by school (kind 'cohort' | 'school'). */
  async breakdownOfCity(municipalityId: string): Promise<CohortBreakdownRow[]> {
    return this.sql.query<CohortBreakdownRow>(CITY_BREAKDOWN, [municipalityId]);
  }

  /** A page of the city's teachers at risk (over its running cohorts), with the total. */
  async atRiskInCity(municipalityId: string, page: { size: number; offset: number }): Promise<{ items: AtRiskTeacher[]; total: number }> {
    const rows = await this.sql.query<AtRiskTeacher & { total: number }>(CITY_AT_RISK, [municipalityId, page.size, page.offset]);
    return { items: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** Head counts by status for each of the cohorts, in one statement. */
  async figuresForCohorts(cohortIds: string[]): Promise<Map<string, CohortFigures>> {
    if (cohortIds.length === 0) return new Map();
    const rows = await this.sql.query<CohortFigures>(FIGURES_FOR_COHORTS, [cohortIds]);
    return new Map(rows.map((row) => [row.cohortId, row]));
  }
}
