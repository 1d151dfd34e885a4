import { GOAL_CHECK_IN_DUE_ON, GOAL_LAST_CHECK_IN } from '../goals/check-in-due.js';
import { localizedText } from '../programmes/localized-text.js';
import { statusCtes } from '../progress/completion-status.repository.js';

/**
 * A kind of reminder and how to find what is due. `select` is one SQL query of fixed text, with
 * the pass's clock as `$1` (timestamptz), returning one row per reminder:
 *
 *   recipient_id uuid, municipality_id uuid, subject text, occasion text, due_at timestamptz,
 *   vars jsonb, link text
 *
 * (subject: what it is about, e.g. a submission's id; occasion: which time, e.g. the due day; the
 * queue sends each (kind, recipient, subject, occasion) once.) The engine wraps it into one named
 * `INSERT … SELECT … ON CONFLICT DO NOTHING`, so a finder is idempotent and set-based for free.
 * Texts in `vars` are in the recipient's language: `RECIPIENT_LANGUAGE` below.
 *
 * A feature adds a kind by exporting a finder and listing it in `REMINDER_FINDERS` (and the kind's
 * texts under `reminders.kinds.<kind>` in locales/<lang>/reminders.json). For a mentoring session's
 * reminder the session's iCal goes in the row's `attachments` (see `ReminderAttachment`): add
 * `attachments jsonb` to the select and set `withAttachments`.
 */
export interface ReminderFinder {
  kind: string;
  select: string;
  /** The person was told in the app already (a `notification` row): only e-mail and digest follow. */
  toldInApp?: boolean;
  /** Whether `select` returns an `attachments` column too. */
  withAttachments?: boolean;
}

/** The recipient's language: their own choice, else their city's. Needs `u` (app_user) and `mu` (municipality). */
export const RECIPIENT_LANGUAGE = `coalesce(u.preferred_language, mu.locale, 'he')`;

/** The city's calendar day at the pass's clock ($1). */
const TODAY = `($1::timestamptz AT TIME ZONE mu.time_zone)::date`;

/** 08:00 on a calendar day in the city: module reminders are due in the morning. */
const morningOf = (day: string) => `((${day}) + time '08:00') AT TIME ZONE mu.time_zone`;

/** Days before a module's due day on which "due soon" is sent. */
export const DUE_SOON_DAYS = 3;
/** A module reminder found later than this after its day is stale and not sent at all. */
const CATCH_UP_DAYS = 2;
/** Days a submission may wait for its mentor before they are reminded. */
export const REVIEW_WAIT_DAYS = 7;
/** Days after which a waiting submission is also reported to the city's department admins. */
export const REVIEW_ESCALATE_DAYS = 14;

/** The module's title in the recipient's language. */
const title = localizedText('module', 'cm', `(${RECIPIENT_LANGUAGE})`);

/** Active teachers of running, unarchived cohorts with a module window: the base of the module kinds. */
const TEACHER_WINDOWS = `
  FROM module_window mw
  JOIN cohort c ON c.id = mw.cohort_id AND NOT c.archived
  JOIN municipality mu ON mu.id = c.municipality_id
  JOIN cohort_member m ON m.cohort_id = c.id AND m.role = 'teacher' AND m.status = 'active'
  JOIN app_user u ON u.id = m.user_id AND u.active
  JOIN curriculum_module cm ON cm.id = mw.module_id
  ${title.join}
  LEFT JOIN module_progress mp ON mp.cohort_id = c.id AND mp.module_id = cm.id AND mp.teacher_id = u.id`;

const MODULE_COLUMNS = `u.id AS recipient_id, mu.id AS municipality_id, c.id::text || ':' || cm.id::text AS subject,
  jsonb_build_object('module', ${title.text('title')}, 'cohort', c.name) AS vars,
  '/path/modules/' || cm.id::text || '?cohort=' || c.id::text AS link`;

const NOT_DONE = `mp.completed_at IS NULL AND coalesce(mp.status, 'not_started') NOT IN ('submitted', 'approved') AND cm.completion_method <> 'attendance'`;

export const MODULE_OPENS: ReminderFinder = {
  kind: 'module.opens',
  select: `SELECT ${MODULE_COLUMNS}, mw.opens_on::text AS occasion, ${morningOf('mw.opens_on')} AS due_at
    ${TEACHER_WINDOWS}
    WHERE ${TODAY} BETWEEN mw.opens_on AND mw.opens_on + ${CATCH_UP_DAYS} AND ${TODAY} < mw.due_on AND c.starts_on <= ${TODAY}`,
};

