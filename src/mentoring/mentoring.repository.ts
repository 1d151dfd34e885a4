import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';
import { dayAsNoonUtc } from '../database/sql-dates.js';
import { cityTodaySql } from '../progress/cohort-stage.js';
import { localizedText } from '../programmes/localized-text.js';

export interface Mentee {
  teacherId: string;
  name: string;
  cohortId: string;
  cohortName: string;
  municipalityId: string;
}

export interface MentorChoice {
  mentorId: string;
  name: string;
}

export interface SessionRow {
  id: string;
  municipalityId: string;
  cohortId: string;
  cohortName: string;
  mentorId: string;
  mentorName: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  onlineUrl: string | null;
  agenda: string;
  sharedNotes: string;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  slotId: string | null;
  cancelCutoffHours: number;
  sequence: number;
  timeZone: string;
  /** The session's day and times on its city's clock, as the forms take them. */
  localDay: string;
  localStart: string;
  localEnd: string;
  /** Whether the reader ($2) takes part in it. */
  isParticipant: boolean;
  /** Who scheduled it for its mentor (a department admin); null when the mentor did, or a mentee booked it. */
  scheduledByName: string | null;
}

export interface ParticipantRow {
  teacherId: string;
  name: string;
  attended: boolean | null;
}

export interface ActionItemRow {
  id: string;
  sessionId: string;
  ownerId: string;
  ownerName: string;
  title: string;
  dueOn: string | null;
  goalId: string | null;
  doneAt: Date | null;
  /** Made in an earlier session and not yet done: carried forward to this one. */
  carried: boolean;
}

export interface AgendaRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  status: 'scheduled' | 'cancelled';
  mentorName: string;
  participantNames: string[];
  isMentor: boolean;
}

export interface WorkshopCalendarRow {
  id: string;
  cohortId: string;
  moduleId: string;
  startsAt: Date | null;
  endsAt: Date | null;
  /** Noon UTC of its day, and the day as YYYY-MM-DD. */
  day: string;
  localDay: string;
  place: string | null;
  status: 'scheduled' | 'cancelled';
  asMentor: boolean;
  title: string;
  titleLanguage: string;
}

export interface ConflictRow {
  sessionId: string;
  startsAt: Date;
  endsAt: Date;
  personName: string;
}

export interface SlotRow {
  id: string;
  startsOn: string;
  startTime: string;
  durationMinutes: number;
  weeks: number;
  cancelCutoffHours: number;
  place: string | null;
  booked: number;
}

export interface FreeOccurrence {
  slotId: string;
  startsAt: Date;
  endsAt: Date;
  mentorName: string;
  place: string | null;
}

export interface NewSession {
  municipalityId: string;
  cohortId: string;
  mentorId: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  onlineUrl: string | null;
  agenda: string;
  createdBy: string;
}

export interface NewSlot {
  municipalityId: string;
  mentorId: string;
  startsOn: string;
  startTime: string;
  durationMinutes: number;
  weeks: number;
  cancelCutoffHours: number;
  place: string | null;
}

export interface CoverageRow {
  teacherId: string;
  name: string;
  sessionsAttended: number;
  daysSinceContact: number | null;
}

export interface FeedEvent {
  uid: string;
  kind: 'session' | 'due' | 'workshop';
  startsAt: Date | null;
  endsAt: Date | null;
  day: string | null;
  place: string | null;
  onlineUrl: string | null;
  status: string;
  sequence: number;
  title: string;
  timeZone: string;
}

/** A mentor's active mentees: teachers of their groups, in every cohort. */
const MENTEES = sqlStatement(
  'mentoring.mentees',
  `SELECT tm.user_id AS "teacherId", u.display_name AS name, c.id AS "cohortId", c.name AS "cohortName", c.municipality_id AS "municipalityId"
     FROM mentor_group g
     JOIN cohort_member tm ON tm.mentor_group_id = g.id AND tm.role = 'teacher' AND tm.status = 'active'
     JOIN app_user u ON u.id = tm.user_id
     JOIN cohort c ON c.id = g.cohort_id AND NOT c.archived
    WHERE g.mentor_id = $1
    ORDER BY u.display_name, u.id`,
);

/**
 * The mentors of the cities $1 a department admin may schedule for: the mentors of the cities'
 * cohorts (not archived) whose groups hold at least one active teacher.
 */
