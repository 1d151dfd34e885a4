import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import type { CompletionMethod, ProgressStatus } from './progress-state.js';
import { dayAsNoonUtc } from '../database/sql-dates.js';

/** A calendar day as an instant at noon UTC: the same day in every time zone we format in. */

/** "Today" in the cohort's city: windows open and fall due by the city's calendar. */
const CITY_TODAY = `(now() AT TIME ZONE mu.time_zone)::date`;

export interface TeacherCohort {
  cohortId: string;
  cohortName: string;
  programmeTitle: string;
  memberStatus: 'active' | 'withdrawn';
  municipalityId: string;
}

export interface PathModule {
  moduleId: string;
  phaseId: string;
  phaseTitle: string;
  phaseDescription: string;
  title: string;
  summary: string;
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
}

export interface ModuleDetail extends PathModule {
  bodyMd: string;
  learningObjectives: string;
  reflectionPrompt: string;
  progressId: string | null;
  submissionText: string | null;
  submissionFileName: string | null;
  submissionFileSize: number | null;
  mentorComment: string | null;
}

export interface ProgressHistoryEntry {
  fromStatus: ProgressStatus | null;
  toStatus: ProgressStatus;
  actorName: string | null;
  comment: string | null;
  occurredAt: Date;
}

/** The row a transition works on, locked for the transaction. */
export interface LockedProgress {
  id: string;
  status: ProgressStatus;
  cohortId: string;
  moduleId: string;
  teacherId: string;
}

/** A progress row as a reviewer sees it, with what the review check needs. */
export interface ReviewableProgress {
  id: string;
  cohortId: string;
  cohortName: string;
  moduleId: string;
  moduleTitle: string;
  completionMethod: CompletionMethod;
  teacherId: string;
  teacherName: string;
  municipalityId: string;
  memberStatus: 'active' | 'withdrawn';
  status: ProgressStatus;
  submissionText: string | null;
  submissionFileName: string | null;
  submissionFileSize: number | null;
  submittedAt: Date | null;
  mentorComment: string | null;
}

export interface ReviewQueueItem {
  id: string;
  teacherName: string;
  moduleTitle: string;
  cohortName: string;
  submittedAt: Date;
  hasFile: boolean;
}

export interface StoredFile {
  progressId: string;
  teacherId: string;
  cohortId: string;
  fileKey: string;
  fileName: string;
  fileType: string;
  fileSize: number;
}

const PATH_MODULE_COLUMNS = `
  cm.id AS "moduleId", ph.id AS "phaseId", ph.title AS "phaseTitle", ph.description AS "phaseDescription",
  cm.title, cm.summary, cm.kind, cm.completion_method AS "completionMethod", cm.required,
  cm.estimated_hours::text AS "estimatedHours",
  ${dayAsNoonUtc('w.opens_on')} AS "opensOn", ${dayAsNoonUtc('w.due_on')} AS "dueOn",
  coalesce(w.opens_on > ${CITY_TODAY}, false) AS "notOpenYet",
  coalesce(w.due_on < ${CITY_TODAY}, false) AND coalesce(p.status, 'not_started') <> 'approved' AS overdue,
  coalesce(p.status, 'not_started') AS status,
  coalesce((
    SELECT json_agg(pre.title ORDER BY pre.title)
      FROM module_prerequisite mp
      JOIN curriculum_module pre ON pre.id = mp.prerequisite_id
      LEFT JOIN module_progress pp ON pp.cohort_id = c.id AND pp.teacher_id = $2 AND pp.module_id = pre.id
     WHERE mp.module_id = cm.id AND pp.status IS DISTINCT FROM 'approved'
  ), '[]') AS "missingPrerequisites"`;

const PATH_MODULE_FROM = `
  FROM cohort c
  JOIN municipality mu ON mu.id = c.municipality_id
  JOIN curriculum_module cm ON cm.programme_id = c.programme_id
  JOIN programme_phase ph ON ph.id = cm.phase_id
  LEFT JOIN module_window w ON w.cohort_id = c.id AND w.module_id = cm.id
  LEFT JOIN module_progress p ON p.cohort_id = c.id AND p.module_id = cm.id AND p.teacher_id = $2`;

/**
 * The actor leads this mentor group and is still an active mentor of its cohort: withdrawing a
 * mentor keeps the group (and its history) but ends their reach over its teachers' work.
 */
