import { Injectable } from '@nestjs/common';
import { Sql, type SqlStatement, sqlStatement } from '../database/sql.js';
import { dayAsNoonUtc } from '../database/sql-dates.js';
import type { Language } from '../common/i18n/language.js';
import { municipalityNameSql } from '../municipalities/municipality-name.js';
import { type CohortStage, cityTodaySql, cohortStageOrderSql, cohortStageSql } from '../progress/cohort-stage.js';
import { localizedText } from '../programmes/localized-text.js';
import { COHORT_COLUMNS, COHORT_JOINS, type TeacherStatus, statusCtes } from '../progress/completion-status.repository.js';
import { GOAL_CHECK_IN_DUE_ON, GOAL_LAST_CHECK_IN } from '../goals/check-in-due.js';
import type { GoalFrame } from '../goals/goals.repository.js';
import type { MenteeSort } from './contact-interval.js';

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
  /** Whole days the oldest waiting submission has waited (null: none waits). */
  oldestWaitingDays: number | null;
}

/** The phase a teacher is in, per cohort: the first with a required module not yet approved. */
export interface CurrentPhase {
  cohortId: string;
  phaseNumber: number;
  phaseTitle: string;
  phaseLanguage: Language;
}

export interface HomeGoal {
  id: string;
  frame: GoalFrame;
  what: string;
  lastCheckIn: string | null;
  dueOn: string;
  due: boolean;
}

export interface HomeSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  online: boolean;
  mentorName: string;
}

export interface HomeActionItem {
  id: string;
  title: string;
  dueOn: string | null;
  overdue: boolean;
  sessionId: string;
  sessionStartsAt: Date;
}