const CITY_MENTORS = sqlStatement(
  'mentoring.cityMentors',
  `SELECT u.id AS "mentorId", u.display_name AS name
     FROM app_user u
    WHERE EXISTS (
            SELECT 1 FROM mentor_group g
              JOIN cohort c ON c.id = g.cohort_id AND NOT c.archived
              JOIN cohort_member tm ON tm.mentor_group_id = g.id AND tm.role = 'teacher' AND tm.status = 'active'
             WHERE g.mentor_id = u.id AND c.municipality_id = ANY($1::uuid[]))
    ORDER BY u.display_name, u.id
    LIMIT 500`,
);

/** A day and two clock times on a city's clock, as instants (correct across daylight-saving changes). */
const LOCAL_INSTANTS = sqlStatement(
  'mentoring.localInstants',
  `SELECT ($2::date + $3::time) AT TIME ZONE mu.time_zone AS "startsAt", ($2::date + $4::time) AT TIME ZONE mu.time_zone AS "endsAt"
     FROM municipality mu WHERE mu.id = $1`,
);

/**
 * Sessions (not cancelled, other than $4) of the people in $1 that overlap [$2, $3): as their
 * mentor or as a participant; and the workshop events (scheduled, with a time) of the cohorts they
 * are active teachers or mentors of. Names the person whose time it takes.
 */
const CONFLICTS = sqlStatement(
  'mentoring.conflicts',
  `(SELECT DISTINCT ON (ms.id, p.id) ms.id AS "sessionId", ms.starts_at AS "startsAt", ms.ends_at AS "endsAt", p.display_name AS "personName"
     FROM app_user p
     JOIN mentoring_session ms ON ms.status = 'scheduled' AND ms.starts_at < $3 AND ms.ends_at > $2
      AND ($4::uuid IS NULL OR ms.id <> $4)
      AND (ms.mentor_id = p.id OR EXISTS (SELECT 1 FROM mentoring_participant mp WHERE mp.session_id = ms.id AND mp.teacher_id = p.id))
    WHERE p.id = ANY($1::uuid[])
    ORDER BY ms.id, p.id)
   UNION
   SELECT e.id, e.starts_at, e.ends_at, p.display_name
     FROM app_user p
     JOIN cohort_member m ON m.user_id = p.id AND m.status = 'active' AND m.role IN ('teacher', 'mentor')
     JOIN workshop_event e ON e.cohort_id = m.cohort_id AND e.status = 'scheduled'
      AND e.day BETWEEN ($2::timestamptz)::date - 1 AND ($3::timestamptz)::date + 1 AND e.starts_at < $3 AND e.ends_at > $2
    WHERE p.id = ANY($1::uuid[])`,
);

