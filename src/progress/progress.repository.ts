import { Injectable } from '@nestjs/common';
import type { Language } from '../common/i18n/language.js';
import { Sql, sqlStatement } from '../database/sql.js';
import { dayAsNoonUtc } from '../database/sql-dates.js';
import { municipalityNameSql } from '../municipalities/municipality-name.js';
import { localizedText } from '../programmes/localized-text.js';
import { cityTodaySql } from './cohort-stage.js';
import { type CompletionMethod, type ProgressStatus, UNDO_APPROVAL_MINUTES } from './progress-state.js';
import type { ProgressRecord } from './progress.policy.js';

export interface TeacherCohort {
  cohortId: string;
  cohortName: string;
  programmeTitle: string;
  programmeTitleLanguage: Language;
  memberStatus: 'active' | 'withdrawn';
  municipalityId: string;
  /** Who reads the teacher's submitted work in this cohort (their mentor of record), and since when; null: nobody. */
  mentorName: string | null;
  mentorSince: Date | null;
}

export interface PathModule {
  moduleId: string;
  phaseId: string;
  phaseTitle: string;
  phaseDescription: string;
  phaseLanguage: Language;
  title: string;
  summary: string;
  /** The language of the module's texts: the reader's when translated, else the original's. */
  textLanguage: Language;
  kind: string;
  completionMethod: CompletionMethod;
  required: boolean;
  estimatedHours: string;
  opensOn: string | null;
  dueOn: string | null;
  notOpenYet: boolean;
  overdue: boolean;
  status: ProgressStatus;
  missingPrerequisites: string[];
  /** A workshop's scheduled events in the cohort (empty for other modules): when, where, and whether the teacher attended. */
  workshopEvents: PathWorkshopEvent[];
}

export interface PathWorkshopEvent {
  /** The day as noon UTC; times null when unknown. */
  day: string;
  startsAt: string | null;
  endsAt: string | null;
  place: string | null;
  isPast: boolean;
  attended: boolean;
}

export interface ModuleDetail extends PathModule {
  bodyMd: string;
  learningObjectives: string;
  reflectionPrompt: string;
  submissionInstructions: string;
  progressId: string | null;
  submissionText: string | null;
  submissionFileName: string | null;
  submissionFileSize: number | null;
  mentorComment: string | null;
  /** The work was handed in before the teacher's current mentor became so: they will not read it until it is handed in again. */
  submissionPredatesMentor: boolean;
}

/** A module in one of the teacher's own cohorts: the cohort, the module as the teacher sees it, and what access to its progress depends on. */
export interface OwnModule {
  cohort: TeacherCohort;
  detail: ModuleDetail;
  record: ProgressRecord;
}

export interface ProgressHistoryEntry {
  fromStatus: ProgressStatus | null;
  toStatus: ProgressStatus;
  actorName: string | null;
  comment: string | null;
  occurredAt: Date;
}

/** A row a transition works on, locked for the transaction, with the file it holds (replaced by a resubmission). */
export interface LockedProgress {
  id: string;
  status: ProgressStatus;
  cohortId: string;
  moduleId: string;
  teacherId: string;
  fileKey: string | null;
  /** Who last reviewed it, and whether that was less than UNDO_APPROVAL_MINUTES ago (by the database's clock). */
  reviewedBy: string | null;
  recentlyReviewed: boolean;
}

/** What a transition changes besides the status; an absent field stays as it is. */
export interface TransitionChanges {
  submissionText?: string | null;
  file?: { key: string; name: string; type: string; size: number } | null;
  reviewed?: boolean;
  mentorComment?: string | null;
  /** An approval taken back: the work waits for review again as handed in (its submission time kept), unreviewed. */
  undoReview?: boolean;
}

/** A progress row as a reviewer sees it, with what the review check needs. */
export interface ReviewableProgress extends ProgressRecord {
  id: string;
  cohortId: string;
  cohortName: string;
  moduleId: string;
  moduleTitle: string;
  moduleTitleLanguage: Language;
  completionMethod: CompletionMethod;
  teacherName: string;
  memberStatus: 'active' | 'withdrawn';
  status: ProgressStatus;
  submissionText: string | null;
  submissionFileName: string | null;
  submissionFileSize: number | null;
  submittedAt: Date | null;
  mentorComment: string | null;
  /** What the module asks the teacher to hand in, in the reviewer's language when translated. */
  submissionInstructions: string;
  submissionFileType: string | null;
  reviewedBy: string | null;
  /** Until when the last review may be undone (its time plus UNDO_APPROVAL_MINUTES), and whether that is still ahead. */
  undoableUntil: Date | null;
  recentlyReviewed: boolean;
}

export interface ReviewQueueFilters {
  moduleId: string | undefined;
  teacherId: string | undefined;
}

/** A module or a teacher the queue can be filtered by: those with work waiting for this reviewer. */
export interface ReviewQueueChoice {
  kind: 'module' | 'teacher';
  id: string;
  label: string;
  language: Language | null;
}

/** The teacher's own work that is with their mentor, or came back from them. */
export interface TeacherWorkItem {
  cohortId: string;
  moduleId: string;
  title: string;
  textLanguage: Language;
  status: ProgressStatus;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  mentorComment: string | null;
}