export const leadsGroup = (group: string, actor: string) =>
  `(${group}.mentor_id = ${actor} AND EXISTS (SELECT 1 FROM cohort_member lead
     WHERE lead.cohort_id = ${group}.cohort_id AND lead.user_id = ${actor} AND lead.role = 'mentor' AND lead.status = 'active'))`;

@Injectable()
export class ProgressRepository {
  constructor(private readonly sql: Sql) {}

  /** The cohorts in which this person is a teacher, newest first. */
  async findTeacherCohorts(userId: string): Promise<TeacherCohort[]> {
    return this.sql.query(
      `SELECT c.id AS "cohortId", c.name AS "cohortName", p.title AS "programmeTitle", mem.status AS "memberStatus", c.municipality_id AS "municipalityId"
         FROM cohort_member mem
         JOIN cohort c ON c.id = mem.cohort_id
         JOIN programme p ON p.id = c.programme_id
        WHERE mem.user_id = $1 AND mem.role = 'teacher'
        ORDER BY c.archived, c.starts_on DESC, c.name, c.id`,
      [userId],
    );
  }

  /** Every module of the cohort's programme with this teacher's status, window and unmet prerequisites. */
  async findPathModules(cohortId: string, teacherId: string): Promise<PathModule[]> {
    return this.sql.query(
      `SELECT ${PATH_MODULE_COLUMNS} ${PATH_MODULE_FROM}
        WHERE c.id = $1
        ORDER BY ph.position, cm.position`,
      [cohortId, teacherId],
    );
  }

  async findModuleDetail(cohortId: string, teacherId: string, moduleId: string): Promise<ModuleDetail | undefined> {
    const rows = await this.sql.query(
      `SELECT ${PATH_MODULE_COLUMNS},
              cm.body_md AS "bodyMd", cm.learning_objectives AS "learningObjectives", cm.reflection_prompt AS "reflectionPrompt",
              p.id AS "progressId", p.submission_text AS "submissionText", p.submission_file_name AS "submissionFileName",
              p.submission_file_size AS "submissionFileSize", p.mentor_comment AS "mentorComment"
         ${PATH_MODULE_FROM}
        WHERE c.id = $1 AND cm.id = $3`,
      [cohortId, teacherId, moduleId],
    );
    return rows[0];
  }

  async findHistory(progressId: string): Promise<ProgressHistoryEntry[]> {
    return this.sql.query(
      `SELECT e.from_status AS "fromStatus", e.to_status AS "toStatus", u.display_name AS "actorName", e.comment, e.occurred_at AS "occurredAt"
         FROM progress_event e
         LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE e.progress_id = $1
        ORDER BY e.occurred_at DESC, e.id DESC`,
      [progressId],
    );
  }

  /**
   * The progress row of a teacher on a module, created (as not started) if absent and locked
   * FOR UPDATE, so two transitions on it run one after the other. Call inside a transaction: if
   * the transition is then refused, the rollback removes a row created here.
   */
  async lockProgressRow(m: Sql, cohortId: string, teacherId: string, moduleId: string): Promise<LockedProgress> {
    await m.query(
      `INSERT INTO module_progress (cohort_id, teacher_id, module_id) VALUES ($1, $2, $3)
       ON CONFLICT (cohort_id, teacher_id, module_id) DO NOTHING`,
      [cohortId, teacherId, moduleId],
    );
    const rows = await m.query(
      `SELECT id, status, cohort_id AS "cohortId", module_id AS "moduleId", teacher_id AS "teacherId"
         FROM module_progress WHERE cohort_id = $1 AND teacher_id = $2 AND module_id = $3 FOR UPDATE`,
      [cohortId, teacherId, moduleId],
    );
    return rows[0];
  }

  async lockProgressById(m: Sql, progressId: string): Promise<LockedProgress | undefined> {
    const rows = await m.query(
      `SELECT id, status, cohort_id AS "cohortId", module_id AS "moduleId", teacher_id AS "teacherId"
         FROM module_progress WHERE id = $1 FOR UPDATE`,
      [progressId],
    );
    return rows[0];
  }