export const MODULE_DUE_SOON: ReminderFinder = {
  kind: 'module.dueSoon',
  select: `SELECT ${MODULE_COLUMNS}, mw.due_on::text AS occasion, ${morningOf(`mw.due_on - ${DUE_SOON_DAYS}`)} AS due_at
    ${TEACHER_WINDOWS}
    WHERE ${TODAY} BETWEEN mw.due_on - ${DUE_SOON_DAYS} AND mw.due_on - 1 AND mw.opens_on <= ${TODAY} AND ${NOT_DONE}`,
};

export const MODULE_OVERDUE: ReminderFinder = {
  kind: 'module.overdue',
  select: `SELECT ${MODULE_COLUMNS}, mw.due_on::text AS occasion, ${morningOf('mw.due_on + 1')} AS due_at
    ${TEACHER_WINDOWS}
    WHERE ${TODAY} BETWEEN mw.due_on + 1 AND mw.due_on + 1 + ${CATCH_UP_DAYS} AND ${NOT_DONE}`,
};

/** A notification of this kind told in the app; the e-mail follows it (per preference). */
function fromNotification(kind: string): ReminderFinder {
  return {
    kind,
    toldInApp: true,
    select: `SELECT n.recipient_id, u.municipality_id, n.id::text AS subject, 'told' AS occasion, n.created_at AS due_at, n.vars, n.link
      FROM notification n
      JOIN app_user u ON u.id = n.recipient_id AND u.active
     WHERE n.kind = '${kind}' AND n.created_at <= $1::timestamptz AND n.created_at > $1::timestamptz - interval '3 days'`,
  };
}

export const PROGRESS_APPROVED = fromNotification('progress.approved');
export const PROGRESS_RETURNED = fromNotification('progress.returned');

/** Submitted work, its teacher's active membership and their group's mentor of record. */
const WAITING_SUBMISSIONS = `
  FROM module_progress mp
  JOIN cohort c ON c.id = mp.cohort_id AND NOT c.archived
  JOIN municipality mu ON mu.id = c.municipality_id
  JOIN cohort_member m ON m.cohort_id = c.id AND m.user_id = mp.teacher_id AND m.role = 'teacher' AND m.status = 'active'
  JOIN app_user t ON t.id = mp.teacher_id
  JOIN curriculum_module cm ON cm.id = mp.module_id
  LEFT JOIN mentor_group g ON g.id = m.mentor_group_id
  LEFT JOIN app_user mentor ON mentor.id = g.mentor_id`;

const DAYS_WAITING = `(${TODAY} - (mp.submitted_at AT TIME ZONE mu.time_zone)::date)`;

export const REVIEW_WAITING: ReminderFinder = {
  kind: 'review.waiting',
  select: `SELECT u.id AS recipient_id, mu.id AS municipality_id, mp.id::text AS subject, mp.submitted_at::text AS occasion,
      mp.submitted_at + interval '${REVIEW_WAIT_DAYS} days' AS due_at,
      jsonb_build_object('module', ${title.text('title')}, 'teacher', t.display_name, 'days', ${DAYS_WAITING}) AS vars,
      '/reviews/' || mp.id::text AS link
    ${WAITING_SUBMISSIONS}
    JOIN app_user u ON u.id = mentor.id AND u.active
    ${title.join}
    WHERE mp.status = 'submitted' AND mp.submitted_at >= m.mentor_since
      AND mp.submitted_at <= $1::timestamptz - interval '${REVIEW_WAIT_DAYS} days'`,
};

/** To every department admin of the city: work nobody has reviewed for two weeks (also when the teacher has no mentor). */
export const REVIEW_ESCALATED: ReminderFinder = {
  kind: 'review.escalated',
  select: `SELECT u.id AS recipient_id, mu.id AS municipality_id, mp.id::text AS subject, mp.submitted_at::text AS occasion,
      mp.submitted_at + interval '${REVIEW_ESCALATE_DAYS} days' AS due_at,
      jsonb_build_object('module', ${title.text('title')}, 'teacher', t.display_name, 'cohort', c.name,
                         'mentor', coalesce(mentor.display_name, '—'), 'days', ${DAYS_WAITING}) AS vars,
      '/cohorts/' || c.id::text AS link
    ${WAITING_SUBMISSIONS}
    JOIN role_grant rg ON rg.role = 'department_admin' AND rg.municipality_id = mu.id
    JOIN app_user u ON u.id = rg.user_id AND u.active
    ${title.join}
    WHERE mp.status = 'submitted' AND mp.submitted_at <= $1::timestamptz - interval '${REVIEW_ESCALATE_DAYS} days'`,
};