export interface ReviewQueueItem {
  id: string;
  /** Whole days in the cohort's city calendar since the work was handed in. */
  daysWaiting: number;
  teacherName: string;
  moduleTitle: string;
  moduleTitleLanguage: Language;
  cohortName: string;
  submittedAt: Date;
  hasFile: boolean;
}

export interface AttendanceEventItem {
  eventId: string;
  cohortId: string;
  cohortName: string;
  moduleId: string;
  moduleTitle: string;
  moduleTitleLanguage: Language;
  /** Its day as noon UTC. */
  day: string;
  startsAt: Date | null;
  place: string | null;
  /** Its day is before today in the cohort's city. */
  isPast: boolean;
}

export interface AttendanceEvent {
  cohortName: string;
  municipalityId: string;
  moduleId: string;
  moduleTitle: string;
  moduleTitleLanguage: Language;
  completionMethod: CompletionMethod;
  actorLeadsGroup: boolean;
  day: string;
  startsAt: Date | null;
  endsAt: Date | null;
  place: string | null;
  capacity: number | null;
  eventStatus: 'scheduled' | 'cancelled';
}

export interface AttendanceState {
  teacherId: string;
  attendedHere: boolean;
  attendedElsewhere: boolean;
}

export interface RosterEntry {
  teacherId: string;
  name: string;
  status: ProgressStatus;
  memberStatus: 'active' | 'withdrawn';
  mentorId: string | null;
  submittedSinceMentor: boolean;
  /** Their attendance is recorded at the register's event. */
  attendedHere: boolean;
}

export interface StoredFile extends ProgressRecord {
  progressId: string;
  cohortId: string;
  fileKey: string;
  fileName: string;
  fileType: string;
  fileSize: number;
}

export interface CertificateDetails {
  teacherName: string;
  /** In the certificate's language when translated, else as written. */
  programmeTitle: string;
  cohortName: string;
  cityName: string;
  timeZone: string | null;
  completedAt: Date | null;
}

/** "Today" in the cohort's city: windows open and fall due by the city's calendar. */
const CITY_TODAY = `(now() AT TIME ZONE mu.time_zone)::date`;

/** A module's and its phase's texts in the reader's language (the statement parameter `language`), else as written. */
function pathTexts(language: string) {
  const module = localizedText('module', 'cm', language);
  const phase = localizedText('phase', 'ph', language);
  const pre = localizedText('module', 'pre', language);
  return { module, phase, pre, joins: `${module.join} ${phase.join}` };
}

/**
 * A workshop module's scheduled events in the cohort (row `c`, module `cm`), soonest first: when
 * and where, and whether the teacher (`teacher`) is recorded at it. An empty list for other modules.
 */
const workshopEventsOf = (teacher: string) => `CASE WHEN cm.completion_method = 'attendance' THEN coalesce((
    SELECT json_agg(json_build_object(
             'day', ${dayAsNoonUtc('e.day')}, 'startsAt', e.starts_at, 'endsAt', e.ends_at, 'place', e.place,
             'isPast', e.day < ${CITY_TODAY},
             'attended', EXISTS (SELECT 1 FROM workshop_attendance a WHERE a.event_id = e.id AND a.teacher_id = ${teacher}))
           ORDER BY e.day, e.starts_at)
      FROM workshop_event e
     WHERE e.cohort_id = c.id AND e.module_id = cm.id AND e.status = 'scheduled'), '[]') ELSE '[]' END`;

/** $2 is the teacher; `language` the parameter holding the reader's language. */
const pathModuleColumns = (language: string) => {
  const { module, phase, pre } = pathTexts(language);
  return `
  cm.id AS "moduleId", ph.id AS "phaseId", ${phase.text('title')} AS "phaseTitle", ${phase.text('description')} AS "phaseDescription",
  ${phase.language} AS "phaseLanguage",
  ${module.text('title')} AS title, ${module.text('summary')} AS summary, ${module.language} AS "textLanguage",
  cm.kind, cm.completion_method AS "completionMethod", cm.required,
  cm.estimated_hours::text AS "estimatedHours",
  ${dayAsNoonUtc('w.opens_on')} AS "opensOn", ${dayAsNoonUtc('w.due_on')} AS "dueOn",
  coalesce(w.opens_on > ${CITY_TODAY}, false) AS "notOpenYet",
  coalesce(w.due_on < ${CITY_TODAY}, false) AND coalesce(p.status, 'not_started') <> 'approved' AS overdue,
  coalesce(p.status, 'not_started') AS status,
  ${workshopEventsOf('$2')} AS "workshopEvents",
  coalesce((
    SELECT json_agg(${pre.text('title')} ORDER BY ${pre.text('title')})
      FROM module_prerequisite mp
      JOIN curriculum_module pre ON pre.id = mp.prerequisite_id
      ${pre.join}
      LEFT JOIN module_progress pp ON pp.cohort_id = c.id AND pp.teacher_id = $2 AND pp.module_id = pre.id
     WHERE mp.module_id = cm.id AND pp.status IS DISTINCT FROM 'approved'
  ), '[]') AS "missingPrerequisites"`;
};

const pathModuleFrom = (language: string) => `
  FROM cohort c
  JOIN municipality mu ON mu.id = c.municipality_id
  JOIN curriculum_module cm ON cm.programme_id = c.programme_id
  JOIN programme_phase ph ON ph.id = cm.phase_id
  ${pathTexts(language).joins}
  LEFT JOIN module_window w ON w.cohort_id = c.id AND w.module_id = cm.id
  LEFT JOIN module_progress p ON p.cohort_id = c.id AND p.module_id = cm.id AND p.teacher_id = $2`;

