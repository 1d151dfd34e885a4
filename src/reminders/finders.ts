import { localizedText } from '../programmes/localized-text.js';

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
      jsonb_build_object('mentor', mentor.display_name, 'date', to_char(${SESSION_DAY}, 'DD/MM/YYYY'),
                         'time', to_char(s.starts_at AT TIME ZONE mu.time_zone, 'HH24:MI'),
                         'place', coalesce(nullif(s.place, ''), s.online_url, '—')) AS vars,
      '/mentoring/sessions/' || s.id::text AS link,
      jsonb_build_array(jsonb_build_object('filename', 'session.ics', 'contentType', 'text/calendar; charset=utf-8; method=PUBLISH',
        'content', concat_ws(E'\r\n', 'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Teacher Accelerator//reminders//EN', 'METHOD:PUBLISH',
          'BEGIN:VEVENT', 'UID:' || s.id::text || '@teacher-accelerator', 'SEQUENCE:' || s.sequence,
          'DTSTAMP:' || ${icalUtc('$1::timestamptz')}, 'DTSTART:' || ${icalUtc('s.starts_at')}, 'DTEND:' || ${icalUtc('s.ends_at')},
          'SUMMARY:' || ${icalText('mentor.display_name')},
          'LOCATION:' || ${icalText("coalesce(nullif(s.place, ''), s.online_url)")},
          'END:VEVENT', 'END:VCALENDAR', ''))) AS attachments
    FROM mentoring_session s
    JOIN municipality mu ON mu.id = s.municipality_id
    JOIN app_user mentor ON mentor.id = s.mentor_id
    JOIN LATERAL (SELECT p.teacher_id AS person_id FROM mentoring_participant p WHERE p.session_id = s.id
                  UNION SELECT s.mentor_id) who ON true
    JOIN app_user u ON u.id = who.person_id AND u.active
   WHERE s.status = 'scheduled' AND ${TODAY} = ${SESSION_DAY} - 1 AND s.starts_at > $1::timestamptz`,
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
];

/** Kinds not found by a finder but enqueued directly: announcements and the weekly digest. */
export const ANNOUNCEMENT_KIND = 'announcement';
export const DIGEST_KIND = 'digest';

/** The kinds a person chooses a channel for, in the order the preferences form lists them. */
export const PREFERENCE_KINDS: readonly string[] = [...REMINDER_FINDERS.map((f) => f.kind), ANNOUNCEMENT_KIND];