/** One mentee of a mentor in one cohort: figures and statuses only (SPEC §4: no goal or reflection text). */
export interface MenteeRow {
  teacherId: string;
  name: string;
  cohortId: string;
  status: TeacherStatus;
  requiredApproved: number;
  modulesRequired: number;
  lastContact: Date | null;
  /** Days in the city's calendar since the last attended session (null: never met). */
  daysSinceContact: number | null;
  nextSession: Date | null;
  openItems: number;
  /** Not met for longer than the programme's contact interval (never met: since the cohort started). */
  contactOverdue: boolean;
  /** The contact interval of the mentee's programme, in days. */
  contactIntervalDays: number;
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
          min(p.submitted_at) AS "oldestWaiting",
          floor(extract(epoch FROM now() - min(p.submitted_at)) / 86400)::int AS "oldestWaitingDays"
     FROM mentor_group g
     JOIN cohort c ON c.id = g.cohort_id AND NOT c.archived
     -- Only groups of cohorts in which they are still an active mentor (a withdrawn mentor's group stays, without them).
     JOIN cohort_member lead ON lead.cohort_id = g.cohort_id AND lead.user_id = g.mentor_id AND lead.role = 'mentor' AND lead.status = 'active'
     JOIN cohort_member cm ON cm.mentor_group_id = g.id AND cm.role = 'teacher' AND cm.status = 'active'
     -- Only what the review queue shows them: work handed in since they became the teacher's mentor.
     LEFT JOIN module_progress p ON p.cohort_id = g.cohort_id AND p.teacher_id = cm.user_id AND p.status = 'submitted' AND p.submitted_at >= cm.mentor_since
    WHERE g.mentor_id = $1`,
);

const phaseText = localizedText('phase', 'ph', '$2');
/** Per active cohort of teacher $1: the first phase (by position) holding a required module they have not had approved. */
const CURRENT_PHASES = sqlStatement(
  'home.currentPhases',
  `SELECT DISTINCT ON (tm.cohort_id) tm.cohort_id AS "cohortId", ph.position + 1 AS "phaseNumber",
          ${phaseText.text('title')} AS "phaseTitle", ${phaseText.language} AS "phaseLanguage"
     FROM cohort_member tm
     JOIN cohort c ON c.id = tm.cohort_id AND NOT c.archived
     JOIN programme_phase ph ON ph.programme_id = c.programme_id
     ${phaseText.join}
    WHERE tm.user_id = $1 AND tm.role = 'teacher' AND tm.status = 'active'
      AND EXISTS (SELECT 1 FROM curriculum_module m
                    LEFT JOIN module_progress p ON p.cohort_id = tm.cohort_id AND p.module_id = m.id AND p.teacher_id = tm.user_id
                   WHERE m.phase_id = ph.id AND m.required AND p.status IS DISTINCT FROM 'approved')
    ORDER BY tm.cohort_id, ph.position`,
);

const OWNER_TODAY = `(now() AT TIME ZONE coalesce(omu.time_zone, 'Asia/Jerusalem'))::date`;
/** The owner's ($1) active goals with their last check-in and when the next is due, up to $2. */
const TEACHER_GOALS = sqlStatement(
  'home.teacherGoals',
  `SELECT g.id, g.frame, g.what, to_char(last.checked_on, 'YYYY-MM-DD') AS "lastCheckIn",
          to_char(${GOAL_CHECK_IN_DUE_ON}, 'YYYY-MM-DD') AS "dueOn", ${GOAL_CHECK_IN_DUE_ON} <= ${OWNER_TODAY} AS due
     FROM goal g
     JOIN app_user owner ON owner.id = g.owner_id LEFT JOIN municipality omu ON omu.id = owner.municipality_id
     ${GOAL_LAST_CHECK_IN}
    WHERE g.owner_id = $1 AND g.status = 'active'
    ORDER BY ${GOAL_CHECK_IN_DUE_ON}, g.created_at, g.id
    LIMIT $2`,
);

/** The next $2 scheduled sessions teacher $1 takes part in. */
const UPCOMING_SESSIONS = sqlStatement(
  'home.upcomingSessions',
  `SELECT ms.id, ms.starts_at AS "startsAt", ms.ends_at AS "endsAt", ms.place, ms.online_url IS NOT NULL AS online, mentor.display_name AS "mentorName"
     FROM mentoring_participant mp
     JOIN mentoring_session ms ON ms.id = mp.session_id AND ms.status = 'scheduled' AND ms.ends_at > now()
     JOIN app_user mentor ON mentor.id = ms.mentor_id
    WHERE mp.teacher_id = $1
    ORDER BY ms.starts_at, ms.id
    LIMIT $2`,
);

/** Open action items person $1 owns, soonest due first (undated last), up to $2, with their session. */
const OPEN_ACTION_ITEMS = sqlStatement(
  'home.openActionItems',
  `SELECT ai.id, ai.title, to_char(ai.due_on, 'YYYY-MM-DD') AS "dueOn",
          coalesce(ai.due_on < ${cityTodaySql('mu')}, false) AS overdue,
          ms.id AS "sessionId", ms.starts_at AS "sessionStartsAt"
     FROM mentoring_action_item ai
     JOIN mentoring_session ms ON ms.id = ai.session_id
     JOIN municipality mu ON mu.id = ms.municipality_id
    WHERE ai.owner_id = $1 AND ai.done_at IS NULL
    ORDER BY ai.due_on NULLS LAST, ms.starts_at, ai.id
    LIMIT $2`,
);

/** Whether a current mentor of teacher $1 offers a bookable slot that has not ended yet. */
const MENTOR_HAS_SLOTS = sqlStatement(
  'home.mentorHasSlots',
  `SELECT EXISTS (
     SELECT 1
       FROM cohort_member tm
       JOIN cohort c ON c.id = tm.cohort_id AND NOT c.archived
       JOIN mentor_group g ON g.id = tm.mentor_group_id
       JOIN availability_slot s ON s.mentor_id = g.mentor_id AND s.withdrawn_at IS NULL
       JOIN municipality mu ON mu.id = s.municipality_id
      WHERE tm.user_id = $1 AND tm.role = 'teacher' AND tm.status = 'active'
        AND s.starts_on + 7 * (s.weeks - 1) >= ${cityTodaySql('mu')}) AS "hasSlots"`,
);

/** The cohorts in which $1 is an active mentor with a group, and the active teachers of their groups. */
const MENTEE_CTES = statusCtes(
  `SELECT ${COHORT_COLUMNS} FROM cohort c ${COHORT_JOINS}
     WHERE NOT c.archived
       AND c.id IN (SELECT g.cohort_id FROM mentor_group g
                      JOIN cohort_member lead ON lead.cohort_id = g.cohort_id AND lead.user_id = g.mentor_id AND lead.role = 'mentor' AND lead.status = 'active'
                     WHERE g.mentor_id = $1)`,
  `SELECT mem.cohort_id, mem.user_id, mem.status AS member_status, mem.mentor_group_id, mem.joined_at
      FROM mentor_group g
      JOIN cohort_member lead ON lead.cohort_id = g.cohort_id AND lead.user_id = g.mentor_id AND lead.role = 'mentor' AND lead.status = 'active'
      JOIN cohort_member mem ON mem.mentor_group_id = g.id AND mem.role = 'teacher' AND mem.status = 'active'
      JOIN cohort c ON c.id = g.cohort_id AND NOT c.archived
     WHERE g.mentor_id = $1`,
);

const MENTEE_ORDER: Record<MenteeSort, string> = {
  name: 'u.display_name, u.id, s.cohort_id',
  status: `array_position(ARRAY['at_risk','behind','on_track','not_started','completed','withdrawn'], s.status), u.display_name, u.id, s.cohort_id`,
  // Never met first, then the longest since the last contact.
  contact: 'ct.last_at NULLS FIRST, u.display_name, u.id, s.cohort_id',
};

/**
 * Mentor $1's mentees with the one status rule's status, approved / required, days since the last
 * attended session with this mentor, the next session and open action items, in one statement per
 * sort order. $2 status filter (null: all), $3 limit. "Overdue": not met for longer than the contact
 * interval of the mentee's programme.
 */
const MENTEES = Object.fromEntries(
  (Object.keys(MENTEE_ORDER) as MenteeSort[]).map((sort) => [
    sort,
    sqlStatement(
      `home.mentees.${sort}`,
      `WITH ${MENTEE_CTES},
       contact AS MATERIALIZED (
         SELECT mp.teacher_id,
                max(ms.starts_at) FILTER (WHERE ms.starts_at <= now() AND mp.attended) AS last_at,
                min(ms.starts_at) FILTER (WHERE ms.starts_at > now()) AS next_at
           FROM mentoring_session ms JOIN mentoring_participant mp ON mp.session_id = ms.id
          WHERE ms.mentor_id = $1 AND ms.status = 'scheduled'
          GROUP BY mp.teacher_id),
       items AS MATERIALIZED (
         SELECT ai.owner_id, count(*) AS n
           FROM mentoring_action_item ai JOIN mentoring_session ms ON ms.id = ai.session_id
          WHERE ms.mentor_id = $1 AND ai.done_at IS NULL
          GROUP BY ai.owner_id)
       SELECT s.user_id AS "teacherId", u.display_name AS name, s.cohort_id AS "cohortId", s.status,
              s.required_approved AS "requiredApproved", s.modules_required AS "modulesRequired",
              ct.last_at AS "lastContact", ct.next_at AS "nextSession",
              (c.today - (ct.last_at AT TIME ZONE c.time_zone)::date)::int AS "daysSinceContact",
              coalesce(i.n, 0)::int AS "openItems",
              (c.stage = 'running' AND c.today - coalesce((ct.last_at AT TIME ZONE c.time_zone)::date, c.starts_on) > pr.contact_interval_days) AS "contactOverdue",
              pr.contact_interval_days AS "contactIntervalDays"
         FROM statuses s
         JOIN cohorts c ON c.cohort_id = s.cohort_id
         JOIN programme pr ON pr.id = c.programme_id
         JOIN app_user u ON u.id = s.user_id
         LEFT JOIN contact ct ON ct.teacher_id = s.user_id
         LEFT JOIN items i ON i.owner_id = s.user_id
        WHERE ($2::text IS NULL OR s.status = $2::text)
        ORDER BY ${MENTEE_ORDER[sort]}
        LIMIT $3`,
    ),
  ]),
) as Record<MenteeSort, SqlStatement>;

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

  currentPhases(teacherId: string, language: Language): Promise<CurrentPhase[]> {
    return this.sql.query<CurrentPhase>(CURRENT_PHASES, [teacherId, language]);
  }

  teacherGoals(teacherId: string, limit: number): Promise<HomeGoal[]> {
    return this.sql.query<HomeGoal>(TEACHER_GOALS, [teacherId, limit]);
  }

  upcomingSessions(teacherId: string, limit: number): Promise<HomeSession[]> {
    return this.sql.query<HomeSession>(UPCOMING_SESSIONS, [teacherId, limit]);
  }

  openActionItems(ownerId: string, limit: number): Promise<HomeActionItem[]> {
    return this.sql.query<HomeActionItem>(OPEN_ACTION_ITEMS, [ownerId, limit]);
  }

  async mentorHasSlots(teacherId: string): Promise<boolean> {
    return (await this.sql.one<{ hasSlots: boolean }>(MENTOR_HAS_SLOTS, [teacherId]))!.hasSlots;
  }

  /** One statement whatever the number of mentees. */
  mentees(mentorId: string, sort: MenteeSort, status: TeacherStatus | null, limit: number): Promise<MenteeRow[]> {
    return this.sql.query<MenteeRow>(MENTEES[sort], [mentorId, status, limit]);
  }

  /** The running cohorts of these cities (null: every city), newest first, then the upcoming ones, soonest first: up to `limit` of each. */
  async findCityCohorts(municipalityIds: string[] | null, limit: number, language: Language): Promise<CityCohort[]> {
    return this.sql.query<CityCohort>(CITY_COHORTS, [municipalityIds, limit, language]);
  }

  async countNetwork(): Promise<NetworkCounts> {
    return (await this.sql.one<NetworkCounts>(NETWORK_COUNTS))!;
  }
}