/** The order a teacher's cohorts are listed and chosen in: running ones first, newest first. */
const TEACHER_COHORT_ORDER = 'c.archived, c.starts_on DESC, c.name, c.id';

/**
 * The person is still an active mentor of the group's cohort: withdrawing a mentor keeps their
 * group (and its history) but ends their reach over its teachers' work.
 */
const activeMentorOf = (group: string, person: string) =>
  `EXISTS (SELECT 1 FROM cohort_member lead
            WHERE lead.cohort_id = ${group}.cohort_id AND lead.user_id = ${person} AND lead.role = 'mentor' AND lead.status = 'active')`;

/** The actor leads this mentor group and is still an active mentor of its cohort. */
const leadsGroup = (group: string, actor: string) => `(${group}.mentor_id = ${actor} AND ${activeMentorOf(group, actor)})`;

/** The teacher's mentor of record, by the same rule: the group's leader while an active mentor of the cohort, else null. */
const mentorOfRecord = (group: string) => `CASE WHEN ${activeMentorOf(group, `${group}.mentor_id`)} THEN ${group}.mentor_id END`;

/**
 * The work was handed in while the teacher's mentor of record was theirs: at or after the moment
 * their membership says the mentor became so. A mentor reads nothing handed in before.
 */
const submittedSinceMentor = (progress: string, membership: string) => `${progress}.submitted_at >= ${membership}.mentor_since`;

/** Who reads the teacher's work in the cohort, named, and since when (both null when nobody does). */
const MENTOR_OF_RECORD_COLUMNS = `mentor.display_name AS "mentorName", CASE WHEN mentor.id IS NOT NULL THEN mem.mentor_since END AS "mentorSince"`;
const MENTOR_OF_RECORD_JOINS = `LEFT JOIN mentor_group g ON g.id = mem.mentor_group_id
     LEFT JOIN app_user mentor ON mentor.id = ${mentorOfRecord('g')}`;

const LOCKED_COLUMNS = `id, status, cohort_id AS "cohortId", module_id AS "moduleId", teacher_id AS "teacherId", submission_file_key AS "fileKey",
  reviewed_by AS "reviewedBy", coalesce(reviewed_at > now() - make_interval(mins => ${UNDO_APPROVAL_MINUTES}), false) AS "recentlyReviewed"`;

const cohortsProgramme = localizedText('programme', 'p', '$2');
const TEACHER_COHORTS = sqlStatement(
  'progress.teacherCohorts',
  `SELECT c.id AS "cohortId", c.name AS "cohortName", ${cohortsProgramme.text('title')} AS "programmeTitle",
          ${cohortsProgramme.language} AS "programmeTitleLanguage", mem.status AS "memberStatus", c.municipality_id AS "municipalityId",
          ${MENTOR_OF_RECORD_COLUMNS}
     FROM cohort_member mem
     JOIN cohort c ON c.id = mem.cohort_id
     JOIN programme p ON p.id = c.programme_id
     ${cohortsProgramme.join}
     ${MENTOR_OF_RECORD_JOINS}
    WHERE mem.user_id = $1 AND mem.role = 'teacher'
    ORDER BY ${TEACHER_COHORT_ORDER}`,
);

const PATH_MODULES = sqlStatement(
  'progress.pathModules',
  `SELECT ${pathModuleColumns('$3')} ${pathModuleFrom('$3')}
    WHERE c.id = $1
    ORDER BY ph.position, cm.position`,
);

/** $1 the cohort asked for (null: the first of the teacher's cohorts that has the module), $2 the teacher, $3 the module, $4 the reader's language. */
const ownModuleText = pathTexts('$4').module;
const ownProgramme = localizedText('programme', 'prog', '$4');
const OWN_MODULE = sqlStatement(
  'progress.ownModule',
  `SELECT ${pathModuleColumns('$4')},
          ${ownModuleText.text('body_md')} AS "bodyMd", ${ownModuleText.text('learning_objectives')} AS "learningObjectives",
          ${ownModuleText.text('reflection_prompt')} AS "reflectionPrompt", ${ownModuleText.text('submission_instructions')} AS "submissionInstructions",
          p.id AS "progressId", p.submission_text AS "submissionText", p.submission_file_name AS "submissionFileName",
          p.submission_file_size AS "submissionFileSize", p.mentor_comment AS "mentorComment",
          coalesce(p.submitted_at < mem.mentor_since, false) AS "submissionPredatesMentor",
          c.id AS "cohortId", c.name AS "cohortName", ${ownProgramme.text('title')} AS "programmeTitle",
          ${ownProgramme.language} AS "programmeTitleLanguage", mem.status AS "memberStatus",
          c.municipality_id AS "municipalityId", ${mentorOfRecord('g')} AS "mentorId",
          coalesce(${submittedSinceMentor('p', 'mem')}, false) AS "submittedSinceMentor", ${MENTOR_OF_RECORD_COLUMNS}
     ${pathModuleFrom('$4')}
     JOIN cohort_member mem ON mem.cohort_id = c.id AND mem.user_id = $2 AND mem.role = 'teacher'
     JOIN programme prog ON prog.id = c.programme_id
     ${ownProgramme.join}
     ${MENTOR_OF_RECORD_JOINS}
    WHERE cm.id = $3 AND ($1::uuid IS NULL OR c.id = $1)
    ORDER BY ${TEACHER_COHORT_ORDER}
    LIMIT 1`,
);