/** iCal text escaping (RFC 5545 §3.3.11) of a SQL text expression. */
const icalText = (expr: string) => `replace(replace(replace(replace(coalesce(${expr}, ''), '\\', '\\\\'), ';', '\\;'), ',', '\\,'), E'\\n', '\\n')`;
const icalUtc = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS"Z"')`;

/** The session's day in the city, and 08:00 the day before it. */
const SESSION_DAY = `(s.starts_at AT TIME ZONE mu.time_zone)::date`;

/** The session's place, else its online link. */
const SESSION_PLACE = `coalesce(nullif(s.place, ''), s.online_url)`;

/** METHOD of a session's iCal: a cancelled session's tells calendars to remove the event. */
const ICAL_METHOD = `CASE WHEN s.status = 'cancelled' THEN 'CANCEL' ELSE 'PUBLISH' END`;

/**
 * The session `s` (with its mentor `mentor`) as an iCal attachment, at its current state: same UID
 * and SEQUENCE as the calendar feed's (every change raises the sequence), so calendars update the
 * one event; a cancelled session is METHOD:CANCEL with STATUS:CANCELLED.
 */
const SESSION_ICAL = `jsonb_build_array(jsonb_build_object('filename', 'session.ics', 'contentType', 'text/calendar; charset=utf-8; method=' || ${ICAL_METHOD},
        'content', concat_ws(E'\r\n', 'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Teacher Accelerator//reminders//EN', 'METHOD:' || ${ICAL_METHOD},
          'BEGIN:VEVENT', 'UID:' || s.id::text || '@teacher-accelerator', 'SEQUENCE:' || s.sequence,
          'DTSTAMP:' || ${icalUtc('$1::timestamptz')}, 'DTSTART:' || ${icalUtc('s.starts_at')}, 'DTEND:' || ${icalUtc('s.ends_at')},
          'STATUS:' || CASE WHEN s.status = 'cancelled' THEN 'CANCELLED' ELSE 'CONFIRMED' END,
          'SUMMARY:' || ${icalText('mentor.display_name')},
          'LOCATION:' || ${icalText(SESSION_PLACE)},
          'END:VEVENT', 'END:VCALENDAR', '')))`;

/** The session's day, time and place in its city, for a message's placeholders. */
const SESSION_VARS = `jsonb_build_object('mentor', mentor.display_name, 'date', to_char(${SESSION_DAY}, 'DD/MM/YYYY'),
                         'time', to_char(s.starts_at AT TIME ZONE mu.time_zone, 'HH24:MI'),
                         'place', coalesce(${SESSION_PLACE}, '—'))`;

/**
 * A mentoring session tomorrow, to each participant and to the mentor, with the session as an
 * iCal attachment (same UID and SEQUENCE as the calendar feed's, so calendars update the one
 * event). Due at 08:00 the day before; a moved session is a new occasion (its start time), so
 * the reminder follows the move. Cancelled sessions are not reminded.
 */
export const SESSION_REMINDER: ReminderFinder = {
  kind: 'session.reminder',
  withAttachments: true,
  select: `SELECT u.id AS recipient_id, mu.id AS municipality_id, s.id::text AS subject, s.starts_at::text AS occasion,
      ${morningOf(`${SESSION_DAY} - 1`)} AS due_at,
      ${SESSION_VARS} AS vars,
      '/mentoring/sessions/' || s.id::text AS link,
      ${SESSION_ICAL} AS attachments
    FROM mentoring_session s
    JOIN municipality mu ON mu.id = s.municipality_id
    JOIN app_user mentor ON mentor.id = s.mentor_id
    JOIN LATERAL (SELECT p.teacher_id AS person_id FROM mentoring_participant p WHERE p.session_id = s.id
                  UNION SELECT s.mentor_id) who ON true
    JOIN app_user u ON u.id = who.person_id AND u.active
   WHERE s.status = 'scheduled' AND ${TODAY} = ${SESSION_DAY} - 1 AND s.starts_at > $1::timestamptz`,
};