  /** Moves a locked row to its new status, sets the fields that go with it, and writes the history event. */
  async applyTransition(
    m: Sql,
    row: LockedProgress,
    to: ProgressStatus,
    actorId: string,
    comment: string | null,
    changes: {
      submissionText?: string | null;
      file?: { key: string; name: string; type: string; size: number } | null;
      reviewed?: boolean;
      mentorComment?: string | null;
    },
  ): Promise<void> {
    await m.query(
      `UPDATE module_progress SET
         status = $2,
         started_at = CASE WHEN $2 = 'in_progress' THEN coalesce(started_at, now()) ELSE started_at END,
         submitted_at = CASE WHEN $2 = 'submitted' THEN now() ELSE submitted_at END,
         completed_at = CASE WHEN $2 = 'approved' THEN now() ELSE completed_at END,
         reviewed_at = CASE WHEN $3 THEN now() ELSE reviewed_at END,
         reviewed_by = CASE WHEN $3 THEN $4::uuid ELSE reviewed_by END,
         submission_text = CASE WHEN $5 THEN $6 ELSE submission_text END,
         submission_file_key = CASE WHEN $7 THEN $8 ELSE submission_file_key END,
         submission_file_name = CASE WHEN $7 THEN $9 ELSE submission_file_name END,
         submission_file_type = CASE WHEN $7 THEN $10 ELSE submission_file_type END,
         submission_file_size = CASE WHEN $7 THEN $11::int ELSE submission_file_size END,
         mentor_comment = CASE WHEN $12 THEN $13 ELSE mentor_comment END,
         updated_at = now()
       WHERE id = $1`,
      [
        row.id,
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
      ],
    );
    await m.query(`INSERT INTO progress_event (progress_id, from_status, to_status, actor_id, comment) VALUES ($1, $2, $3, $4, $5)`, [
      row.id,
      row.status,
      to,
      actorId,
      comment,
    ]);
  }

  /** The file key a row held before a resubmission replaces it, to remove the old file afterwards. */
  async findFileKey(m: Sql, progressId: string): Promise<string | null> {
    const rows = await m.query('SELECT submission_file_key AS "key" FROM module_progress WHERE id = $1', [progressId]);
    return rows[0]?.key ?? null;
  }

  /**
   * A progress row that this person may review: a teacher whose mentor group they lead, or any
   * teacher of a cohort in a city whose department they administer; never their own.
   */
  /** A submission this person reviews as the teacher's (active) mentor; nobody else reads it. */
  async findReviewable(progressId: string, actorId: string): Promise<ReviewableProgress | undefined> {
    const rows = await this.sql.query(
      `SELECT p.id, p.cohort_id AS "cohortId", c.name AS "cohortName", p.module_id AS "moduleId", cm.title AS "moduleTitle",
              cm.completion_method AS "completionMethod", p.teacher_id AS "teacherId", u.display_name AS "teacherName",
              c.municipality_id AS "municipalityId", mem.status AS "memberStatus", p.status,
              p.submission_text AS "submissionText", p.submission_file_name AS "submissionFileName",
              p.submission_file_size AS "submissionFileSize", p.submitted_at AS "submittedAt", p.mentor_comment AS "mentorComment"
         FROM module_progress p
         JOIN cohort c ON c.id = p.cohort_id
         JOIN curriculum_module cm ON cm.id = p.module_id
         JOIN app_user u ON u.id = p.teacher_id
         JOIN cohort_member mem ON mem.cohort_id = p.cohort_id AND mem.user_id = p.teacher_id AND mem.role = 'teacher'
         LEFT JOIN mentor_group g ON g.id = mem.mentor_group_id
        WHERE p.id = $1 AND p.teacher_id <> $2 AND ${leadsGroup('g', '$2')}`,
      [progressId, actorId],
    );
    return rows[0];
  }

  /** Submissions waiting for this person's review, oldest first. */
  async findReviewQueue(actorId: string, page: { size: number; offset: number }): Promise<{ items: ReviewQueueItem[]; total: number }> {
    const rows: (ReviewQueueItem & { total: number })[] = await this.sql.query(
      `SELECT p.id, u.display_name AS "teacherName", cm.title AS "moduleTitle", c.name AS "cohortName", p.submitted_at AS "submittedAt",
              p.submission_file_key IS NOT NULL AS "hasFile", count(*) OVER ()::int AS total
         FROM module_progress p
         JOIN cohort c ON c.id = p.cohort_id
         JOIN curriculum_module cm ON cm.id = p.module_id
         JOIN app_user u ON u.id = p.teacher_id
         JOIN cohort_member mem ON mem.cohort_id = p.cohort_id AND mem.user_id = p.teacher_id AND mem.role = 'teacher' AND mem.status = 'active'
         LEFT JOIN mentor_group g ON g.id = mem.mentor_group_id
        WHERE p.status = 'submitted' AND p.teacher_id <> $1 AND ${leadsGroup('g', '$1')}
        ORDER BY p.submitted_at, p.id
        LIMIT $2 OFFSET $3`,
      [actorId, page.size, page.offset],
    );
    return { items: rows.map(({ total: _total, ...item }) => item), total: rows[0]?.total ?? 0 };
  }