const HISTORY_COLUMNS = `e.from_status AS "fromStatus", e.to_status AS "toStatus", u.display_name AS "actorName", e.comment, e.occurred_at AS "occurredAt"`;

const HISTORY = sqlStatement(
  'progress.history',
  `SELECT ${HISTORY_COLUMNS}
     FROM progress_event e
     LEFT JOIN app_user u ON u.id = e.actor_id
    WHERE e.progress_id = $1
    ORDER BY e.occurred_at DESC, e.id DESC`,
);

/** What happened since the teacher's mentor of record became so: earlier comments may quote work that is not theirs to read. */
const HISTORY_SINCE_MENTOR = sqlStatement(
  'progress.historySinceMentor',
  `SELECT ${HISTORY_COLUMNS}
     FROM progress_event e
     JOIN module_progress p ON p.id = e.progress_id
     JOIN cohort_member mem ON mem.cohort_id = p.cohort_id AND mem.user_id = p.teacher_id AND mem.role = 'teacher'
     LEFT JOIN app_user u ON u.id = e.actor_id
    WHERE e.progress_id = $1 AND e.occurred_at >= mem.mentor_since
    ORDER BY e.occurred_at DESC, e.id DESC`,
);

/** In id order, so two transactions creating rows of the same teachers take their locks in the same order. */
const ENSURE_ROWS = sqlStatement(
  'progress.ensureRows',
  `INSERT INTO module_progress (cohort_id, module_id, teacher_id)
   SELECT $1::uuid, $2::uuid, t.id FROM unnest($3::uuid[]) AS t(id) ORDER BY t.id
   ON CONFLICT (cohort_id, teacher_id, module_id) DO NOTHING`,
);

const LOCK_ROWS = sqlStatement(
  'progress.lockRows',
  `SELECT ${LOCKED_COLUMNS}
     FROM module_progress
    WHERE cohort_id = $1 AND module_id = $2 AND teacher_id = ANY($3::uuid[])
    ORDER BY id
      FOR UPDATE`,
);

const LOCK_BY_ID = sqlStatement('progress.lockById', `SELECT ${LOCKED_COLUMNS} FROM module_progress WHERE id = $1 FOR UPDATE`);

/** Every row of $1 moves to $2; each "$n: whether to change it, $n+1: to what" pair leaves the field alone when false. */
const APPLY_TRANSITION = sqlStatement(
  'progress.applyTransition',
  `UPDATE module_progress mp SET
     status = $2,
     started_at = CASE WHEN $2 = 'in_progress' THEN coalesce(mp.started_at, now()) ELSE mp.started_at END,
     submitted_at = CASE WHEN $2 = 'submitted' AND NOT $14::boolean THEN now() ELSE mp.submitted_at END,
     completed_at = CASE WHEN $2 = 'approved' THEN now() WHEN $14 THEN NULL ELSE mp.completed_at END,
     reviewed_at = CASE WHEN $14 THEN NULL WHEN $3 THEN now() ELSE mp.reviewed_at END,
     reviewed_by = CASE WHEN $14 THEN NULL WHEN $3 THEN $4::uuid ELSE mp.reviewed_by END,
     submission_text = CASE WHEN $5 THEN $6 ELSE mp.submission_text END,
     submission_file_key = CASE WHEN $7 THEN $8 ELSE mp.submission_file_key END,
     submission_file_name = CASE WHEN $7 THEN $9 ELSE mp.submission_file_name END,
     submission_file_type = CASE WHEN $7 THEN $10 ELSE mp.submission_file_type END,
     submission_file_size = CASE WHEN $7 THEN $11::int ELSE mp.submission_file_size END,
     mentor_comment = CASE WHEN $14 THEN NULL WHEN $12 THEN $13 ELSE mp.mentor_comment END,
     updated_at = now()
   FROM unnest($1::uuid[]) AS moved(id)
   WHERE mp.id = moved.id`,
);

const RECORD_EVENTS = sqlStatement(
  'progress.recordEvents',
  `INSERT INTO progress_event (progress_id, from_status, to_status, actor_id, comment)
   SELECT moved.id, moved.from_status, $3::text, $4::uuid, $5::text
     FROM unnest($1::uuid[], $2::text[]) AS moved(id, from_status)`,
);