/**
 * A mentoring session moved or cancelled: the participants were told in the app
 * (`mentoring.moved` / `mentoring.cancelled`, by MentoringService); the e-mail follows with the
 * session's day, time and place as they are now, and its iCal (the session's raised SEQUENCE; a
 * cancellation's is METHOD:CANCEL) so calendars follow. Once per notification, like
 * `fromNotification`; the session is the one the notification links to.
 */
function sessionChange(kind: string): ReminderFinder {
  return {
    kind,
    toldInApp: true,
    withAttachments: true,
    select: `SELECT n.recipient_id, u.municipality_id, n.id::text AS subject, 'told' AS occasion, n.created_at AS due_at,
        n.vars || ${SESSION_VARS} AS vars, n.link, ${SESSION_ICAL} AS attachments
      FROM notification n
      JOIN app_user u ON u.id = n.recipient_id AND u.active
      JOIN mentoring_session s ON s.id = substring(n.link FROM '^/mentoring/sessions/([0-9a-f-]{36})$')::uuid
      JOIN municipality mu ON mu.id = s.municipality_id
      JOIN app_user mentor ON mentor.id = s.mentor_id
     WHERE n.kind = '${kind}' AND n.created_at <= $1::timestamptz AND n.created_at > $1::timestamptz - interval '3 days'`,
  };
}

export const SESSION_MOVED = sessionChange('mentoring.moved');
export const SESSION_CANCELLED = sessionChange('mentoring.cancelled');

/** Weeks without a new portfolio entry after which a teacher is invited to write one (the programme has no setting for it). */
export const NO_REFLECTION_WEEKS = 3;

/**
 * No reflection for a while: active teachers of running cohorts whose latest portfolio entry (else
 * their joining, or their cohort's first day if later) is NO_REFLECTION_WEEKS old. The occasion is
 * the day the quiet spell began, so it is sent once per spell; a new entry starts another.
 */
export const NO_REFLECTION: ReminderFinder = {
  kind: 'portfolio.noReflection',
  select: `SELECT u.id AS recipient_id, mu.id AS municipality_id, 'portfolio' AS subject, q.since::text AS occasion,
      ${morningOf(`q.since + ${NO_REFLECTION_WEEKS * 7}`)} AS due_at,
      jsonb_build_object('weeks', ${NO_REFLECTION_WEEKS}) AS vars, '/portfolio/new' AS link
    FROM (SELECT m.user_id, min(greatest((m.joined_at AT TIME ZONE cmu.time_zone)::date, c.starts_on)) AS joined_on
            FROM cohort_member m
            JOIN cohort c ON c.id = m.cohort_id AND NOT c.archived
            JOIN municipality cmu ON cmu.id = c.municipality_id
           WHERE m.role = 'teacher' AND m.status = 'active'
             AND ($1::timestamptz AT TIME ZONE cmu.time_zone)::date BETWEEN c.starts_on AND c.ends_on
           GROUP BY m.user_id) t
    JOIN app_user u ON u.id = t.user_id AND u.active
    JOIN municipality mu ON mu.id = u.municipality_id
    LEFT JOIN LATERAL (SELECT max(pe.created_at) AS last_at FROM portfolio_entry pe WHERE pe.author_id = u.id) e ON true
    CROSS JOIN LATERAL (SELECT greatest(t.joined_on, (e.last_at AT TIME ZONE mu.time_zone)::date) AS since) q
   WHERE ${TODAY} >= q.since + ${NO_REFLECTION_WEEKS * 7}`,
};

/**
 * A goal's check-in is due (the goals pages' and the home page's own definition,
 * `GOAL_CHECK_IN_DUE_ON`): to its owner, at 08:00 on the due day; the occasion is the due day.
 */
