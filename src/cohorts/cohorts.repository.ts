import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import type { Actor } from '../auth/actor.js';
import type { PageRequest } from '../common/pagination.js';
import type { MemberEventAction, MemberRole, MemberStatus } from './cohort-member.types.js';
import { cohortScope, type CohortScope } from './cohorts.policy.js';

export interface CohortRecord {
  id: string;
  municipalityId: string;
  municipalityNameEn: string;
  municipalityNameHe: string;
  municipalityNameAr: string;
  timeZone: string;
  programmeId: string;
  programmeTitle: string;
  name: string;
  /** Calendar days as 'YYYY-MM-DD'. */
  startsOn: string;
  endsOn: string;
  archived: boolean;
}

export interface WindowRow {
  moduleId: string;
  title: string;
  phaseTitle: string;
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

const COHORT_COLUMNS = `c.id, c.municipality_id AS "municipalityId", m.name_en AS "municipalityNameEn", m.name_he AS "municipalityNameHe", m.name_ar AS "municipalityNameAr",
  m.time_zone AS "timeZone", c.programme_id AS "programmeId", p.title AS "programmeTitle", c.name,
  to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn", c.archived`;

/** A LIKE pattern matching the text anywhere, with LIKE's own wildcards taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Every query about cohorts, their windows, members and mentor groups. */
@Injectable()
export class CohortsRepository {
  constructor(private readonly sql: Sql) {}

  transaction<T>(work: (m: Sql) => Promise<T>): Promise<T> {
    return this.sql.transaction(work);
  }

  /**
   * The cohort if this person manages it (network admins: any; department admins: their
   * cities'), undefined otherwise, so another city's cohort is a 404. Shared with the progress feature.
   */
  async findCohortForActor(actor: Actor, id: string): Promise<CohortRecord | undefined> {
    return this.findCohortInScope(cohortScope(actor), id);
  }

  async findCohortInScope(scope: CohortScope, id: string): Promise<CohortRecord | undefined> {
    const rows = await this.sql.query(
      `SELECT ${COHORT_COLUMNS}
         FROM cohort c JOIN municipality m ON m.id = c.municipality_id JOIN programme p ON p.id = c.programme_id
        WHERE c.id = $3 AND ($1::boolean OR c.municipality_id = ANY($2::uuid[]))`,
      [scope.all, scope.municipalityIds, id],
    );
    return rows[0];
  }