const reviewableTitle = localizedText('module', 'cm', '$3');
const REVIEWABLE = sqlStatement(
  'progress.reviewable',
  `SELECT p.id, p.cohort_id AS "cohortId", c.name AS "cohortName", p.module_id AS "moduleId",
          ${reviewableTitle.text('title')} AS "moduleTitle", ${reviewableTitle.language} AS "moduleTitleLanguage",
          cm.completion_method AS "completionMethod", p.teacher_id AS "teacherId", u.display_name AS "teacherName",
          c.municipality_id AS "municipalityId", ${mentorOfRecord('g')} AS "mentorId", ${submittedSinceMentor('p', 'mem')} AS "submittedSinceMentor",
          mem.status AS "memberStatus", p.status,
          p.submission_text AS "submissionText", p.submission_file_name AS "submissionFileName",
          p.submission_file_size AS "submissionFileSize", p.submitted_at AS "submittedAt", p.mentor_comment AS "mentorComment",
          ${reviewableTitle.text('submission_instructions')} AS "submissionInstructions", p.submission_file_type AS "submissionFileType",
          p.reviewed_by AS "reviewedBy", p.reviewed_at + make_interval(mins => ${UNDO_APPROVAL_MINUTES}) AS "undoableUntil",
          coalesce(p.reviewed_at > now() - make_interval(mins => ${UNDO_APPROVAL_MINUTES}), false) AS "recentlyReviewed"
     FROM module_progress p
     JOIN cohort c ON c.id = p.cohort_id
     JOIN curriculum_module cm ON cm.id = p.module_id
     ${reviewableTitle.join}
     JOIN app_user u ON u.id = p.teacher_id
     JOIN cohort_member mem ON mem.cohort_id = p.cohort_id AND mem.user_id = p.teacher_id AND mem.role = 'teacher'
     LEFT JOIN mentor_group g ON g.id = mem.mentor_group_id
    WHERE p.id = $1 AND p.teacher_id <> $2 AND ${leadsGroup('g', '$2')} AND ${submittedSinceMentor('p', 'mem')}`,
);

/** The work waiting for reviewer $1: handed in to them as their mentees' mentor of record, by active teachers. */
const QUEUE_FROM = `
     FROM module_progress p
     JOIN cohort c ON c.id = p.cohort_id
     JOIN municipality mu ON mu.id = c.municipality_id
     JOIN curriculum_module cm ON cm.id = p.module_id
     JOIN app_user u ON u.id = p.teacher_id
     JOIN cohort_member mem ON mem.cohort_id = p.cohort_id AND mem.user_id = p.teacher_id AND mem.role = 'teacher' AND mem.status = 'active'
     LEFT JOIN mentor_group g ON g.id = mem.mentor_group_id`;
const QUEUE_WHERE = `p.status = 'submitted' AND p.teacher_id <> $1 AND ${leadsGroup('g', '$1')} AND ${submittedSinceMentor('p', 'mem')}`;

const queueTitle = localizedText('module', 'cm', '$4');
/** Oldest first; $5 a module, $6 a teacher to keep to (null: all). */
const REVIEW_QUEUE = sqlStatement(
  'progress.reviewQueue',
  `SELECT p.id, u.display_name AS "teacherName", ${queueTitle.text('title')} AS "moduleTitle", ${queueTitle.language} AS "moduleTitleLanguage",
          c.name AS "cohortName", p.submitted_at AS "submittedAt",
          (${CITY_TODAY} - (p.submitted_at AT TIME ZONE mu.time_zone)::date)::int AS "daysWaiting",
          p.submission_file_key IS NOT NULL AS "hasFile", count(*) OVER ()::int AS total
     ${QUEUE_FROM}
     ${queueTitle.join}
    WHERE ${QUEUE_WHERE} AND ($5::uuid IS NULL OR p.module_id = $5) AND ($6::uuid IS NULL OR p.teacher_id = $6)
    ORDER BY p.submitted_at, p.id
    LIMIT $2 OFFSET $3`,
);

const choiceTitle = localizedText('module', 'cm', '$2');
/** What the queue's filters offer: the modules and the teachers that have work waiting for this reviewer. */
const REVIEW_QUEUE_CHOICES = sqlStatement(
  'progress.reviewQueueChoices',
  `SELECT DISTINCT 'module' AS kind, cm.id, ${choiceTitle.text('title')} AS label, ${choiceTitle.language} AS language
     ${QUEUE_FROM}
     ${choiceTitle.join}
    WHERE ${QUEUE_WHERE}
   UNION
   SELECT DISTINCT 'teacher', u.id, u.display_name, NULL
     ${QUEUE_FROM}
    WHERE ${QUEUE_WHERE}
    ORDER BY kind, label, id
    LIMIT 1000`,
);

const workTitle = localizedText('module', 'cm', '$2');
/** The teacher's work with their mentor (submitted) and the reviews that came back in the last 60 days, newest first. */
const TEACHER_WORK = sqlStatement(
  'progress.teacherWork',
  `SELECT p.cohort_id AS "cohortId", p.module_id AS "moduleId", ${workTitle.text('title')} AS title, ${workTitle.language} AS "textLanguage",
          p.status, p.submitted_at AS "submittedAt", p.reviewed_at AS "reviewedAt", p.mentor_comment AS "mentorComment"
     FROM module_progress p
     JOIN cohort_member mem ON mem.cohort_id = p.cohort_id AND mem.user_id = p.teacher_id AND mem.role = 'teacher' AND mem.status = 'active'
     JOIN curriculum_module cm ON cm.id = p.module_id
     ${workTitle.join}
    WHERE p.teacher_id = $1
      AND (p.status = 'submitted'
           OR (p.status IN ('approved', 'returned') AND cm.completion_method = 'approval' AND p.reviewed_at > now() - interval '60 days'))
    ORDER BY coalesce(p.reviewed_at, p.submitted_at) DESC, p.id
    LIMIT $3`,
);

