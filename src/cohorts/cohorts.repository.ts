import { Injectable } from '@nestjs/common';
import type { Language } from '../common/i18n/language.js';
import type { PageRequest } from '../common/pagination.js';
import { Sql, sqlStatement } from '../database/sql.js';
import { municipalityNameSql } from '../municipalities/municipality-name.js';
import { type MunicipalityScope, scopeParam } from '../municipalities/municipality-scope.js';
import { localizedText } from '../programmes/localized-text.js';
import type { MemberEventAction, MemberRole, MemberStatus } from './cohort-member.types.js';

export interface CohortRecord {
  id: string;
  name: string;
  municipalityId: string;
  /** The city's name in the reader's language. */
  cityName: string;
  programmeId: string;
  /** In the reader's language when translated, else as written. */
  programmeTitle: string;
  programmeTitleLanguage: Language;
  /** Calendar days as 'YYYY-MM-DD'. */
  startsOn: string;
  endsOn: string;
  archived: boolean;
}

export interface WindowRow {
  moduleId: string;
  title: string;
  textLanguage: Language;
  phaseTitle: string;
  phaseTitleLanguage: Language;
  opensOn: string;
  dueOn: string;
}

export interface MemberRow {
  id: string;
  userId: string;
  displayName: string;
  email: string;
  schoolName: string | null;
  role: MemberRole;
  status: MemberStatus;
  groupId: string | null;
  groupName: string | null;
  joinedAt: Date;
  withdrawnAt: Date | null;
}

export interface MemberFilters {
  q?: string;
  role?: MemberRole;
  status?: MemberStatus;
}

export interface MemberEventRow {
  action: MemberEventAction;
  actorName: string | null;
  note: string | null;
  occurredAt: Date;
}

export interface GroupRow {
  id: string;
  name: string;
  mentorId: string;
  mentorName: string;
  teacherCount: number;
  /** False once the group's mentor is withdrawn from the cohort: no new teachers go there. */
  mentorActive: boolean;
}

export interface CandidateRow {
  id: string;
  displayName: string;
  email: string;
  schoolName: string | null;
}

export interface Enrolment {
  userId: string;
  role: MemberRole;
}

export interface RosterPerson {
  id: string;
  email: string;
  municipalityId: string | null;
  active: boolean;
}

const cohortProgramme = localizedText('programme', 'p', '$3');
const COHORT_IN_SCOPE = sqlStatement(
  'cohorts.inScope',
  `SELECT c.id, c.name, c.municipality_id AS "municipalityId", ${municipalityNameSql('mu', '$3')} AS "cityName",
          c.programme_id AS "programmeId", ${cohortProgramme.text('title')} AS "programmeTitle", ${cohortProgramme.language} AS "programmeTitleLanguage",
          to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn", c.archived
     FROM cohort c
     JOIN municipality mu ON mu.id = c.municipality_id
     JOIN programme p ON p.id = c.programme_id
     ${cohortProgramme.join}
    WHERE c.id = $1 AND ($2::uuid[] IS NULL OR c.municipality_id = ANY($2::uuid[]))`,
);