export const GOAL_CHECK_IN_DUE: ReminderFinder = {
  kind: 'goals.checkInDue',
  select: `SELECT u.id AS recipient_id, omu.id AS municipality_id, g.id::text AS subject, d.due_on::text AS occasion,
      (d.due_on + time '08:00') AT TIME ZONE coalesce(omu.time_zone, 'Asia/Jerusalem') AS due_at,
      jsonb_build_object('goal', left(g.what, 200)) AS vars, '/goals/' || g.id::text AS link
    FROM goal g
    JOIN app_user u ON u.id = g.owner_id AND u.active
    LEFT JOIN municipality omu ON omu.id = u.municipality_id
    ${GOAL_LAST_CHECK_IN}
    CROSS JOIN LATERAL (SELECT ${GOAL_CHECK_IN_DUE_ON} AS due_on) d
   WHERE g.status = 'active'
     AND ($1::timestamptz AT TIME ZONE coalesce(omu.time_zone, 'Asia/Jerusalem'))::date BETWEEN d.due_on AND d.due_on + ${CATCH_UP_DAYS}`,
};

export const MENTOR_WEEKLY_KIND = 'mentor.weeklySummary';
export const DEPARTMENT_MONTHLY_KIND = 'department.monthlySummary';

/** A person's city's calendar day at the clock $1 (`pmu`: their municipality). */
const PERSON_TODAY = `($1::timestamptz AT TIME ZONE pmu.time_zone)::date`;
/** The Sunday that begins the person's week. */
const PERSON_SUNDAY = `(${PERSON_TODAY} - extract(dow FROM ${PERSON_TODAY})::int)`;

/**
 * What a mentor's weekly summary reports, as CTEs over the mentor groups `mentorFilter` keeps
 * (`g` mentor_group, `pmu` the mentor's city): `waiting`, the work handed in to them since they
 * became the teacher's mentor (what their review queue shows), and `at_risk`, their mentees whose
 * status in a running cohort is at risk — the one status rule (`statusCtes`), counted at $1.
 */
export function mentorReportCtes(mentorFilter: string): string {
  return `mentors AS MATERIALIZED (
      SELECT g.id AS group_id, g.mentor_id, g.cohort_id
        FROM mentor_group g
        JOIN cohort c ON c.id = g.cohort_id AND NOT c.archived
        JOIN cohort_member lead ON lead.cohort_id = g.cohort_id AND lead.user_id = g.mentor_id AND lead.role = 'mentor' AND lead.status = 'active'
        JOIN app_user pu ON pu.id = g.mentor_id AND pu.active
        JOIN municipality pmu ON pmu.id = pu.municipality_id
       WHERE ${mentorFilter}
    ),
    ${statusCtes(
      `SELECT c.id AS cohort_id, c.programme_id, c.starts_on, c.ends_on, mu.time_zone,
              ${TODAY} AS today, 'running'::text AS stage,
              p.min_sessions_attended, p.min_reflections, p.min_workshop_attendance_pct
         FROM cohort c JOIN municipality mu ON mu.id = c.municipality_id JOIN programme p ON p.id = c.programme_id
        WHERE c.id IN (SELECT cohort_id FROM mentors) AND ${TODAY} BETWEEN c.starts_on AND c.ends_on`,
      `SELECT mem.cohort_id, mem.user_id, mem.status AS member_status, mem.mentor_group_id, mem.joined_at
         FROM cohort_member mem
        WHERE mem.mentor_group_id IN (SELECT group_id FROM mentors) AND mem.role = 'teacher' AND mem.status = 'active'
          AND mem.cohort_id IN (SELECT cohort_id FROM cohorts)`,
    )},
    waiting AS (
      SELECT mg.mentor_id, mp.id AS progress_id, mp.teacher_id, mp.module_id, mp.cohort_id, mp.submitted_at
        FROM mentors mg
        JOIN cohort_member cm ON cm.mentor_group_id = mg.group_id AND cm.role = 'teacher' AND cm.status = 'active'
        JOIN module_progress mp ON mp.cohort_id = mg.cohort_id AND mp.teacher_id = cm.user_id AND mp.status = 'submitted'
                                AND mp.submitted_at >= cm.mentor_since AND mp.submitted_at <= $1::timestamptz
    ),
    at_risk AS (
      SELECT mg.mentor_id, s.user_id AS teacher_id, s.cohort_id, s.risk_reasons
        FROM statuses s JOIN mentors mg ON mg.group_id = s.mentor_group_id
       WHERE s.status = 'at_risk'
    )`;
}