const INSERT_SESSION = sqlStatement(
  'mentoring.insertSession',
  `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at, place, online_url, agenda, created_by)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
);

const INSERT_PARTICIPANTS = sqlStatement(
  'mentoring.insertParticipants',
  `INSERT INTO mentoring_participant (session_id, teacher_id) SELECT $1, t FROM unnest($2::uuid[]) t ON CONFLICT DO NOTHING`,
);

const FIND_SESSION = sqlStatement(
  'mentoring.findSession',
  `SELECT ms.id, ms.municipality_id AS "municipalityId", ms.cohort_id AS "cohortId", c.name AS "cohortName",
          ms.mentor_id AS "mentorId", mentor.display_name AS "mentorName",
          ms.starts_at AS "startsAt", ms.ends_at AS "endsAt", ms.place, ms.online_url AS "onlineUrl",
          ms.agenda, ms.shared_notes AS "sharedNotes", ms.status, ms.cancel_reason AS "cancelReason",
          ms.slot_id AS "slotId", ms.cancel_cutoff_hours AS "cancelCutoffHours", ms.sequence, mu.time_zone AS "timeZone",
          to_char(ms.starts_at AT TIME ZONE mu.time_zone, 'YYYY-MM-DD') AS "localDay",
          to_char(ms.starts_at AT TIME ZONE mu.time_zone, 'HH24:MI') AS "localStart",
          to_char(ms.ends_at AT TIME ZONE mu.time_zone, 'HH24:MI') AS "localEnd",
          EXISTS (SELECT 1 FROM mentoring_participant mp WHERE mp.session_id = ms.id AND mp.teacher_id = $2) AS "isParticipant",
          CASE WHEN ms.slot_id IS NULL AND ms.created_by <> ms.mentor_id THEN creator.display_name END AS "scheduledByName"
     FROM mentoring_session ms
     JOIN cohort c ON c.id = ms.cohort_id
     JOIN municipality mu ON mu.id = ms.municipality_id
     JOIN app_user mentor ON mentor.id = ms.mentor_id
     LEFT JOIN app_user creator ON creator.id = ms.created_by
    WHERE ms.id = $1`,
);

const PARTICIPANTS = sqlStatement(
  'mentoring.participants',
  `SELECT mp.teacher_id AS "teacherId", u.display_name AS name, mp.attended
     FROM mentoring_participant mp JOIN app_user u ON u.id = mp.teacher_id
    WHERE mp.session_id = $1
    ORDER BY u.display_name, u.id`,
);

/** The private note of session $1, for its mentor $2 only: the statement itself asks for the mentor. */
const PRIVATE_NOTE = sqlStatement(
  'mentoring.privateNote',
  `SELECT n.body FROM mentoring_private_note n JOIN mentoring_session ms ON ms.id = n.session_id AND ms.mentor_id = $2
    WHERE n.session_id = $1 AND n.mentor_id = $2`,
);

const UPSERT_PRIVATE_NOTE = sqlStatement(
  'mentoring.upsertPrivateNote',
  `INSERT INTO mentoring_private_note (session_id, mentor_id, body) VALUES ($1, $2, $3)
   ON CONFLICT (session_id) DO UPDATE SET body = EXCLUDED.body, updated_at = now() WHERE mentoring_private_note.mentor_id = EXCLUDED.mentor_id`,
);

/**
 * The action items of session $1, and those its participants still owe from their earlier sessions
 * with the same mentor (carried forward until done).
 */
const ACTION_ITEMS = sqlStatement(
  'mentoring.actionItems',
  `SELECT ai.id, ai.session_id AS "sessionId", ai.owner_id AS "ownerId", u.display_name AS "ownerName", ai.title,
          to_char(ai.due_on, 'YYYY-MM-DD') AS "dueOn", ai.goal_id AS "goalId", ai.done_at AS "doneAt",
          ai.session_id <> $1 AS carried
     FROM mentoring_session this
     JOIN mentoring_action_item ai ON ai.session_id = this.id
       OR (ai.done_at IS NULL AND ai.session_id IN (
             SELECT earlier.id FROM mentoring_session earlier
              WHERE earlier.mentor_id = this.mentor_id AND earlier.starts_at < this.starts_at)
           AND (ai.owner_id = this.mentor_id OR ai.owner_id IN (SELECT mp.teacher_id FROM mentoring_participant mp WHERE mp.session_id = this.id)))
     JOIN app_user u ON u.id = ai.owner_id
    WHERE this.id = $1
    ORDER BY ai.done_at NULLS FIRST, ai.due_on NULLS LAST, ai.created_at, ai.id`,
);

/** Open action items owned by the teachers $1 (and the mentor $2) from their sessions with mentor $2: the draft agenda's seed. */
const OPEN_ITEMS_FOR = sqlStatement(
  'mentoring.openItemsFor',
  `SELECT ai.title, u.display_name AS "ownerName", to_char(ai.due_on, 'YYYY-MM-DD') AS "dueOn"
     FROM mentoring_action_item ai
     JOIN mentoring_session ms ON ms.id = ai.session_id AND ms.mentor_id = $2
     JOIN app_user u ON u.id = ai.owner_id
    WHERE ai.done_at IS NULL
      AND (ai.owner_id = ANY($1::uuid[])
           OR ai.owner_id = $2 AND EXISTS (SELECT 1 FROM mentoring_participant mp WHERE mp.session_id = ms.id AND mp.teacher_id = ANY($1::uuid[])))
    ORDER BY ai.due_on NULLS LAST, ai.created_at
    LIMIT 50`,
);

const SET_ATTENDANCE = sqlStatement(
  'mentoring.setAttendance',
  `UPDATE mentoring_participant mp SET attended = a.attended
     FROM unnest($2::uuid[], $3::boolean[]) AS a(teacher_id, attended)
    WHERE mp.session_id = $1 AND mp.teacher_id = a.teacher_id`,
);

const UPDATE_NOTES = sqlStatement(
  'mentoring.updateNotes',
  `UPDATE mentoring_session SET agenda = $2, shared_notes = $3, updated_at = now() WHERE id = $1`,
);

const INSERT_ACTION_ITEM = sqlStatement(
  'mentoring.insertActionItem',
  // A goal it serves must be one of the owner's own: nothing is inserted otherwise.
  `INSERT INTO mentoring_action_item (session_id, owner_id, title, due_on, goal_id, created_by)
   SELECT $1, $2, $3, $4::date, $5::uuid, $6
    WHERE $5::uuid IS NULL OR EXISTS (SELECT 1 FROM goal g WHERE g.id = $5::uuid AND g.owner_id = $2::uuid)
   RETURNING id`,
);

const FIND_ACTION_ITEM = sqlStatement(
  'mentoring.findActionItem',
  `SELECT ai.id, ai.session_id AS "sessionId", ai.owner_id AS "ownerId", ai.done_at AS "doneAt" FROM mentoring_action_item ai WHERE ai.id = $1`,
);

const SET_ACTION_ITEM_DONE = sqlStatement(
  'mentoring.setActionItemDone',
  `UPDATE mentoring_action_item SET done_at = CASE WHEN $3 THEN now() END, done_by = CASE WHEN $3 THEN $2::uuid END WHERE id = $1 AND owner_id = $2`,
);

const CANCEL_SESSION = sqlStatement(
  'mentoring.cancelSession',
  `UPDATE mentoring_session SET status = 'cancelled', cancel_reason = $2, sequence = sequence + 1, updated_at = now() WHERE id = $1 AND status = 'scheduled'`,
);

const RESCHEDULE_SESSION = sqlStatement(
  'mentoring.rescheduleSession',
  `UPDATE mentoring_session SET starts_at = $2, ends_at = $3, place = $4, online_url = $5, cancel_reason = $6,
          sequence = sequence + 1, updated_at = now()
    WHERE id = $1 AND status = 'scheduled'`,
);

/** The reader's sessions (as mentor or participant), upcoming (soonest first) or past (latest first). */
const AGENDA_COLUMNS = `ms.id, ms.starts_at AS "startsAt", ms.ends_at AS "endsAt", ms.place, ms.status,
          mentor.display_name AS "mentorName", ms.mentor_id = $1 AS "isMentor",
          (SELECT array_agg(u.display_name ORDER BY u.display_name) FROM mentoring_participant mp JOIN app_user u ON u.id = mp.teacher_id WHERE mp.session_id = ms.id) AS "participantNames",
          count(*) OVER ()::int AS total`;
const AGENDA_FROM = `FROM mentoring_session ms
     JOIN app_user mentor ON mentor.id = ms.mentor_id
    WHERE (ms.mentor_id = $1 OR EXISTS (SELECT 1 FROM mentoring_participant mp WHERE mp.session_id = ms.id AND mp.teacher_id = $1))`;
const AGENDA_UPCOMING = sqlStatement(
  'mentoring.agendaUpcoming',
  `SELECT ${AGENDA_COLUMNS} ${AGENDA_FROM} AND ms.ends_at >= now() ORDER BY ms.starts_at, ms.id LIMIT $2 OFFSET $3`,
);
const AGENDA_PAST = sqlStatement(
  'mentoring.agendaPast',
  `SELECT ${AGENDA_COLUMNS} ${AGENDA_FROM} AND ms.ends_at < now() ORDER BY ms.starts_at DESC, ms.id LIMIT $2 OFFSET $3`,
);

/** The reader's sessions that start within [$2, $3): the month calendar. */
const SESSIONS_BETWEEN = sqlStatement(
  'mentoring.sessionsBetween',
  `SELECT ms.id, ms.starts_at AS "startsAt", ms.status,
          to_char(ms.starts_at AT TIME ZONE mu.time_zone, 'YYYY-MM-DD') AS "localDay"
     FROM mentoring_session ms JOIN municipality mu ON mu.id = ms.municipality_id
    WHERE (ms.mentor_id = $1 OR EXISTS (SELECT 1 FROM mentoring_participant mp WHERE mp.session_id = ms.id AND mp.teacher_id = $1))
      AND ms.starts_at >= $2 AND ms.starts_at < $3
    ORDER BY ms.starts_at`,
);

/**
 * The workshop events of the cohorts the reader is an active teacher or mentor of, on the days
 * [$2, $3] (cancelled ones too, marked): the month calendar and the agenda. A mentor's row first,
 * so one who is both is led to the register.
 */
const workshopTitle = localizedText('module', 'cm', '$5');
const WORKSHOPS_BETWEEN = sqlStatement(
  'mentoring.workshopsBetween',
  `SELECT DISTINCT ON (e.day, e.starts_at, e.id) e.id, e.cohort_id AS "cohortId", e.module_id AS "moduleId", e.starts_at AS "startsAt", e.ends_at AS "endsAt",
          ${dayAsNoonUtc('e.day')} AS day, to_char(e.day, 'YYYY-MM-DD') AS "localDay", e.place, e.status, m.role = 'mentor' AS "asMentor",
          ${workshopTitle.text('title')} AS title, ${workshopTitle.language} AS "titleLanguage"
     FROM cohort_member m
     JOIN cohort c ON c.id = m.cohort_id AND NOT c.archived
     JOIN workshop_event e ON e.cohort_id = m.cohort_id AND e.day BETWEEN $2::date AND $3::date AND ($4::boolean OR e.status = 'scheduled')
     JOIN curriculum_module cm ON cm.id = e.module_id
     ${workshopTitle.join}
    WHERE m.user_id = $1 AND m.status = 'active' AND m.role IN ('teacher', 'mentor')
    ORDER BY e.day, e.starts_at, e.id, (m.role = 'mentor') DESC
    LIMIT 200`,
);

const INSERT_SLOT = sqlStatement(
  'mentoring.insertSlot',
  `INSERT INTO availability_slot (municipality_id, mentor_id, starts_on, start_time, duration_minutes, weeks, cancel_cutoff_hours, place)
   VALUES ($1, $2, $3::date, $4::time, $5, $6, $7, $8) RETURNING id`,
);

const MENTOR_SLOTS = sqlStatement(
  'mentoring.mentorSlots',
  `SELECT s.id, to_char(s.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(s.start_time, 'HH24:MI') AS "startTime",
          s.duration_minutes AS "durationMinutes", s.weeks, s.cancel_cutoff_hours AS "cancelCutoffHours", s.place,
          (SELECT count(*) FROM mentoring_session ms WHERE ms.slot_id = s.id AND ms.status = 'scheduled')::int AS booked
     FROM availability_slot s
    WHERE s.mentor_id = $1 AND s.withdrawn_at IS NULL
    ORDER BY s.starts_on DESC, s.start_time
    LIMIT 100`,
);

/**
 * Each occurrence of the slots: week i starts at (first day + 7i days) at the slot's clock time in
 * the city's time zone — so a weekly 17:00 stays 17:00 on both sides of a daylight-saving change.
 */
const OCCURRENCES = `SELECT s.id AS slot_id, s.mentor_id, s.place, s.cancel_cutoff_hours, s.municipality_id,
          ((s.starts_on + 7 * i) + s.start_time) AT TIME ZONE mu.time_zone AS starts_at,
          ((s.starts_on + 7 * i) + s.start_time) AT TIME ZONE mu.time_zone + make_interval(mins => s.duration_minutes) AS ends_at
     FROM availability_slot s
     JOIN municipality mu ON mu.id = s.municipality_id
     CROSS JOIN LATERAL generate_series(0, s.weeks - 1) AS i
    WHERE s.withdrawn_at IS NULL`;

/** Free future occurrences of the slots of the mentors $1. */
const FREE_OCCURRENCES = sqlStatement(
  'mentoring.freeOccurrences',
  `SELECT o.slot_id AS "slotId", o.starts_at AS "startsAt", o.ends_at AS "endsAt", u.display_name AS "mentorName", o.place
     FROM (${OCCURRENCES} AND s.mentor_id = ANY($1::uuid[])) o
     JOIN app_user u ON u.id = o.mentor_id
    WHERE o.starts_at > now()
      AND NOT EXISTS (SELECT 1 FROM mentoring_session ms WHERE ms.slot_id = o.slot_id AND ms.slot_starts_at = o.starts_at AND ms.status <> 'cancelled')
    ORDER BY o.starts_at, o.slot_id
    LIMIT 100`,
);

/** The occurrence of slot $1 starting at $2, if it exists and lies ahead. */
const FIND_OCCURRENCE = sqlStatement(
  'mentoring.findOccurrence',
  `SELECT o.slot_id AS "slotId", o.mentor_id AS "mentorId", o.municipality_id AS "municipalityId", o.place,
          o.cancel_cutoff_hours AS "cancelCutoffHours", o.starts_at AS "startsAt", o.ends_at AS "endsAt"
     FROM (${OCCURRENCES} AND s.id = $1) o
    WHERE o.starts_at = $2 AND o.starts_at > now()`,
);

/** Books an occurrence: the partial unique index on (slot_id, slot_starts_at) lets one booking win. */
const INSERT_BOOKING = sqlStatement(
  'mentoring.insertBooking',
  `INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at, place, slot_id, slot_starts_at, cancel_cutoff_hours, created_by)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $4, $8, $9) RETURNING id`,
);

/** The teacher's cohorts in which mentor $2 is their group's mentor. */
const TEACHER_COHORT_WITH_MENTOR = sqlStatement(
  'mentoring.teacherCohortWithMentor',
  `SELECT tm.cohort_id AS "cohortId"
     FROM cohort_member tm JOIN mentor_group g ON g.id = tm.mentor_group_id
     JOIN cohort c ON c.id = tm.cohort_id AND NOT c.archived
    WHERE tm.user_id = $1 AND tm.role = 'teacher' AND tm.status = 'active' AND g.mentor_id = $2
    ORDER BY c.starts_on DESC
    LIMIT 1`,
);

const TEACHER_MENTORS = sqlStatement(
  'mentoring.teacherMentors',
  `SELECT DISTINCT g.mentor_id AS "mentorId"
     FROM cohort_member tm JOIN mentor_group g ON g.id = tm.mentor_group_id
     JOIN cohort c ON c.id = tm.cohort_id AND NOT c.archived
    WHERE tm.user_id = $1 AND tm.role = 'teacher' AND tm.status = 'active'`,
);

/** Per teacher of cohort $1: sessions attended and days since last attended session (figures only). */
const COVERAGE = sqlStatement(
  'mentoring.coverage',
  `WITH attended AS MATERIALIZED (
     SELECT mp.teacher_id, count(*) AS n, max(ms.starts_at) AS last_at
       FROM mentoring_session ms JOIN mentoring_participant mp ON mp.session_id = ms.id AND mp.attended
      WHERE ms.cohort_id = $1 AND ms.status = 'scheduled' AND ms.starts_at <= now()
      GROUP BY mp.teacher_id)
   SELECT tm.user_id AS "teacherId", u.display_name AS name, coalesce(a.n, 0)::int AS "sessionsAttended",
          (${cityTodaySql('mu')} - (a.last_at AT TIME ZONE mu.time_zone)::date)::int AS "daysSinceContact",
          count(*) OVER ()::int AS total
     FROM cohort_member tm
     JOIN cohort c ON c.id = tm.cohort_id
     JOIN municipality mu ON mu.id = c.municipality_id
     JOIN app_user u ON u.id = tm.user_id
     LEFT JOIN attended a ON a.teacher_id = tm.user_id
    WHERE tm.cohort_id = $1 AND tm.role = 'teacher' AND tm.status = 'active'
    ORDER BY a.last_at NULLS FIRST, u.display_name, u.id
    LIMIT $2 OFFSET $3`,
);

const COHORT_FACTS = sqlStatement('mentoring.cohortFacts', `SELECT id, name, municipality_id AS "municipalityId" FROM cohort WHERE id = $1`);

const FEED_OWNER = sqlStatement('mentoring.feedOwner', `SELECT user_id AS "userId" FROM calendar_feed WHERE token = $1`);
const FEED_TOKEN = sqlStatement('mentoring.feedToken', `SELECT token FROM calendar_feed WHERE user_id = $1`);
const SET_FEED_TOKEN = sqlStatement(
  'mentoring.setFeedToken',
  `INSERT INTO calendar_feed (user_id, token) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET token = EXCLUDED.token, created_at = now()`,
);

/**
 * Person $1's calendar: their sessions (as mentor or participant, cancelled ones too, so calendar
 * apps drop them), the workshop events of the cohorts they teach or mentor in (cancelled ones too),
 * and, as a teacher, their modules' due dates. Never notes of any kind.
 */
const FEED_EVENTS = sqlStatement(
  'mentoring.feedEvents',
  `SELECT 'session-' || ms.id AS uid, 'session' AS kind, ms.starts_at AS "startsAt", ms.ends_at AS "endsAt", NULL AS day,
          ms.place, ms.online_url AS "onlineUrl", ms.status, ms.sequence, mentor.display_name AS title, mu.time_zone AS "timeZone"
     FROM mentoring_session ms
     JOIN municipality mu ON mu.id = ms.municipality_id
     JOIN app_user mentor ON mentor.id = ms.mentor_id
    WHERE (ms.mentor_id = $1 OR EXISTS (SELECT 1 FROM mentoring_participant mp WHERE mp.session_id = ms.id AND mp.teacher_id = $1))
      AND ms.starts_at > now() - interval '180 days'
   UNION ALL
   SELECT 'due-' || w.cohort_id || '-' || w.module_id, 'due', NULL, NULL, to_char(w.due_on, 'YYYY-MM-DD'),
          NULL, NULL, 'scheduled', 0, cm.title, mu.time_zone
     FROM cohort_member tm
     JOIN cohort c ON c.id = tm.cohort_id AND NOT c.archived
     JOIN municipality mu ON mu.id = c.municipality_id
     JOIN module_window w ON w.cohort_id = c.id
     JOIN curriculum_module cm ON cm.id = w.module_id
    WHERE tm.user_id = $1 AND tm.role = 'teacher' AND tm.status = 'active'
   UNION ALL
   SELECT 'workshop-' || e.id, 'workshop', e.starts_at, e.ends_at, to_char(e.day, 'YYYY-MM-DD'),
          e.place, NULL, e.status, e.sequence, cm.title, mu.time_zone
     FROM cohort_member m
     JOIN cohort c ON c.id = m.cohort_id AND NOT c.archived
     JOIN municipality mu ON mu.id = c.municipality_id
     JOIN workshop_event e ON e.cohort_id = c.id AND e.day > (now() - interval '180 days')::date
     JOIN curriculum_module cm ON cm.id = e.module_id
    WHERE m.user_id = $1 AND m.status = 'active' AND m.role IN ('teacher', 'mentor')
   LIMIT 1000`,
);

@Injectable()
export class MentoringRepository {
  constructor(private readonly sql: Sql) {}

  mentees(mentorId: string): Promise<Mentee[]> {
    return this.sql.query<Mentee>(MENTEES, [mentorId]);
  }

  cityMentors(municipalityIds: string[]): Promise<MentorChoice[]> {
    return this.sql.query<MentorChoice>(CITY_MENTORS, [municipalityIds]);
  }

  async localInstants(municipalityId: string, day: string, start: string, end: string): Promise<{ startsAt: Date; endsAt: Date }> {
    const row = await this.sql.one<{ startsAt: Date; endsAt: Date }>(LOCAL_INSTANTS, [municipalityId, day, start, end]);
    if (!row) throw new Error(`municipality ${municipalityId} not found`);
    return row;
  }

  conflicts(personIds: string[], startsAt: Date, endsAt: Date, excludeSessionId: string | null): Promise<ConflictRow[]> {
    return this.sql.query<ConflictRow>(CONFLICTS, [personIds, startsAt, endsAt, excludeSessionId]);
  }

  async insertSession(s: NewSession, teacherIds: string[]): Promise<string> {
    const row = await this.sql.one<{ id: string }>(INSERT_SESSION, [
      s.municipalityId,
      s.cohortId,
      s.mentorId,
      s.startsAt,
      s.endsAt,
      s.place,
      s.onlineUrl,
      s.agenda,
      s.createdBy,
    ]);
    const id = row!.id;
    await this.sql.execute(INSERT_PARTICIPANTS, [id, teacherIds]);
    return id;
  }

  findSession(id: string, readerId: string): Promise<SessionRow | undefined> {
    return this.sql.one<SessionRow>(FIND_SESSION, [id, readerId]);
  }

  participants(sessionId: string): Promise<ParticipantRow[]> {
    return this.sql.query<ParticipantRow>(PARTICIPANTS, [sessionId]);
  }

  async privateNote(sessionId: string, mentorId: string): Promise<string> {
    const row = await this.sql.one<{ body: string }>(PRIVATE_NOTE, [sessionId, mentorId]);
    return row?.body ?? '';
  }

  async savePrivateNote(sessionId: string, mentorId: string, body: string): Promise<void> {
    await this.sql.execute(UPSERT_PRIVATE_NOTE, [sessionId, mentorId, body]);
  }

  actionItems(sessionId: string): Promise<ActionItemRow[]> {
    return this.sql.query<ActionItemRow>(ACTION_ITEMS, [sessionId]);
  }

  openItemsFor(teacherIds: string[], mentorId: string): Promise<{ title: string; ownerName: string; dueOn: string | null }[]> {
    return this.sql.query(OPEN_ITEMS_FOR, [teacherIds, mentorId]);
  }

  async setAttendance(sessionId: string, teacherIds: string[], attended: boolean[]): Promise<void> {
    await this.sql.execute(SET_ATTENDANCE, [sessionId, teacherIds, attended]);
  }

  async updateNotes(sessionId: string, agenda: string, sharedNotes: string): Promise<void> {
    await this.sql.execute(UPDATE_NOTES, [sessionId, agenda, sharedNotes]);
  }

  /** The new item's id, or null when the goal named is not one of the owner's. */
  async insertActionItem(sessionId: string, ownerId: string, title: string, dueOn: string | null, goalId: string | null, createdBy: string): Promise<string | null> {
    const row = await this.sql.one<{ id: string }>(INSERT_ACTION_ITEM, [sessionId, ownerId, title, dueOn, goalId, createdBy]);
    return row?.id ?? null;
  }

  findActionItem(id: string): Promise<{ id: string; sessionId: string; ownerId: string; doneAt: Date | null } | undefined> {
    return this.sql.one(FIND_ACTION_ITEM, [id]);
  }

  setActionItemDone(id: string, ownerId: string, done: boolean): Promise<number> {
    return this.sql.execute(SET_ACTION_ITEM_DONE, [id, ownerId, done]);
  }

  cancel(sessionId: string, reason: string): Promise<number> {
    return this.sql.execute(CANCEL_SESSION, [sessionId, reason]);
  }

  reschedule(sessionId: string, startsAt: Date, endsAt: Date, place: string | null, onlineUrl: string | null, reason: string | null): Promise<number> {
    return this.sql.execute(RESCHEDULE_SESSION, [sessionId, startsAt, endsAt, place, onlineUrl, reason]);
  }

  async agenda(readerId: string, when: 'upcoming' | 'past', page: { size: number; offset: number }): Promise<{ items: AgendaRow[]; total: number }> {
    const rows = await this.sql.query<AgendaRow & { total: number }>(when === 'upcoming' ? AGENDA_UPCOMING : AGENDA_PAST, [readerId, page.size, page.offset]);
    return { items: rows.map(({ total: _t, ...r }) => ({ ...r, participantNames: r.participantNames ?? [] })), total: rows[0]?.total ?? 0 };
  }

  /** Workshop events of the reader's cohorts on the days [from, to], module titles in `language`; `withCancelled` keeps cancelled ones. */
  workshopsBetween(readerId: string, from: string, to: string, withCancelled: boolean, language: string): Promise<WorkshopCalendarRow[]> {
    return this.sql.query<WorkshopCalendarRow>(WORKSHOPS_BETWEEN, [readerId, from, to, withCancelled, language]);
  }

  sessionsBetween(readerId: string, from: Date, to: Date): Promise<{ id: string; startsAt: Date; status: string; localDay: string }[]> {
    return this.sql.query(SESSIONS_BETWEEN, [readerId, from, to]);
  }

  async insertSlot(s: NewSlot): Promise<string> {
    const row = await this.sql.one<{ id: string }>(INSERT_SLOT, [
      s.municipalityId,
      s.mentorId,
      s.startsOn,
      s.startTime,
      s.durationMinutes,
      s.weeks,
      s.cancelCutoffHours,
      s.place,
    ]);
    return row!.id;
  }

  mentorSlots(mentorId: string): Promise<SlotRow[]> {
    return this.sql.query<SlotRow>(MENTOR_SLOTS, [mentorId]);
  }

  freeOccurrences(mentorIds: string[]): Promise<FreeOccurrence[]> {
    return this.sql.query<FreeOccurrence>(FREE_OCCURRENCES, [mentorIds]);
  }

  findOccurrence(
    slotId: string,
    startsAt: Date,
  ): Promise<{ slotId: string; mentorId: string; municipalityId: string; place: string | null; cancelCutoffHours: number; startsAt: Date; endsAt: Date } | undefined> {
    return this.sql.one(FIND_OCCURRENCE, [slotId, startsAt]);
  }

  async insertBooking(
    o: { municipalityId: string; mentorId: string; startsAt: Date; endsAt: Date; place: string | null; slotId: string; cancelCutoffHours: number },
    cohortId: string,
    teacherId: string,
  ): Promise<string> {
    const row = await this.sql.one<{ id: string }>(INSERT_BOOKING, [
      o.municipalityId,
      cohortId,
      o.mentorId,
      o.startsAt,
      o.endsAt,
      o.place,
      o.slotId,
      o.cancelCutoffHours,
      teacherId,
    ]);
    await this.sql.execute(INSERT_PARTICIPANTS, [row!.id, [teacherId]]);
    return row!.id;
  }

  async teacherCohortWithMentor(teacherId: string, mentorId: string): Promise<string | undefined> {
    return (await this.sql.one<{ cohortId: string }>(TEACHER_COHORT_WITH_MENTOR, [teacherId, mentorId]))?.cohortId;
  }

  async teacherMentors(teacherId: string): Promise<string[]> {
    return (await this.sql.query<{ mentorId: string }>(TEACHER_MENTORS, [teacherId])).map((r) => r.mentorId);
  }

  async coverage(cohortId: string, page: { size: number; offset: number }): Promise<{ items: CoverageRow[]; total: number }> {
    const rows = await this.sql.query<CoverageRow & { total: number }>(COVERAGE, [cohortId, page.size, page.offset]);
    return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  }

  cohortFacts(cohortId: string): Promise<{ id: string; name: string; municipalityId: string } | undefined> {
    return this.sql.one(COHORT_FACTS, [cohortId]);
  }

  async feedOwner(token: string): Promise<string | undefined> {
    return (await this.sql.one<{ userId: string }>(FEED_OWNER, [token]))?.userId;
  }

  async feedToken(userId: string): Promise<string | undefined> {
    return (await this.sql.one<{ token: string }>(FEED_TOKEN, [userId]))?.token;
  }

  async setFeedToken(userId: string, token: string): Promise<void> {
    await this.sql.execute(SET_FEED_TOKEN, [userId, token]);
  }

  feedEvents(userId: string): Promise<FeedEvent[]> {
    return this.sql.query<FeedEvent>(FEED_EVENTS, [userId]);
  }
}