const workshopTitle = localizedText('module', 'cm', '$3');
/**
 * The workshop events whose register this person takes (their city's as its admin, their groups'
 * cohorts' as a mentor), not cancelled ones: the coming ones soonest first, then the past ones
 * latest first, so a city with many dates lists what is near.
 */
const ATTENDANCE_EVENTS = sqlStatement(
  'progress.attendanceEvents',
  `SELECT e.id AS "eventId", c.id AS "cohortId", c.name AS "cohortName", cm.id AS "moduleId", ${workshopTitle.text('title')} AS "moduleTitle",
          ${workshopTitle.language} AS "moduleTitleLanguage", ${dayAsNoonUtc('e.day')} AS day, e.starts_at AS "startsAt", e.place,
          e.day < ${cityTodaySql('mu')} AS "isPast"
     FROM cohort c
     JOIN municipality mu ON mu.id = c.municipality_id
     JOIN workshop_event e ON e.cohort_id = c.id AND e.status = 'scheduled'
     JOIN curriculum_module cm ON cm.id = e.module_id AND cm.completion_method = 'attendance'
     ${workshopTitle.join}
    WHERE NOT c.archived
      AND (c.municipality_id = ANY($2::uuid[]) OR EXISTS (SELECT 1 FROM mentor_group g WHERE g.cohort_id = c.id AND ${leadsGroup('g', '$1')}))
    ORDER BY e.day < ${cityTodaySql('mu')}, CASE WHEN e.day >= ${cityTodaySql('mu')} THEN e.day END, e.day DESC, e.starts_at NULLS FIRST, "moduleTitle", e.id
    LIMIT 100`,
);

const workshop = localizedText('module', 'cm', '$5');
/** An event of the cohort, if this person administers the cohort's city or leads one of its groups; with its module. */
const ATTENDANCE_EVENT = sqlStatement(
  'progress.attendanceEvent',
  `SELECT c.name AS "cohortName", c.municipality_id AS "municipalityId", cm.id AS "moduleId", ${workshop.text('title')} AS "moduleTitle",
          ${workshop.language} AS "moduleTitleLanguage", cm.completion_method AS "completionMethod", mentoring.leads AS "actorLeadsGroup",
          ${dayAsNoonUtc('e.day')} AS day, e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.place, e.capacity, e.status AS "eventStatus"
     FROM workshop_event e
     JOIN cohort c ON c.id = e.cohort_id
     JOIN curriculum_module cm ON cm.id = e.module_id
     ${workshop.join}
     CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM mentor_group g WHERE g.cohort_id = c.id AND ${leadsGroup('g', '$3')}) AS leads) mentoring
    WHERE e.id = $2 AND c.id = $1 AND (c.municipality_id = ANY($4::uuid[]) OR mentoring.leads)`,
);

/** $4: the whole cohort's teachers (else only those of the actor's own groups); $5 the event, whose attendance each row says. */
const ATTENDANCE_ROSTER = sqlStatement(
  'progress.attendanceRoster',
  `SELECT mem.user_id AS "teacherId", u.display_name AS name, coalesce(p.status, 'not_started') AS status, mem.status AS "memberStatus",
          ${mentorOfRecord('g')} AS "mentorId", coalesce(${submittedSinceMentor('p', 'mem')}, false) AS "submittedSinceMentor",
          EXISTS (SELECT 1 FROM workshop_attendance a WHERE a.event_id = $5 AND a.teacher_id = mem.user_id) AS "attendedHere"
     FROM cohort_member mem
     JOIN app_user u ON u.id = mem.user_id
     LEFT JOIN mentor_group g ON g.id = mem.mentor_group_id
     LEFT JOIN module_progress p ON p.cohort_id = mem.cohort_id AND p.teacher_id = mem.user_id AND p.module_id = $2
    WHERE mem.cohort_id = $1 AND mem.role = 'teacher' AND mem.user_id <> $3 AND ($4::boolean OR g.mentor_id = $3)
    ORDER BY u.display_name, u.id`,
);

/** The event's row, locked while its register is written (a cancellation waits, and sees the attendance after). */
const LOCK_EVENT = sqlStatement('progress.lockWorkshopEvent', `SELECT status FROM workshop_event WHERE id = $1 FOR UPDATE`);

/**
 * For each of the teachers $3: attended event $4, and attended another event of the same module in
 * the cohort ($1, $2). Read after their progress rows are locked, so it is what the register changes.
 */
const ATTENDANCE_STATE = sqlStatement(
  'progress.attendanceState',
  `SELECT t.id AS "teacherId",
          EXISTS (SELECT 1 FROM workshop_attendance a WHERE a.event_id = $4 AND a.teacher_id = t.id) AS "attendedHere",
          EXISTS (SELECT 1 FROM workshop_attendance a JOIN workshop_event e ON e.id = a.event_id
                   WHERE a.teacher_id = t.id AND e.cohort_id = $1 AND e.module_id = $2 AND e.id <> $4) AS "attendedElsewhere"
     FROM unnest($3::uuid[]) AS t(id)`,
);

const ADD_ATTENDANCE = sqlStatement(
  'progress.addWorkshopAttendance',
  `INSERT INTO workshop_attendance (event_id, teacher_id, recorded_by)
   SELECT $1, t.id, $3 FROM unnest($2::uuid[]) AS t(id) ORDER BY t.id
   ON CONFLICT (event_id, teacher_id) DO NOTHING`,
);