/**
 * To each mentor with something to report: on Sunday (08:00 in their city; occasion: that Sunday),
 * how much work waits for their review and how many mentees are at risk. The figures here are for
 * the in-app notification and the digest; the e-mail is composed when sent (names, modules), by
 * `ReminderSummaries`. Found on Sunday to Tuesday (a pass missed on Sunday catches up), and not
 * again for a mentor already queued that week, so the other passes cost little.
 */
export const MENTOR_WEEKLY_SUMMARY: ReminderFinder = {
  kind: MENTOR_WEEKLY_KIND,
  select: `WITH ${mentorReportCtes(`${PERSON_TODAY} - ${PERSON_SUNDAY} <= ${CATCH_UP_DAYS}
          AND NOT EXISTS (SELECT 1 FROM reminder r WHERE r.kind = '${MENTOR_WEEKLY_KIND}' AND r.recipient_id = g.mentor_id
                             AND r.subject = 'week' AND r.occasion = ${PERSON_SUNDAY}::text)`)},
    counts AS (
      SELECT mentor_id, sum(waiting)::int AS waiting, sum(at_risk)::int AS at_risk
        FROM (SELECT mentor_id, count(*) AS waiting, 0 AS at_risk FROM waiting GROUP BY mentor_id
              UNION ALL
              SELECT mentor_id, 0, count(DISTINCT teacher_id) FROM at_risk GROUP BY mentor_id) x
       GROUP BY mentor_id
    )
    SELECT pu.id AS recipient_id, pmu.id AS municipality_id, 'week' AS subject, ${PERSON_SUNDAY}::text AS occasion,
           (${PERSON_SUNDAY} + time '08:00') AT TIME ZONE pmu.time_zone AS due_at,
           jsonb_build_object('waiting', k.waiting, 'atRisk', k.at_risk) AS vars, '/reviews' AS link
      FROM counts k
      JOIN app_user pu ON pu.id = k.mentor_id
      JOIN municipality pmu ON pmu.id = pu.municipality_id`,
};

/**
 * To each department admin of a city with running cohorts, on the 1st of the month (08:00; the
 * occasion is the month, YYYY-MM): a summary of its running cohorts, figures only, composed when
 * sent by `ReminderSummaries`. Here only the count of cohorts, for the app and the digest.
 */
export const DEPARTMENT_MONTHLY_SUMMARY: ReminderFinder = {
  kind: DEPARTMENT_MONTHLY_KIND,
  select: `SELECT u.id AS recipient_id, mu.id AS municipality_id, mu.id::text AS subject, to_char(${TODAY}, 'YYYY-MM') AS occasion,
      ${morningOf(`${TODAY} - extract(day FROM ${TODAY})::int + 1`)} AS due_at,
      jsonb_build_object('cohorts', rc.cohorts) AS vars, '/cohorts' AS link
    FROM role_grant rg
    JOIN app_user u ON u.id = rg.user_id AND u.active
    JOIN municipality mu ON mu.id = rg.municipality_id
    JOIN LATERAL (SELECT count(*)::int AS cohorts FROM cohort c
                   WHERE c.municipality_id = mu.id AND NOT c.archived AND ${TODAY} BETWEEN c.starts_on AND c.ends_on) rc ON rc.cohorts > 0
   WHERE rg.role = 'department_admin' AND extract(day FROM ${TODAY}) <= 1 + ${CATCH_UP_DAYS}`,
};

/** Every kind found by the scheduled pass, in the order they are found. */
export const REMINDER_FINDERS: readonly ReminderFinder[] = [
  MODULE_OPENS,
  MODULE_DUE_SOON,
  MODULE_OVERDUE,
  PROGRESS_APPROVED,
  PROGRESS_RETURNED,
  REVIEW_WAITING,
  REVIEW_ESCALATED,
  SESSION_REMINDER,
  SESSION_MOVED,
  SESSION_CANCELLED,
  NO_REFLECTION,
  GOAL_CHECK_IN_DUE,
  MENTOR_WEEKLY_SUMMARY,
  DEPARTMENT_MONTHLY_SUMMARY,
];

/** Kinds not found by a finder but enqueued directly: announcements and the weekly digest. */
export const ANNOUNCEMENT_KIND = 'announcement';
export const DIGEST_KIND = 'digest';

/** The kinds a person chooses a channel for, in the order the preferences form lists them. */
export const PREFERENCE_KINDS: readonly string[] = [...REMINDER_FINDERS.map((f) => f.kind), ANNOUNCEMENT_KIND];