const INSERT_COHORT = sqlStatement(
  'cohorts.insert',
  `INSERT INTO cohort (municipality_id, programme_id, name, starts_on, ends_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
);

const INSERT_WINDOWS_FROM_OFFSETS = sqlStatement(
  'cohorts.insertWindowsFromOffsets',
  `INSERT INTO module_window (cohort_id, module_id, opens_on, due_on)
   SELECT c.id, cm.id, c.starts_on + cm.opens_offset_days, c.starts_on + cm.due_offset_days
     FROM cohort c JOIN curriculum_module cm ON cm.programme_id = c.programme_id
    WHERE c.id = $1
   ON CONFLICT DO NOTHING`,
);

const UPDATE_COHORT = sqlStatement('cohorts.update', 'UPDATE cohort SET name = $2, starts_on = $3, ends_on = $4, updated_at = now() WHERE id = $1');

const windowModule = localizedText('module', 'cm', '$2');
const windowPhase = localizedText('phase', 'ph', '$2');
const WINDOWS = sqlStatement(
  'cohorts.windows',
  `SELECT cm.id AS "moduleId", ${windowModule.text('title')} AS title, ${windowModule.language} AS "textLanguage",
          ${windowPhase.text('title')} AS "phaseTitle", ${windowPhase.language} AS "phaseTitleLanguage",
          to_char(coalesce(w.opens_on, c.starts_on + cm.opens_offset_days), 'YYYY-MM-DD') AS "opensOn",
          to_char(coalesce(w.due_on, c.starts_on + cm.due_offset_days), 'YYYY-MM-DD') AS "dueOn"
     FROM cohort c
     JOIN curriculum_module cm ON cm.programme_id = c.programme_id
     JOIN programme_phase ph ON ph.id = cm.phase_id
     ${windowModule.join}
     ${windowPhase.join}
     LEFT JOIN module_window w ON w.cohort_id = c.id AND w.module_id = cm.id
    WHERE c.id = $1
    ORDER BY ph.position, cm.position, cm.id`,
);

const SAVE_WINDOWS = sqlStatement(
  'cohorts.saveWindows',
  `INSERT INTO module_window (cohort_id, module_id, opens_on, due_on)
   SELECT $1, w.module_id, w.opens_on, w.due_on
     FROM unnest($2::uuid[], $3::date[], $4::date[]) AS w(module_id, opens_on, due_on)
   ON CONFLICT (cohort_id, module_id) DO UPDATE SET opens_on = EXCLUDED.opens_on, due_on = EXCLUDED.due_on`,
);

const MEMBER_COLUMNS = `cmb.id, cmb.user_id AS "userId", u.display_name AS "displayName", u.email, s.name AS "schoolName", cmb.role, cmb.status,
          cmb.mentor_group_id AS "groupId", g.name AS "groupName", cmb.joined_at AS "joinedAt", cmb.withdrawn_at AS "withdrawnAt"`;

const MEMBER_JOINS = `FROM cohort_member cmb
     JOIN app_user u ON u.id = cmb.user_id
     LEFT JOIN school s ON s.id = u.school_id
     LEFT JOIN mentor_group g ON g.id = cmb.mentor_group_id`;

const MEMBERS_PAGE = sqlStatement(
  'cohorts.membersPage',
  `SELECT ${MEMBER_COLUMNS}, count(*) OVER ()::int AS total
     ${MEMBER_JOINS}
    WHERE cmb.cohort_id = $1
      AND ($2::text IS NULL OR u.display_name ILIKE $2 OR u.email ILIKE $2 OR s.name ILIKE $2)
      AND ($3::text IS NULL OR cmb.role = $3)
      AND ($4::text IS NULL OR cmb.status = $4)
    ORDER BY cmb.role DESC, u.display_name, cmb.id
    LIMIT $5 OFFSET $6`,
);

const MEMBER = sqlStatement(
  'cohorts.member',
  `SELECT ${MEMBER_COLUMNS}
     ${MEMBER_JOINS}
    WHERE cmb.cohort_id = $1 AND cmb.id = $2`,
);

const MEMBERS_BY_IDS = sqlStatement(
  'cohorts.membersByIds',
  `SELECT ${MEMBER_COLUMNS}
     ${MEMBER_JOINS}
    WHERE cmb.cohort_id = $1 AND cmb.id = ANY($2::uuid[])`,
);

/** Row locks on several memberships, always in the same order, so two bulk saves cannot deadlock. */
const LOCK_MEMBERS = sqlStatement('cohorts.lockMembers', 'SELECT id FROM cohort_member WHERE cohort_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE');

const LOCK_MEMBER = sqlStatement('cohorts.lockMember', 'SELECT status FROM cohort_member WHERE id = $1 FOR UPDATE');

const MEMBER_EVENTS = sqlStatement(
  'cohorts.memberEvents',
  `SELECT e.action, a.display_name AS "actorName", e.note, e.occurred_at AS "occurredAt"
     FROM cohort_member_event e LEFT JOIN app_user a ON a.id = e.actor_id
    WHERE e.cohort_member_id = $1 ORDER BY e.occurred_at DESC, e.id DESC`,
);

/**
 * Who is never offered, nor accepted, as a teacher of the cohort: its mentors, the city's mentors
 * and its administrators (the admin enrolling does not make herself a teacher either).
 */
const NOT_A_TEACHER = (user: string, cohort: string) => `EXISTS (SELECT 1 FROM cohort_member mm WHERE mm.cohort_id = ${cohort} AND mm.user_id = ${user}.id AND mm.role = 'mentor')
      OR EXISTS (SELECT 1 FROM role_grant rg WHERE rg.user_id = ${user}.id
                    AND (rg.role IN ('department_admin', 'network_admin') OR (rg.role = 'mentor' AND rg.cohort_id IS NULL)))`;

const CANDIDATES_PAGE = sqlStatement(
  'cohorts.candidatesPage',
  `SELECT u.id, u.display_name AS "displayName", u.email, s.name AS "schoolName", count(*) OVER ()::int AS total
     FROM app_user u LEFT JOIN school s ON s.id = u.school_id
    WHERE u.municipality_id = $2 AND u.active
      AND NOT EXISTS (SELECT 1 FROM cohort_member cmb WHERE cmb.cohort_id = $1 AND cmb.user_id = u.id AND cmb.role = $3)
      AND ($4::text IS NULL OR u.display_name ILIKE $4 OR u.email ILIKE $4 OR s.name ILIKE $4)
      AND ($7::uuid IS NULL OR u.id <> $7)
      AND ($8::uuid IS NULL OR u.school_id = $8)
      AND ($3 <> 'teacher' OR NOT (${NOT_A_TEACHER('u', '$1')}))
    ORDER BY u.display_name, u.id
    LIMIT $5 OFFSET $6`,
);

const NOT_TEACHERS = sqlStatement(
  'cohorts.notTeachers',
  `SELECT u.id FROM app_user u WHERE u.id = ANY($2::uuid[]) AND (${NOT_A_TEACHER('u', '$1')})`,
);

const SCHOOLS_FOR_PICKER = sqlStatement('cohorts.schoolsForPicker', 'SELECT id, name FROM school WHERE municipality_id = $1 AND active ORDER BY name, id');

const ACTIVE_USERS_OF_CITY = sqlStatement(
  'cohorts.activeUsersOfCity',
  'SELECT id FROM app_user WHERE municipality_id = $1 AND active AND id = ANY($2::uuid[])',
);

/** The memberships, their 'enrolled' events and the cohort-scoped role grants, in one statement. */
const ENROL = sqlStatement(
  'cohorts.enrol',
  `WITH created AS (
     INSERT INTO cohort_member (cohort_id, user_id, role)
     SELECT $1::uuid, e.user_id, e.role FROM unnest($2::uuid[], $3::text[]) AS e(user_id, role)
     ON CONFLICT (cohort_id, user_id, role) DO NOTHING
     RETURNING id, user_id, role
   ), events AS (
     INSERT INTO cohort_member_event (cohort_member_id, action, actor_id, note)
     SELECT id, 'enrolled', $5::uuid, $6::text FROM created
   ), grants AS (
     INSERT INTO role_grant (user_id, role, municipality_id, cohort_id, granted_by)
     SELECT user_id, role, $4::uuid, $1::uuid, $5::uuid FROM created
     ON CONFLICT DO NOTHING
   )
   SELECT id, user_id AS "userId" FROM created`,
);

const SET_STATUS = sqlStatement(
  'cohorts.setStatus',
  `UPDATE cohort_member SET status = $2, withdrawn_at = CASE WHEN $2 = 'withdrawn' THEN now() ELSE NULL END WHERE id = $1`,
);

const RECORD_EVENT = sqlStatement('cohorts.recordEvent', 'INSERT INTO cohort_member_event (cohort_member_id, action, actor_id, note) VALUES ($1, $2, $3, $4)');

const GRANT_COHORT_ROLE = sqlStatement(
  'cohorts.grantCohortRole',
  'INSERT INTO role_grant (user_id, role, municipality_id, cohort_id, granted_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
);

const REVOKE_COHORT_ROLE = sqlStatement('cohorts.revokeCohortRole', 'DELETE FROM role_grant WHERE user_id = $1 AND role = $2 AND cohort_id = $3');

const MENTOR_ACTIVE = `EXISTS (SELECT 1 FROM cohort_member mm
                  WHERE mm.cohort_id = g.cohort_id AND mm.user_id = g.mentor_id AND mm.role = 'mentor' AND mm.status = 'active') AS "mentorActive"`;

const GROUPS = sqlStatement(
  'cohorts.groups',
  `SELECT g.id, g.name, g.mentor_id AS "mentorId", u.display_name AS "mentorName",
          (SELECT count(*)::int FROM cohort_member cmb WHERE cmb.mentor_group_id = g.id AND cmb.status = 'active') AS "teacherCount",
          ${MENTOR_ACTIVE}
     FROM mentor_group g JOIN app_user u ON u.id = g.mentor_id
    WHERE g.cohort_id = $1 ORDER BY g.name, g.id`,
);

const GROUP = sqlStatement(
  'cohorts.group',
  `SELECT g.id, g.name, g.mentor_id AS "mentorId", u.display_name AS "mentorName", 0 AS "teacherCount", ${MENTOR_ACTIVE}
     FROM mentor_group g JOIN app_user u ON u.id = g.mentor_id
    WHERE g.cohort_id = $1 AND g.id = $2`,
);

const ACTIVE_MENTORS = sqlStatement(
  'cohorts.activeMentors',
  `SELECT u.id AS "userId", u.display_name AS "displayName" FROM cohort_member cmb JOIN app_user u ON u.id = cmb.user_id
    WHERE cmb.cohort_id = $1 AND cmb.role = 'mentor' AND cmb.status = 'active' ORDER BY u.display_name, u.id`,
);

const INSERT_GROUP = sqlStatement('cohorts.insertGroup', 'INSERT INTO mentor_group (cohort_id, mentor_id, name) VALUES ($1, $2, $3) RETURNING id');

/** $3: the teacher's mentor of record changes with the move, so their mentor reads only what they hand in from now on. */
const ASSIGN_GROUP = sqlStatement(
  'cohorts.assignGroup',
  'UPDATE cohort_member SET mentor_group_id = $2, mentor_since = CASE WHEN $3 THEN now() ELSE mentor_since END WHERE id = $1',
);

/** Several teachers' groups in one statement; `changed`: that teacher's mentor of record changes, from now. */
const ASSIGN_GROUPS = sqlStatement(
  'cohorts.assignGroups',
  `UPDATE cohort_member cmb
      SET mentor_group_id = a.group_id, mentor_since = CASE WHEN a.changed THEN now() ELSE cmb.mentor_since END
     FROM unnest($2::uuid[], $3::uuid[], $4::boolean[]) AS a(id, group_id, changed)
    WHERE cmb.cohort_id = $1 AND cmb.id = a.id`,
);

const RECORD_GROUP_EVENTS = sqlStatement(
  'cohorts.recordGroupEvents',
  `INSERT INTO cohort_member_event (cohort_member_id, action, actor_id, note)
   SELECT e.member_id, 'group_changed', $1, e.note FROM unnest($2::uuid[], $3::text[]) AS e(member_id, note)`,
);

/** The teachers of a mentor's groups in a cohort, whose mentor of record comes or goes with that mentor's membership. */
const RESTART_MENTOR_OF_GROUPS = sqlStatement(
  'cohorts.restartMentorOfGroups',
  `UPDATE cohort_member cmb SET mentor_since = now()
     FROM mentor_group g
    WHERE g.cohort_id = $1 AND g.mentor_id = $2 AND cmb.mentor_group_id = g.id AND cmb.role = 'teacher'
   RETURNING cmb.user_id AS "teacherId", cmb.status`,
);

const SCHOOLS_OF_CITY = sqlStatement('cohorts.schoolsOfCity', 'SELECT id, name FROM school WHERE municipality_id = $1 AND active');

const USERS_BY_EMAIL = sqlStatement(
  'cohorts.usersByEmail',
  'SELECT id, email, municipality_id AS "municipalityId", active FROM app_user WHERE email = ANY($1::text[])',
);

const INSERT_USERS = sqlStatement(
  'cohorts.insertUsers',
  `INSERT INTO app_user (email, display_name, municipality_id, school_id)
   SELECT p.email, p.display_name, $1, p.school_id FROM unnest($2::text[], $3::text[], $4::uuid[]) AS p(email, display_name, school_id)
   RETURNING id, email`,
);

/** A LIKE pattern matching the text anywhere, with LIKE's own wildcards taken literally. */
function containing(text: string | undefined): string | null {
  return text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
}

/** Every query about cohorts, their windows, members and mentor groups. */
@Injectable()
export class CohortsRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * The cohort if it belongs to a city of the scope, undefined otherwise, so another city's cohort
   * is a 404: the one lookup of a cohort by id, for managing it and for its figures. The city is
   * named in `language` (a write that shows nothing passes none).
   */
  async findCohortInScope(scope: MunicipalityScope, id: string, language: Language | null): Promise<CohortRecord | undefined> {
    return this.sql.one<CohortRecord>(COHORT_IN_SCOPE, [id, scopeParam(scope), language]);
  }

  async insertCohort(fields: {
    municipalityId: string;
    programmeId: string;
    name: string;
    startsOn: string;
    endsOn: string;
    createdBy: string;
  }): Promise<string> {
    const row = await this.sql.one<{ id: string }>(INSERT_COHORT, [
      fields.municipalityId,
      fields.programmeId,
      fields.name,
      fields.startsOn,
      fields.endsOn,
      fields.createdBy,
    ]);
    return row!.id;
  }

  /** One window per module of the programme: opens and due counted in days from the cohort's start. Returns how many. */
  async insertWindowsFromOffsets(cohortId: string): Promise<number> {
    return this.sql.execute(INSERT_WINDOWS_FROM_OFFSETS, [cohortId]);
  }

  async updateCohort(id: string, fields: { name: string; startsOn: string; endsOn: string }): Promise<void> {
    await this.sql.execute(UPDATE_COHORT, [id, fields.name, fields.startsOn, fields.endsOn]);
  }

  /** Every module of the cohort's programme in path order with its window (from offsets if none was saved), named in `language`. */
  async findWindows(cohortId: string, language: Language | null): Promise<WindowRow[]> {
    return this.sql.query<WindowRow>(WINDOWS, [cohortId, language]);
  }

  async saveWindows(cohortId: string, windows: { moduleId: string; opensOn: string; dueOn: string }[]): Promise<void> {
    await this.sql.execute(SAVE_WINDOWS, [cohortId, windows.map((w) => w.moduleId), windows.map((w) => w.opensOn), windows.map((w) => w.dueOn)]);
  }

  async findMembers(cohortId: string, filters: MemberFilters, page: PageRequest): Promise<{ rows: MemberRow[]; total: number }> {
    const rows = await this.sql.query<MemberRow & { total: number }>(MEMBERS_PAGE, [
      cohortId,
      containing(filters.q),
      filters.role ?? null,
      filters.status ?? null,
      page.size,
      page.offset,
    ]);
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  async findMember(cohortId: string, memberId: string): Promise<MemberRow | undefined> {
    return this.sql.one<MemberRow>(MEMBER, [cohortId, memberId]);
  }

  /** These memberships of the cohort (those of another cohort are not found). */
  async findMembersByIds(cohortId: string, memberIds: string[]): Promise<MemberRow[]> {
    return this.sql.query<MemberRow>(MEMBERS_BY_IDS, [cohortId, memberIds]);
  }

  async lockMembers(cohortId: string, memberIds: string[]): Promise<void> {
    await this.sql.query(LOCK_MEMBERS, [cohortId, memberIds]);
  }

  /** Puts several teachers in groups (or none) at once, each with its 'group_changed' event (the note: the group's name). */
  async assignGroups(
    cohortId: string,
    actorId: string,
    moves: { memberId: string; groupId: string | null; mentorChanged: boolean; groupName: string | null }[],
  ): Promise<void> {
    if (moves.length === 0) return;
    await this.sql.execute(ASSIGN_GROUPS, [cohortId, moves.map((m) => m.memberId), moves.map((m) => m.groupId), moves.map((m) => m.mentorChanged)]);
    await this.sql.execute(RECORD_GROUP_EVENTS, [actorId, moves.map((m) => m.memberId), moves.map((m) => m.groupName)]);
  }

  /** Row lock on a membership, so two admins withdrawing and re-admitting at once do not interleave. */
  async lockMember(memberId: string): Promise<MemberStatus | undefined> {
    return (await this.sql.one<{ status: MemberStatus }>(LOCK_MEMBER, [memberId]))?.status;
  }

  async findMemberEvents(memberId: string): Promise<MemberEventRow[]> {
    return this.sql.query<MemberEventRow>(MEMBER_EVENTS, [memberId]);
  }

  /** Active people of the city not yet in the cohort in this role, but for one the page must not offer. */
  async findCandidates(
    cohortId: string,
    municipalityId: string,
    role: MemberRole,
    q: string | undefined,
    page: PageRequest,
    excludedUserId: string | null,
    schoolId: string | null = null,
  ): Promise<{ rows: CandidateRow[]; total: number }> {
    const rows = await this.sql.query<CandidateRow & { total: number }>(CANDIDATES_PAGE, [
      cohortId,
      municipalityId,
      role,
      containing(q),
      page.size,
      page.offset,
      excludedUserId,
      schoolId,
    ]);
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** Which of these people may not be the cohort's teachers (its mentors, the city's mentors and administrators). */
  async findNotTeachers(cohortId: string, userIds: string[]): Promise<string[]> {
    return (await this.sql.query<{ id: string }>(NOT_TEACHERS, [cohortId, userIds])).map((r) => r.id);
  }

  /** The city's active schools by name, for the member picker's filter. */
  async findSchoolsForPicker(municipalityId: string): Promise<{ id: string; name: string }[]> {
    return this.sql.query<{ id: string; name: string }>(SCHOOLS_FOR_PICKER, [municipalityId]);
  }

  /** Which of these ids are active people of the city. */
  async findActiveUsersOfCity(municipalityId: string, userIds: string[]): Promise<string[]> {
    return (await this.sql.query<{ id: string }>(ACTIVE_USERS_OF_CITY, [municipalityId, userIds])).map((r) => r.id);
  }

  /**
   * Enrols people, each in a role, skipping anyone already enrolled in it; each new membership gets
   * an 'enrolled' event and the role, scoped to the cohort. Returns the new memberships.
   */
  async enrol(
    cohort: { id: string; municipalityId: string },
    enrolments: Enrolment[],
    actorId: string,
    note: string | null = null,
  ): Promise<{ id: string; userId: string }[]> {
    if (enrolments.length === 0) return [];
    return this.sql.query<{ id: string; userId: string }>(ENROL, [
      cohort.id,
      enrolments.map((e) => e.userId),
      enrolments.map((e) => e.role),
      cohort.municipalityId,
      actorId,
      note,
    ]);
  }

  async setStatus(memberId: string, status: MemberStatus): Promise<void> {
    await this.sql.execute(SET_STATUS, [memberId, status]);
  }

  async recordEvent(memberId: string, action: MemberEventAction, actorId: string, note: string | null): Promise<void> {
    await this.sql.execute(RECORD_EVENT, [memberId, action, actorId, note]);
  }

  async grantCohortRole(userId: string, role: MemberRole, municipalityId: string, cohortId: string, actorId: string): Promise<void> {
    await this.sql.execute(GRANT_COHORT_ROLE, [userId, role, municipalityId, cohortId, actorId]);
  }

  async revokeCohortRole(userId: string, role: MemberRole, cohortId: string): Promise<void> {
    await this.sql.execute(REVOKE_COHORT_ROLE, [userId, role, cohortId]);
  }

  async findGroups(cohortId: string): Promise<GroupRow[]> {
    return this.sql.query<GroupRow>(GROUPS, [cohortId]);
  }

  async findGroup(cohortId: string, groupId: string): Promise<GroupRow | undefined> {
    return this.sql.one<GroupRow>(GROUP, [cohortId, groupId]);
  }

  /** Mentors taking part (active) in the cohort, the only ones who may lead a group there. */
  async findActiveMentors(cohortId: string): Promise<{ userId: string; displayName: string }[]> {
    return this.sql.query<{ userId: string; displayName: string }>(ACTIVE_MENTORS, [cohortId]);
  }

  async insertGroup(cohortId: string, mentorId: string, name: string): Promise<string> {
    return (await this.sql.one<{ id: string }>(INSERT_GROUP, [cohortId, mentorId, name]))!.id;
  }

  /**
   * Puts a teacher in a group (or none); the membership's one group column keeps a teacher in at
   * most one. `mentorChanged`: the move gives them another mentor of record (or none), from now.
   */
  async assignGroup(memberId: string, groupId: string | null, mentorChanged: boolean): Promise<void> {
    await this.sql.execute(ASSIGN_GROUP, [memberId, groupId, mentorChanged]);
  }

  /**
   * A mentor withdrawn from the cohort, or re-admitted to it: the teachers of their groups lose
   * or regain them as mentor of record from now. Returns those teachers.
   */
  async restartMentorOfGroups(cohortId: string, mentorId: string): Promise<{ teacherId: string; status: MemberStatus }[]> {
    return this.sql.query<{ teacherId: string; status: MemberStatus }>(RESTART_MENTOR_OF_GROUPS, [cohortId, mentorId]);
  }

  // Roster import

  /** The city's active schools by their name, trimmed and in lower case. */
  async findSchoolIdsByName(municipalityId: string): Promise<Map<string, string>> {
    const rows = await this.sql.query<{ id: string; name: string }>(SCHOOLS_OF_CITY, [municipalityId]);
    return new Map(rows.map((r) => [r.name.trim().toLowerCase(), r.id]));
  }

  async findUsersByEmail(emails: string[]): Promise<RosterPerson[]> {
    return this.sql.query<RosterPerson>(USERS_BY_EMAIL, [emails]);
  }

  /** New people from a roster: no password yet (they set one through "forgot password"). */
  async insertUsers(municipalityId: string, people: { email: string; displayName: string; schoolId: string }[]): Promise<{ id: string; email: string }[]> {
    if (people.length === 0) return [];
    return this.sql.query<{ id: string; email: string }>(INSERT_USERS, [
      municipalityId,
      people.map((p) => p.email),
      people.map((p) => p.displayName),
      people.map((p) => p.schoolId),
    ]);
  }
}