const REMOVE_ATTENDANCE = sqlStatement(
  'progress.removeWorkshopAttendance',
  `DELETE FROM workshop_attendance WHERE event_id = $1 AND teacher_id = ANY($2::uuid[])`,
);

const READABLE_FILE = sqlStatement(
  'progress.readableFile',
  `SELECT p.id AS "progressId", p.teacher_id AS "teacherId", p.cohort_id AS "cohortId", c.municipality_id AS "municipalityId",
          ${mentorOfRecord('g')} AS "mentorId", coalesce(${submittedSinceMentor('p', 'mem')}, false) AS "submittedSinceMentor",
          p.submission_file_key AS "fileKey",
          p.submission_file_name AS "fileName", p.submission_file_type AS "fileType", p.submission_file_size AS "fileSize"
     FROM module_progress p
     JOIN cohort c ON c.id = p.cohort_id
     JOIN cohort_member mem ON mem.cohort_id = p.cohort_id AND mem.user_id = p.teacher_id AND mem.role = 'teacher'
     LEFT JOIN mentor_group g ON g.id = mem.mentor_group_id
    WHERE p.id = $1 AND p.submission_file_key IS NOT NULL
      AND (p.teacher_id = $2 OR (${leadsGroup('g', '$2')} AND ${submittedSinceMentor('p', 'mem')}))`,
);

const certificateProgramme = localizedText('programme', 'p', '$3');
const CERTIFICATE = sqlStatement(
  'progress.certificate',
  `SELECT u.display_name AS "teacherName", ${certificateProgramme.text('title')} AS "programmeTitle", c.name AS "cohortName",
          ${municipalityNameSql('mu', '$3')} AS "cityName", mu.time_zone AS "timeZone",
          (SELECT max(mp.completed_at) FROM module_progress mp WHERE mp.cohort_id = c.id AND mp.teacher_id = u.id) AS "completedAt"
     FROM cohort c
     JOIN programme p ON p.id = c.programme_id
     ${certificateProgramme.join}
     JOIN municipality mu ON mu.id = c.municipality_id
     JOIN app_user u ON u.id = $2
    WHERE c.id = $1`,
);

type OwnModuleRow = ModuleDetail & TeacherCohort & { mentorId: string | null; submittedSinceMentor: boolean };

@Injectable()
export class ProgressRepository {
  constructor(private readonly sql: Sql) {}

  /** The cohorts in which this person is a teacher, newest first; their programmes named in `language` (as written when null). */
  async findTeacherCohorts(userId: string, language: Language | null): Promise<TeacherCohort[]> {
    return this.sql.query<TeacherCohort>(TEACHER_COHORTS, [userId, language]);
  }

  /** Every module of the cohort's programme with this teacher's status, window and unmet prerequisites, its texts in `language`. */
  async findPathModules(cohortId: string, teacherId: string, language: Language | null): Promise<PathModule[]> {
    return this.sql.query<PathModule>(PATH_MODULES, [cohortId, teacherId, language]);
  }

  /**
   * The module in one of the teacher's own cohorts: the one asked for, else the first (in the order
   * of their path's chooser) whose programme has it. Anyone else's cohort finds nothing.
   */
  async findOwnModule(teacherId: string, moduleId: string, cohortId: string | undefined, language: Language | null): Promise<OwnModule | undefined> {
    const row = await this.sql.one<OwnModuleRow>(OWN_MODULE, [cohortId ?? null, teacherId, moduleId, language]);
    if (!row) return undefined;
    const { cohortId: id, cohortName, programmeTitle, programmeTitleLanguage, memberStatus, municipalityId, mentorName, mentorSince, mentorId, submittedSinceMentor, ...detail } = row;
    return {
      cohort: { cohortId: id, cohortName, programmeTitle, programmeTitleLanguage, memberStatus, municipalityId, mentorName, mentorSince },
      detail,
      record: { teacherId, mentorId, municipalityId, submittedSinceMentor },
    };
  }

  async findHistory(progressId: string): Promise<ProgressHistoryEntry[]> {
    return this.sql.query<ProgressHistoryEntry>(HISTORY, [progressId]);
  }

  /** The history a mentor sees: only since they became the teacher's mentor of record. */
  async findHistorySinceMentor(progressId: string): Promise<ProgressHistoryEntry[]> {
    return this.sql.query<ProgressHistoryEntry>(HISTORY_SINCE_MENTOR, [progressId]);
  }

  /**
   * The progress rows of these teachers on a module, created (as not started) where absent and
   * locked FOR UPDATE, so two transitions on a row run one after the other: two statements however
   * many teachers. Call inside a transaction: if a transition is then refused, the rollback removes
   * the rows created here.
   */
  async lockProgressRows(cohortId: string, moduleId: string, teacherIds: string[]): Promise<LockedProgress[]> {
    await this.sql.execute(ENSURE_ROWS, [cohortId, moduleId, teacherIds]);
    return this.sql.query<LockedProgress>(LOCK_ROWS, [cohortId, moduleId, teacherIds]);
  }

  async lockProgressById(progressId: string): Promise<LockedProgress | undefined> {
    return this.sql.one<LockedProgress>(LOCK_BY_ID, [progressId]);
  }