  /** Workshops (attendance modules) whose attendance this person may record, by due date. */
  async findAttendanceModules(
    actorId: string,
    adminMunicipalityIds: string[],
  ): Promise<{ cohortId: string; cohortName: string; moduleId: string; moduleTitle: string; dueOn: string | null }[]> {
    return this.sql.query(
      `SELECT c.id AS "cohortId", c.name AS "cohortName", cm.id AS "moduleId", cm.title AS "moduleTitle", ${dayAsNoonUtc('w.due_on')} AS "dueOn"
         FROM cohort c
         JOIN curriculum_module cm ON cm.programme_id = c.programme_id AND cm.completion_method = 'attendance'
         LEFT JOIN module_window w ON w.cohort_id = c.id AND w.module_id = cm.id
        WHERE NOT c.archived
          AND (c.municipality_id = ANY($2::uuid[]) OR EXISTS (SELECT 1 FROM mentor_group g WHERE g.cohort_id = c.id AND ${leadsGroup('g', '$1')}))
        ORDER BY w.due_on NULLS LAST, cm.title
        LIMIT 100`,
      [actorId, adminMunicipalityIds],
    );
  }

  /** An attendance module of the cohort, if this person may record its attendance. */
  async findAttendanceModule(
    cohortId: string,
    moduleId: string,
    actorId: string,
    adminMunicipalityIds: string[],
  ): Promise<{ cohortName: string; municipalityId: string; moduleTitle: string; completionMethod: CompletionMethod; isAdmin: boolean } | undefined> {
    const rows = await this.sql.query(
      `SELECT c.name AS "cohortName", c.municipality_id AS "municipalityId", cm.title AS "moduleTitle", cm.completion_method AS "completionMethod",
              c.municipality_id = ANY($4::uuid[]) AS "isAdmin"
         FROM cohort c
         JOIN curriculum_module cm ON cm.programme_id = c.programme_id AND cm.id = $2
        WHERE c.id = $1
          AND (c.municipality_id = ANY($4::uuid[]) OR EXISTS (SELECT 1 FROM mentor_group g WHERE g.cohort_id = c.id AND ${leadsGroup('g', '$3')}))`,
      [cohortId, moduleId, actorId, adminMunicipalityIds],
    );
    return rows[0];
  }

  /** The teachers of the cohort whose attendance this person may record, with their status on the module. */
  async findAttendanceRoster(
    cohortId: string,
    moduleId: string,
    actorId: string,
    isAdmin: boolean,
  ): Promise<{ teacherId: string; name: string; status: ProgressStatus; memberStatus: string }[]> {
    return this.sql.query(
      `SELECT mem.user_id AS "teacherId", u.display_name AS name, coalesce(p.status, 'not_started') AS status, mem.status AS "memberStatus"
         FROM cohort_member mem
         JOIN app_user u ON u.id = mem.user_id
         LEFT JOIN mentor_group g ON g.id = mem.mentor_group_id
         LEFT JOIN module_progress p ON p.cohort_id = mem.cohort_id AND p.teacher_id = mem.user_id AND p.module_id = $2
        WHERE mem.cohort_id = $1 AND mem.role = 'teacher' AND mem.user_id <> $3 AND ($4 OR g.mentor_id = $3)
        ORDER BY u.display_name, u.id`,
      [cohortId, moduleId, actorId, isAdmin],
    );
  }

  /** A stored submission file, if this person may read it: its teacher, their mentor, or a department admin of the city (who may review it). */
  /** A submitted file, for its teacher or their (active) mentor only. */
  async findReadableFile(progressId: string, actorId: string): Promise<StoredFile | undefined> {
    const rows = await this.sql.query(
      `SELECT p.id AS "progressId", p.teacher_id AS "teacherId", p.cohort_id AS "cohortId", p.submission_file_key AS "fileKey",
              p.submission_file_name AS "fileName", p.submission_file_type AS "fileType", p.submission_file_size AS "fileSize"
         FROM module_progress p
         JOIN cohort_member mem ON mem.cohort_id = p.cohort_id AND mem.user_id = p.teacher_id AND mem.role = 'teacher'
         LEFT JOIN mentor_group g ON g.id = mem.mentor_group_id
        WHERE p.id = $1 AND p.submission_file_key IS NOT NULL
          AND (p.teacher_id = $2 OR ${leadsGroup('g', '$2')})`,
      [progressId, actorId],
    );
    return rows[0];
  }
}