  async insertCohort(
    m: Sql,
    fields: { municipalityId: string; programmeId: string; name: string; startsOn: string; endsOn: string; createdBy: string },
  ): Promise<string> {
    const rows = await m.query(
      `INSERT INTO cohort (municipality_id, programme_id, name, starts_on, ends_on, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [fields.municipalityId, fields.programmeId, fields.name, fields.startsOn, fields.endsOn, fields.createdBy],
    );
    return rows[0].id;
  }

  /** One window per module of the programme: opens and due counted in days from the cohort's start. */
  async insertWindowsFromOffsets(m: Sql, cohortId: string): Promise<number> {
    const rows = await m.query(
      `INSERT INTO module_window (cohort_id, module_id, opens_on, due_on)
       SELECT c.id, cm.id, c.starts_on + cm.opens_offset_days, c.starts_on + cm.due_offset_days
         FROM cohort c JOIN curriculum_module cm ON cm.programme_id = c.programme_id
        WHERE c.id = $1
       ON CONFLICT DO NOTHING RETURNING module_id`,
      [cohortId],
    );
    return rows.length;
  }

  async updateCohort(id: string, fields: { name: string; startsOn: string; endsOn: string }): Promise<void> {
    await this.sql.query('UPDATE cohort SET name = $2, starts_on = $3, ends_on = $4, updated_at = now() WHERE id = $1', [
      id,
      fields.name,
      fields.startsOn,
      fields.endsOn,
    ]);
  }

  /** Every module of the cohort's programme in path order with its window (from offsets if none was saved). */
  async findWindows(cohortId: string): Promise<WindowRow[]> {
    return this.sql.query(
      `SELECT cm.id AS "moduleId", cm.title, ph.title AS "phaseTitle",
              to_char(coalesce(w.opens_on, c.starts_on + cm.opens_offset_days), 'YYYY-MM-DD') AS "opensOn",
              to_char(coalesce(w.due_on, c.starts_on + cm.due_offset_days), 'YYYY-MM-DD') AS "dueOn"
         FROM cohort c
         JOIN curriculum_module cm ON cm.programme_id = c.programme_id
         JOIN programme_phase ph ON ph.id = cm.phase_id
         LEFT JOIN module_window w ON w.cohort_id = c.id AND w.module_id = cm.id
        WHERE c.id = $1
        ORDER BY ph.position, cm.position, cm.id`,
      [cohortId],
    );
  }

  async saveWindows(m: Sql, cohortId: string, windows: { moduleId: string; opensOn: string; dueOn: string }[]): Promise<void> {
    await m.query(
      `INSERT INTO module_window (cohort_id, module_id, opens_on, due_on)
       SELECT $1, w.module_id, w.opens_on, w.due_on
         FROM unnest($2::uuid[], $3::date[], $4::date[]) AS w(module_id, opens_on, due_on)
       ON CONFLICT (cohort_id, module_id) DO UPDATE SET opens_on = EXCLUDED.opens_on, due_on = EXCLUDED.due_on`,
      [cohortId, windows.map((w) => w.moduleId), windows.map((w) => w.opensOn), windows.map((w) => w.dueOn)],
    );
  }

  async findMembers(cohortId: string, filters: MemberFilters, page: PageRequest): Promise<{ rows: MemberRow[]; total: number }> {
    const rows = await this.sql.query(
      `SELECT cmb.id, cmb.user_id AS "userId", u.display_name AS "displayName", u.email, s.name AS "schoolName", cmb.role, cmb.status,
              cmb.mentor_group_id AS "groupId", g.name AS "groupName", cmb.joined_at AS "joinedAt", cmb.withdrawn_at AS "withdrawnAt",
              count(*) OVER ()::int AS total
         FROM cohort_member cmb
         JOIN app_user u ON u.id = cmb.user_id
         LEFT JOIN school s ON s.id = u.school_id
         LEFT JOIN mentor_group g ON g.id = cmb.mentor_group_id
        WHERE cmb.cohort_id = $1
          AND ($2::text IS NULL OR u.display_name ILIKE $2 OR u.email ILIKE $2 OR s.name ILIKE $2)
          AND ($3::text IS NULL OR cmb.role = $3)
          AND ($4::text IS NULL OR cmb.status = $4)
        ORDER BY cmb.role DESC, u.display_name, cmb.id
        LIMIT $5 OFFSET $6`,
      [cohortId, filters.q ? containing(filters.q) : null, filters.role ?? null, filters.status ?? null, page.size, page.offset],
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  async findMember(cohortId: string, memberId: string): Promise<MemberRow | undefined> {
    const rows = await this.sql.query(
      `SELECT cmb.id, cmb.user_id AS "userId", u.display_name AS "displayName", u.email, s.name AS "schoolName", cmb.role, cmb.status,
              cmb.mentor_group_id AS "groupId", g.name AS "groupName", cmb.joined_at AS "joinedAt", cmb.withdrawn_at AS "withdrawnAt"
         FROM cohort_member cmb
         JOIN app_user u ON u.id = cmb.user_id
         LEFT JOIN school s ON s.id = u.school_id
         LEFT JOIN mentor_group g ON g.id = cmb.mentor_group_id
        WHERE cmb.cohort_id = $1 AND cmb.id = $2`,
      [cohortId, memberId],
    );
    return rows[0];
  }

  /** Row lock on a membership, so two admins withdrawing and re-admitting at once do not interleave. */
  async lockMember(m: Sql, memberId: string): Promise<MemberStatus | undefined> {
    const rows = await m.query('SELECT status FROM cohort_member WHERE id = $1 FOR UPDATE', [memberId]);
    return rows[0]?.status;
  }

  async findMemberEvents(memberId: string): Promise<MemberEventRow[]> {
    return this.sql.query(
      `SELECT e.action, a.display_name AS "actorName", e.note, e.occurred_at AS "occurredAt"
         FROM cohort_member_event e LEFT JOIN app_user a ON a.id = e.actor_id
        WHERE e.cohort_member_id = $1 ORDER BY e.occurred_at DESC, e.id DESC`,
      [memberId],
    );
  }

  /** Active people of the city not yet in the cohort in this role. */
  async findCandidates(
    cohortId: string,
    municipalityId: string,
    role: MemberRole,
    q: string | undefined,
    page: PageRequest,
  ): Promise<{ rows: CandidateRow[]; total: number }> {
    const rows = await this.sql.query(
      `SELECT u.id, u.display_name AS "displayName", u.email, s.name AS "schoolName", count(*) OVER ()::int AS total
         FROM app_user u LEFT JOIN school s ON s.id = u.school_id
        WHERE u.municipality_id = $2 AND u.active
          AND NOT EXISTS (SELECT 1 FROM cohort_member cmb WHERE cmb.cohort_id = $1 AND cmb.user_id = u.id AND cmb.role = $3)
          AND ($4::text IS NULL OR u.display_name ILIKE $4 OR u.email ILIKE $4 OR s.name ILIKE $4)
        ORDER BY u.display_name, u.id
        LIMIT $5 OFFSET $6`,
      [cohortId, municipalityId, role, q ? containing(q) : null, page.size, page.offset],
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  /** Which of these ids are active people of the city. */
  async findActiveUsersOfCity(municipalityId: string, userIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.sql.query('SELECT id FROM app_user WHERE municipality_id = $1 AND active AND id = ANY($2::uuid[])', [
      municipalityId,
      userIds,
    ]);
    return rows.map((r) => r.id);
  }

  /**
   * Enrols people in one role, skipping anyone already enrolled in it; each new membership gets an
   * 'enrolled' event and the role, scoped to the cohort. Returns the new memberships.
   */
  async enrol(
    m: Sql,
    cohort: { id: string; municipalityId: string },
    userIds: string[],
    role: MemberRole,
    actorId: string,
    note: string | null = null,
  ): Promise<{ id: string; userId: string }[]> {
    if (userIds.length === 0) return [];
    const created: { id: string; userId: string }[] = await m.query(
      `INSERT INTO cohort_member (cohort_id, user_id, role) SELECT $1, unnest($2::uuid[]), $3
       ON CONFLICT (cohort_id, user_id, role) DO NOTHING RETURNING id, user_id AS "userId"`,
      [cohort.id, userIds, role],
    );
    if (created.length === 0) return created;
    await m.query(`INSERT INTO cohort_member_event (cohort_member_id, action, actor_id, note) SELECT unnest($1::uuid[]), 'enrolled', $2, $3`, [
      created.map((c) => c.id),
      actorId,
      note,
    ]);
    await m.query(
      `INSERT INTO role_grant (user_id, role, municipality_id, cohort_id, granted_by) SELECT unnest($1::uuid[]), $2, $3, $4, $5 ON CONFLICT DO NOTHING`,
      [created.map((c) => c.userId), role, cohort.municipalityId, cohort.id, actorId],
    );
    return created;
  }

  async setStatus(m: Sql, memberId: string, status: MemberStatus): Promise<void> {
    await m.query(`UPDATE cohort_member SET status = $2, withdrawn_at = CASE WHEN $2 = 'withdrawn' THEN now() ELSE NULL END WHERE id = $1`, [memberId, status]);
  }

  async recordEvent(m: Sql, memberId: string, action: MemberEventAction, actorId: string, note: string | null): Promise<void> {
    await m.query('INSERT INTO cohort_member_event (cohort_member_id, action, actor_id, note) VALUES ($1, $2, $3, $4)', [memberId, action, actorId, note]);
  }

  async grantCohortRole(m: Sql, userId: string, role: MemberRole, municipalityId: string, cohortId: string, actorId: string): Promise<void> {
    await m.query('INSERT INTO role_grant (user_id, role, municipality_id, cohort_id, granted_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
      userId,
      role,
      municipalityId,
      cohortId,
      actorId,
    ]);
  }

  async revokeCohortRole(m: Sql, userId: string, role: MemberRole, cohortId: string): Promise<void> {
    await m.query('DELETE FROM role_grant WHERE user_id = $1 AND role = $2 AND cohort_id = $3', [userId, role, cohortId]);
  }

  async findGroups(cohortId: string): Promise<GroupRow[]> {
    return this.sql.query(
      `SELECT g.id, g.name, g.mentor_id AS "mentorId", u.display_name AS "mentorName",
              (SELECT count(*)::int FROM cohort_member cmb WHERE cmb.mentor_group_id = g.id AND cmb.status = 'active') AS "teacherCount",
              EXISTS (SELECT 1 FROM cohort_member mm WHERE mm.cohort_id = g.cohort_id AND mm.user_id = g.mentor_id AND mm.role = 'mentor' AND mm.status = 'active') AS "mentorActive"
         FROM mentor_group g JOIN app_user u ON u.id = g.mentor_id
        WHERE g.cohort_id = $1 ORDER BY g.name, g.id`,
      [cohortId],
    );
  }

  async findGroup(cohortId: string, groupId: string): Promise<GroupRow | undefined> {
    const rows = await this.sql.query(
      `SELECT g.id, g.name, g.mentor_id AS "mentorId", u.display_name AS "mentorName", 0 AS "teacherCount",
              EXISTS (SELECT 1 FROM cohort_member mm WHERE mm.cohort_id = g.cohort_id AND mm.user_id = g.mentor_id AND mm.role = 'mentor' AND mm.status = 'active') AS "mentorActive"
         FROM mentor_group g JOIN app_user u ON u.id = g.mentor_id WHERE g.cohort_id = $1 AND g.id = $2`,
      [cohortId, groupId],
    );
    return rows[0];
  }

  /** Mentors taking part (active) in the cohort, the only ones who may lead a group there. */
  async findActiveMentors(cohortId: string): Promise<{ userId: string; displayName: string }[]> {
    return this.sql.query(
      `SELECT u.id AS "userId", u.display_name AS "displayName" FROM cohort_member cmb JOIN app_user u ON u.id = cmb.user_id
        WHERE cmb.cohort_id = $1 AND cmb.role = 'mentor' AND cmb.status = 'active' ORDER BY u.display_name, u.id`,
      [cohortId],
    );
  }

  async insertGroup(m: Sql, cohortId: string, mentorId: string, name: string): Promise<string> {
    const rows = await m.query('INSERT INTO mentor_group (cohort_id, mentor_id, name) VALUES ($1, $2, $3) RETURNING id', [cohortId, mentorId, name]);
    return rows[0].id;
  }

  /** Puts a teacher in a group (or none); the membership's one group column keeps a teacher in at most one. */
  async assignGroup(m: Sql, memberId: string, groupId: string | null): Promise<void> {
    await m.query('UPDATE cohort_member SET mentor_group_id = $2 WHERE id = $1', [memberId, groupId]);
  }

  // Roster import

  async findSchoolIdsByName(municipalityId: string): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.sql.query('SELECT id, name FROM school WHERE municipality_id = $1 AND active', [municipalityId]);
    return new Map(rows.map((r) => [r.name.trim().toLowerCase(), r.id]));
  }

  async findUsersByEmail(m: Sql, emails: string[]): Promise<{ id: string; email: string; municipalityId: string | null; active: boolean }[]> {
    return m.query('SELECT id, email, municipality_id AS "municipalityId", active FROM app_user WHERE email = ANY($1::text[])', [emails]);
  }

  /** New people from a roster: no password yet (they set one through "forgot password"). */
  async insertUsers(
    m: Sql,
    municipalityId: string,
    people: { email: string; displayName: string; schoolId: string }[],
  ): Promise<{ id: string; email: string }[]> {
    if (people.length === 0) return [];
    return m.query(
      `INSERT INTO app_user (email, display_name, municipality_id, school_id)
       SELECT unnest($2::text[]), unnest($3::text[]), $1, unnest($4::uuid[]) RETURNING id, email`,
      [municipalityId, people.map((p) => p.email), people.map((p) => p.displayName), people.map((p) => p.schoolId)],
    );
  }
}