  /**
   * Moves locked rows to one new status, sets the fields that go with it, and writes each row's
   * history event: two statements however many rows.
   */
  async applyTransition(rows: LockedProgress[], to: ProgressStatus, actorId: string, comment: string | null, changes: TransitionChanges): Promise<void> {
    if (rows.length === 0) return;
    const ids = rows.map((row) => row.id);
    await this.sql.execute(APPLY_TRANSITION, [
      ids,
      to,
      changes.reviewed ?? false,
      actorId,
      changes.submissionText !== undefined,
      changes.submissionText ?? null,
      changes.file !== undefined,
      changes.file?.key ?? null,
      changes.file?.name ?? null,
      changes.file?.type ?? null,
      changes.file?.size ?? null,
      changes.mentorComment !== undefined,
      changes.mentorComment ?? null,
      changes.undoReview ?? false,
    ]);
    await this.sql.execute(RECORD_EVENTS, [ids, rows.map((row) => row.status), to, actorId, comment]);
  }

  /** A submission this person reviews as the teacher's (active) mentor, handed in since they became so; nobody else reads it. */
  async findReviewable(progressId: string, actorId: string, language: Language | null): Promise<ReviewableProgress | undefined> {
    return this.sql.one<ReviewableProgress>(REVIEWABLE, [progressId, actorId, language]);
  }

  /** Submissions waiting for this person's review, oldest first, kept to a module and/or a teacher; modules named in `language`. */
  async findReviewQueue(
    actorId: string,
    page: { size: number; offset: number },
    filters: ReviewQueueFilters,
    language: Language,
  ): Promise<{ items: ReviewQueueItem[]; total: number }> {
    const rows = await this.sql.query<ReviewQueueItem & { total: number }>(REVIEW_QUEUE, [
      actorId,
      page.size,
      page.offset,
      language,
      filters.moduleId ?? null,
      filters.teacherId ?? null,
    ]);
    return { items: rows.map(({ total: _total, ...item }) => item), total: rows[0]?.total ?? 0 };
  }

  /** The modules and teachers the queue's filters offer (only those with work waiting for this person). */
  async findReviewQueueChoices(actorId: string, language: Language): Promise<ReviewQueueChoice[]> {
    return this.sql.query<ReviewQueueChoice>(REVIEW_QUEUE_CHOICES, [actorId, language]);
  }

  /** The teacher's work under review and the reviews that came back recently, titles in `language`. */
  async findTeacherWork(teacherId: string, language: Language, limit: number): Promise<TeacherWorkItem[]> {
    return this.sql.query<TeacherWorkItem>(TEACHER_WORK, [teacherId, language, limit]);
  }

  /** Workshop events whose attendance this person may record, by day. */
  async findAttendanceEvents(actorId: string, adminMunicipalityIds: string[], language: Language): Promise<AttendanceEventItem[]> {
    return this.sql.query<AttendanceEventItem>(ATTENDANCE_EVENTS, [actorId, adminMunicipalityIds, language]);
  }

  /** An event of the cohort with its module, if this person administers the cohort's city or leads one of its groups; named in `language`. */
  async findAttendanceEvent(
    cohortId: string,
    eventId: string,
    actorId: string,
    adminMunicipalityIds: string[],
    language: Language | null,
  ): Promise<AttendanceEvent | undefined> {
    return this.sql.one<AttendanceEvent>(ATTENDANCE_EVENT, [cohortId, eventId, actorId, adminMunicipalityIds, language]);
  }

  /** The teachers of the cohort (all of them, or those of the actor's own groups) with their status on the module and attendance at the event; never the actor. */
  async findAttendanceRoster(cohortId: string, moduleId: string, eventId: string, actorId: string, wholeCohort: boolean): Promise<RosterEntry[]> {
    return this.sql.query<RosterEntry>(ATTENDANCE_ROSTER, [cohortId, moduleId, actorId, wholeCohort, eventId]);
  }

  async lockWorkshopEvent(eventId: string): Promise<{ status: 'scheduled' | 'cancelled' } | undefined> {
    return this.sql.one(LOCK_EVENT, [eventId]);
  }

  async attendanceState(cohortId: string, moduleId: string, eventId: string, teacherIds: string[]): Promise<AttendanceState[]> {
    return this.sql.query<AttendanceState>(ATTENDANCE_STATE, [cohortId, moduleId, teacherIds, eventId]);
  }

  async addWorkshopAttendance(eventId: string, teacherIds: string[], recordedBy: string): Promise<void> {
    if (teacherIds.length > 0) await this.sql.execute(ADD_ATTENDANCE, [eventId, teacherIds, recordedBy]);
  }

  async removeWorkshopAttendance(eventId: string, teacherIds: string[]): Promise<void> {
    if (teacherIds.length > 0) await this.sql.execute(REMOVE_ATTENDANCE, [eventId, teacherIds]);
  }

  /** A submitted file, for its teacher, or their (active) mentor when it was handed in since they became so. */
  async findReadableFile(progressId: string, actorId: string): Promise<StoredFile | undefined> {
    return this.sql.one<StoredFile>(READABLE_FILE, [progressId, actorId]);
  }

  /** What the teacher's certificate of a cohort says, the city named in the certificate's language. */
  async findCertificateDetails(cohortId: string, teacherId: string, language: Language): Promise<CertificateDetails | undefined> {
    return this.sql.one<CertificateDetails>(CERTIFICATE, [cohortId, teacherId, language]);
  }
}
